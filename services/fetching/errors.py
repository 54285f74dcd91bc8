"""The one exception every fetch failure becomes, so callers decide retry or fail from two fields."""

from __future__ import annotations

from services.errors import StageError

_MAX_URL_IN_MESSAGE = 300


class FetchError(StageError):
    """``permanent`` tells the caller not to retry; ``retry_after`` is the server's or our own wait.

    ``kind`` is a short slug (``refused_address``, ``timeout``, ``http_status``, ...) for tests and
    metrics; ``reason`` is the human sentence stored on the article. Arguments after ``reason`` have
    defaults so the exception survives pickling and Celery's exception serialisation.
    """

    def __init__(
        self,
        url: str,
        reason: str,
        permanent: bool = True,
        retry_after: float | None = None,
        kind: str = "error",
    ) -> None:
        super().__init__(url, reason)
        self.url = url
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after
        self.kind = kind

    def __str__(self) -> str:
        return f"cannot fetch {printable(self.url)}: {self.reason}"


def printable(text: str) -> str:
    """One line, bounded: URLs are untrusted and may carry newlines or megabytes."""
    shown = text if len(text) <= _MAX_URL_IN_MESSAGE else text[:_MAX_URL_IN_MESSAGE] + "…"
    return shown.encode("unicode_escape").decode("ascii") if not shown.isprintable() else shown
