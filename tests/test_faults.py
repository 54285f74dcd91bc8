"""Delivery guarantees under faults, with real processes: killed workers, a crashed Redis, an
unreachable PostgreSQL, duplicate deliveries, poison messages, junk on the queues, and a load
test. Each test ends by checking the database: every article stored, duplicate, skipped or
failed with a reason, and no article or incident twice."""

from __future__ import annotations

import base64
import json
import os
import resource
import signal
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
import redis
from pytest_httpserver import HTTPServer
from sqlmodel import Session, select
from werkzeug import Request, Response

from services.pipeline.enrich import enrich_article
from services.pipeline.ingest import ingest_article
from services.pipeline.register import register_payload
from services.pipeline.store import store_article
from services.storage.db import migrate, session_scope
from services.storage.queries import all_incidents
from services.storage.tables import Article, EventMentionRow, Stage
from tests.fault_env import Deployment, RedisServer, assert_accounted_for, deployment, free_port
from tests.fetch_support import loopback_env, running_server
from tests.report_generator import write_reports
from tests.services_env import (
    ROOT,
    VIGIL,
    Process,
    postgres_database,
    queues_idle,
    service_env,
    table_counts,
    wait_for,
)
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.slow

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture()
def logs(tmp_path: Path) -> Path:
    folder = tmp_path / "logs"
    folder.mkdir()
    return folder


def alive(*processes: Process) -> bool:
    return all(process.popen.poll() is None for process in processes)


def enqueue(run: Deployment, *inputs: str) -> None:
    result = run.vigil("enqueue", *inputs)
    assert result.returncode == 0, result.stderr


def stored_count(run: Deployment) -> int:
    return run.stages()[Stage.STORED]


def queues_drained(run: Deployment) -> bool:
    return queues_idle(
        run.env["VIGIL_BROKER_URL"], run.env["VIGIL_QUEUE_PREFIX"], ("ingest", "enrich", "store")
    )


# --- a worker killed with SIGKILL in the middle of a task ---


class StallingSite:
    """Serves an article per path, holding the first request for each path (every request for a
    path in ``always_hold``) until the test lets go, so the test knows a worker is inside that
    fetch when it kills it."""

    def __init__(self, server: HTTPServer, pages: dict[str, str], always_hold: frozenset[str]) -> None:
        self.pages = pages
        self.always_hold = always_hold
        self.arrived = {path: threading.Event() for path in pages}
        self.release = threading.Event()
        self.requests: dict[str, int] = dict.fromkeys(pages, 0)
        for path in pages:
            server.expect_request(path).respond_with_handler(self._serve)

    def _serve(self, request: Request) -> Response:
        self.requests[request.path] += 1
        if self.requests[request.path] == 1 or request.path in self.always_hold:
            self.arrived[request.path].set()
            self.release.wait(30)
        return Response(self.pages[request.path], content_type="text/plain; charset=utf-8")


def pool_children(process: Process) -> list[int]:
    pid = process.popen.pid
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_worker_killed_mid_task_is_finished_after_restart_or_by_another(
    broker: RedisServer, logs: Path, tmp_path: Path
) -> None:
    """Two ways a worker dies mid-fetch. The OOM killer takes the pool process only: the parent
    sees it lost and requeues the message at once (acks_late + task_reject_on_worker_lost), and
    the replacement pool process finishes it. The whole worker is SIGKILLed: nobody is left to
    requeue, the message sits unacknowledged in Redis, and the reconciler re-sends the article
    after the stage timeout (long before the visibility timeout), so a second worker finishes it.
    A fetch that hangs past the soft time limit is a transient failure, failed at the cap."""
    reports = write_reports(tmp_path / "reports", 3, reports_per_event=1)
    pages = {f"/news/{p.stem}": p.read_text() for p in reports}
    with running_server() as server:
        site = StallingSite(server, pages, always_hold=frozenset([f"/news/{reports[2].stem}"]))
        urls = [server.url_for(path) for path in site.pages]
        fetch_env = {
            **loopback_env(server.port),
            "VIGIL_FETCH_HOST_DELAY": "0",
            "VIGIL_FETCH_RESPECT_ROBOTS": "false",
            "VIGIL_FETCH_READ_TIMEOUT": "60",
            "VIGIL_FETCH_DEADLINE": "60",
        }
        try:
            with deployment(broker.url, logs, **fetch_env) as run:
                first = run.worker("ingest", "ingest-a")
                others = [run.worker("enrich,store,maintenance", "rest"), run.beat()]
                run.wait_ready(2)

                enqueue(run, urls[0])
                assert site.arrived["/news/" + reports[0].stem].wait(30)
                [child] = pool_children(first)
                os.kill(child, signal.SIGKILL)
                wait_for(lambda: run.stages()[Stage.STORED] == 1, 60, "the first article stored")
                assert run.logged("WorkerLostError") >= 1

                enqueue(run, urls[1])
                assert site.arrived["/news/" + reports[1].stem].wait(30)
                first.kill()
                impatient = {"VIGIL_TASK_SOFT_TIME_LIMIT": "1.5", "VIGIL_TASK_TIME_LIMIT": "5"}
                second = run.worker("ingest", "ingest-b", **impatient)
                wait_for(lambda: run.stages()[Stage.STORED] == 2, 60, "the second article stored")
                assert run.logged("reconciler re-sent") >= 1

                enqueue(run, urls[2])
                wait_for(lambda: run.stages()[Stage.FAILED] == 1, 60, "the hanging fetch failed")
                with run.session() as session:
                    hung = session.exec(select(Article).where(Article.stage == Stage.FAILED)).one()
                assert hung.attempts == 3
                assert (
                    hung.last_error == "vigil.ingest.article: took longer than the soft time limit of 1.5 s"
                )

                first.restart()
                run.wait_ready(4)
                assert alive(first, second, *others)
                assert site.requests == dict(zip(pages, (2, 2, 3), strict=True))
                with run.session() as session:
                    assert_accounted_for(session, 3)
        finally:
            site.release.set()


# --- Redis crashes and comes back empty while articles are in flight ---


def test_redis_crash_while_articles_are_in_flight(broker: RedisServer, logs: Path, tmp_path: Path) -> None:
    """Redis is SIGKILLed with no persistence, so every queued and unacknowledged message is
    lost; workers and beat reconnect when it is back, and the reconciler re-sends every article
    the database still shows as unfinished."""
    reports = write_reports(tmp_path / "reports", 40)
    with deployment(broker.url, logs) as run:
        workers = run.start_pipeline()
        enqueue(run, str(reports[0].parent))
        wait_for(lambda: stored_count(run) >= 5, 60, "some articles stored")
        assert stored_count(run) < len(reports), "the crash must come while articles are in flight"

        broker.crash_and_restart(down_for=2)

        assert_recovered(run, workers, len(reports))
        assert run.logged("reconciler re-sent") >= 1


def assert_recovered(run: Deployment, workers: list[Process], count: int) -> None:
    """After an outage of the broker or the database: every article finished, none failed for
    it, every process still up, and the end state accounted for."""
    stages = run.wait_until_done(count, 120)
    assert stages[Stage.FAILED] == 0, f"an outage must not fail articles: {dict(stages)}"
    assert alive(*workers)
    with run.session() as session:
        assert_accounted_for(session, count)


# --- PostgreSQL unreachable for a while ---


def test_database_unreachable_for_a_while(broker: RedisServer, logs: Path, tmp_path: Path) -> None:
    """Workers, beat and the reconciler reach PostgreSQL through a proxy that the test cuts for
    a few seconds: open connections drop, new ones are refused. Tasks retry with backoff without
    counting it against the article; those out of retries are re-sent by the reconciler. Inputs
    sent by task name during the outage have no article row yet: their messages retry until the
    database is back, so none is lost."""
    reports = write_reports(tmp_path / "reports", 40)
    registered, sent_in_outage = reports[:30], reports[30:]
    proxy = TcpProxy(("127.0.0.1", 5432))
    try:
        with deployment(broker.url, logs) as run:
            direct = run.database_url
            run.env["VIGIL_DATABASE_URL"] = direct.replace(":5432/", f":{proxy.port}/")
            workers = run.start_pipeline()
            enqueue(run, *map(str, registered))
            wait_for(lambda: stored_count(run) >= 3, 60, "some articles stored")

            proxy.pause()
            client = run.client()
            for path in sent_in_outage:
                client.send_task("vigil.ingest.text", kwargs={"text": path.read_text(), "id": path.stem})
            retried = "vigil.ingest.text registration: database unavailable, retrying"
            wait_for(
                lambda: run.logged(retried) >= len(sent_in_outage),
                60,
                "every input sent in the outage retried",
            )
            proxy.resume()

            assert_recovered(run, workers, len(reports))
            assert run.logged("database unavailable, retrying") > len(sent_in_outage)
            assert run.logged("vigil.ingest.text registration: database unavailable, retrying") >= len(
                sent_in_outage
            )
    finally:
        proxy.close()


# --- the same article delivered twice at the same moment ---


def register_seeds(database_url: str) -> list[int]:
    with session_scope(database_url) as session:
        return [
            register_payload(session, path.read_text(), "text", external_id=path.stem).article_id
            for path in SEEDS
        ]


def snapshot(session: Session) -> tuple[dict[str, int], list[dict[str, object]]]:
    return table_counts(session), [incident.model_dump(mode="json") for incident in all_incidents(session)]


def test_same_article_delivered_twice_at_once_to_two_workers(broker: RedisServer, logs: Path) -> None:
    """Each seed's ingest message is sent twice at once to two idle workers; the copies race
    through every stage (the loser of each compare-and-set still sends the next stage on, so
    enrich and store get two copies too). The store must end exactly as one delivery leaves it:
    the same stages run in the same order in this process on a database of its own."""
    with postgres_database() as reference_url:
        migrate(reference_url)
        for article_id in register_seeds(reference_url):
            for stage in (ingest_article, enrich_article, store_article):
                with session_scope(reference_url) as session:
                    stage(session, article_id)
        with session_scope(reference_url) as session:
            expected = snapshot(session)

    with deployment(broker.url, logs) as run:
        workers = [run.worker("ingest,enrich,store", name) for name in ("one", "two")]
        run.wait_ready(2)
        client = run.client()
        for article_id in register_seeds(run.database_url):
            for _ in range(2):
                client.send_task("vigil.ingest.article", args=[article_id])
            wait_for(lambda article_id=article_id: _stage_of(run, article_id) == Stage.STORED, 60, "stored")
        wait_for(lambda: queues_drained(run), 60, "queues drained")

        for worker in workers:
            ran = worker.log.read_text()
            for task in ("vigil.ingest.article", "vigil.enrich.article", "vigil.store.article"):
                assert f"Task {task}[" in ran, f"{worker.log.name} never ran {task}"
        with run.session() as session:
            assert_accounted_for(session, len(SEEDS))
            assert snapshot(session) == expected


def _stage_of(run: Deployment, article_id: int) -> str | None:
    with run.session() as session:
        return session.exec(select(Article.stage).where(Article.id == article_id)).first()


# --- poison messages and bad inputs never block the queue ---

FRENCH = (
    "Au moins douze personnes ont été tuées lundi dans l'explosion d'une voiture piégée près d'un marché "
    "de la capitale, selon la police. Une vingtaine de blessés ont été transportés à l'hôpital, et aucun "
    "groupe n'a encore revendiqué l'attentat, a indiqué un porte-parole du ministère de l'Intérieur."
)


def raw_messages(queue: str) -> list[bytes]:
    """Things a broken client might push onto a queue: not JSON at all, a JSON value that is no
    envelope, an envelope whose body is not JSON, and one carrying a pickle."""

    def envelope(body: bytes, content_type: str) -> bytes:
        return json.dumps(
            {
                "body": base64.b64encode(body).decode(),
                "content-encoding": "binary",
                "content-type": content_type,
                "headers": {"task": "vigil.ingest.text", "id": str(uuid.uuid4())},
                "properties": {
                    "delivery_tag": str(uuid.uuid4()),
                    "body_encoding": "base64",
                    "delivery_info": {"exchange": "", "routing_key": queue},
                    "priority": 0,
                },
            }
        ).encode()

    return [
        b"this is not json {",
        b'"a JSON string, not an envelope"',
        envelope(b"{'text': not json", "application/json"),
        envelope(b"\x80\x04\x95pickle", "application/x-python-serialize"),
    ]


def test_poison_messages_and_bad_inputs_never_block_the_queue(
    broker: RedisServer, logs: Path, tmp_path: Path
) -> None:
    with deployment(broker.url, logs, VIGIL_MAX_TEXT_CHARS="20000") as run:
        worker = run.worker("ingest,enrich,store", "all")
        run.wait_ready(1)
        client, queue = run.client(), f"{run.env['VIGIL_QUEUE_PREFIX']}ingest"
        with run.session() as session:
            # Rows whose stored data is corrupt, so their stage raises every time it runs.
            corrupt_html = Article(
                stage=Stage.FETCHED, external_id="corrupt-html", raw_html=b"not zlib data", input_hash="p1"
            )
            session.add(corrupt_html)
            bad_mentions = Article(
                stage=Stage.ENRICHED, external_id="bad-mentions", text="x", input_hash="p2"
            )
            session.add(bad_mentions)
            session.flush()
            session.add(EventMentionRow(article_id=bad_mentions.id, ordinal=0, data={"event_type": 7}))
            session.commit()
        client.send_task("vigil.ingest.article", args=[corrupt_html.id])
        client.send_task("vigil.store.article", args=[bad_mentions.id])

        bad_inputs = {
            "invalid-url": ("vigil.ingest.url", {"url": "http://exa mple.com/report"}),
            "refused-address": ("vigil.ingest.url", {"url": "http://10.20.30.40/report"}),
            "empty": ("vigil.ingest.text", {"text": "", "id": "empty"}),
            "binary": ("vigil.ingest.text", {"text": "\x01\x02\x03\x04" * 50, "id": "binary"}),
            "french": ("vigil.ingest.text", {"text": FRENCH, "id": "french"}),
            "huge": ("vigil.ingest.text", {"text": "Gunmen attacked a village. " * 1000, "id": "huge"}),
        }
        for name, (task, kwargs) in bad_inputs.items():
            client.send_task(task, kwargs={**kwargs, "source": name})
        junk = redis.Redis.from_url(run.env["VIGIL_BROKER_URL"])
        for message in raw_messages(queue):
            junk.lpush(queue, message)
        client.send_task("vigil.no.such.task", args=[1], queue=queue)
        for path in SEEDS:
            client.send_task("vigil.ingest.text", kwargs={"text": path.read_text(), "id": path.stem})

        expected = 2 + len(bad_inputs) + len(SEEDS)
        run.wait_until_done(expected, 120)
        wait_for(lambda: queues_drained(run), 30, "queues drained")
        assert alive(worker)

        with run.session() as session:
            stages = assert_accounted_for(session, expected)
            assert stages[Stage.STORED] == len(SEEDS)
            outcome = {
                a.source or a.external_id: (a.stage, a.attempts, a.last_error or "")
                for a in session.exec(select(Article))
            }
        for poison, stage_task in (
            ("corrupt-html", "vigil.ingest.article"),
            ("bad-mentions", "vigil.store.article"),
        ):
            stage, attempts, reason = outcome[poison]
            assert (stage, attempts) == (Stage.FAILED, 3), outcome[poison]
            assert reason.startswith(f"{stage_task}: "), reason
        expected_reasons = {
            "invalid-url": (Stage.FAILED, "whitespace"),
            "refused-address": (Stage.FAILED, "refused address 10.20.30.40"),
            "empty": (Stage.FAILED, "empty"),
            "binary": (Stage.FAILED, "binary content"),
            "french": (Stage.SKIPPED, "only English"),
            "huge": (Stage.FAILED, "over the limit of 20,000"),
        }
        for name, (stage, words) in expected_reasons.items():
            assert outcome[name][0] == stage and words in outcome[name][2], (name, outcome[name])

        assert run.logged("dropped a malformed message") == 2
        assert run.logged("Can't decode message body") >= 1
        assert run.logged("Refusing to deserialize untrusted content of type pickle") >= 1
        assert run.logged("Received unregistered task of type 'vigil.no.such.task'") == 1


# --- load: 2,000 articles with a worker killed and restarted twice ---


@pytest.mark.timeout(600)
def test_two_thousand_articles_with_a_worker_killed_twice(
    broker: RedisServer, logs: Path, tmp_path: Path
) -> None:
    """Sent as other systems send work, by public task name; the enrich worker (two pool
    processes) is SIGKILLed and restarted when a third and two thirds of the articles are done."""
    reports = write_reports(tmp_path / "reports", 2000)
    cpu_before = _children_cpu()
    with deployment(broker.url, logs) as run:
        workers = run.start_pipeline(enrich_concurrency=2)
        enrich = workers[1]
        client = run.client()
        started = time.monotonic()
        for path in reports:
            client.send_task("vigil.ingest.text", kwargs={"text": path.read_text(), "id": path.stem})
        sent = time.monotonic()

        for third in (1, 2):
            wait_for(lambda third=third: run.finished() >= len(reports) * third // 3, 300, f"{third}/3 done")
            enrich.kill()
            enrich.restart()

        stages = run.wait_until_done(len(reports), 300)
        finished = time.monotonic()
        assert alive(*workers)
        with run.session() as session:
            assert_accounted_for(session, len(reports))
        resent = run.logged("reconciler re-sent")
    print(
        f"\n2,000 articles: sent in {sent - started:.1f}s, all final {finished - started:.1f}s after the "
        f"first was sent; {dict(stages)}; reconciler runs that re-sent articles: {resent}; "
        f"CPU of the worker and beat processes: {_children_cpu() - cpu_before:.0f}s"
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def test_next_stage_unsent_for_lack_of_a_broker_is_left_to_the_reconciler() -> None:
    """The stage has committed when the publish of the next one fails: the task neither fails
    nor retries (the article is safe in its new stage and the reconciler sends it on)."""
    result = subprocess.run(
        [
            str(Path(VIGIL).with_name("python")),
            "-c",
            "from workers.tasks import send_next; send_next('enrich', 42)",
        ],
        env=service_env("sqlite://", f"redis://127.0.0.1:{free_port()}/0", "dead-"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "article 42: enrich not enqueued (broker unavailable" in result.stderr
    assert "left to the reconciler" in result.stderr
