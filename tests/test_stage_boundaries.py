"""The stages themselves on odd but valid input (a real SQLite store, in one process): a page
that declares a charset nobody knows, publication dates at the ends of the calendar. Each is
stored, not raised, since a raised error is retried to the attempt cap and the article lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from spacy.language import Language

from services.pipeline.enrich import enrich_article
from services.pipeline.ingest import ingest_article
from services.pipeline.register import register_payload
from services.pipeline.store import store_article
from services.storage.db import session_scope
from services.storage.tables import Article
from tests.fetch_support import local_settings
from tests.services_env import migrated_database

REPORT = (
    "Gunmen attacked a police checkpoint in Herat on Monday, killing two officers, officials said. "
    "Yesterday a bomb exploded in a market in Kabul, killing three people. Last month militants "
    "stormed a village near Kandahar, and a similar raid came 3000 years ago."
)


def test_a_page_with_charset_bogus_is_cleaned(tmp_path: Path, news_site: HTTPServer) -> None:
    page = f"<html><head><title>Herat attack</title></head><body><p>{REPORT}</p></body></html>"
    news_site.expect_request("/bogus").respond_with_data(
        page.encode(), headers={"Content-Type": "text/html; charset=bogus"}
    )
    with migrated_database("sqlite", tmp_path) as url:
        with session_scope(url) as session:
            article = Article(url=news_site.url_for("/bogus"))  # registered as register_url would
            session.add(article)
            session.flush()
            article_id = article.id
        with session_scope(url) as session:
            ready = ingest_article(session, article_id, local_settings(news_site.port))
        with session_scope(url) as session:
            article = session.get(Article, article_id)
            assert article is not None and article.stage == "cleaned", (
                article and article.stage,
                article and article.last_error,
            )
            assert ready and "Herat" in (article.text or "")


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_publication_dates_at_the_ends_of_the_calendar_are_stored(
    tmp_path: Path, nlp: Language, published: str
) -> None:
    with migrated_database("sqlite", tmp_path) as url:
        with session_scope(url) as session:
            article_id = register_payload(session, REPORT, "text", published=published).article_id
        for stage in (ingest_article, enrich_article, store_article):
            with session_scope(url) as session:
                stage(session, article_id)
        with session_scope(url) as session:
            article = session.get(Article, article_id)
            assert article is not None and article.stage == "stored", article and article.last_error
