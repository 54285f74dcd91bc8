"""Ingest stage: fetch when needed, clean, check language and duplicates."""

from __future__ import annotations

from sqlmodel import Session

from services.cleaning import CleanedArticle, unsupported_language_reason
from services.cleaning.payload import clean_payload
from services.cleaning.validation import decode_page
from services.config import Settings, get_settings
from services.dedup import content_hash, simhash
from services.errors import PermanentError
from services.fetching import fetch
from services.pipeline.transitions import advance, current_stage
from services.storage.compression import compress, decompress
from services.storage.duplicates import find_duplicate, index_simhash
from services.storage.tables import Article, Stage

PENDING = (Stage.QUEUED, Stage.FETCHED)


def ingest_article(session: Session, article_id: int, settings: Settings | None = None) -> bool:
    """Returns True when the article is ready for enrichment (now or by an earlier delivery)."""
    settings = settings or get_settings()
    article = session.get(Article, article_id)
    if article is None:
        raise PermanentError(f"article {article_id}: not found")
    if article.stage not in PENDING:
        return article.stage == Stage.CLEANED
    if article.raw_html is None and article.raw_text is None:
        _fetch_into(session, article, settings)
    cleaned = _clean(article)
    return _finish(session, article, cleaned, settings)


def _fetch_into(session: Session, article: Article, settings: Settings) -> None:
    """Keep the fetched bytes first, so a later cleaning failure need not fetch again."""
    page = fetch(article.url or "", settings)
    kind, body = decode_page(page, settings)
    if kind == "text":
        article.raw_text = body
    else:
        article.raw_html = compress(body)
    advance(
        session,
        article.id,
        PENDING,
        Stage.FETCHED,
        raw_html=article.raw_html,  # type: ignore[arg-type]
        raw_text=article.raw_text,
        url=page.final_url,
    )
    session.commit()


def _clean(article: Article) -> CleanedArticle:
    if article.raw_html is not None:
        return clean_payload("html", decompress(article.raw_html), article.url)
    return clean_payload("text", article.raw_text or "")


def _finish(session: Session, article: Article, cleaned: CleanedArticle, settings: Settings) -> bool:
    article_id: int = article.id  # type: ignore[assignment]
    if not cleaned.text.strip():
        raise PermanentError(f"article {article_id} ({article.url or article.external_id}): no article text")
    text = cleaned.text[: settings.max_text_chars]
    digest, fingerprint = content_hash(text), simhash(text)
    fields = {
        "text": text,
        "title": cleaned.title,
        "author": cleaned.author,
        "site_name": cleaned.site_name,
        "published": article.published or cleaned.published,
        "language": cleaned.language,
        "content_hash": digest,
        "simhash": fingerprint,
    }
    stage = Stage.CLEANED
    if not cleaned.is_english:
        stage, fields["last_error"] = Stage.SKIPPED, unsupported_language_reason(cleaned.language)
    elif (original := find_duplicate(session, digest, fingerprint, exclude_id=article_id)) is not None:
        stage, fields["duplicate_of"] = Stage.DUPLICATE, original
    if not advance(session, article_id, PENDING, stage, **fields):
        session.rollback()
        return current_stage(session, article_id) == Stage.CLEANED
    if stage == Stage.CLEANED:
        index_simhash(session, article_id, fingerprint)
    session.commit()
    return stage == Stage.CLEANED
