"""`vigil export`: every matching incident, streamed to stdout or a file in constant memory."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import TextIO

from rich.progress import Progress

from services.schema import Incident
from services.storage.db import session_scope
from services.storage.queries import count_incidents, iter_incidents
from vigil.commands.store import incident_filter
from vigil.errors import UserError, err, require_store
from vigil.export import export_chunks


def cmd_export(args: argparse.Namespace) -> int:
    require_store()
    filters = incident_filter(args)
    with ExitStack() as stack:
        out = stack.enter_context(_open_output(args.output)) if args.output else sys.stdout
        session = stack.enter_context(session_scope())
        incidents = iter_incidents(session, filters)
        if err.is_terminal:
            incidents = _with_progress(incidents, count_incidents(session, filters), stack)
        try:
            for chunk in export_chunks(args.format, incidents):
                out.write(chunk)
            out.flush()
        except BrokenPipeError:
            # The reader stopped early (`| head`): end quietly, and let no later flush of stdout fail.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    return 0


def _open_output(path: str) -> TextIO:
    try:
        # newline="": the CSV writer ends its rows with CRLF itself.
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UserError(f"{path}: cannot write the export: {exc.strerror}") from None


def _with_progress(incidents: Iterable[Incident], total: int, stack: ExitStack) -> Iterator[Incident]:
    """A bar on the terminal's stderr, so that it never mixes into the export."""
    progress = stack.enter_context(Progress(console=err, transient=True))
    bar = progress.add_task("exporting incidents", total=total)
    for incident in incidents:
        yield incident
        progress.advance(bar)
