"""The whole pipeline through real Redis, PostgreSQL and three worker processes."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, create_engine, select

from services.schema import Incident
from services.storage.db import migrate
from services.storage.queries import all_incidents
from services.storage.tables import (
    TERMINAL_STAGES,
    Article,
    Stage,
)
from tests.services_env import (
    ROOT,
    VIGIL,
    postgres_database,
    queues_idle,
    redis_namespace,
    run_vigil,
    service_env,
    start_worker,
    table_counts,
    wait_for,
)

SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    logs = tmp_path_factory.mktemp("logs")
    with postgres_database() as database_url, redis_namespace() as (broker_url, prefix):
        migrate(database_url)
        env = service_env(database_url, broker_url, prefix)
        workers = [start_worker(queue, env, logs) for queue in ("ingest", "enrich", "store")]
        try:
            yield env
        finally:
            for worker in workers:
                worker.stop()
            for worker in workers:
                print(worker.output())


def _session(env: dict[str, str]) -> Session:
    return Session(create_engine(env["VIGIL_DATABASE_URL"]))


def _all_done(env: dict[str, str], expected: int) -> bool:
    with _session(env) as session:
        stages = session.exec(select(Article.stage)).all()
    return len(stages) == expected and all(stage in TERMINAL_STAGES for stage in stages)


def _counts(env: dict[str, str]) -> dict[str, int]:
    with _session(env) as session:
        return table_counts(session)


def _incident_on(incidents: list[Incident], date: str) -> Incident:
    matches = [i for i in incidents if i.date == date and i.location.city == "Kabul"]
    assert len(matches) == 1, [(i.date, i.location.city, i.event_type) for i in incidents]
    return matches[0]


def test_seeds_become_incidents_once(deployment: dict[str, str]) -> None:
    result = run_vigil(deployment, "enqueue", *SEEDS)
    assert result.returncode == 0, result.stderr
    wait_for(lambda: _all_done(deployment, len(SEEDS)), 240, "five seeds stored")

    with _session(deployment) as session:
        stages = session.exec(select(Article.stage)).all()
        incidents = all_incidents(session)
    assert set(stages) == {Stage.STORED}
    embassy = _incident_on(incidents, "2022-09-05")
    assert embassy.event_type == "bombing"
    assert sorted(s.document_id for s in embassy.sources) == sorted(Path(p).stem for p in SEEDS)
    assert _incident_on(incidents, "2022-12-02").event_type == "armed_assault"

    before = _counts(deployment)
    again = run_vigil(deployment, "enqueue", *SEEDS)
    assert again.returncode == 0, again.stderr
    assert "already known" in again.stderr
    wait_for(
        lambda: queues_idle(deployment["VIGIL_BROKER_URL"], deployment["VIGIL_QUEUE_PREFIX"]),
        60,
        "queues drained",
    )
    assert _counts(deployment) == before


def test_redelivered_stage_messages_change_nothing(deployment: dict[str, str]) -> None:
    """Every stage message delivered again, as a broker may after a lost ack."""
    wait_for(lambda: _all_done(deployment, len(SEEDS)), 240, "seeds stored")
    before = _counts(deployment)
    with _session(deployment) as session:
        ids = session.exec(select(Article.id).where(col(Article.stage) == Stage.STORED)).all()
    resend = subprocess.run(
        [
            str(Path(VIGIL).with_name("python")),
            "-c",
            "import sys; from workers import publish\n"
            "for i in map(int, sys.argv[1:]):\n"
            "    [publish.enqueue_stage(s, i) for s in ('ingest', 'enrich', 'store')]",
            *map(str, ids),
        ],
        env=deployment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resend.returncode == 0, resend.stderr
    wait_for(
        lambda: queues_idle(deployment["VIGIL_BROKER_URL"], deployment["VIGIL_QUEUE_PREFIX"]),
        60,
        "queues drained",
    )
    assert _counts(deployment) == before
