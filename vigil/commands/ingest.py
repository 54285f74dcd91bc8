"""`vigil run`, `enqueue` and `retry`: inputs become articles, the articles go on the queues,
and `run` waits for every one to end stored, duplicate, skipped or failed."""

from __future__ import annotations

import argparse
import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.progress import Progress
from sqlmodel import Session, col, select

from services.config import get_settings
from services.pipeline.failures import retry_failed
from services.pipeline.register import Registration, register_payload, register_url
from services.schema import InputError
from services.storage.db import migrate, session_scope
from services.storage.queries import all_incidents
from services.storage.tables import TERMINAL_STAGES, Article, Stage
from vigil.errors import (
    UserError,
    err,
    failure_reason,
    print_error,
    report_errors,
    require_broker,
    require_store,
)
from vigil.inputs import UrlInput, WorkItem, read_inputs
from vigil.render import print_incidents
from workers import publish

log = logging.getLogger("vigil")
DEFAULT_INPUT = Path("seeds")
WITHOUT_BROKER = "no worker would receive this work (`vigil run` needs no broker or worker)"


def cmd_enqueue(args: argparse.Namespace) -> int:
    if not args.inputs and not args.jsonl:
        raise UserError("enqueue needs PATH_OR_URL... or --jsonl FILE")
    require_broker(WITHOUT_BROKER)
    require_store()
    items, errors = _inputs(args)
    _, rejected = _enqueue(items)
    report_errors([*errors, *rejected])
    return 1 if errors or rejected else 0


def cmd_run(args: argparse.Namespace) -> int:
    """Ingest inputs and wait until every article is stored, duplicate, skipped or failed; then
    print the incidents and what became of each article."""
    if not args.inputs and not args.jsonl:
        if not DEFAULT_INPUT.is_dir():
            raise UserError(
                "nothing to ingest: name files, folders or URLs, or --jsonl FILE "
                f"(./{DEFAULT_INPUT} is the default only where that folder exists)"
            )
        args.inputs = [str(DEFAULT_INPUT)]
    items, errors = _inputs(args)
    if not items:  # every input was refused: no worker to start, nothing to wait for
        report_errors(errors or [InputError(input=args.jsonl or "", reason="no articles in this file")])
        return 1
    with _pipeline(args.verbose):
        registrations, rejected = _enqueue(items)
        ids = [r.article_id for r in registrations]
        finished = _wait(ids, args.timeout)
    report_errors([*errors, *rejected])
    stages = _report_outcomes(ids)
    with session_scope() as session:
        print_incidents(all_incidents(session), "table")
    summary = _summary(len(ids), stages, len(errors) + len(rejected), None if finished else args.timeout)
    err.print(summary, highlight=False)
    return 1 if errors or rejected or stages[Stage.FAILED] or not finished else 0


def _summary(articles: int, stages: Counter[Stage], rejected: int, timed_out: float | None) -> str:
    """The closing line: what became of every article, and what never became one."""
    line = f"{articles} articles: " + ", ".join(f"{stages[s]} {s.value}" for s in TERMINAL_STAGES)
    if timed_out is not None:
        line += f", {articles - sum(stages.values())} unfinished after {timed_out:g}s"
    return line + (f"; {rejected} inputs rejected" if rejected else "")


def cmd_retry(args: argparse.Namespace) -> int:
    """Put failed articles back into the pipeline; embedded, wait for them as `run` does."""
    if not args.all and not args.ids:
        raise UserError("retry needs article IDs or --all")
    with _pipeline(args.verbose) as embedded:
        with session_scope() as session:
            resumed, errors = retry_failed(session, None if args.all else args.ids)
        for article_id, queue in resumed:
            try:
                publish.enqueue_stage(queue, article_id)
            except publish.NotQueued as exc:  # put back already: the reconciler queues it later
                errors.append(InputError(input=str(article_id), reason=f"not queued ({exc})"))
                continue
            print(f"article {article_id}: queued for {queue}")
        ids = [article_id for article_id, _ in resumed]
        if embedded:
            _wait(ids, args.timeout)
    report_errors(errors)
    failed = _report_outcomes(ids)[Stage.FAILED] if embedded else 0
    return 1 if errors or failed else 0


def _inputs(args: argparse.Namespace) -> tuple[list[WorkItem], list[InputError]]:
    return read_inputs(args.inputs, args.jsonl, get_settings(), args.published)


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
    registered articles waiting long enough for the reconciler to re-send them; known ones are reported.
    An input given twice in one batch (the same file under two names) is one article, queued once."""
    registrations: dict[int, Registration] = {}
    errors = []
    for item in items:
        with session_scope() as session:
            registration = _register(session, item)
        name = item.url if isinstance(item, UrlInput) else item.name
        if registration.article_id in registrations:
            log.info("same input as article %s, given earlier: %s", registration.article_id, name)
            continue
        registrations[registration.article_id] = registration
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
    return list(registrations.values()), errors


@contextmanager
def _pipeline(verbose: bool) -> Iterator[bool]:
    """Yields whether the queues run embedded: then a worker runs in this process (on a migrated
    store) for as long as the block lasts; with a broker the deployed workers do the work."""
    if not get_settings().embedded:
        require_broker("the workers could not receive this work (unset it to run them in this process)")
        require_store()
        yield False
        return
    migrate()
    if not verbose:
        # The command reports each failed article once, when the batch is done; the task's own
        # warning would say it a second time, naming the internal task.
        logging.getLogger("workers.tasks").setLevel(logging.ERROR)
    from workers.embedded import embedded_worker

    with embedded_worker():
        yield True


def _wait(article_ids: list[int], timeout: float) -> bool:
    """Poll the store until every article is in a final stage; False if the timeout came first."""
    deadline = time.monotonic() + timeout
    with Progress(console=err, disable=not err.is_terminal, transient=True) as progress:
        bar = progress.add_task("processing articles", total=len(article_ids))
        done = 0
        while True:
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
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)


def _report_outcomes(article_ids: list[int]) -> Counter[Stage]:
    """An error line for each failed article and a skipped line for each skipped one, with its
    stored reason; returns how many articles ended in each final stage."""
    with session_scope() as session:
        query = select(Article.id, Article.stage, Article.url, Article.external_id, Article.last_error)
        rows = session.exec(query.where(col(Article.id).in_(article_ids)).order_by(col(Article.id))).all()
    stages: Counter[Stage] = Counter()
    for article_id, stage, url, external_id, reason in rows:
        if stage not in TERMINAL_STAGES:
            continue
        stages[Stage(stage)] += 1
        name = url or external_id or f"article {article_id}"
        if stage == Stage.FAILED:
            print_error(failure_reason(name, reason or "failed"), name)
        elif stage == Stage.SKIPPED:
            print_error(reason or "skipped", name, label="[yellow]skipped[/yellow]")
    return stages
