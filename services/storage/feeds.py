"""Feeds to poll, with the validators and failures of their last poll."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from services.dedup import canonical_url
from services.fetching import check_acceptable_url
from services.storage.tables import Feed, utcnow
from services.storage.upsert import insert_ignore


def add_feed(session: Session, url: str, interval_seconds: int) -> tuple[Feed, bool]:
    """Idempotent: adding a known feed returns it unchanged, with ``False`` for "not created".
    An invalid URL raises ``FetchError``."""
    check_acceptable_url(url)
    key = canonical_url(url)
    existing = session.exec(select(Feed).where(Feed.url == key)).first()
    if existing is not None:
        return existing, False
    feed_id = insert_ignore(
        session,
        Feed,
        {"url": key},
        interval_seconds=interval_seconds,
        next_poll_at=utcnow(),
        failures=0,
        created_at=utcnow(),
    )
    session.commit()
    return session.get(Feed, feed_id), True  # type: ignore[return-value]


def list_feeds(session: Session) -> list[Feed]:
    return list(session.exec(select(Feed).order_by(col(Feed.id))))


def remove_feed(session: Session, feed_id: int) -> bool:
    feed = session.get(Feed, feed_id)
    if feed is None:
        return False
    session.delete(feed)
    session.commit()
    return True


def due_feeds(session: Session, now: datetime | None = None) -> list[int]:
    query = (
        select(Feed.id).where(col(Feed.next_poll_at) <= (now or utcnow())).order_by(col(Feed.next_poll_at))
    )
    return list(session.exec(query))  # type: ignore[arg-type]


def record_poll(
    session: Session, feed: Feed, *, etag: str | None, last_modified: str | None, error: str | None
) -> None:
    """A failing feed backs off (doubling, at most a day) so it cannot crowd out the others."""
    now = utcnow()
    feed.last_polled_at = now
    feed.last_error = error
    feed.failures = feed.failures + 1 if error else 0
    if not error:
        feed.etag, feed.last_modified = etag, last_modified
    delay = min(feed.interval_seconds * 2 ** min(feed.failures, 6), 86_400)
    feed.next_poll_at = now + timedelta(seconds=delay)
    session.add(feed)
    session.commit()
