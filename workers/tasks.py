"""Thin tasks: each opens a unit of work, calls one stage in ``services`` and,
only after that stage has committed, enqueues the next."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from celery import Task
from celery.exceptions import Retry
from sqlmodel import Session

from services.config import get_settings
from services.fetching.retry import backoff_delay
from services.pipeline.enrich import enrich_article
from services.pipeline.feeds import poll_feed_into_articles
from services.pipeline.ingest import ingest_article
from services.pipeline.register import Registration, register_payload, register_url
from services.pipeline.store import store_article
from services.pipeline.transitions import record_failure
from services.storage.db import session_scope
from services.storage.feeds import due_feeds
from services.storage.tables import Stage
from workers import publish
from workers.app import app

log = logging.getLogger(__name__)


class StageTask(Task):
    """Runs a stage with the failure policy: permanent errors fail the article at once,
    anything else is retried with backoff until the attempt cap, and every failure's
    reason is stored on the article."""

    def run_stage(self, stage: Callable[[Session, int], Any], article_id: int) -> Any:
        try:
            with session_scope() as session:
                return stage(session, article_id)
        except Retry:
            raise
        except Exception as exc:
            self._fail(article_id, exc)
            return None

    def _fail(self, article_id: int, exc: Exception) -> None:
        settings = get_settings()
        permanent = bool(getattr(exc, "permanent", False))
        reason = str(exc) or type(exc).__name__
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
        except Exception:
            final = self.request.retries + 1 >= settings.max_attempts
        if not final:
            delay = backoff_delay(self.request.retries + 1, getattr(exc, "retry_after", None))
            raise self.retry(countdown=delay, max_retries=None, exc=exc) from exc


@app.task(name="vigil.ingest.article", base=StageTask, bind=True)
def ingest_article_task(self: StageTask, article_id: int) -> None:
    if self.run_stage(ingest_article, article_id):
        publish.enqueue_stage("enrich", article_id)


@app.task(name="vigil.ingest.url", base=StageTask, bind=True)
def ingest_url_task(self: StageTask, url: str, source: str | None = None) -> None:
    with session_scope() as session:
        registration = register_url(session, url, source=source)
    _continue(registration)


@app.task(name="vigil.ingest.text", base=StageTask, bind=True)
def ingest_text_task(
    self: StageTask,
    text: str | None = None,
    html: str | None = None,
    id: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
) -> None:
    with session_scope() as session:
        registration = register_payload(
            session,
            html or text or "",
            "html" if html else "text",
            external_id=id,
            url=url,
            published=published,
            source=source,
        )
    _continue(registration)


def _continue(registration: Registration) -> None:
    if registration.stage == Stage.QUEUED:
        publish.enqueue_stage("ingest", registration.article_id)


@app.task(name="vigil.enrich.article", base=StageTask, bind=True)
def enrich_article_task(self: StageTask, article_id: int) -> None:
    if self.run_stage(enrich_article, article_id):
        publish.enqueue_stage("store", article_id)


@app.task(name="vigil.store.article", base=StageTask, bind=True)
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
