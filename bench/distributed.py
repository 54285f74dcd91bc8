"""The corpus end to end through real Redis, PostgreSQL and ``vigil worker`` processes, from the
first message sent to the last article in a final stage.

Work enters as another system would send it: ``vigil.ingest.text`` with the text or HTML, or
``vigil.ingest.url`` for pages the local news site serves. Each layout gets a fresh database and
queue prefix; a few warm-up articles go through first so every pool process has loaded the spaCy
model before the clock starts. The CPU time and the peak memory of every worker process (Celery's
main process and its pool) come from ``/proc``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from celery import Celery

from bench.corpus import CorpusItem
from bench.direct import store_counts
from bench.procfs import (
    ProcessSample,
    cpu_spent,
    database_backends_cpu,
    machine_cpu_seconds,
    machine_cpu_spent,
    sample_tree,
)
from tests.fault_env import deployment
from tests.services_env import Process, redis_namespace

# Each layout: (queues, concurrency) per worker process.
Layout = tuple[tuple[str, int], ...]
LAYOUTS: dict[str, Layout] = {
    "one per queue": (("ingest", 1), ("enrich", 1), ("store", 1)),
    "enrich x2": (("ingest", 1), ("enrich", 2), ("store", 1)),
    "all queues x2": (("ingest,enrich,store", 2),),
}
SECONDS_PER_ARTICLE_LIMIT = 2.0  # the wait gives up well beyond any plausible throughput


def send(client: Celery, item: CorpusItem, base_url: str) -> None:
    if item.kind == "url":
        client.send_task("vigil.ingest.url", kwargs={"url": item.url(base_url), "source": "bench"})
        return
    payload = {item.kind: item.content, "id": item.id, "published": item.published, "source": "bench"}
    client.send_task("vigil.ingest.text", kwargs=payload)


@dataclass
class WorkerFigures:
    queues: str
    concurrency: int
    cpu_ms_per_article: float
    peak_rss_mb: float  # the largest of its processes
    processes: list[dict[str, Any]]


@dataclass
class LayoutRun:
    name: str
    articles: int
    seconds: float
    workers: list[WorkerFigures]
    store: dict[str, object]
    machine: dict[str, float]  # every process on the machine during the run, workers included

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def cpu_ms_per_article(self) -> float:
        return sum(w.cpu_ms_per_article for w in self.workers)


def _figures(
    queues: str,
    concurrency: int,
    before: dict[int, ProcessSample],
    after: dict[int, ProcessSample],
    articles: int,
) -> WorkerFigures:
    cpu = cpu_spent(
        {p: s.cpu_seconds for p, s in before.items()}, {p: s.cpu_seconds for p, s in after.items()}
    )
    return WorkerFigures(
        queues=queues,
        concurrency=concurrency,
        cpu_ms_per_article=round(1000 * cpu / articles, 1),
        peak_rss_mb=round(max(s.peak_rss_mb for s in after.values()), 1),
        processes=[{"pid": s.pid, "peak_rss_mb": round(s.peak_rss_mb, 1)} for s in after.values()],
    )


def run_layout(
    name: str,
    items: Sequence[CorpusItem],
    warmup: Sequence[CorpusItem],
    base_url: str,
    settings: dict[str, str],
    logs: Path,
) -> LayoutRun:
    layout = LAYOUTS[name]
    with (
        redis_namespace() as (broker_url, prefix),
        deployment(broker_url, logs, prefix, {}, **settings) as run,
    ):
        database_url = run.database_url
        workers: list[Process] = [
            run.worker(queues, f"{name.replace(' ', '-')}-{queues.replace(',', '-')}", concurrency)
            for queues, concurrency in layout
        ]
        run.wait_ready(len(workers), 120)
        client = run.client()
        for item in warmup:
            send(client, item, base_url)
        run.wait_until_done(len(warmup), 120 + 10 * len(warmup))
        before = [sample_tree(w.popen.pid) for w in workers]
        database_before = database_backends_cpu(database_url)
        machine_before = machine_cpu_seconds()
        started = time.perf_counter()
        for item in items:
            send(client, item, base_url)
        expected = len(warmup) + len(items)
        run.wait_until_done(expected, 60 + SECONDS_PER_ARTICLE_LIMIT * len(items))
        seconds = time.perf_counter() - started
        busy, idle = machine_cpu_spent(machine_before)
        database = cpu_spent(database_before, database_backends_cpu(database_url))
        after = [sample_tree(w.popen.pid) for w in workers]
        run.stop()
        figures = [
            _figures(queues, concurrency, b, a, len(items))
            for (queues, concurrency), b, a in zip(layout, before, after, strict=True)
        ]
        machine = {
            "busy_cpu_ms_per_article": round(1000 * busy / len(items), 1),
            "busy_share": round(busy / (busy + idle), 2) if busy + idle else 0.0,
            # The PostgreSQL backends serving this run's database (Redis is shared with other jobs).
            "postgresql_cpu_ms_per_article": round(1000 * database / len(items), 1),
        }
        return LayoutRun(name, len(items), seconds, figures, store_counts(database_url), machine)
