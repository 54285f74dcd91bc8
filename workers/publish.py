"""The one way in: entry points and tasks enqueue by public task name only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from services.config import get_settings
from services.pipeline.stages import TASK_OF_QUEUE, Queue
from workers.app import app

PROBE_TIMEOUT = 3.0


def broker_problem(probe: bool = True) -> str | None:
    """Why work sent now would never reach a worker, in one line; None when the broker answers
    (or, without ``probe``, is at least configured). Reachable is enough here, unlike /readyz: a full
    Redis still takes the registrations, and ``enqueue`` reports each input it could not queue.

    Without VIGIL_BROKER_URL the app falls back to an in-memory transport that only a worker
    in the same process (embedded mode) reads, so anything else must refuse to send."""
    settings = get_settings()
    url = settings.broker_url
    if settings.embedded:
        return "VIGIL_BROKER_URL is not set"
    if not probe:
        return None
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=PROBE_TIMEOUT)
    except Exception as exc:  # kombu raises its own and the transport's errors alike
        parts = urlsplit(url)
        cause = str(exc).rstrip(".")
        return f"cannot reach the broker at {parts.scheme}://{parts.hostname}:{parts.port} ({cause})"
    return None


class NotQueued(Exception):
    """The broker did not take the message: unreachable, or refusing writes (Redis with its memory
    full). Nothing was queued; whatever the database holds is still there for the reconciler."""


def enqueue_stage(queue: Queue, article_id: int) -> None:
    _send(TASK_OF_QUEUE[queue], args=[article_id])


def enqueue_feed_poll(feed_id: int) -> None:
    _send("vigil.feeds.poll", args=[feed_id])


def _send(name: str, **options: Any) -> None:
    try:
        app.send_task(name, **options)
    except (KombuError, RedisError) as exc:
        raise NotQueued(str(exc) or type(exc).__name__) from exc
