"""The stage functions in one process on a real SQLite store: what one stage leaves for the next."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from services.pipeline.enrich import enrich_article
from services.pipeline.ingest import ingest_article
from services.pipeline.register import register_payload
from services.pipeline.store import store_article
from services.storage.db import session_scope
from services.storage.queries import all_incidents
from services.storage.tables import Article
from tests.services_env import migrated_database

DATES_ITSELF = (
    "Three days after gunmen stormed a hotel in Mogadishu on Saturday, August 20, the government said "
    "21 people had died in the siege.\n\nAl-Shabaab claimed responsibility for the attack."
)


def test_the_day_a_report_gives_itself_is_kept_for_the_store(tmp_path: Path, nlp: Language) -> None:
    """No publication date came with the text, but its lede dates it: enrich keeps that day, so
    the store bounds the report's windows with it as ``vigil extract`` does."""
    with migrated_database("sqlite", tmp_path) as url:
        with session_scope(url) as session:
            article_id = register_payload(session, DATES_ITSELF, "text", external_id="mogadishu").article_id
        for stage in (ingest_article, enrich_article, store_article):
            with session_scope(url) as session:
                stage(session, article_id)
        with session_scope(url) as session:
            article = session.get(Article, article_id)
            assert article is not None and article.published == "2022-08-23"
            [incident] = all_incidents(session)
            assert incident.date == "2022-08-20"
