"""The `vigil` command: run the pipeline, start workers, enqueue work, read the store."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from sqlmodel import Session, col, select

from services.cleaning.payload import clean_payload
from services.cleaning.validation import decode_page
from services.config import get_settings
from services.errors import StageError
from services.fetching import FetchError, fetch_with_retries
from services.pipeline.extract import extract, to_document
from services.pipeline.failures import failed_articles, retry_failed
from services.pipeline.register import Registration, register_payload, register_url
from services.schema import Document, InputError
from services.storage.db import migrate, session_scope
from services.storage.feeds import add_feed, list_feeds, remove_feed
from services.storage.incidents import all_incidents
from services.storage.tables import TERMINAL_STAGES, Article
from vigil.inputs import UrlInput, WorkItem, read_arguments, read_jsonl
from vigil.render import print_incidents
from workers import publish

err = Console(stderr=True)
log = logging.getLogger("vigil")


def report_errors(errors: Sequence[InputError]) -> None:
    for error in errors:
        # Names and reasons may quote the input: never read as markup.
        line = f"[red]error[/red]: {escape(error.input)}: {escape(error.reason)}"
        err.print(line, highlight=False, soft_wrap=True)


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the SCHEMA.md extraction result for files, URLs or a JSONL file; no store."""
    settings = get_settings()
    items, errors = (
        read_jsonl(Path(args.jsonl), settings) if args.jsonl else read_arguments(args.inputs, settings)
    )
    documents: list[Document] = []
    for item in items:
        try:
            documents.append(_document_of(item))
        except StageError as exc:  # FetchError, InputRejected, any other permanent failure of one input
            name = item.url if isinstance(item, UrlInput) else item.name
            errors.append(InputError(input=name, reason=getattr(exc, "reason", None) or str(exc)))
    report_errors(errors)
    result = extract(documents, errors)
    for document in result.documents:
        for note in document.notes:
            err.print(f"[yellow]note[/yellow]: {document.id}: {note}", highlight=False, soft_wrap=True)
    print(result.model_dump_json(indent=2))
    return 1 if errors and not documents else 0


def _document_of(item: WorkItem) -> Document:
    if isinstance(item, UrlInput):
        settings = get_settings()
        page = fetch_with_retries(item.url, settings)
        kind, content = decode_page(page, settings)
        return to_document(item.doc_id, clean_payload(kind, content, page.final_url), page.final_url)
    cleaned = clean_payload(item.kind, item.content, item.url)
    return to_document(item.doc_id, cleaned, item.url, item.published)


def _register(session: Session, item: WorkItem) -> Registration:
    if isinstance(item, UrlInput):
        return register_url(session, item.url, source="cli")
    return register_payload(
        session,
        item.content,
        item.kind,
        external_id=item.doc_id,
        url=item.url,
        published=item.published,
        source="cli",
    )


def _enqueue(items: Sequence[WorkItem]) -> tuple[list[Registration], list[InputError]]:
    """Register each input as an article and queue it straight away, so a long batch never leaves
    registered articles waiting long enough for the reconciler to re-send them; known ones are reported."""
    registrations = []
    errors = []
    for item in items:
        with session_scope() as session:
            registration = _register(session, item)
        registrations.append(registration)
        name = item.url if isinstance(item, UrlInput) else item.name
        if registration.error:
            errors.append(InputError(input=name, reason=registration.error))
        elif registration.created or registration.stage == "queued":
            try:
                publish.enqueue_stage("ingest", registration.article_id)
            except publish.NotQueued as exc:
                reason = f"registered as article {registration.article_id} but not queued ({exc}); "
                errors.append(InputError(input=name, reason=reason + "the reconciler will queue it"))
                continue
            log.info("queued article %s: %s", registration.article_id, name)
        else:
            log.info(
                "already known as article %s (%s): %s", registration.article_id, registration.stage, name
            )
    return registrations, errors


def cmd_enqueue(args: argparse.Namespace) -> int:
    items, errors = read_arguments(args.inputs, get_settings())
    _, rejected = _enqueue(items)
    report_errors([*errors, *rejected])
    return 1 if errors or rejected else 0


def cmd_run(args: argparse.Namespace) -> int:
    """Ingest inputs and wait until every article is stored, duplicate or failed; then print incidents."""
    items, errors = read_arguments(args.inputs, get_settings())
    with _pipeline():
        registrations, rejected = _enqueue(items)
        _wait([r.article_id for r in registrations], args.timeout)
    report_errors([*errors, *rejected, *_failures([r.article_id for r in registrations])])
    with session_scope() as session:
        print_incidents(all_incidents(session), "table")
    return 0


@contextmanager
def _pipeline() -> Iterator[bool]:
    """Yields whether the queues run embedded: then a worker runs in this process (on a migrated
    store) for as long as the block lasts; with a broker the deployed workers do the work."""
    if not get_settings().embedded:
        yield False
        return
    migrate()
    from workers.embedded import embedded_worker

    with embedded_worker():
        yield True


def _wait(article_ids: list[int], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with Progress(console=err, disable=not err.is_terminal, transient=True) as progress:
        bar = progress.add_task("processing articles", total=len(article_ids))
        done = 0
        while time.monotonic() < deadline:
            with session_scope() as session:
                query = select(Article.id).where(
                    col(Article.id).in_(article_ids),
                    col(Article.stage).in_([s.value for s in TERMINAL_STAGES]),
                )
                finished = len(session.exec(query).all())
            if finished != done:
                done = finished
                progress.update(bar, completed=done)
                log.info("%d of %d articles done", done, len(article_ids))
            if done == len(article_ids):
                return
            time.sleep(0.2)
    raise SystemExit(f"timed out after {timeout:.0f}s with {len(article_ids) - done} articles unfinished")


def _failures(article_ids: list[int]) -> list[InputError]:
    with session_scope() as session:
        query = select(Article).where(col(Article.id).in_(article_ids), Article.stage == "failed")
        return [
            InputError(input=a.url or a.external_id or f"article {a.id}", reason=a.last_error or "failed")
            for a in session.exec(query)
        ]


def cmd_failures(args: argparse.Namespace) -> int:
    """Failed articles, newest first: how far each got, its attempts and the stored reason."""
    with session_scope() as session:
        failures = failed_articles(session, args.limit)
    print("id\treached\tattempts\tinput\treason")
    for failure in failures:
        name = failure.url or failure.external_id or ""
        print(f"{failure.article_id}\t{failure.reached}\t{failure.attempts}\t{name}\t{failure.reason}")
    return 0


def cmd_retry(args: argparse.Namespace) -> int:
    """Put failed articles back into the pipeline; embedded, wait for them as `run` does."""
    if not args.all and not args.ids:
        build_parser().error("retry needs article IDs or --all")
    with _pipeline() as embedded:
        with session_scope() as session:
            resumed, errors = retry_failed(session, None if args.all else args.ids)
        for article_id, queue in resumed:
            publish.enqueue_stage(queue, article_id)
            print(f"article {article_id}: queued for {queue}")
        ids = [article_id for article_id, _ in resumed]
        if embedded:
            _wait(ids, args.timeout)
    report_errors([*errors, *(_failures(ids) if embedded else [])])
    return 1 if errors else 0


def cmd_incidents(args: argparse.Namespace) -> int:
    with session_scope() as session:
        print_incidents(all_incidents(session), args.format)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from workers.app import app, queue_name

    queues = ",".join(queue_name(get_settings(), q.strip()) for q in args.queues.split(","))
    argv = [
        "worker",
        "--queues",
        queues,
        "--loglevel",
        args.loglevel,
        "--concurrency",
        str(args.concurrency),
        "--hostname",
        args.hostname or f"{args.queues.replace(',', '-')}@%h",
        # Mingle syncs revoked task ids and gossip elects leaders, neither of which Vigil uses;
        # their startup writes would end a worker started while Redis refuses writes.
        "--without-mingle",
        "--without-gossip",
    ]
    app.worker_main(argv)
    return 0


def cmd_feeds(args: argparse.Namespace) -> int:
    with session_scope() as session:
        if args.feeds_command == "add":
            for url in args.urls:
                try:
                    feed, created = add_feed(session, url, args.interval)
                    known = "" if created else " (already known)"
                    print(f"feed {feed.id}: {feed.url} every {feed.interval_seconds}s{known}")
                except FetchError as exc:
                    report_errors([InputError(input=url, reason=exc.reason)])
                    return 1
        elif args.feeds_command == "remove":
            if not remove_feed(session, args.feed_id):
                report_errors([InputError(input=str(args.feed_id), reason="no such feed")])
                return 1
        else:
            for feed in list_feeds(session):
                status = f"error: {feed.last_error}" if feed.last_error else "ok"
                next_poll = f"{feed.next_poll_at:%Y-%m-%d %H:%M}"
                print(f"{feed.id}\t{feed.url}\tevery {feed.interval_seconds}s\tnext {next_poll}\t{status}")
    return 0


def cmd_migrate(_: argparse.Namespace) -> int:
    migrate()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vigil", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress lines")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest files/URLs and print the incidents (embedded without a broker)")
    run.add_argument("inputs", nargs="*", default=["seeds"])
    run.add_argument("--timeout", type=float, default=600)
    run.set_defaults(func=cmd_run)

    extract_cmd = sub.add_parser("extract", help="print extraction JSON for files/URLs without storing")
    extract_cmd.add_argument("inputs", nargs="*")
    extract_cmd.add_argument("--jsonl", help="a file of JSON objects: id, text or html, url, published")
    extract_cmd.set_defaults(func=cmd_extract)

    enqueue = sub.add_parser("enqueue", help="queue files/URLs for the workers and return at once")
    enqueue.add_argument("inputs", nargs="+")
    enqueue.set_defaults(func=cmd_enqueue)

    incidents = sub.add_parser("incidents", help="print stored incidents")
    incidents.add_argument("--format", choices=("table", "json", "csv"), default="table")
    incidents.set_defaults(func=cmd_incidents)

    failures = sub.add_parser("failures", help="list failed articles with their reasons")
    failures.add_argument("--limit", type=int, default=100)
    failures.set_defaults(func=cmd_failures)

    retry = sub.add_parser("retry", help="re-enqueue failed articles from where they stopped")
    retry.add_argument("ids", nargs="*", type=int, metavar="ID")
    retry.add_argument("--all", action="store_true", help="every failed article except rejected inputs")
    retry.add_argument("--timeout", type=float, default=600, help="embedded mode: seconds to wait")
    retry.set_defaults(func=cmd_retry)

    worker = sub.add_parser("worker", help="start a Celery worker")
    worker.add_argument("--queues", default="ingest,enrich,store,maintenance")
    worker.add_argument("--concurrency", type=int, default=1)
    worker.add_argument("--loglevel", default="INFO")
    worker.add_argument("--hostname")
    worker.set_defaults(func=cmd_worker)

    feeds = sub.add_parser("feeds", help="RSS/Atom feeds polled by beat")
    feeds.set_defaults(func=cmd_feeds)
    feeds_sub = feeds.add_subparsers(dest="feeds_command", required=True)
    feeds_add = feeds_sub.add_parser("add", help="poll these feed URLs")
    feeds_add.add_argument("urls", nargs="+")
    feeds_add.add_argument(
        "--interval", type=int, default=get_settings().feed_default_interval, help="seconds between polls"
    )
    feeds_sub.add_parser("list", help="feeds with their last error")
    feeds_remove = feeds_sub.add_parser("remove", help="stop polling a feed")
    feeds_remove.add_argument("feed_id", type=int)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose or not err.is_terminal else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.command == "extract" and not (args.inputs or args.jsonl):
        build_parser().error("extract needs PATH... or --jsonl FILE")
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
