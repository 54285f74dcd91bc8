"""An overall time budget for one fetch, applied to every socket operation.

Per-read timeouts alone let a server that trickles one byte at a time hold a worker forever; capping
each operation's timeout by the time left makes the deadline hard, headers and TLS included.
"""

from __future__ import annotations

import time
from collections.abc import Callable

_SLACK = 0.05  # socket timeouts may fire a hair early


class DeadlineExceeded(Exception):
    """Raised before starting an operation when no time is left."""


class Deadline:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._ends = clock() + seconds

    def remaining(self) -> float:
        return self._ends - self._clock()

    def expired(self) -> bool:
        return self.remaining() <= _SLACK

    def bound(self, timeout: float | None) -> float:
        """``timeout`` shortened to the time left; raises when none is left."""
        left = self.remaining()
        if left <= 0:
            raise DeadlineExceeded(f"overall deadline of {self.seconds:g} s exceeded")
        return left if timeout is None else min(timeout, left)
