"""robots.txt rules per origin, cached for a day (RFC 9309 §2.4).

The cache only parses and remembers; loading goes through the caller's safe fetcher. A loader
returns None when robots.txt is unavailable (4xx, wrong type, refused): everything is allowed.
It raises when robots.txt is unreachable (5xx, timeout), which RFC 9309 treats as "disallow all
for now": the page fetch fails transiently and is retried later.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

ROBOTS_TTL = 24 * 3600.0
ROBOTS_MAX_BYTES = 512 * 1024
MAX_CRAWL_DELAY = 10.0  # a larger Crawl-delay would starve the queue; we honour up to this
_MAX_ORIGINS = 4096


@dataclass(frozen=True)
class RobotRules:
    parser: RobotFileParser | None  # None: no usable robots.txt, everything allowed

    def allows(self, user_agent: str, url: str) -> bool:
        return self.parser is None or self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float:
        delay = self.parser.crawl_delay(user_agent) if self.parser is not None else None
        return min(float(delay or 0.0), MAX_CRAWL_DELAY)


def parse_robots(body: bytes | None) -> RobotRules:
    if body is None:
        return RobotRules(None)
    parser = RobotFileParser()
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    parser.modified()  # can_fetch() refuses everything until a fetch time is recorded
    return RobotRules(parser)


class RobotsCache:
    def __init__(self, ttl: float = ROBOTS_TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, RobotRules]] = OrderedDict()
        self._lock = threading.Lock()

    def rules(self, origin: str, load: Callable[[], bytes | None]) -> RobotRules:
        now = self._clock()
        with self._lock:
            cached = self._entries.get(origin)
            if cached is not None and now - cached[0] < self._ttl:
                self._entries.move_to_end(origin)
                return cached[1]
        rules = parse_robots(load())
        with self._lock:
            self._entries[origin] = (now, rules)
            self._entries.move_to_end(origin)
            while len(self._entries) > _MAX_ORIGINS:
                self._entries.popitem(last=False)
        return rules
