"""Embedded mode's queues live in the process: an article an earlier ``vigil run`` left
mid-pipeline (killed, or "database or disk is full") has no message anywhere. The next run
resumes it. Real ``vigil run`` processes on a SQLite store."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlmodel import select

from services.pipeline.ingest import ingest_article
from services.pipeline.register import register_payload
from services.storage.db import get_engine, migrate, session_scope
from services.storage.tables import Article, Stage
from tests.services_env import ROOT, run_vigil, service_env

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_a_run_resumes_articles_an_earlier_run_left_mid_pipeline(tmp_path: Path) -> None:
    """Before: every later run of the same input timed out with "1 articles unfinished"."""
    url = f"sqlite:///{tmp_path / 'vigil.db'}"
    migrate(url)
    left = SEEDS[0]
    with session_scope(url) as session:
        cleaned = register_payload(session, left.read_text(), "text", external_id=left.stem).article_id
        ingest_article(session, cleaned)  # as far as the earlier run got: cleaned, no message left
    get_engine(url).dispose()
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(left, inputs / left.name)

    env = service_env(url, None, "")
    result = run_vigil(env, "run", str(inputs / left.name), "--timeout", "90", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    with session_scope(url) as session:
        stages = dict(session.exec(select(Article.id, Article.stage)).all())
    get_engine(url).dispose()
    assert stages == {cleaned: Stage.STORED}
