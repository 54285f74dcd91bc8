"""Failures tied to one input; ``permanent`` tells callers whether a retry can help."""

from __future__ import annotations


class StageError(Exception):
    """A failure tied to one input; ``str()`` names the input and the reason."""

    permanent: bool = True
    retry_after: float | None = None


class PermanentError(StageError):
    """Retrying cannot help: bad input, refused address, unsupported content."""


class Busy(Exception):
    """Another unit of work holds what this one needs (a country's merge lock): try again
    shortly. Not the input's fault, so it never counts against the input."""
