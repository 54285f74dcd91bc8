"""``vigil actors``: the armed groups Vigil knows, so that users can filter by a name they know."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table

from services.extraction.actors import armed_groups


def cmd_actors(args: argparse.Namespace) -> int:
    groups = armed_groups(args.search)
    table = Table(title=f"{len(groups)} armed groups")
    for column in ("name", "parent", "region", "also written"):
        table.add_column(column, overflow="fold")
    for actor in groups:
        aliases = ", ".join(sorted(set(actor.aliases) - {actor.canonical}))
        table.add_row(actor.canonical, actor.parent or "", actor.region or "", aliases)
    Console().print(table)
    return 0 if groups else 1
