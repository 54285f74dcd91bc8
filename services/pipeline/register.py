"""Accepting work: every input becomes an article row before any queue sees it,
so nothing accepted can be lost and the same input never makes two rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from services.cleaning import InputRejected, check_text_payload
from services.cleaning.payload import PayloadKind
from services.config import get_settings
from services.dedup import canonical_url
from services.fetching import FetchError, check_url
from services.storage.compression import compress
from services.storage.tables import Article, Stage


@dataclass(frozen=True)
class Registration:
    article_id: int
    created: bool
    stage: str
    error: str | None = None


def register_url(
    session: Session, url: str, *, source: str | None = None, external_id: str | None = None
) -> Registration:
    """Known canonical URL → its existing article; an invalid URL is kept as a failed article."""
    try:
        check_url(url)
    except FetchError as exc:
        return _register(
            session,
            Article(
                url=url,
                source=source,
                external_id=external_id,
                input_hash=_hash("bad-url", url),
                stage=Stage.FAILED,
                last_error=str(exc),
            ),
            Article.input_hash,
        )
    return _register(
        session,
        Article(url=url, canonical_url=canonical_url(url), source=source, external_id=external_id),
        Article.canonical_url,
    )


def register_payload(
    session: Session,
    content: str,
    kind: PayloadKind,
    *,
    external_id: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
) -> Registration:
    """Text or HTML handed over directly; identical payloads map to one article."""
    name = external_id or url or f"{kind} payload"
    try:
        content = check_text_payload(content, name, get_settings().payload_limit(kind))
    except InputRejected as exc:
        return _register(
            session,
            Article(
                external_id=external_id,
                url=url,
                source=source,
                stage=Stage.FAILED,
                input_hash=_hash("rejected", f"{name}\0{content[:10_000]}"),
                last_error=str(exc),
            ),
            Article.input_hash,
        )
    article = Article(
        external_id=external_id, url=url, published=published, source=source, input_hash=_hash(kind, content)
    )
    if kind == "html":
        article.raw_html = compress(content)
    else:
        article.raw_text = content
    return _register(session, article, Article.input_hash)


def _register(session: Session, article: Article, key) -> Registration:  # type: ignore[no-untyped-def]
    """Insert unless the key exists; a concurrent insert of the same key loses the race quietly."""
    value = getattr(article, key.key)
    existing = session.exec(select(Article).where(key == value)).first()
    if existing is None:
        try:
            with session.begin_nested():
                session.add(article)
            session.commit()
            return Registration(article.id, True, article.stage, article.last_error)  # type: ignore[arg-type]
        except IntegrityError:
            existing = session.exec(select(Article).where(key == value)).one()
    return Registration(existing.id, False, existing.stage, existing.last_error)  # type: ignore[arg-type]


def _hash(kind: str, content: str) -> str:
    return hashlib.sha256(f"{kind}\0{content}".encode()).hexdigest()
