"""CPU time and peak memory of a worker and its pool processes, read from ``/proc`` (Linux).

A Celery worker does its work in prefork children, so the figures are taken per process of the
tree. Peak resident memory is the kernel's high-water mark (``VmHWM``), which catches a peak
between two samples."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ProcessSample:
    pid: int
    cpu_seconds: float  # user + system, this process only
    peak_rss_mb: float


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    pids, index = [pid], 0
    while index < len(pids):
        pids += children(pids[index])
        index += 1
    return pids


def sample(pid: int) -> ProcessSample | None:
    """None when the process has gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15 of stat)
    peak_kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), 0)
    return ProcessSample(pid, cpu, peak_kb / 1024)


def sample_tree(pid: int) -> dict[int, ProcessSample]:
    return {s.pid: s for p in tree(pid) if (s := sample(p)) is not None}


def machine_cpu_seconds() -> tuple[float, float]:
    """(busy, idle) CPU seconds of the whole machine since boot, summed over its cores: what the
    workers used is compared with what everything (PostgreSQL, Redis, other jobs) used."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / TICKS, idle / TICKS


def processes_named(fragment: str) -> list[int]:
    """Processes whose command line contains ``fragment`` (a PostgreSQL backend names its database
    in its process title)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if fragment in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def cpu_seconds_of(pids: list[int]) -> dict[int, float]:
    return {pid: s.cpu_seconds for pid in pids if (s := sample(pid)) is not None}


def database_backends_cpu(database_url: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving this URL's database (its process
    title names the database)."""
    return cpu_seconds_of(processes_named(f" {database_url.rsplit('/', 1)[1]} "))


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds the processes of ``after`` used since ``before`` (one started since: all of it)."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def machine_cpu_spent(before: tuple[float, float]) -> tuple[float, float]:
    """(busy, idle) CPU seconds of the whole machine since ``machine_cpu_seconds()`` gave ``before``."""
    busy, idle = machine_cpu_seconds()
    return busy - before[0], idle - before[1]
