"""A minimum gap between two requests to one host, so Vigil never hammers a news site.

The state is per process: Celery prefork children each keep their own, so N worker processes may
together reach a host N times per delay. That bound is accepted; a shared limiter would need Redis.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from services.fetching.deadline import Deadline
from services.fetching.errors import FetchError

_MAX_HOSTS = 10_000


class HostThrottle:
    def __init__(
        self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, delay: float, deadline: Deadline, url: str) -> None:
        """Sleep until ``host`` may be asked again; the slot is booked before sleeping, so threads
        queue up instead of all waking together. A wait longer than the time left is a transient
        failure carrying the wait as ``retry_after``."""
        if delay <= 0:
            return
        with self._lock:
            now = self._clock()
            start = max(now, self._next_slot.get(host, now))
            wait = start - now
            if wait > deadline.remaining():
                raise FetchError(
                    url,
                    f"politeness delay for {host} ({wait:.1f} s) exceeds the time left",
                    permanent=False,
                    retry_after=wait,
                    kind="politeness",
                )
            self._next_slot[host] = start + delay
            if len(self._next_slot) > _MAX_HOSTS:
                self._next_slot = {h: t for h, t in self._next_slot.items() if t > now}
        if wait > 0:
            self._sleep(wait)
