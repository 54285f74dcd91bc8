"""The `vigil` command: run the pipeline, start workers, enqueue work, read the store.

Each command's module is imported only when that command runs, so `vigil --help` and
`vigil incidents` never load spaCy, trafilatura or Celery."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date

from services.exports import EXPORT_FORMATS
from vigil.errors import UserError, outage, print_error

# Exit status for a problem with the setup (no broker, an unmigrated store), not with the inputs.
SETUP_ERROR = 2
Command = Callable[[argparse.Namespace], int]


def _day(value: str) -> str:
    """``--published`` as the API takes it: an ISO 8601 date or date-time, kept as its day."""
    from vigil.inputs import iso_day

    try:
        return iso_day(value)  # type: ignore[return-value]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _interval(value: str) -> int:
    """``feeds add --interval`` within the bounds the API enforces."""
    from services.config import FEED_MAX_INTERVAL, FEED_MIN_INTERVAL

    try:
        seconds: int | None = int(value)
    except ValueError:
        seconds = None
    if seconds is None or not FEED_MIN_INTERVAL <= seconds <= FEED_MAX_INTERVAL:
        raise argparse.ArgumentTypeError(
            f"{value!r}: give whole seconds from {FEED_MIN_INTERVAL} to {FEED_MAX_INTERVAL}"
        )
    return seconds


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: give a day as YYYY-MM-DD") from None


def _country(value: str) -> str:
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise argparse.ArgumentTypeError(f"{value!r}: give an ISO 3166-1 alpha-2 code such as NG")
    return value.upper()


def _add_filters(parser: argparse.ArgumentParser) -> None:
    """The API's incident filters, for `incidents` and `export` alike."""
    from services.taxonomy import EVENT_TYPE_NAMES

    parser.add_argument("--since", type=_iso_date, metavar="DATE", help="incidents on or after this day")
    parser.add_argument("--until", type=_iso_date, metavar="DATE", help="incidents on or before this day")
    parser.add_argument("--country", type=_country, metavar="CC", help="ISO 3166-1 alpha-2 country code")
    parser.add_argument("--event-type", choices=EVENT_TYPE_NAMES)
    parser.add_argument(
        "--perpetrator", metavar="NAME", help="a group by any spelling, with its branches (see vigil actors)"
    )
    parser.add_argument("--min-killed", type=int, metavar="N", help="incidents with at least N killed")


def _add_inputs(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("inputs", nargs="*", metavar="PATH_OR_URL", help=what)
    parser.add_argument(
        "--jsonl", metavar="FILE", help="a file of JSON objects: id, text or html, url, published"
    )
    parser.add_argument(
        "--published",
        type=_day,
        metavar="DATE",
        help="publication day (ISO 8601) of the files and JSONL lines that carry none",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vigil", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress lines")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest files/URLs and print the incidents (embedded without a broker)")
    _add_inputs(run, "files, folders or URLs (default: ./seeds when it exists)")
    run.add_argument("--timeout", type=float, default=600, help="seconds to wait for the articles")
    run.set_defaults(func="vigil.commands.ingest:cmd_run")

    extract = sub.add_parser("extract", help="print extraction JSON for files/URLs without storing")
    _add_inputs(extract, "files, folders or URLs")
    extract.set_defaults(func="vigil.commands.extract:cmd_extract")

    enqueue = sub.add_parser("enqueue", help="queue files/URLs for the workers and return at once")
    _add_inputs(enqueue, "files, folders or URLs")
    enqueue.set_defaults(func="vigil.commands.ingest:cmd_enqueue")

    incidents = sub.add_parser("incidents", help="print stored incidents")
    incidents.add_argument("--format", choices=("table", "json", "csv"), default="table")
    _add_filters(incidents)
    incidents.set_defaults(func="vigil.commands.store:cmd_incidents")

    export = sub.add_parser("export", help="stream every matching incident, in a native, GTD or ACLED shape")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    export.add_argument("--output", metavar="FILE", help="write here instead of to stdout")
    _add_filters(export)
    export.set_defaults(func="vigil.commands.export:cmd_export")

    actors = sub.add_parser("actors", help="armed groups Vigil knows, with parents and other spellings")
    actors.add_argument("--search", metavar="TEXT", help="only groups whose name or a spelling contains TEXT")
    actors.set_defaults(func="vigil.commands.actors:cmd_actors")

    failures = sub.add_parser("failures", help="list failed and skipped articles with their reasons")
    failures.add_argument("--limit", type=int, default=100)
    failures.set_defaults(func="vigil.commands.failures:cmd_failures")

    retry = sub.add_parser("retry", help="re-enqueue failed articles from where they stopped")
    retry.add_argument("ids", nargs="*", type=int, metavar="ID")
    retry.add_argument("--all", action="store_true", help="every failed article except rejected inputs")
    retry.add_argument("--timeout", type=float, default=600, help="embedded mode: seconds to wait")
    retry.set_defaults(func="vigil.commands.ingest:cmd_retry")

    worker = sub.add_parser("worker", help="start a Celery worker (needs VIGIL_BROKER_URL)")
    worker.add_argument("--queues", default="ingest,enrich,store,maintenance")
    worker.add_argument("--concurrency", type=int, default=1)
    worker.add_argument("--loglevel", default="INFO")
    worker.add_argument("--hostname")
    worker.set_defaults(func="vigil.commands.worker:cmd_worker")

    feeds = sub.add_parser("feeds", help="RSS/Atom feeds polled by beat")
    feeds.set_defaults(func="vigil.commands.feeds:cmd_feeds")
    feeds_sub = feeds.add_subparsers(dest="feeds_command", required=True)
    feeds_add = feeds_sub.add_parser("add", help="poll these feed URLs")
    feeds_add.add_argument("urls", nargs="+")
    feeds_add.add_argument(
        "--interval", type=_interval, help="seconds between polls (default VIGIL_FEED_DEFAULT_INTERVAL)"
    )
    feeds_sub.add_parser("list", help="feeds with their last error")
    feeds_remove = feeds_sub.add_parser("remove", help="stop polling a feed")
    feeds_remove.add_argument("feed_id", type=int)

    sub.add_parser("migrate", help="create or update the database tables").set_defaults(
        func="vigil.commands.store:cmd_migrate"
    )
    return parser


def configure_logging(verbose: bool) -> None:
    """-v shows every library's progress; piped, Vigil's own progress lines stand in for the
    progress bar; on a terminal only warnings show."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("vigil").setLevel(
        logging.INFO if verbose or not sys.stderr.isatty() else logging.WARNING
    )


def _command(target: str) -> Command:
    module, _, name = target.partition(":")
    command: Command = getattr(importlib.import_module(module), name)
    return command


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    try:
        return int(_command(args.func)(args) or 0)
    except UserError as exc:
        print_error(str(exc))
    except Exception as exc:
        message = outage(exc)
        if message is None:
            raise
        print_error(message)
    return SETUP_ERROR


if __name__ == "__main__":
    sys.exit(main())
