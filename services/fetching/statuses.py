"""HTTP status → retry or not, so the Celery tasks and the CLI agree on what is worth retrying."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC
from email.utils import parsedate_to_datetime
from http import HTTPStatus

from services.fetching.errors import FetchError

REDIRECTS = frozenset({301, 302, 303, 307, 308})
_TRANSIENT_CLIENT_ERRORS = frozenset({408, 425, 429})  # timeout, too early, too many requests


def status_error(url: str, status: int, retry_after: str | None) -> FetchError:
    """5xx, 408, 425 and 429 are transient (with the server's Retry-After); other codes permanent."""
    try:
        phrase = f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        phrase = f"HTTP {status}"
    transient = status >= 500 or status in _TRANSIENT_CLIENT_ERRORS
    return FetchError(
        url,
        phrase,
        permanent=not transient,
        retry_after=parse_retry_after(retry_after) if transient else None,
        kind="http_status",
    )


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds from ``Retry-After`` (delta-seconds or HTTP-date); None when absent or unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now())
