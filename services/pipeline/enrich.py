"""Enrich stage: tag entities and events in a cleaned article."""

from __future__ import annotations

from sqlmodel import Session

from services.errors import PermanentError
from services.extraction.analyse import analyse
from services.pipeline.transitions import advance, current_stage
from services.schema import Document
from services.storage.mentions import replace_mentions
from services.storage.tables import Article, Stage


def document_of(article: Article) -> Document:
    """The contract's document view of an article row."""
    return Document(
        id=article.external_id or f"article-{article.id}",
        url=article.url,
        title=article.title,
        published=article.published,
        language=article.language,
        text=article.text or "",
    )


def enrich_article(session: Session, article_id: int) -> bool:
    """Returns True when the article is ready for the store stage."""
    article = session.get(Article, article_id)
    if article is None:
        raise PermanentError(f"article {article_id}: not found")
    if article.stage != Stage.CLEANED:
        return article.stage == Stage.ENRICHED
    [document] = analyse([document_of(article)])
    if not advance(session, article_id, [Stage.CLEANED], Stage.ENRICHED):
        session.rollback()
        return current_stage(session, article_id) == Stage.ENRICHED
    article.published = document.published  # a text that dates itself: the store's reference day
    replace_mentions(session, article_id, document)
    session.commit()
    return True
