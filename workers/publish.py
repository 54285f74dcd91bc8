"""The one way in: entry points and tasks enqueue by public task name only."""

from __future__ import annotations

from typing import Literal

from workers.app import app

Stage = Literal["ingest", "enrich", "store"]
STAGE_TASKS: dict[Stage, str] = {
    "ingest": "vigil.ingest.article",
    "enrich": "vigil.enrich.article",
    "store": "vigil.store.article",
}


def enqueue_stage(stage: Stage, article_id: int) -> None:
    app.send_task(STAGE_TASKS[stage], args=[article_id])


def enqueue_url(url: str, source: str | None = None) -> None:
    app.send_task("vigil.ingest.url", kwargs={"url": url, "source": source})


def enqueue_feed_poll(feed_id: int) -> None:
    app.send_task("vigil.feeds.poll", args=[feed_id])
