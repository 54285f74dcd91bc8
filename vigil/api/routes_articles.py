"""Accepting articles: each becomes an article row first (the database is the truth
about work), and only a row still waiting is sent to the ingest queue."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, status
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.exc import DataError, DBAPIError, StatementError
from sqlmodel import Session

from services.cleaning import InputRejected
from services.config import get_settings
from services.fetching import FetchError
from services.pipeline.register import Registration, register_payload, register_url
from services.storage.queries import article_status
from services.storage.tables import Stage
from vigil.api.deps import get_session, require_broker, unavailable
from vigil.api.models import (
    MAX_INT,
    ArticleAccepted,
    ArticleBatch,
    ArticleIn,
    ArticleStatusOut,
    BatchAccepted,
    BatchItem,
)
from workers import publish

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/articles", tags=["articles"])
SessionDep = Annotated[Session, Depends(get_session)]
NOT_QUEUED = (
    "registered but not queued: the broker refuses writes; the reconciler queues it once the broker "
    "takes writes again, or send it again later"
)
REJECTED = (FetchError, InputRejected)
ArticleId = Annotated[int, Path(ge=1, le=MAX_INT)]


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ArticleAccepted,
    dependencies=[Depends(require_broker)],
    responses={503: {"description": NOT_QUEUED}},
)
def post_article(article: ArticleIn, session: SessionDep) -> ArticleAccepted | JSONResponse:
    """Queue one article. A URL or content already known returns the existing article's id."""
    try:
        registration = _register(session, article)
    except REJECTED as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [{"loc": ["body", _payload_field(article)], "msg": str(exc), "type": "rejected_input"}],
        ) from None
    if not _queue(registration):
        return unavailable({"detail": NOT_QUEUED, "id": registration.article_id})
    return ArticleAccepted(
        id=registration.article_id, status=registration.stage, created=registration.created
    )


@router.post(
    ":batch",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=BatchAccepted,
    dependencies=[Depends(require_broker)],
    responses={503: {"description": f"{NOT_QUEUED} (the items' results say which)"}},
)
def post_batch(batch: ArticleBatch, session: SessionDep) -> BatchAccepted | JSONResponse:
    """Queue many articles; a bad one is rejected with its reason and the rest go on."""
    limit = get_settings().api_max_batch
    if len(batch.articles) > limit:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [{"loc": ["body", "articles"], "msg": f"at most {limit} articles a batch", "type": "too_long"}],
        )
    accepted = BatchAccepted(
        results=[_accept_item(session, index, raw) for index, raw in enumerate(batch.articles)]
    )
    if any(item.error == NOT_QUEUED for item in accepted.results):
        return unavailable(accepted.model_dump(mode="json"))
    return accepted


def _accept_item(session: Session, index: int, raw: dict[str, object]) -> BatchItem:
    try:
        article = ArticleIn.model_validate(raw)
    except ValidationError as exc:
        reasons = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'article'}: {e['msg']}"
            for e in exc.errors(include_input=False)
        )
        return BatchItem(index=index, status="rejected", error=reasons)
    try:
        registration = _register(session, article)
    except REJECTED as exc:
        return BatchItem(index=index, status="rejected", error=str(exc))
    except StatementError as exc:
        if isinstance(exc, DBAPIError) and not isinstance(exc, DataError):
            raise  # the database itself is in trouble (503), not this item
        # A value the checks above let through and the database refused: this item alone is
        # rolled back and rejected; the items before it stay committed and queued.
        session.rollback()
        log.warning("batch item %s refused by the database: %s", index, exc.orig or exc)
        return BatchItem(index=index, status="rejected", error="article: the database refused a value")
    return BatchItem(
        index=index,
        id=registration.article_id,
        status=registration.stage,
        created=registration.created,
        error=registration.error or (None if _queue(registration) else NOT_QUEUED),
    )


def _payload_field(article: ArticleIn) -> str:
    return "html" if article.html is not None else "text" if article.text is not None else "url"


def _register(session: Session, article: ArticleIn) -> Registration:
    """Register an accepted input; a rejected one raises (``REJECTED``) and leaves no row, since
    its sender is told at once."""
    source, kind = article.source or "api", _payload_field(article)
    if kind == "url":
        return register_url(
            session, article.url or "", source=source, external_id=article.id, keep_rejected=False
        )
    return register_payload(
        session,
        (article.html if kind == "html" else article.text) or "",
        kind,  # type: ignore[arg-type]
        external_id=article.id,
        url=article.url,
        published=article.published,
        source=source,
        keep_rejected=False,
    )


def _queue(registration: Registration) -> bool:
    """Send a registered article still waiting to the ingest queue; False when the broker refused
    (the row is committed, and the reconciler sends it once the broker takes writes again)."""
    if registration.stage != Stage.QUEUED:
        return True
    try:
        publish.enqueue_stage("ingest", registration.article_id)
    except publish.NotQueued as exc:
        log.warning("article %s registered but not queued: %s", registration.article_id, exc)
        return False
    return True


@router.get("/{article_id}", response_model=ArticleStatusOut)
def get_article(article_id: ArticleId, session: SessionDep) -> ArticleStatusOut:
    """Where the article is: queued, fetched, cleaned, enriched, stored, duplicate, skipped or
    failed, with the reason and the number of attempts."""
    found = article_status(session, article_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"article {article_id} not found")
    return ArticleStatusOut(
        id=found.id,
        status=found.stage,
        reason=found.reason,
        attempts=found.attempts,
        duplicate_of=found.duplicate_of,
        url=found.url,
        external_id=found.external_id,
        source=found.source,
        created_at=found.created_at,
        updated_at=found.stage_changed_at,
        incidents=found.incidents,
    )
