"""The one way in: entry points and tasks enqueue by public task name only."""

from __future__ import annotations

from typing import Any, Literal

from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from workers.app import app

Stage = Literal["ingest", "enrich", "store"]
STAGE_TASKS: dict[Stage, str] = {
    "ingest": "vigil.ingest.article",
    "enrich": "vigil.enrich.article",
    "store": "vigil.store.article",
}


class NotQueued(Exception):
    """The broker did not take the message: unreachable, or refusing writes (Redis with its memory
    full). Nothing was queued; whatever the database holds is still there for the reconciler."""


def enqueue_stage(stage: Stage, article_id: int) -> None:
    _send(STAGE_TASKS[stage], args=[article_id])


def enqueue_url(url: str, source: str | None = None) -> None:
    _send("vigil.ingest.url", kwargs={"url": url, "source": source})


def enqueue_feed_poll(feed_id: int) -> None:
    _send("vigil.feeds.poll", args=[feed_id])


def _send(name: str, **options: Any) -> None:
    try:
        app.send_task(name, **options)
    except (KombuError, RedisError) as exc:
        raise NotQueued(str(exc) or type(exc).__name__) from exc
