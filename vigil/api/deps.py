"""Request-scoped resources shared by the routers."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import HTTPException, status
from sqlmodel import Session

from services.config import get_settings
from services.storage.db import session_scope


def get_session() -> Iterator[Session]:
    """One unit of work per request, committed when the route returns."""
    with session_scope() as session:
        yield session


def require_broker() -> None:
    """Before accepting work: without a broker the app falls back to an in-memory queue that no
    worker reads, so a 202 would promise work that never runs."""
    if get_settings().embedded:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "VIGIL_BROKER_URL is not set: this API cannot hand work to any worker",
        )
