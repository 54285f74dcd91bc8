"""What the offline gazetteer costs: building its index, opening it, a lookup, and RSS.

Each figure is taken in a fresh child process, so nothing is cached from an earlier step:

- build: the one-time cut of the index into a temporary folder (what the first start of a
  machine, or ``docker build``, pays), with that process's peak RSS;
- open: the time from ``import`` to the first resolved place in a process whose index is built,
  and the RSS it adds to a bare interpreter (the enrich worker's share);
- lookup: microseconds per resolution of distinct names (a cold lookup cache), and per place
  chain;
- the enrich worker's RSS after the model, the case tables and the gazetteer are loaded and the
  seed articles analysed.

Targets (issue 13): enrich RSS under 600 MB, start-up (open) under 10 s. Run:
``python -m bench.gazetteer``; writes ``bench/results/gazetteer.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from bench.machine import write_result

MAX_ENRICH_RSS_MB = 600
MAX_OPEN_S = 10.0

BUILD = """
import json, resource, time
from pathlib import Path
from services.extraction.gazetteer import build
started = time.perf_counter()
build(Path({path!r}))
print(json.dumps({{"build_s": time.perf_counter() - started,
                  "build_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "index_mb": Path({path!r}).stat().st_size / 2**20}}))
"""

OPEN_AND_LOOKUP = """
import json, time
before = rss_mb()
started = time.perf_counter()
from services.extraction.places import resolve_chain, resolve_place
resolve_place("Kabul")
opened = time.perf_counter() - started
after = rss_mb()
from services.extraction.gazetteer import gazetteer
words = [row[0] for row in gazetteer()._db().execute("SELECT key FROM names ORDER BY random() LIMIT 20000")]
started = time.perf_counter()
for word in words:
    resolve_place(word, ("AF",))
per_lookup = (time.perf_counter() - started) / len(words) * 1e6
started = time.perf_counter()
for word in words[:5000]:
    resolve_chain([word, "Kunduz province", "Afghanistan"])
per_chain = (time.perf_counter() - started) / 5000 * 1e6
print(json.dumps({"open_s": opened, "open_rss_mb": after - before, "lookup_us": per_lookup,
                  "chain_us": per_chain}))
"""

ENRICH = """
import json
from pathlib import Path
from services.extraction.analyse import analyse, warm_up
from services.schema import Document
warm_up()
docs = [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(Path("seeds").glob("*.txt"))]
analyse(docs)
print(json.dumps({"enrich_rss_mb": rss_mb()}))
"""


RSS = """
def rss_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
"""


def _child(code: str, cache_dir: str) -> dict[str, float]:
    env = {**os.environ, "VIGIL_CACHE_DIR": cache_dir}
    command = [sys.executable, "-c", RSS + code]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="vigil-gazetteer-") as cache_dir:
        from services.config import get_settings
        from services.extraction.gazetteer import index_file

        get_settings.cache_clear()
        os.environ["VIGIL_CACHE_DIR"] = cache_dir
        path = index_file()
        figures = _child(BUILD.format(path=str(path)), cache_dir)
        figures |= _child(OPEN_AND_LOOKUP, cache_dir)
        figures |= _child(ENRICH, cache_dir)
    figures = {k: round(v, 2) for k, v in figures.items()}
    figures["targets"] = {"enrich_rss_mb": MAX_ENRICH_RSS_MB, "open_s": MAX_OPEN_S}
    for name, value in figures.items():
        print(f"{name:20} {value}")
    write_result("gazetteer", figures)
    return int(figures["enrich_rss_mb"] > MAX_ENRICH_RSS_MB or figures["open_s"] > MAX_OPEN_S)


if __name__ == "__main__":
    sys.exit(main())
