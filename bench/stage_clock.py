"""CPU and wall time per pipeline step, measured inside the real stage functions.

The stages call their steps through module-level names (``services.pipeline.ingest.fetch``,
``services.extraction.analyse.tag``...); for the length of a measurement those names are bound
to timed wrappers of the very same functions, so nothing is re-implemented or skipped, and the
wrappers cost about a microsecond a call. CPU time is the calling thread's own
(``time.thread_time``): a local HTTP server answering in another thread of the process is not
counted against the fetch.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import wraps
from types import ModuleType
from typing import Any


class StageClock:
    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)

    @contextmanager
    def measure(self, label: str) -> Iterator[None]:
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            yield
        finally:
            self.cpu[label] += time.thread_time() - cpu
            self.wall[label] += time.perf_counter() - wall

    def timed(self, function: Callable[..., Any], label: str) -> Callable[..., Any]:
        @wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.measure(label):
                return function(*args, **kwargs)

        return wrapper

    @contextmanager
    def watching(self, targets: Sequence[tuple[ModuleType, str, str]]) -> Iterator[StageClock]:
        """Time each ``(module, name, label)`` step while the block runs; the names are restored after."""
        with ExitStack() as restore:
            for module, name, label in targets:
                original = getattr(module, name)
                setattr(module, name, self.timed(original, label))
                restore.callback(setattr, module, name, original)
            yield self
