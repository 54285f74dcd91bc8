"""Lock waits and statements on PostgreSQL have limits: a merge whose country is locked by a
stalled transaction steps aside and retries, the other countries keep flowing, and a task cut
short inside a statement leaves no pooled connection unusable. Real PostgreSQL, real Redis,
real worker processes."""

from __future__ import annotations

import signal
from pathlib import Path

import psycopg
import pytest
from billiard.exceptions import SoftTimeLimitExceeded
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select

from services.storage.db import get_engine, session_scope
from services.storage.incidents import block_key
from services.storage.tables import Article, Stage
from tests.fault_env import RedisServer, assert_accounted_for, deployment
from tests.report_generator import write_reports
from tests.services_env import migrated_database, wait_for

pytestmark = pytest.mark.slow


def test_a_held_country_lock_stalls_only_that_country(broker: RedisServer, tmp_path: Path) -> None:
    """A transaction outside Vigil holds Afghanistan's merge lock. Three store processes must
    keep storing every other country's reports meanwhile (before the fix all three sat waiting
    on the lock); Afghanistan's reports wait in their stage, not failed, and are stored once the
    lock is released. No task is cut short with its connection mid-command."""
    logs = tmp_path / "logs"
    logs.mkdir()
    reports = write_reports(tmp_path / "reports", 40)  # events 0 and 1 are in Afghanistan
    afghan = {p.stem for p in reports if p.stem.startswith(("event0000-", "event0001-"))}
    with deployment(broker.url, logs) as run:
        run.worker("ingest", "ingest")
        run.worker("enrich", "enrich")
        run.worker("store,maintenance", "store", concurrency=3)
        run.beat()
        run.wait_ready(3)
        holder_url = run.database_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(holder_url) as holder:
            holder.execute("SELECT pg_advisory_xact_lock(%s)", (block_key("AF"),))
            result = run.vigil("enqueue", *map(str, reports))
            assert result.returncode == 0, result.stderr

            def others_finished() -> bool:
                with run.session() as session:
                    rows = session.exec(select(Article.external_id, Article.stage)).all()
                waiting = [name for name, stage in rows if name not in afghan and stage not in TERMINAL]
                return len(rows) == len(reports) and not waiting

            # Well within the soft time limit (50 s), which before the fix was the only way out.
            wait_for(others_finished, 30, "every report outside Afghanistan finished with AF locked")
            with run.session() as session:
                held = session.exec(select(Article.stage).where(col(Article.external_id).in_(afghan))).all()
            assert Stage.STORED not in held and Stage.FAILED not in held, held
            assert run.logged("is locked by another merge") >= 1
            holder.rollback()

        stages = run.wait_until_done(len(reports), 90)
        assert stages[Stage.FAILED] == 0, dict(stages)
        with run.session() as session:
            assert_accounted_for(session, len(reports))
        assert run.logged("another command is already in progress") == 0


TERMINAL = {Stage.STORED, Stage.DUPLICATE, Stage.SKIPPED, Stage.FAILED}


def test_sessions_carry_lock_and_statement_timeouts(tmp_path: Path) -> None:
    with migrated_database("postgresql", tmp_path) as url:
        with session_scope(url) as session:
            lock = session.execute(text("SHOW lock_timeout")).scalar_one()
            statement = session.execute(text("SHOW statement_timeout")).scalar_one()
            idle = session.execute(text("SHOW idle_in_transaction_session_timeout")).scalar_one()
        assert "0" not in (lock, statement, idle), (lock, statement, idle)
        with pytest.raises(OperationalError, match="statement timeout"), session_scope(url) as session:
            session.execute(text("SET LOCAL statement_timeout = '200ms'"))
            session.execute(text("SELECT pg_sleep(5)"))


def test_soft_time_limit_inside_a_statement_leaves_the_pool_usable(tmp_path: Path) -> None:
    """Billiard's soft time limit is a signal whose handler raises SoftTimeLimitExceeded wherever
    the task is, here inside a statement; the connection is mid-command, and must not go back to
    the pool as if it were idle ("another command is already in progress" for the next task)."""

    def soft_limit(_signum: int, _frame: object) -> None:
        raise SoftTimeLimitExceeded()

    with migrated_database("postgresql", tmp_path) as url:
        engine = get_engine(url)
        previous = signal.signal(signal.SIGALRM, soft_limit)
        try:
            signal.setitimer(signal.ITIMER_REAL, 0.5)
            with pytest.raises(SoftTimeLimitExceeded), session_scope(url) as session:
                session.execute(text("SELECT pg_sleep(3)"))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        for _ in range(engine.pool.size() + 1):
            with session_scope(url) as session:
                assert session.execute(text("SELECT 1")).scalar_one() == 1
