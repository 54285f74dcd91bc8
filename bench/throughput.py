"""Articles per second, direct in one process and distributed through real workers, on the same
corpus; CPU milliseconds per step; CPU and peak memory of every worker process.

Run: ``python -m bench.throughput [--articles N] [--layouts NAME,...|all]``; writes
``bench/results/throughput.json``. Needs Redis and PostgreSQL as the integration tests do
(``VIGIL_TEST_REDIS``, ``VIGIL_TEST_PG_ADMIN``). Targets (issue 7): distributed at least 0.8 of
direct, at least 8 articles/s on 2 cores, enrich worker peak RSS under 600 MB.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.corpus import SEED, build_corpus, corpus_summary
from bench.direct import DirectRun, run_direct, store_counts
from bench.distributed import LAYOUTS, LayoutRun, run_layout
from bench.machine import write_result
from bench.pages_server import fetch_settings, serve_pages
from bench.procfs import machine_cpu_seconds, machine_cpu_spent
from services.config import get_settings
from services.storage.db import get_engine, migrate
from tests.services_env import postgres_database

WARMUP_ARTICLES = 8
DEFAULT_LAYOUTS = ("one per queue", "enrich x2")
MIN_RATIO, MIN_PER_SECOND, MAX_ENRICH_RSS_MB = 0.8, 8.0, 600.0


def direct_figures(run: DirectRun, store: dict[str, object]) -> dict[str, Any]:
    return {
        "articles_per_second": round(run.per_second, 2),
        "seconds": round(run.seconds, 1),
        "cpu_ms_per_article": round(1000 * run.cpu_seconds / run.articles, 1),
        "stage_cpu_ms": run.groups(),
        "steps": run.steps(),
        "errors": dict(run.errors),
        "store": store,
    }


def layout_figures(run: LayoutRun) -> dict[str, Any]:
    return {
        "articles_per_second": round(run.per_second, 2),
        "seconds": round(run.seconds, 1),
        "worker_cpu_ms_per_article": round(run.cpu_ms_per_article, 1),
        "machine": run.machine,
        "workers": [vars(w) for w in run.workers],
        "store": run.store,
    }


def targets(direct: DirectRun, runs: Sequence[LayoutRun]) -> dict[str, Any]:
    best = max(runs, key=lambda r: r.per_second)
    enrich_rss = max(w.peak_rss_mb for r in runs for w in r.workers if "enrich" in w.queues)
    ratio = best.per_second / direct.per_second
    return {
        "best_layout": best.name,
        "distributed_over_direct": round(ratio, 2),
        "distributed_over_direct_min": MIN_RATIO,
        "articles_per_second": round(best.per_second, 2),
        "articles_per_second_min": MIN_PER_SECOND,
        "enrich_peak_rss_mb": enrich_rss,
        "enrich_peak_rss_mb_max": MAX_ENRICH_RSS_MB,
        "met": {
            "ratio": ratio >= MIN_RATIO,
            "throughput": best.per_second >= MIN_PER_SECOND,
            "enrich_rss": enrich_rss < MAX_ENRICH_RSS_MB,
        },
        # CPU the worker processes spend per article against the direct run's: what serialising,
        # queueing and Celery itself add (Redis's and PostgreSQL's own CPU are in neither figure).
        "worker_cpu_over_direct_cpu": {
            r.name: round(r.cpu_ms_per_article / (1000 * direct.cpu_seconds / direct.articles), 2)
            for r in runs
        },
    }


def print_report(results: dict[str, Any]) -> None:
    direct = results["direct"]
    print(f"corpus: {results['corpus']}")
    rate, cpu = direct["articles_per_second"], direct["cpu_ms_per_article"]
    busy = direct["machine_busy_cpu_ms_per_article"]
    print(f"\ndirect, one process: {rate} articles/s, {cpu} CPU ms/article (whole machine {busy})")
    print(f"{'step':24} {'CPU ms':>8} {'wall ms':>8}")
    for step, figures in direct["steps"].items():
        print(f"{step:24} {figures['cpu_ms']:8.1f} {figures['wall_ms']:8.1f}")
    print(f"by stage (CPU ms/article): {direct['stage_cpu_ms']}")
    for name, run in results["distributed"].items():
        rate, cpu = run["articles_per_second"], run["worker_cpu_ms_per_article"]
        print(f"\n{name}: {rate} articles/s ({run['seconds']} s), worker CPU {cpu} ms/article")
        machine = run["machine"]
        print(
            f"  PostgreSQL backends {machine['postgresql_cpu_ms_per_article']} CPU ms/article; whole machine "
            f"{machine['busy_cpu_ms_per_article']} (every process, other jobs too), "
            f"cores {machine['busy_share']:.0%} busy"
        )
        for worker in run["workers"]:
            queues = f"{worker['queues']} x{worker['concurrency']}"
            print(
                f"  {queues:26} {worker['cpu_ms_per_article']:6.1f} CPU ms/article, "
                f"peak RSS {worker['peak_rss_mb']:.0f} MB"
            )
        print(f"  stages: {run['store']['stages']}, incidents {run['store']['incidents']}")
    print(f"\ntargets: {results['targets']}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--layouts", default=",".join(DEFAULT_LAYOUTS), help=f"comma-separated, or 'all': {list(LAYOUTS)}"
    )
    args = parser.parse_args(argv)
    layouts = list(LAYOUTS) if args.layouts == "all" else [name.strip() for name in args.layouts.split(",")]
    items = build_corpus(args.articles)
    warmup = build_corpus(WARMUP_ARTICLES, seed=SEED + 1, prefix="warmup", with_fixed=False)
    logs = Path(tempfile.mkdtemp(prefix="vigil-bench-"))
    with serve_pages([*items, *warmup]) as base_url:
        settings = fetch_settings(base_url)
        os.environ.update(settings)
        get_settings.cache_clear()
        with postgres_database() as database_url:
            migrate(database_url)
            run_direct(warmup, database_url, base_url)
            machine_before = machine_cpu_seconds()
            direct = run_direct(items, database_url, base_url)
            busy, _ = machine_cpu_spent(machine_before)
            store = store_counts(database_url)
            get_engine(database_url).dispose()
        runs = [run_layout(name, items, warmup, base_url, settings, logs) for name in layouts]
    results = {
        "corpus": corpus_summary(items),
        "direct": direct_figures(direct, store)
        | {"machine_busy_cpu_ms_per_article": round(1000 * busy / len(items), 1)},
        "distributed": {run.name: layout_figures(run) for run in runs},
        "targets": targets(direct, runs),
        "worker_logs": str(logs),
    }
    print_report(results)
    print(f"written {write_result('throughput', results)}")
    return 0 if all(results["targets"]["met"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
