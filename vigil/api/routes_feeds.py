"""Feeds to poll. Only the rows live here; beat and the feed poller read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response, status
from sqlmodel import Session, col, select

from services.config import get_settings
from services.fetching import FetchError, check_url
from services.storage.tables import Feed
from services.storage.upsert import insert_ignore
from vigil.api.deps import get_session
from vigil.api.models import FeedIn, FeedOut

router = APIRouter(prefix="/v1/feeds", tags=["feeds"])
SessionDep = Annotated[Session, Depends(get_session)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=FeedOut,
    responses={200: {"model": FeedOut, "description": "the feed was already registered"}},
)
def add_feed(feed: FeedIn, session: SessionDep, response: Response) -> Feed:
    """Register an RSS or Atom feed; registering a known URL again returns it unchanged."""
    url = feed.url.strip()
    try:
        check_url(url)
    except FetchError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [{"loc": ["body", "url"], "msg": exc.reason, "type": "invalid_url"}],
        ) from None
    existing = session.exec(select(Feed).where(Feed.url == url)).first()
    if existing is not None:
        response.status_code = status.HTTP_200_OK
        return existing
    interval = feed.interval_seconds or get_settings().feed_default_interval
    feed_id = insert_ignore(session, Feed, {"url": url}, interval_seconds=interval)
    session.commit()
    return session.get(Feed, feed_id)  # type: ignore[return-value]


@router.get("", response_model=list[FeedOut])
def list_feeds(session: SessionDep) -> list[Feed]:
    return list(session.exec(select(Feed).order_by(col(Feed.id))))


@router.delete("/{feed_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_feed(feed_id: int, session: SessionDep) -> None:
    feed = session.get(Feed, feed_id)
    if feed is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"feed {feed_id} not found")
    session.delete(feed)
