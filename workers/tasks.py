"""Thin tasks: each opens a unit of work, calls one stage in ``services`` and,
only after that stage has committed, enqueues the next."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from celery import Task
from celery.exceptions import Retry, SoftTimeLimitExceeded
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from services.config import get_settings
from services.errors import Busy
from services.fetching.retry import backoff_delay
from services.pipeline.enrich import enrich_article
from services.pipeline.feeds import poll_feed_into_articles
from services.pipeline.ingest import ingest_article
from services.pipeline.reconcile import reconcile, release_claims
from services.pipeline.register import Registration, register_sent
from services.pipeline.stages import QUEUE_OF_STAGE, TASK_OF_QUEUE, Queue
from services.pipeline.store import store_article
from services.pipeline.transitions import record_failure
from services.storage.db import session_scope
from services.storage.feeds import due_feeds
from services.storage.tables import Stage
from workers import publish
from workers.app import app, idle_queues

log = logging.getLogger(__name__)

# The database cannot be reached (refused, dropped, pool exhausted): nothing about the article can
# be read or recorded, and the article itself is not at fault.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)
# Seconds: a merge lock is normally held for milliseconds, so the first retries come soon; one held
# by a stalled transaction is asked for at most this often (or the retry cap, if lower).
BUSY_RETRY_BASE = 0.5
BUSY_RETRY_CAP = 30.0


class StageTask(Task):
    """Runs a stage with the failure policy: permanent errors fail the article at once,
    anything else is retried with backoff until the attempt cap, and every failure's
    reason is stored on the article. An unreachable database is not the article's fault and
    is never counted against it: the message carries the count of those retries."""

    # Celery's own cap (3 by default; passing None to retry() means "the default", not "none")
    # would cut these loops short: the attempt cap above bounds them instead.
    max_retries = None

    def run_stage(self, stage: Callable[[Session, int], Any], article_id: int) -> Any:
        try:
            with session_scope() as session:
                return stage(session, article_id)
        except Retry:
            raise
        except Busy as exc:
            raise self._retry_busy(exc, article_id) from exc
        except DATABASE_UNAVAILABLE as exc:
            self._database_unavailable(exc, article_id)
        except Exception as exc:
            self._fail(article_id, exc)
        return None

    def register(self, accept: Callable[[Session], Registration]) -> Registration:
        """Until its article row exists, the message is the only copy of an input: retry it for as
        long as the database stays unreachable rather than drop it."""
        try:
            with session_scope() as session:
                return accept(session)
        except DATABASE_UNAVAILABLE as exc:
            raise self._retry_database(exc, "registration") from exc

    def _fail(self, article_id: int, exc: Exception) -> None:
        settings = get_settings()
        permanent = bool(getattr(exc, "permanent", False))
        reason = describe(exc)
        log.warning(
            "%s article %s failed (%s): %s",
            self.name,
            article_id,
            "permanent" if permanent else "transient",
            reason,
        )
        try:
            with session_scope() as session:
                final = record_failure(
                    session,
                    article_id,
                    f"{self.name}: {reason}",
                    permanent=permanent,
                    max_attempts=settings.max_attempts,
                )
        except DATABASE_UNAVAILABLE as db_exc:
            self._database_unavailable(db_exc, article_id)
            return
        if not final:
            raise self.retry(countdown=self._backoff(exc), exc=exc) from exc

    def _database_unavailable(self, exc: Exception, article_id: int) -> None:
        """Retry on the message's own count. Past the attempt cap, give up: the article stays in
        its stage in the database, and the reconciler re-sends it once the database is back."""
        if self.request.retries + 1 >= get_settings().max_attempts:
            log.error(
                "%s article %s: database unavailable after %d tries, left to the reconciler: %s",
                self.name,
                article_id,
                self.request.retries + 1,
                exc,
            )
            return
        raise self._retry_database(exc, f"article {article_id}") from exc

    def _retry_busy(self, exc: Busy, article_id: int) -> Retry:
        """Free the process and come back later, for as long as the holder keeps what we need:
        the article waits in its stage, not failed, and no attempt is counted."""
        cap = min(BUSY_RETRY_CAP, get_settings().fetch_retry_cap)
        delay = backoff_delay(self.request.retries + 1, base=min(BUSY_RETRY_BASE, cap), cap=cap)
        log.info("%s article %s: %s; retrying in %.1f s", self.name, article_id, exc, delay)
        return self.retry(countdown=delay, exc=exc, throw=False)

    def _retry_database(self, exc: Exception, subject: str) -> Retry:
        log.warning("%s %s: database unavailable, retrying: %s", self.name, subject, exc)
        return self.retry(countdown=self._backoff(exc), exc=exc, throw=False)

    def _backoff(self, exc: Exception) -> float:
        settings = get_settings()
        return backoff_delay(
            self.request.retries + 1,
            getattr(exc, "retry_after", None),
            base=settings.fetch_retry_base,
            cap=settings.fetch_retry_cap,
        )


def describe(exc: BaseException) -> str:
    """The reason stored on the article: the error's own message, or what happened."""
    if isinstance(exc, SoftTimeLimitExceeded):
        return f"took longer than the soft time limit of {get_settings().task_soft_time_limit:g} s"
    return str(exc) or type(exc).__name__


def send_next(stage: Queue, article_id: int) -> None:
    """Enqueue the next stage after this one committed. With the broker unreachable the article
    is safe in its new stage, and the reconciler sends it on later: neither retry nor fail."""
    try:
        publish.enqueue_stage(stage, article_id)
    except publish.NotQueued as exc:
        log.warning(
            "article %s: %s not enqueued (broker unavailable: %s); left to the reconciler",
            article_id,
            stage,
            exc,
        )


@app.task(name=TASK_OF_QUEUE["ingest"], base=StageTask, bind=True)
def ingest_article_task(self: StageTask, article_id: int) -> None:
    if self.run_stage(ingest_article, article_id):
        send_next("enrich", article_id)


@app.task(name="vigil.ingest.url", base=StageTask, bind=True)
def ingest_url_task(self: StageTask, *args: Any, **kwargs: Any) -> None:
    """``url``, optional ``source``; any other argument is the input's failure, not the task's."""
    _continue(self.register(lambda session: register_sent(session, "url", args, kwargs)))


@app.task(name="vigil.ingest.text", base=StageTask, bind=True)
def ingest_text_task(self: StageTask, *args: Any, **kwargs: Any) -> None:
    """``text`` or ``html``, optional ``id``, ``url``, ``published``, ``source``."""
    _continue(self.register(lambda session: register_sent(session, "text", args, kwargs)))


def _continue(registration: Registration) -> None:
    if registration.stage == Stage.QUEUED:
        send_next("ingest", registration.article_id)


@app.task(name=TASK_OF_QUEUE["enrich"], base=StageTask, bind=True)
def enrich_article_task(self: StageTask, article_id: int) -> None:
    if self.run_stage(enrich_article, article_id):
        send_next("store", article_id)


@app.task(name=TASK_OF_QUEUE["store"], base=StageTask, bind=True)
def store_article_task(self: StageTask, article_id: int) -> None:
    self.run_stage(store_article, article_id)


@app.task(name="vigil.feeds.poll_due")
def poll_due_feeds_task() -> None:
    with session_scope() as session:
        feed_ids = due_feeds(session)
    for feed_id in feed_ids:
        publish.enqueue_feed_poll(feed_id)


@app.task(name="vigil.feeds.poll")
def poll_feed_task(feed_id: int) -> None:
    with session_scope() as session:
        article_ids = poll_feed_into_articles(session, feed_id)
    for article_id in article_ids:
        publish.enqueue_stage("ingest", article_id)


@app.task(name="vigil.maintenance.reconcile")
def reconcile_task() -> None:
    """Re-send articles whose message was lost (services.pipeline.reconcile). A stage whose queue
    still holds messages is left alone this tick: its old articles may simply be waiting in line,
    and re-sending them would only lengthen the line and count against them."""
    settings = get_settings()
    idle = idle_queues(set(QUEUE_OF_STAGE.values()), settings)
    with session_scope() as session:
        resend = reconcile(
            session,
            timedelta(seconds=settings.stage_timeout_seconds),
            settings.reconcile_batch,
            settings.max_redeliveries,
            [stage for stage, queue in QUEUE_OF_STAGE.items() if queue in idle],
        )
    for sent, (article_id, queue) in enumerate(resend):
        try:
            publish.enqueue_stage(queue, article_id)
        except publish.NotQueued as exc:
            unsent = [unsent_id for unsent_id, _ in resend[sent:]]
            log.warning("reconciler: %d articles not re-sent (broker unavailable: %s)", len(unsent), exc)
            with session_scope() as session:
                release_claims(session, unsent, timedelta(seconds=settings.stage_timeout_seconds))
            resend = resend[:sent]
            break
    if resend:
        log.warning("reconciler re-sent %d stuck articles", len(resend))
