"""Polling one feed: new entries become articles; what was seen before is skipped."""

from __future__ import annotations

import logging

from sqlmodel import Session

from services.config import Settings
from services.errors import StageError
from services.feeds import FeedState, poll_feed
from services.pipeline.register import register_url
from services.storage.feeds import record_poll
from services.storage.tables import Feed

log = logging.getLogger(__name__)


def poll_feed_into_articles(session: Session, feed_id: int, settings: Settings | None = None) -> list[int]:
    """Returns the ids of articles created by this poll (to be queued for ingest).
    A fetch or parse failure is recorded on the feed and does not raise."""
    feed = session.get(Feed, feed_id)
    if feed is None:
        return []
    try:
        poll = poll_feed(FeedState(feed.url, feed.etag, feed.last_modified), settings)
    except StageError as exc:
        log.warning("feed %s failed: %s", feed.url, exc)
        record_poll(session, feed, etag=feed.etag, last_modified=feed.last_modified, error=str(exc))
        return []
    created = [
        registration.article_id
        for entry in poll.entries
        if (registration := register_url(session, entry.url, source=f"feed:{feed.id}")).created
        and registration.error is None
    ]
    record_poll(session, feed, etag=poll.etag, last_modified=poll.last_modified, error=None)
    return created
