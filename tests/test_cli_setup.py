"""The first steps a newcomer takes, as `vigil` subprocesses: no broker, a fresh folder, a database
that is missing or down, a file the command cannot read. Each gets one line naming the cause and
what to run, a nonzero exit and no traceback; nothing is queued or created by mistake."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient

from services.config import get_settings
from services.storage.db import migrate
from tests.deployment_env import free_port
from tests.services_env import (
    PG_ADMIN,
    ROOT,
    VIGIL,
    postgres_database,
    redis_namespace,
    run_vigil,
    service_env,
)

REPORT = "Gunmen attacked a police checkpoint in Herat on Monday, killing two officers, officials said.\n"
SETUP_ERROR = 2


def _one_error_line(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert result.returncode == SETUP_ERROR, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: "), line
    for text in expected:
        assert text in line, (text, line)
    return line


def _sqlite_env(folder: Path, broker_url: str | None = None, prefix: str = "") -> dict[str, str]:
    """As a user runs it in ``folder``: the default database, ``vigil.db`` in the working directory."""
    env = service_env("unused", broker_url, prefix)
    env.pop("VIGIL_DATABASE_URL")
    return env


def test_without_a_broker_enqueue_and_worker_refuse_and_nothing_is_registered(tmp_path: Path) -> None:
    migrate(f"sqlite:///{tmp_path / 'vigil.db'}")
    (tmp_path / "report.txt").write_text(REPORT)
    env = _sqlite_env(tmp_path)

    enqueue = run_vigil(env, "enqueue", "report.txt", cwd=tmp_path)
    _one_error_line(enqueue, "VIGIL_BROKER_URL is not set", "vigil run")
    with sqlite3.connect(tmp_path / "vigil.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (0,)

    # Before, the worker started on memory:// and waited forever for work it could never receive.
    worker = run_vigil(env, "worker", "--queues", "ingest", cwd=tmp_path, timeout=60)
    _one_error_line(worker, "VIGIL_BROKER_URL is not set", "a worker needs")


def test_the_api_refuses_work_without_a_broker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vigil.api.app import create_app

    database_url = f"sqlite:///{tmp_path / 'vigil.db'}"
    migrate(database_url)
    monkeypatch.setenv("VIGIL_API_TOKENS", "t")
    monkeypatch.setenv("VIGIL_DATABASE_URL", database_url)
    monkeypatch.delenv("VIGIL_BROKER_URL", raising=False)
    get_settings.cache_clear()
    try:
        with TestClient(create_app(), headers={"Authorization": "Bearer t"}) as client:
            single = client.post("/v1/articles", json={"text": REPORT})
            batch = client.post("/v1/articles:batch", json={"articles": [{"text": REPORT}]})
    finally:
        get_settings.cache_clear()
    for response in (single, batch):
        assert response.status_code == 503, response.text
        assert "VIGIL_BROKER_URL is not set" in response.json()["detail"]
    with sqlite3.connect(tmp_path / "vigil.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_a_broker_that_is_down_is_one_line(tmp_path: Path) -> None:
    migrate(f"sqlite:///{tmp_path / 'vigil.db'}")
    (tmp_path / "report.txt").write_text(REPORT)
    down = f"redis://127.0.0.1:{free_port()}/0"
    for command in (["enqueue", "report.txt"], ["run", "report.txt"]):
        result = run_vigil(_sqlite_env(tmp_path, down), *command, cwd=tmp_path, timeout=60)
        _one_error_line(result, "cannot reach the broker at redis://127.0.0.1:", "Connection refused")
    with sqlite3.connect(tmp_path / "vigil.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_a_fresh_folder_says_run_vigil_migrate_and_creates_no_empty_database(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT)
    with redis_namespace() as (broker_url, prefix):
        env = _sqlite_env(tmp_path, broker_url, prefix)
        for command in (["incidents"], ["failures"], ["feeds", "list"], ["enqueue", "report.txt"]):
            result = run_vigil(env, *command, cwd=tmp_path)
            _one_error_line(result, "no database at vigil.db", "run `vigil migrate`")
            assert not (tmp_path / "vigil.db").exists(), command
        assert redis.Redis.from_url(broker_url).llen(f"{prefix}ingest") == 0

        # A database file without the tables (made by hand, or by an older Vigil's first touch).
        sqlite3.connect(tmp_path / "vigil.db").close()
        _one_error_line(run_vigil(env, "incidents", cwd=tmp_path), "has no Vigil tables", "vigil migrate")

        migrated = run_vigil(env, "migrate", cwd=tmp_path)
        assert migrated.returncode == 0, migrated.stderr
        listing = run_vigil(env, "incidents", cwd=tmp_path)
        assert listing.returncode == 0, listing.stderr
        assert "0 incidents" in listing.stdout


def test_postgresql_missing_unmigrated_or_down_is_one_line(tmp_path: Path) -> None:
    server = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    missing = service_env(f"{server}/vigil_no_such_db", None, "")
    for command in (["incidents"], ["failures"], ["migrate"]):
        _one_error_line(
            run_vigil(missing, *command), 'database "vigil_no_such_db" does not exist', "create it"
        )

    with postgres_database() as url:
        _one_error_line(
            run_vigil(service_env(url, None, ""), "incidents"), "no Vigil tables", "vigil migrate"
        )

    down = service_env(f"postgresql+psycopg://postgres:secret@127.0.0.1:{free_port()}/test", None, "")
    line = _one_error_line(run_vigil(down, "failures"), "cannot use the database", "Connection refused")
    assert "secret" not in line


def test_run_exits_nonzero_when_no_input_can_be_read(tmp_path: Path) -> None:
    (tmp_path / "batch.jsonl").write_text('{"id": "a", "text": "x"}\n')
    (tmp_path / "empty").mkdir()
    env = _sqlite_env(tmp_path)
    cases = {
        "nonexistent.txt": "error: nonexistent.txt: no such file",
        "batch.jsonl": "error: batch.jsonl: a JSONL file: pass it as --jsonl FILE",
        "notes.pdf": "error: notes.pdf: ",
        "empty": "error: empty: no .txt, .text, .md, .html, .htm",
    }
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    for name, expected in cases.items():
        result = run_vigil(env, "run", name, cwd=tmp_path, timeout=60)
        assert result.returncode == 1, (name, result.stderr)
        assert result.stderr.startswith(expected), (name, result.stderr)
        assert "Traceback" not in result.stderr


def test_run_with_no_argument_outside_the_repository_says_what_to_give(tmp_path: Path) -> None:
    line = _one_error_line(run_vigil(_sqlite_env(tmp_path), "run", cwd=tmp_path), "nothing to ingest")
    assert "--jsonl FILE" in line and "seeds" in line
    assert not (tmp_path / "vigil.db").exists()


def test_feeds_add_checks_the_interval_as_the_api_does(tmp_path: Path) -> None:
    migrate(f"sqlite:///{tmp_path / 'vigil.db'}")
    env = _sqlite_env(tmp_path)
    for bad in ("-5", "59", "604801", "soon"):
        result = run_vigil(env, "feeds", "add", "--interval", bad, "https://example.org/feed", cwd=tmp_path)
        assert result.returncode == 2, (bad, result.stderr)
        assert "give whole seconds from 60 to 604800" in result.stderr, result.stderr
    good = run_vigil(env, "feeds", "add", "--interval", "60", "https://example.org/feed", cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    assert "every 60s" in good.stdout


def test_alembic_config_works_from_any_directory(tmp_path: Path) -> None:
    env = service_env(f"sqlite:///{tmp_path / 'elsewhere.db'}", None, "")
    alembic = str(Path(VIGIL).with_name("alembic"))
    result = subprocess.run(
        [alembic, "-c", str(ROOT / "alembic.ini"), "upgrade", "head"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "elsewhere.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()


HEAVY = ("spacy", "trafilatura", "celery", "kombu", "alembic")


def _imported(result: subprocess.CompletedProcess[str]) -> set[str]:
    """Top-level packages named in ``-X importtime`` lines."""
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_help_and_incidents_load_no_heavy_module_and_help_is_quick(tmp_path: Path) -> None:
    migrate(f"sqlite:///{tmp_path / 'vigil.db'}")
    env = _sqlite_env(tmp_path) | {"PYTHONPROFILEIMPORTTIME": "1"}
    for command in (["--help"], ["incidents"], ["incidents", "--format", "csv"]):
        result = run_vigil(env, *command, cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
        assert not _imported(result) & set(HEAVY), (command, _imported(result) & set(HEAVY))

    quiet = _sqlite_env(tmp_path)
    fastest = min(_seconds([VIGIL, "--help"], quiet, tmp_path) for _ in range(3))
    assert fastest < 0.5, fastest


def _seconds(args: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, cwd=cwd, capture_output=True, check=True, timeout=60)
    return time.perf_counter() - start
