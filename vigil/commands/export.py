"""`vigil export`: every matching incident, streamed to stdout or a file in constant memory."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import TextIO

from rich.progress import Progress

from services.schema import Incident
from services.storage.db import session_scope
from services.storage.queries import count_incidents, iter_incidents
from vigil.commands.store import incident_filter
from vigil.errors import err, require_store
from vigil.export import export_chunks


def cmd_export(args: argparse.Namespace) -> int:
    require_store()
    filters = incident_filter(args)
    with ExitStack() as stack:
        out: TextIO = sys.stdout
        if args.output:
            # newline="": the CSV writer ends its rows with CRLF itself.
            out = stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
        session = stack.enter_context(session_scope())
        incidents = iter_incidents(session, filters)
        if err.is_terminal:
            incidents = _with_progress(incidents, count_incidents(session, filters), stack)
        for chunk in export_chunks(args.format, incidents):
            out.write(chunk)
    return 0


def _with_progress(incidents: Iterable[Incident], total: int, stack: ExitStack) -> Iterator[Incident]:
    """A bar on the terminal's stderr, so that it never mixes into the export."""
    progress = stack.enter_context(Progress(console=err, transient=True))
    bar = progress.add_task("exporting incidents", total=total)
    for incident in incidents:
        yield incident
        progress.advance(bar)
