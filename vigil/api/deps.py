"""Request-scoped resources shared by the routers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import HTTPException, status
from fastapi.responses import JSONResponse
from sqlmodel import Session

from services.config import get_settings
from services.storage.db import session_scope

RETRY_AFTER_SECONDS = 5
NO_TABLES = "the database has no Vigil tables: run `vigil migrate`"


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


def unavailable(body: dict[str, Any]) -> JSONResponse:
    """503 with Retry-After: a dependency (the database, the broker) cannot take work now, and the
    client should come back, as it would for any 503."""
    return JSONResponse(
        body, status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
    )
