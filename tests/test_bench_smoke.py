"""The benchmark code still runs: the corpus builder and the direct in-process path on a few
articles (text, HTML and a URL served on loopback), against a private PostgreSQL database.
Figures are not checked here; ``make bench`` measures them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from bench.corpus import build_corpus, corpus_summary
from bench.direct import ROWS, run_direct, store_counts
from bench.pages_server import fetch_settings, serve_pages
from services.config import get_settings
from services.storage.db import get_engine, migrate
from services.storage.tables import TERMINAL_STAGES
from tests.services_env import postgres_database

ARTICLES = 10


@pytest.fixture()
def loopback_fetching(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


def test_corpus_is_seeded_and_varied() -> None:
    corpus = build_corpus(ARTICLES)
    assert corpus == build_corpus(ARTICLES)
    assert corpus != build_corpus(ARTICLES, seed=1)
    assert len({item.id for item in corpus}) == len({item.content for item in corpus}) == ARTICLES
    summary = corpus_summary(build_corpus(100))
    assert all(summary["by_kind"][kind] > 0 for kind in ("text", "html", "url"))  # type: ignore[index]
    assert 300 <= summary["words_mean"] <= 700  # type: ignore[operator]


def test_direct_path_stores_every_article(
    nlp: Language, loopback_fetching: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = build_corpus(ARTICLES, seed=3)
    assert any(item.kind == "url" for item in items)
    with serve_pages(items) as base_url, postgres_database() as database_url:
        for name, value in fetch_settings(base_url).items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        migrate(database_url)
        run = run_direct(items, database_url, base_url)
        store = store_counts(database_url)
        get_engine(database_url).dispose()
    assert run.errors == {}
    assert sum(store["stages"].values()) == ARTICLES  # type: ignore[attr-defined]
    assert set(store["stages"]) <= set(TERMINAL_STAGES)  # type: ignore[arg-type]
    assert store["incidents"] > 0  # type: ignore[operator]
    steps = run.steps()
    assert set(steps) == set(ROWS)
    assert steps["tagging (spaCy)"]["cpu_ms"] > 0 and steps["fetch"]["wall_ms"] > 0
