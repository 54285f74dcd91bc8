"""Real services for integration tests: a fresh PostgreSQL database, a Redis db
number and queue prefix of our own per run, and real worker processes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import psycopg
import redis
from sqlalchemy import func
from sqlmodel import Session, select

from services.storage.db import get_engine, migrate
from services.storage.tables import (
    Article,
    EntityMentionRow,
    EntityRow,
    EventMentionRow,
    IncidentRow,
    IncidentSourceRow,
)

ROOT = Path(__file__).resolve().parent.parent
VIGIL = str(Path(sys.executable).with_name("vigil"))
PG_ADMIN = os.environ.get("VIGIL_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("VIGIL_TEST_REDIS", "redis://127.0.0.1:6379")

T = TypeVar("T")


def wait_for(probe: Callable[[], T], timeout: float, what: str, interval: float = 0.25) -> T:
    """Poll until ``probe`` returns something truthy; fail naming ``what`` on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {value!r})")
        time.sleep(interval)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A database of our own, dropped afterwards."""
    name = f"vigil_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def migrated_database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh database at the newest migration: ``kind`` "sqlite" (a file in ``folder``) or
    "postgresql" (a database of our own, dropped afterwards)."""
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'vigil.db'}"
        migrate(url)
        yield url
        get_engine(url).dispose()
        return
    with postgres_database() as url:
        migrate(url)
        yield url
        get_engine(url).dispose()


@contextmanager
def redis_namespace() -> Iterator[tuple[str, str]]:
    """A Redis db number and a queue prefix for this run; the db is flushed afterwards
    only of our own keys (the prefix), since another run may share the number."""
    db = random.randint(1, 15)
    prefix = f"t{uuid.uuid4().hex[:8]}-"
    try:
        yield f"{REDIS_URL}/{db}", prefix
    finally:
        client = redis.Redis.from_url(f"{REDIS_URL}/{db}")
        for key in client.scan_iter(f"*{prefix}*"):
            client.delete(key)


def service_env(database_url: str, broker_url: str | None, prefix: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIL_")}
    env |= {
        "VIGIL_DATABASE_URL": database_url,
        "VIGIL_QUEUE_PREFIX": prefix,
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    if broker_url:
        env["VIGIL_BROKER_URL"] = broker_url
    return env


class Process:
    """A child process whose output goes to a log file we can show when a test fails."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        self.args = args
        self.env = env
        self.popen = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            return subprocess.Popen(
                self.args,
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def restart(self) -> None:
        self.stop()
        self.popen = self._start()

    def kill(self) -> None:
        """SIGKILL the whole process group, as the OOM killer or a crash would."""
        os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(10)

    def stop(self, timeout: float = 20) -> None:
        if self.popen.poll() is not None:
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-5000:]


def run_vigil(
    env: dict[str, str], *args: str, cwd: Path = ROOT, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """The ``vigil`` command as a user runs it, its output captured."""
    return subprocess.run([VIGIL, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def start_worker(
    queues: str, env: dict[str, str], log_dir: Path, name: str | None = None, concurrency: int | None = None
) -> Process:
    name = name or queues.replace(",", "-")
    return Process(
        [
            VIGIL,
            "worker",
            "--queues",
            queues,
            *(["--concurrency", str(concurrency)] if concurrency else []),
            "--hostname",
            f"{name}-{uuid.uuid4().hex[:6]}@%h",
            "--loglevel",
            "INFO",
        ],
        env,
        log_dir / f"worker-{name}.log",
    )


def queues_idle(
    broker_url: str, prefix: str, queues: tuple[str, ...] = ("ingest", "enrich", "store", "maintenance")
) -> bool:
    """No message waiting and none delivered-but-unacknowledged on our queues (other runs may
    share the Redis db: their unacknowledged messages name their own prefix)."""
    client = redis.Redis.from_url(broker_url)
    waiting = sum(client.llen(f"{prefix}{q}") for q in queues)
    ours = [raw for raw in client.hvals("unacked") if prefix.encode() in raw]
    return waiting == 0 and not ours


COUNTED = (Article, EntityRow, EntityMentionRow, EventMentionRow, IncidentRow, IncidentSourceRow)


def table_counts(session: Session) -> dict[str, int]:
    """Rows per table an article leaves behind: what re-delivery must never change."""
    return {
        table.__tablename__: session.exec(select(func.count()).select_from(table)).one() for table in COUNTED
    }
