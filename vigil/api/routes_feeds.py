"""Feeds to poll, through the same storage functions as `vigil feeds`; beat and the poller read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Response, status
from sqlmodel import Session

from services.config import get_settings
from services.fetching import FetchError
from services.storage import feeds
from services.storage.tables import Feed
from vigil.api.deps import get_session
from vigil.api.models import MAX_INT, FeedIn, FeedOut

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
    interval = feed.interval_seconds or get_settings().feed_default_interval
    try:
        stored, created = feeds.add_feed(session, feed.url.strip(), interval)
    except FetchError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [{"loc": ["body", "url"], "msg": exc.reason, "type": "invalid_url"}],
        ) from None
    if not created:
        response.status_code = status.HTTP_200_OK
    return stored


@router.get("", response_model=list[FeedOut])
def list_feeds(session: SessionDep) -> list[Feed]:
    return feeds.list_feeds(session)


@router.delete("/{feed_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_feed(feed_id: Annotated[int, Path(ge=1, le=MAX_INT)], session: SessionDep) -> None:
    if not feeds.remove_feed(session, feed_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"feed {feed_id} not found")
