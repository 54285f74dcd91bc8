"""``make bench``: every benchmark in turn, each writing ``bench/results/<name>.json``.

``--quick`` runs them on a smaller scale (200 articles, stores of 1k and 10k incidents) to check
that they work, in a few minutes; its figures are not the ones to quote, so its results go to a
temporary folder, not ``bench/results``. ``--only NAME,...`` picks benchmarks. The exit code is 1
when any target was missed (every benchmark still runs).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Sequence

from bench import cleaning, extraction_cost, gazetteer, store_scaling, throughput

QUICK_ARGS = {
    "throughput": ["--articles", "200", "--layouts", "enrich x2"],
    "store_scaling": ["--sizes", "1000,10000", "--probes", "60"],
}


def _no_arguments(main: Callable[[], int | None]) -> Callable[[list[str]], int]:
    return lambda _: main() or 0


BENCHMARKS: dict[str, Callable[[list[str]], int]] = {
    "cleaning": _no_arguments(cleaning.main),
    "extraction_cost": _no_arguments(extraction_cost.main),
    "gazetteer": _no_arguments(gazetteer.main),
    "store_scaling": store_scaling.main,
    "throughput": throughput.main,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller scale, to check the benchmarks run")
    parser.add_argument("--only", default=",".join(BENCHMARKS), help=f"comma-separated: {list(BENCHMARKS)}")
    args = parser.parse_args(argv)
    if args.quick:
        os.environ["BENCH_RESULTS_DIR"] = tempfile.mkdtemp(prefix="vigil-bench-quick-")
        print(f"quick run: results in {os.environ['BENCH_RESULTS_DIR']}")
    missed = []
    for name in args.only.split(","):
        print(f"\n=== {name} ===", flush=True)
        started = time.monotonic()
        code = BENCHMARKS[name](QUICK_ARGS.get(name, []) if args.quick else [])
        print(
            f"--- {name}: {time.monotonic() - started:.0f} s{', target missed' if code else ''}", flush=True
        )
        if code:
            missed.append(name)
    if missed:
        print(f"\ntargets missed in: {', '.join(missed)} (see bench/README.md)")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
