"""The two kinds of failure every stage reports, so callers know whether to retry."""

from __future__ import annotations


class StageError(Exception):
    """A failure tied to one input; ``str()`` names the input and the reason."""

    permanent: bool = True
    retry_after: float | None = None


class PermanentError(StageError):
    """Retrying cannot help: bad input, refused address, unsupported content."""


class TransientError(StageError):
    """May succeed later: timeouts, 5xx, an unavailable database or broker."""

    permanent = False

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
