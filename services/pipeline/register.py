"""Accepting work: every input becomes an article row before any queue sees it,
so nothing accepted can be lost and the same input never makes two rows."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from services.cleaning import InputRejected, check_text_payload
from services.cleaning.payload import PayloadKind
from services.cleaning.validation import storable, unstorable
from services.config import get_settings
from services.dedup import canonical_url
from services.fetching import FetchError, check_acceptable_url
from services.storage.compression import compress
from services.storage.tables import Article, Stage


@dataclass(frozen=True)
class Registration:
    article_id: int
    created: bool
    stage: str
    error: str | None = None


def register_url(
    session: Session,
    url: str,
    *,
    source: str | None = None,
    external_id: str | None = None,
    keep_rejected: bool = True,
) -> Registration:
    """Known canonical URL → its existing article; an invalid URL (or id, or source) is kept as
    a failed article, or raised when ``keep_rejected`` is off (a caller that answers the input's
    sender at once, as the API's 422, leaves no row behind)."""
    try:
        check_acceptable_url(url)
        _check_metadata(id=external_id, source=source)
    except FetchError as exc:
        if not keep_rejected:
            raise
        return _failed(
            session, exc, _hash("bad-url", storable(url)), url=url, external_id=external_id, source=source
        )
    except InputRejected as exc:
        if not keep_rejected:
            raise
        name = external_id or url
        return _rejected(session, exc, "", name, url=url, external_id=external_id, source=source)
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
    keep_rejected: bool = True,
) -> Registration:
    """Text or HTML handed over directly; identical payloads map to one article. A rejected
    payload is kept as a failed article, or raised when ``keep_rejected`` is off."""
    name = external_id or url or f"{kind} payload"
    try:
        _check_metadata(id=external_id, url=url, published=published, source=source)
        content = check_text_payload(content, name, get_settings().payload_limit(kind))
    except InputRejected as exc:
        if not keep_rejected:
            raise
        return _rejected(session, exc, content, name, url=url, external_id=external_id, source=source)
    article = Article(
        external_id=external_id, url=url, published=published, source=source, input_hash=_hash(kind, content)
    )
    if kind == "html":
        article.raw_html = compress(content)
    else:
        article.raw_text = content
    return _register(session, article, Article.input_hash)


# What each input task takes, in the order of its positional arguments (README "Public task names").
SENT_FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "source"),
    "text": ("text", "html", "id", "url", "published", "source"),
}


def register_sent(
    session: Session, kind: Literal["url", "text"], args: Sequence[object], kwargs: Mapping[str, object]
) -> Registration:
    """An input sent by public task name, as JSON from another system: each argument must be one
    the task takes and a string (or absent). Anything else is kept as a failed article with the
    reason, since the message is the input's only copy and a log line would be its only trace."""
    names = SENT_FIELDS[kind]
    fields = {**dict(zip(names, args, strict=False)), **kwargs}
    texts = {name: value for name, value in fields.items() if isinstance(value, str)}
    kept = {"url": texts.get("url"), "external_id": texts.get("id"), "source": texts.get("source")}
    problem = _sent_problem(names, args, fields)
    if problem:
        field, reason = problem
        content = texts.get("text") or texts.get("html") or ""
        return _rejected(session, InputRejected(field, reason), content, field, **kept)
    if kind == "url":
        return register_url(session, texts.get("url", ""), source=kept["source"])
    html = texts.get("html")
    return register_payload(
        session,
        html or texts.get("text", ""),
        "html" if html else "text",
        external_id=kept["external_id"],
        url=kept["url"],
        published=texts.get("published"),
        source=kept["source"],
    )


def _sent_problem(
    names: tuple[str, ...], args: Sequence[object], fields: Mapping[str, object]
) -> tuple[str, str] | None:
    """The first argument that is not one of ``names`` or not a string, as (field, reason)."""
    if len(args) > len(names):
        return "arguments", f"at most {len(names)} positional arguments ({', '.join(names)})"
    for name, value in fields.items():
        if name not in names:
            return name, f"not an argument of this task (it takes {', '.join(names)})"
        if value is not None and not isinstance(value, str):
            return name, f"expected a string, got {type(value).__name__}"
    return None


def _check_metadata(**fields: str | None) -> None:
    """The client's own fields must be storable text too; the first that is not rejects the input."""
    for name, value in fields.items():
        problem = unstorable(value) if isinstance(value, str) else None
        if problem:
            raise InputRejected(name, problem)


def _rejected(
    session: Session,
    exc: InputRejected,
    content: str,
    name: str,
    *,
    url: str | None,
    external_id: str | None,
    source: str | None,
) -> Registration:
    """A failed article for a rejected payload, keyed by its name and its opening."""
    key = _hash("rejected", f"{storable(name)}\0{storable(content[:10_000])}")
    return _failed(session, exc, key, url=url, external_id=external_id, source=source)


def _failed(
    session: Session,
    exc: Exception,
    input_hash: str,
    *,
    url: str | None,
    external_id: str | None,
    source: str | None,
) -> Registration:
    """A failed article that records the input as far as it can be stored, with the reason."""
    return _register(
        session,
        Article(
            external_id=_escaped(external_id),
            url=_escaped(url),
            source=_escaped(source),
            stage=Stage.FAILED,
            input_hash=input_hash,
            last_error=storable(str(exc)),
        ),
        Article.input_hash,
    )


def _escaped(value: str | None) -> str | None:
    return storable(value) if value is not None else None


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
