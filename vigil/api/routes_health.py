"""Probes for orchestrators, open without a token: ``/healthz`` says the process
serves requests, ``/readyz`` that the database answers with Vigil's tables and the broker takes
writes too."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, status
from fastapi.responses import JSONResponse

from services.config import get_settings
from services.storage.db import get_engine, is_migrated
from vigil.api.deps import NO_TABLES, unavailable
from workers.app import check_broker_writable
from workers.publish import PROBE_TIMEOUT

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "a dependency is unreachable"}})
def readyz() -> JSONResponse:
    checks = {"database": _check(_ping_database), "broker": _check(_ping_broker)}
    ready = all(result == "ok" for result in checks.values())
    body: dict[str, Any] = {"status": "ok" if ready else "unavailable", **checks}
    return JSONResponse(body, status.HTTP_200_OK) if ready else unavailable(body)


def _check(probe: Callable[[], None]) -> str:
    """The details (host names, ports) go to the log, not to unauthenticated callers."""
    try:
        probe()
    except NotMigrated as exc:
        return f"unavailable ({exc})"
    except Exception as exc:
        log.warning("readiness: %s failed: %s", probe.__name__, exc)
        return f"unavailable ({type(exc).__name__})"
    return "ok"


class NotMigrated(Exception):
    """The database answers but has no tables yet: says what to run, and names no host."""


def _ping_database() -> None:
    with get_engine().connect() as connection:
        if not is_migrated(connection):
            raise NotMigrated(NO_TABLES)


def _ping_broker() -> None:
    if get_settings().embedded:
        raise RuntimeError("VIGIL_BROKER_URL is not set; the API hands work to workers through a broker")
    check_broker_writable(PROBE_TIMEOUT)
