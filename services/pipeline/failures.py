"""Failed articles for an operator: how far each got and why it failed, and putting it back
into the pipeline once the cause is fixed (a site back up, a bug fixed, a limit raised)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, exists, or_, select
from sqlmodel import Session, col

from services.pipeline.stages import QUEUE_OF_STAGE, Queue
from services.pipeline.transitions import advance
from services.schema import InputError
from services.storage.tables import Article, EntityMentionRow, EventMentionRow, Stage

REJECTED = "rejected"


@dataclass(frozen=True)
class Failure:
    article_id: int
    reached: str
    """The furthest stage the stored data shows, or "rejected" when the input itself was refused
    (an invalid URL, an empty or binary payload) and retrying cannot help."""
    attempts: int
    reason: str
    url: str | None
    external_id: str | None
    failed_at: datetime


def _retryable() -> ColumnElement[bool]:
    """Something to work from: text, a payload or a valid URL to fetch."""
    return or_(
        col(Article.text).is_not(None),
        col(Article.raw_text).is_not(None),
        col(Article.raw_html).is_not(None),
        col(Article.canonical_url).is_not(None),
    )


def _reached() -> ColumnElement[str]:
    """How far a failed article got; a skipped one says "skipped" (it ended where it should)."""
    enriched = or_(
        exists().where(EventMentionRow.article_id == Article.id),
        exists().where(EntityMentionRow.article_id == Article.id),
    )
    fetched = col(Article.canonical_url).is_not(None) & or_(
        col(Article.raw_text).is_not(None), col(Article.raw_html).is_not(None)
    )
    return case(
        (Article.stage == Stage.SKIPPED, Stage.SKIPPED.value),
        (~_retryable(), REJECTED),
        (col(Article.text).is_not(None) & enriched, Stage.ENRICHED.value),
        (col(Article.text).is_not(None), Stage.CLEANED.value),
        (fetched, Stage.FETCHED.value),
        else_=Stage.QUEUED.value,
    )


def failed_articles(session: Session, limit: int | None = None, with_skipped: bool = False) -> list[Failure]:
    """Newest failures first, and with ``with_skipped`` the articles skipped for their language,
    which end no less silently; the article bodies are never loaded."""
    stages = [Stage.FAILED, Stage.SKIPPED] if with_skipped else [Stage.FAILED]
    query = (
        select(
            Article.id,
            _reached(),
            Article.attempts,
            Article.last_error,
            Article.url,
            Article.external_id,
            Article.stage_changed_at,
        )
        .where(col(Article.stage).in_([s.value for s in stages]))
        .order_by(col(Article.stage_changed_at).desc(), col(Article.id).desc())
        .limit(limit)
    )
    return [
        Failure(article_id, reached, attempts, reason or "failed", url, external_id, failed_at)
        for article_id, reached, attempts, reason, url, external_id, failed_at in session.execute(query)
    ]


def retry_failed(
    session: Session, article_ids: Sequence[int] | None
) -> tuple[list[tuple[int, Queue]], list[InputError]]:
    """Put failed articles back at the stage to resume from — cleaned when their text is kept,
    else queued — with their counts reset, and commit. ``None`` means every failed article but
    the rejected inputs. Returns (article id, queue) for each one to enqueue, and an error for
    each given id that is missing, not failed, or a rejected input."""
    retryable = _retryable().label("retryable")
    has_text = col(Article.text).is_not(None).label("has_text")
    query = select(Article.id, Article.stage, Article.last_error, retryable, has_text)
    if article_ids is None:
        query = query.where(Article.stage == Stage.FAILED, _retryable()).order_by(col(Article.id))
    else:
        query = query.where(col(Article.id).in_(article_ids))
    rows = {row.id: row for row in session.execute(query)}
    resumed: list[tuple[int, Queue]] = []
    errors: list[InputError] = []
    for article_id in article_ids if article_ids is not None else list(rows):
        row = rows.get(article_id)
        if row is None:
            errors.append(InputError(input=f"article {article_id}", reason="no such article"))
        elif row.stage != Stage.FAILED:
            errors.append(InputError(input=f"article {article_id}", reason=f"not failed (it is {row.stage})"))
        elif not row.retryable:
            errors.append(
                InputError(
                    input=f"article {article_id}",
                    reason=f"the input was rejected ({row.last_error}); retrying cannot help",
                )
            )
        else:
            stage = Stage.CLEANED if row.has_text else Stage.QUEUED
            if advance(session, article_id, [Stage.FAILED], stage, attempts=0, last_error=None):
                resumed.append((article_id, QUEUE_OF_STAGE[stage]))
    session.commit()
    return resumed, errors
