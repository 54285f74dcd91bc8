"""Compare-and-set stage changes: the row lock taken by the UPDATE makes a second,
concurrent delivery of the same message find the work done and step aside."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from services.storage.tables import TERMINAL_STAGES, Article, Stage, utcnow


def advance(session: Session, article_id: int, expected: Iterable[Stage], new: Stage, **values: Any) -> bool:
    """Move the article to ``new`` only if it is still in one of ``expected``; the reconciler's
    count of re-sends starts again in the new stage."""
    result = session.execute(
        update(Article)
        .where(Article.id == article_id, Article.stage.in_([s.value for s in expected]))  # type: ignore[attr-defined]
        .values(stage=new.value, stage_changed_at=utcnow(), redeliveries=0, **values)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def touch(session: Session, article_id: int, stage: Stage) -> None:
    """Note that the article, still in ``stage``, is being looked after (a retry is due), so the
    reconciler does not take it for lost."""
    session.execute(
        update(Article)
        .where(Article.id == article_id, Article.stage == stage.value)
        .values(stage_changed_at=utcnow())
    )


def record_failure(
    session: Session, article_id: int, reason: str, *, permanent: bool, max_attempts: int
) -> bool:
    """Count the attempt and keep the reason; returns True when the article is now failed
    for good (a permanent error, or the attempt cap reached)."""
    article = session.get(Article, article_id)
    if article is None or article.stage in TERMINAL_STAGES:
        return True
    article.attempts += 1
    article.last_error = reason[:2000]
    final = permanent or article.attempts >= max_attempts
    if final:
        article.stage = Stage.FAILED
        article.stage_changed_at = utcnow()
    session.add(article)
    session.commit()
    return final


def current_stage(session: Session, article_id: int) -> str | None:
    stage = session.execute(select(Article.stage).where(Article.id == article_id)).scalar_one_or_none()
    return stage
