"""`vigil incidents` and `vigil migrate`: reading the store and creating its tables."""

from __future__ import annotations

import argparse

from services.storage.db import migrate, session_scope, shown_url
from services.storage.queries import all_incidents
from vigil.errors import require_store
from vigil.render import print_incidents


def cmd_incidents(args: argparse.Namespace) -> int:
    require_store()
    with session_scope() as session:
        print_incidents(all_incidents(session), args.format)
    return 0


def cmd_migrate(_: argparse.Namespace) -> int:
    migrate()
    print(f"{shown_url()}: at the newest migration")
    return 0
