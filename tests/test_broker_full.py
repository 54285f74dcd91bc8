"""A Redis that refuses writes (memory full under ``maxmemory-policy noeviction``, as compose
runs it) is a state Vigil reports and survives: workers stay up, the API and ``/readyz`` answer
503 with Retry-After, ``vigil enqueue`` says per input what was not queued, and once Redis takes
writes again the reconciler sends on every article that was accepted. A private redis-server,
real PostgreSQL, real worker, beat and API processes."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import redis

from services.storage.tables import Article, Stage, utcnow
from tests.deployment_env import LocalStack, start_api
from tests.fault_env import RedisServer, assert_accounted_for, deployment
from tests.report_generator import write_reports
from tests.services_env import ROOT, VIGIL, Process, wait_for

pytestmark = pytest.mark.slow

FILLER = 4
TOKEN = "full-token"


@pytest.fixture()
def broker(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path, "--maxmemory-policy", "noeviction")
    try:
        yield server
    finally:
        server.stop()


def refuse_writes(client: redis.Redis) -> None:
    """Memory full: a few MB of data, then a limit 2 MB under what is used, so every write is
    refused until something frees that much (popping a message frees far less)."""
    for index in range(FILLER):
        client.set(f"filler:{index}", b"x" * 1_000_000)
    client.config_set("maxmemory", int(client.info("memory")["used_memory"]) - 2_000_000)
    try:
        client.set("probe", "1")
    except redis.exceptions.OutOfMemoryError:
        return
    raise AssertionError("redis still takes writes")


def take_writes(client: redis.Redis) -> None:
    client.delete(*(f"filler:{index}" for index in range(FILLER)))


def alive(*processes: Process) -> bool:
    return all(process.popen.poll() is None for process in processes)


def test_full_redis_is_reported_survived_and_recovered(broker: RedisServer, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    reports = write_reports(tmp_path / "reports", 24)
    waiting, refused = reports[:12], reports[12:22]
    client = redis.Redis.from_url(broker.url)
    with deployment(broker.url, logs) as run:
        ingest = run.worker("ingest", "ingest")
        run.worker("enrich", "enrich")
        run.worker("store,maintenance", "store")
        run.beat()
        run.wait_ready(3)
        # The ingest worker is frozen while its inputs are queued and Redis fills: it wakes up to
        # a message its pending BRPOP was handed and a queue of others, with every write refused.
        os.killpg(ingest.popen.pid, signal.SIGSTOP)
        result = run.vigil("enqueue", *map(str, waiting))
        assert result.returncode == 0, result.stderr
        ingest_queue = f"{run.env['VIGIL_QUEUE_PREFIX']}ingest"
        # All queued once enqueue returns, but for one its pending BRPOP may have been handed.
        assert client.llen(ingest_queue) in (len(waiting) - 1, len(waiting))
        refuse_writes(client)
        os.killpg(ingest.popen.pid, signal.SIGCONT)
        # Before: "Unrecoverable error: OutOfMemoryError ... ZADD unacked_index", the worker gone and
        # the message it had popped with it.
        wait_for(
            lambda: run.stages()[Stage.QUEUED] == 0 or not alive(ingest), 60, "the queued articles ingested"
        )
        assert alive(ingest), ingest.output()
        assert run.logged("Unrecoverable error") == 0
        assert run.logged("runs without an unacknowledged copy") >= 1

        stack = LocalStack.create(tmp_path / "api")
        stack.data_dir.mkdir()
        api = start_api(stack, run.env | {"VIGIL_API_TOKENS": TOKEN})
        run.processes.append(api)
        with httpx.Client(
            base_url=stack.api_url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30
        ) as http:
            ready = http.get("/readyz")
            assert ready.status_code == 503, ready.text
            assert ready.json()["broker"].startswith("unavailable"), ready.json()
            assert ready.headers["Retry-After"].isdigit()
            one = http.post("/v1/articles", json={"text": reports[22].read_text(), "id": "api-one"})
            assert one.status_code == 503, one.text
            assert one.headers["Retry-After"].isdigit()
            batch = http.post(
                "/v1/articles:batch", json={"articles": [{"text": reports[23].read_text(), "id": "api-two"}]}
            )
            assert batch.status_code == 503, batch.text
            assert batch.headers["Retry-After"].isdigit()

            result = run.vigil("enqueue", *map(str, refused))
            assert result.returncode == 1
            assert "Traceback" not in result.stderr, result.stderr
            for path in refused:
                assert f"{path}: registered as article" in result.stderr, result.stderr
            assert result.stderr.count("not queued") == len(refused), result.stderr

            take_writes(client)
            stages = run.wait_until_done(len(reports), 120)
            assert http.get("/readyz").status_code == 200
        assert stages[Stage.FAILED] == 0, dict(stages)
        assert alive(*run.processes)
        with run.session() as session:
            assert_accounted_for(session, len(reports))
        assert run.logged("reconciler re-sent") >= 1


def reconcile_once(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The reconciler's task body, run as beat's message would run it in a worker."""
    return subprocess.run(
        [str(Path(VIGIL).with_name("python")), "-c", "import workers.tasks as t; t.reconcile_task()"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_reconciler_spends_no_redelivery_on_a_message_the_broker_refused(
    broker: RedisServer, tmp_path: Path
) -> None:
    """Before: each run a stage timeout after the last claimed the article (one re-delivery
    counted) and then failed to publish, so after VIGIL_MAX_REDELIVERIES such runs it was failed as
    stuck though nothing had ever been sent."""
    client = redis.Redis.from_url(broker.url)
    with deployment(broker.url, tmp_path) as run:
        with run.session() as session:
            article = Article(
                stage=Stage.QUEUED,
                stage_changed_at=utcnow() - timedelta(hours=1),
                raw_text="Gunmen attacked a police checkpoint in Herat on Monday, killing two officers.",
                input_hash="refused-resend",
            )
            session.add(article)
            session.commit()
        refuse_writes(client)
        runs = [reconcile_once(run.env) for _ in range(int(run.env["VIGIL_MAX_REDELIVERIES"]) + 1)]
        with run.session() as session:
            kept = session.get(Article, article.id)
            assert kept is not None
            assert (kept.stage, kept.redeliveries, kept.last_error) == (Stage.QUEUED, 0, None)
        assert all(r.returncode == 0 for r in runs), runs[-1].stderr
        assert "1 articles not re-sent (broker unavailable" in runs[-1].stderr, runs[-1].stderr

        take_writes(client)
        assert reconcile_once(run.env).returncode == 0
        assert client.llen(f"{run.env['VIGIL_QUEUE_PREFIX']}ingest") == 1
        with run.session() as session:
            sent = session.get(Article, article.id)
            assert sent is not None and sent.redeliveries == 1
