"""A disposable deployment for fault tests: a redis-server of our own (so a test may kill it),
a fresh PostgreSQL database, worker and beat processes as compose runs them but with timeouts
scaled down, and the end-state checks every fault test makes."""

from __future__ import annotations

import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from celery import Celery
from sqlalchemy import func
from sqlalchemy.pool import NullPool
from sqlmodel import Session, col, create_engine, select

from services.config import Settings
from services.storage.db import migrate
from services.storage.tables import TERMINAL_STAGES, Article, EventMentionRow, IncidentRow, IncidentSourceRow
from tests.deployment_env import free_port
from tests.services_env import (
    VIGIL,
    Process,
    postgres_database,
    run_vigil,
    service_env,
    start_worker,
    wait_for,
)
from workers.app import create_app

CELERY = str(Path(VIGIL).with_name("celery"))
# Production's timeouts scaled down, keeping their order: a task or a backoff is far shorter than
# the stage timeout, which is shorter than the visibility timeout, so the reconciler (not Redis's
# restore of unacked messages) is what recovers a lost message, as it would in production.
FAULT_SETTINGS = {
    "VIGIL_STAGE_TIMEOUT_SECONDS": "4",
    "VIGIL_RECONCILE_INTERVAL_SECONDS": "1",
    "VIGIL_TASK_SOFT_TIME_LIMIT": "50",
    "VIGIL_TASK_TIME_LIMIT": "60",
    "VIGIL_VISIBILITY_TIMEOUT": "120",
    "VIGIL_MAX_ATTEMPTS": "3",
    "VIGIL_MAX_REDELIVERIES": "3",
    "VIGIL_FETCH_RETRY_BASE": "0.2",
    "VIGIL_FETCH_RETRY_CAP": "1",
}


class RedisServer:
    """A redis-server on a port of its own that a test may SIGKILL and start again. No
    persistence: a crash loses every queued and unacknowledged message, the worst case (compose
    runs Redis with an append-only file, which loses at most the last second of writes)."""

    def __init__(self, workdir: Path, *options: str) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = Process(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
                *options,
            ],
            {},
            workdir / "redis.log",
        )
        self.wait_ready()

    def wait_ready(self) -> None:
        client = redis.Redis.from_url(self.url)
        wait_for(lambda: _pings(client), 10, f"redis-server on port {self.port}")

    def crash_and_restart(self, down_for: float) -> None:
        self.process.kill()
        time.sleep(down_for)  # the outage itself: how long workers find no broker
        self.process.restart()
        self.wait_ready()

    def stop(self) -> None:
        self.process.stop()


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


@dataclass
class Deployment:
    env: dict[str, str]
    logs: Path
    processes: list[Process] = field(default_factory=list)

    @property
    def database_url(self) -> str:
        return self.env["VIGIL_DATABASE_URL"]

    def worker(self, queues: str, name: str, concurrency: int = 1, **env: str) -> Process:
        process = start_worker(queues, self.env | env, self.logs, name, concurrency)
        self.processes.append(process)
        return process

    def wait_ready(self, count: int, timeout: float = 60) -> None:
        """Until ``count`` workers (counting restarts) have logged that they consume."""
        wait_for(lambda: self.logged(" ready.") >= count, timeout, f"{count} workers ready")

    def start_pipeline(self, enrich_concurrency: int = 1) -> list[Process]:
        """One worker per stage queue (store's also takes maintenance) and beat, as compose runs
        them; returns once the workers are consuming."""
        processes = [
            self.worker("ingest", "ingest"),
            self.worker("enrich", "enrich", concurrency=enrich_concurrency),
            self.worker("store,maintenance", "store"),
            self.beat(),
        ]
        self.wait_ready(3)
        return processes

    def beat(self) -> Process:
        """Beat exactly as compose starts it; it sends the reconciler to the maintenance queue."""
        process = Process(
            [
                CELERY,
                "-A",
                "workers.app",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(self.logs / "sched"),
            ],
            self.env,
            self.logs / "beat.log",
        )
        self.processes.append(process)
        return process

    def client(self) -> Celery:
        """What another system uses to send work by public task name."""
        return create_app(
            Settings(broker_url=self.env["VIGIL_BROKER_URL"], queue_prefix=self.env["VIGIL_QUEUE_PREFIX"])
        )

    def vigil(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_vigil(self.env, *args)

    def session(self) -> Session:
        return Session(create_engine(self.database_url, poolclass=NullPool), expire_on_commit=False)

    def stages(self) -> Counter[str]:
        with self.session() as session:
            return Counter(session.exec(select(Article.stage)).all())

    def finished(self, stages: Counter[str] | None = None) -> int:
        """Articles in a final stage."""
        stages = stages or self.stages()
        return sum(stages[s] for s in TERMINAL_STAGES)

    def wait_until_done(self, expected: int, timeout: float) -> Counter[str]:
        """Every one of ``expected`` articles in a final stage."""

        def done() -> Counter[str] | None:
            stages = self.stages()
            return stages if self.finished(stages) == expected == stages.total() else None

        try:
            return wait_for(done, timeout, f"{expected} articles in a final stage", interval=0.5)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; stages now {dict(self.stages())}") from None

    def logged(self, text: str) -> int:
        """How many lines of every process log contain ``text``."""
        return sum(p.log.read_text(errors="replace").count(text) for p in self.processes)

    def stop(self) -> None:
        for process in self.processes:
            process.stop(timeout=10)


@contextmanager
def deployment(
    broker_url: str,
    logs: Path,
    prefix: str | None = None,
    base: dict[str, str] = FAULT_SETTINGS,
    **settings: str,
) -> Iterator[Deployment]:
    """A fresh database and a queue prefix (a new one unless given) on ``broker_url``, with the
    ``base`` settings (the fault tests' scaled-down timeouts unless given); every process stopped
    afterwards."""
    with postgres_database() as database_url:
        migrate(database_url)
        prefix = prefix or f"f{uuid.uuid4().hex[:8]}-"
        env = service_env(database_url, broker_url, prefix, **(base | settings))
        running = Deployment(env, logs)
        try:
            yield running
        finally:
            running.stop()


def assert_accounted_for(session: Session, expected: int) -> Counter[str]:
    """The end state every fault test demands: each article exactly once, in a final stage,
    a reason on each failed or skipped one, and every stored article's event mentions merged
    into incidents exactly once (no more incident sources than mentions, none lost)."""
    articles = session.exec(select(Article.id, Article.stage, Article.last_error)).all()
    stages = Counter(stage for _, stage, _ in articles)
    assert len(articles) == expected, stages
    assert set(stages) <= set(TERMINAL_STAGES), stages
    unexplained = [(i, s) for i, s, reason in articles if s in ("failed", "skipped") and not reason]
    assert unexplained == [], unexplained

    mentions = dict(
        session.exec(
            select(EventMentionRow.article_id, func.count()).group_by(col(EventMentionRow.article_id))
        ).all()
    )
    sources = dict(
        session.exec(
            select(IncidentSourceRow.article_id, func.count()).group_by(col(IncidentSourceRow.article_id))
        ).all()
    )
    stored = [i for i, s, _ in articles if s == "stored"]
    doubled = {i: (sources[i], mentions.get(i, 0)) for i in stored if sources.get(i, 0) > mentions.get(i, 0)}
    assert doubled == {}, f"articles in more incidents than they have event mentions: {doubled}"
    lost = [i for i in stored if mentions.get(i, 0) and not sources.get(i, 0)]
    assert lost == [], f"stored articles whose event mentions reached no incident: {lost}"
    not_stored = set(sources) - set(stored)
    assert not_stored == set(), f"incident sources from articles that are not stored: {not_stored}"
    empty = session.exec(
        select(IncidentRow.id).where(~IncidentRow.id.in_(select(IncidentSourceRow.incident_id)))  # type: ignore[union-attr]
    ).all()
    assert empty == [], f"incidents without a source: {empty}"
    return stages


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A private redis-server for a module of fault tests (one that can be filled or killed)."""
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    try:
        yield server
    finally:
        server.stop()
