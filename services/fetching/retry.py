"""The retry policy shared by the Celery tasks (which own their retry loop) and in-process callers."""

from __future__ import annotations

import random
import time
from collections.abc import Collection

from services.config import Settings, get_settings
from services.fetching.content import ARTICLE_KINDS
from services.fetching.errors import FetchError
from services.fetching.fetcher import FetchedPage, Fetcher

IN_PROCESS_MAX_WAIT = 30.0


def backoff_delay(
    attempt: int,
    retry_after: float | None = None,
    *,
    base: float = 2.0,
    cap: float = 300.0,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait before retry number ``attempt`` (1 = first retry).

    Full jitter — uniform over [0, min(cap, base * 2^(attempt-1))] — spreads the retries of many
    workers hit by the same outage. A server's ``Retry-After`` is a floor, clipped to ``cap`` so a
    hostile value cannot park a task for days (the attempt cap bounds what follows).
    """
    window = min(cap, base * 2.0 ** min(max(attempt, 1) - 1, 60))
    delay = (rng or random).uniform(0.0, window)
    return delay if retry_after is None else max(delay, min(retry_after, cap))


def fetch_with_retries(
    url: str,
    settings: Settings | None = None,
    attempts: int = 3,
    *,
    kinds: Collection[str] = ARTICLE_KINDS,
    fetcher: Fetcher | None = None,
    max_wait: float = IN_PROCESS_MAX_WAIT,
) -> FetchedPage:
    """For the CLI: retries transient failures in place; gives up at once on permanent ones, after
    ``attempts`` tries, or when the next wait would exceed ``max_wait`` (a long Retry-After)."""
    settings = settings or get_settings()
    fetcher = fetcher or Fetcher(settings)
    for attempt in range(1, attempts + 1):
        try:
            return fetcher.fetch(url, kinds)
        except FetchError as exc:
            if exc.permanent or attempt == attempts:
                raise
            delay = backoff_delay(
                attempt, exc.retry_after, base=settings.fetch_retry_base, cap=settings.fetch_retry_cap
            )
            if delay > max_wait:
                raise
            time.sleep(delay)
    raise ValueError(f"attempts must be at least 1, not {attempts}")
