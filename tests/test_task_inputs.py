"""Inputs sent by public task name are an input boundary like the API: whatever another system
sends (a NUL, a number where a string belongs, an argument that does not exist), the input is
kept as a failed article with the reason, never dropped with only a log line. A real worker
over the shared Redis and a private PostgreSQL database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from services.storage.tables import Article, Stage
from tests.fault_env import deployment
from tests.services_env import redis_namespace, wait_for

pytestmark = pytest.mark.slow

TEXT = "Gunmen attacked a police checkpoint in Herat on Monday, killing two officers."
BAD_INPUTS: dict[str, tuple[str, dict[str, object], str]] = {
    # name (the source field, or the reason's subject): task, kwargs, words in the reason
    "nul-text": ("vigil.ingest.text", {"text": TEXT + "\x00", "source": "nul-text"}, "NUL"),
    "int-text": ("vigil.ingest.text", {"text": 5, "source": "int-text"}, "text"),
    "int-id": ("vigil.ingest.text", {"text": TEXT + " id", "id": 7, "source": "int-id"}, "id"),
    "int-published": (
        "vigil.ingest.text",
        {"text": TEXT + " published", "published": 2022, "source": "int-published"},
        "published",
    ),
    "list-source": ("vigil.ingest.text", {"text": TEXT + " source", "source": ["a"]}, "source"),
    "unknown-field": ("vigil.ingest.text", {"txt": TEXT, "source": "unknown-field"}, "txt"),
    "int-url": ("vigil.ingest.url", {"url": 5, "source": "int-url"}, "url"),
    "nul-url-source": ("vigil.ingest.url", {"url": "https://news.example/a", "source": "x\x00y"}, "source"),
}


def test_bad_inputs_sent_by_name_become_failed_articles_with_a_reason(tmp_path: Path) -> None:
    with redis_namespace() as (broker_url, prefix), deployment(broker_url, tmp_path, prefix) as run:
        run.worker("ingest", "ingest")
        run.wait_ready(1)
        client = run.client()
        for task, kwargs, _ in BAD_INPUTS.values():
            client.send_task(task, kwargs=kwargs)

        def recorded() -> list[tuple[str | None, str, str | None]] | None:
            with run.session() as session:
                rows = session.exec(select(Article.source, Article.stage, Article.last_error)).all()
            return list(rows) if len(rows) >= len(BAD_INPUTS) else None

        rows = wait_for(recorded, 60, "a row for every bad input")
    assert len(rows) == len(BAD_INPUTS), rows
    assert all(stage == Stage.FAILED and reason for _, stage, reason in rows), rows
    reasons = " | ".join(reason or "" for _, _, reason in rows)
    for name, (_, _, words) in BAD_INPUTS.items():
        assert words in reasons, (name, reasons)
