"""Recovering lost messages from the database, which is the truth about work.

An article sitting in a non-terminal stage for longer than any task plus its queue wait has no
message left anywhere: Redis lost it in a crash, the publish of the next stage failed after the
stage committed, or a worker died holding it. The reconciler re-sends such an article to the queue
of its stage; one that stays stuck through ``max_redeliveries`` re-sends (a message that kills
every worker that takes it, say) is failed with a reason instead of being re-sent forever.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import and_, literal, select, update
from sqlmodel import Session, col

from services.pipeline.stages import QUEUE_OF_STAGE, Queue
from services.storage.tables import Article, Stage, utcnow


def stuck_articles(
    session: Session, older_than: timedelta, limit: int, stages: Iterable[Stage] = tuple(QUEUE_OF_STAGE)
) -> list[tuple[int, Stage]]:
    """Oldest first, articles of ``stages`` whose stage has not changed for ``older_than``;
    one range scan of the (stage, stage_changed_at) index per stage."""
    query = (
        select(Article.id, Article.stage)
        .where(
            col(Article.stage).in_([s.value for s in stages]),
            Article.stage_changed_at < utcnow() - older_than,
        )
        .order_by(col(Article.stage_changed_at))
        .limit(limit)
    )
    return [(article_id, Stage(stage)) for article_id, stage in session.execute(query)]


def reconcile(
    session: Session,
    older_than: timedelta,
    limit: int,
    max_redeliveries: int,
    stages: Iterable[Stage] = tuple(QUEUE_OF_STAGE),
) -> list[tuple[int, Queue]]:
    """Claim up to ``limit`` stuck articles and commit; returns (article id, queue) for each one
    to re-send. Claiming bumps ``stage_changed_at``, so the next tick leaves it alone for another
    timeout, and is a compare-and-set, so two reconcilers never both send the same article.
    Articles already re-sent ``max_redeliveries`` times are failed instead."""
    ids = [article_id for article_id, _ in stuck_articles(session, older_than, limit, stages)]
    if not ids:
        return []
    still_stuck = and_(
        col(Article.id).in_(ids),
        col(Article.stage).in_([s.value for s in QUEUE_OF_STAGE]),
        Article.stage_changed_at < utcnow() - older_than,
    )
    now = utcnow()
    claimed = session.execute(
        update(Article)
        .where(still_stuck, col(Article.redeliveries) < max_redeliveries)
        .values(redeliveries=col(Article.redeliveries) + 1, stage_changed_at=now)
        .returning(col(Article.id), col(Article.stage))
    ).all()
    session.execute(
        update(Article)
        .where(still_stuck, col(Article.redeliveries) >= max_redeliveries)
        .values(
            stage=Stage.FAILED.value,
            stage_changed_at=now,
            last_error=literal("stuck in stage ")
            + col(Article.stage)
            + literal(f" after {max_redeliveries} re-deliveries"),
        )
    )
    session.commit()
    return [(article_id, QUEUE_OF_STAGE[Stage(stage)]) for article_id, stage in claimed]


def release_claims(session: Session, article_ids: Iterable[int], older_than: timedelta) -> None:
    """Undo the claims of articles whose re-send the broker refused: the re-delivery was never
    made, so it is not counted, and the next tick may take them at once. An article that has
    moved on since (its count back to 0) is left alone."""
    session.execute(
        update(Article)
        .where(
            col(Article.id).in_(list(article_ids)),
            col(Article.stage).in_([s.value for s in QUEUE_OF_STAGE]),
            col(Article.redeliveries) > 0,
        )
        .values(redeliveries=col(Article.redeliveries) - 1, stage_changed_at=utcnow() - older_than)
    )
    session.commit()
