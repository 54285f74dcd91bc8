"""Request-scoped resources shared by the routers."""

from __future__ import annotations

from collections.abc import Iterator

from sqlmodel import Session

from services.storage.db import session_scope


def get_session() -> Iterator[Session]:
    """One unit of work per request, committed when the route returns."""
    with session_scope() as session:
        yield session
