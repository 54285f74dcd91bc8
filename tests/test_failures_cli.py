"""`vigil failures` and `vigil retry` against PostgreSQL and Redis, as an operator runs them."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlmodel import Session, create_engine

from services.storage.db import migrate
from services.storage.tables import Article, Stage
from tests.services_env import ROOT, postgres_database, redis_namespace, run_vigil, service_env

SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


@pytest.fixture()
def env() -> Iterator[dict[str, str]]:
    with postgres_database() as database_url, redis_namespace() as (broker_url, prefix):
        migrate(database_url)
        yield service_env(database_url, broker_url, prefix)


def add(env: dict[str, str], **fields: object) -> int:
    with Session(create_engine(env["VIGIL_DATABASE_URL"])) as session:
        article = Article(**fields)  # type: ignore[arg-type]
        session.add(article)
        session.commit()
        return article.id  # type: ignore[return-value]


def queued_messages(env: dict[str, str], queue: str) -> list[tuple[str, list[object]]]:
    """(task name, args) of each message waiting on one of our queues."""
    client = redis.Redis.from_url(env["VIGIL_BROKER_URL"])
    messages = [json.loads(raw) for raw in client.lrange(f"{env['VIGIL_QUEUE_PREFIX']}{queue}", 0, -1)]
    return [(m["headers"]["task"], json.loads(base64.b64decode(m["body"]))[0]) for m in messages]


def test_failures_lists_reasons_and_retry_requeues_from_where_it_stopped(env: dict[str, str]) -> None:
    cleaned = add(
        env,
        stage=Stage.FAILED,
        text="text",
        external_id="report-7",
        attempts=5,
        last_error="vigil.enrich.article: boom",
    )
    fetched = add(
        env,
        stage=Stage.FAILED,
        url="https://example.org/a",
        canonical_url="https://example.org/a",
        raw_text="x",
    )
    rejected = add(
        env, stage=Stage.FAILED, url="http://exa mple/", last_error="invalid URL: contains a space"
    )

    listing = run_vigil(env, "failures")
    assert listing.returncode == 0, listing.stderr
    rows = [line.split("\t") for line in listing.stdout.splitlines()]
    assert rows[0] == ["id", "reached", "attempts", "input", "reason"]
    assert sorted(rows[1:]) == sorted(
        [
            [str(cleaned), "cleaned", "5", "report-7", "boom"],
            [str(fetched), "fetched", "0", "https://example.org/a", "failed"],
            [str(rejected), "rejected", "0", "http://exa mple/", "invalid URL: contains a space"],
        ]
    )

    retried = run_vigil(env, "retry", str(cleaned), str(rejected))
    assert retried.returncode == 1
    assert f"article {cleaned}: queued for enrich" in retried.stdout
    assert f"article {rejected}" in retried.stderr and "retrying cannot help" in retried.stderr
    assert queued_messages(env, "enrich") == [("vigil.enrich.article", [cleaned])]

    everything = run_vigil(env, "retry", "--all")
    assert everything.returncode == 0, everything.stderr
    assert queued_messages(env, "ingest") == [("vigil.ingest.article", [fetched])]
    assert [
        row[0] for row in (line.split("\t") for line in run_vigil(env, "failures").stdout.splitlines())
    ] == [
        "id",
        str(rejected),
    ]


def test_retry_without_ids_is_a_usage_error(env: dict[str, str]) -> None:
    result = run_vigil(env, "retry")
    assert result.returncode == 2
    assert "retry needs article IDs or --all" in result.stderr


def test_retry_without_a_broker_runs_the_article_through_in_process(tmp_path: Path) -> None:
    """Embedded mode: retry resumes from the kept text and waits, as `vigil run` does."""
    database_url = f"sqlite:///{tmp_path / 'vigil.db'}"
    migrate(database_url)
    env = service_env(database_url, None, "")
    failed = add(
        env,
        stage=Stage.FAILED,
        text=SEED.read_text(),
        raw_text=SEED.read_text(),
        external_id=SEED.stem,
        attempts=5,
    )

    result = run_vigil(env, "retry", str(failed))

    assert result.returncode == 0, result.stderr
    assert f"article {failed}: queued for enrich" in result.stdout
    with Session(create_engine(database_url)) as session:
        article = session.get(Article, failed)
        assert article is not None
        assert (article.stage, article.attempts, article.last_error) == (Stage.STORED, 0, None)
