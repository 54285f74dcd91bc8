"""The FastAPI application: routers, token auth on everything but the probes, a cap
on request bodies, and validation errors that name the field without echoing it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import Depends, FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError

from services.config import get_settings
from services.storage.db import missing_tables
from vigil.api import routes_actors, routes_articles, routes_feeds, routes_health, routes_incidents
from vigil.api.auth import configured_tokens, require_token
from vigil.api.bodies import JsonBodies
from vigil.api.deps import NO_TABLES, unavailable

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    if not configured_tokens():
        log.warning("VIGIL_API_TOKENS is empty: every request except /healthz and /readyz gets 401")
    yield


async def validation_error(_: Request, exc: Exception) -> JSONResponse:
    """Location, message and type of each error; the offending input is not echoed back,
    since it may be a whole article."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    detail = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in errors]
    return JSONResponse({"detail": detail}, status.HTTP_422_UNPROCESSABLE_CONTENT)


async def database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    """The database is down, restarting, out of connections or not migrated yet: the client
    should come back later, as it would for any 503; the details (host, port) go to the log only.
    Any other statement the database refuses is a fault of ours (500)."""
    if isinstance(exc, DBAPIError) and missing_tables(exc):
        log.error("database unavailable: %s", NO_TABLES)
        return unavailable({"detail": NO_TABLES})
    if isinstance(exc, ProgrammingError):
        raise exc
    log.warning("database unavailable: %s", exc)
    return unavailable({"detail": "database unavailable; retry later"})


def create_app() -> FastAPI:
    # /docs and /redoc with their scripts and styles served from the package, not a CDN, so
    # they work offline.
    api = FastAPIOffline(
        title="Vigil",
        version=version("vigil"),
        description="Send articles and feeds; read incidents as JSON (SCHEMA.md), CSV or GeoJSON.",
        lifespan=lifespan,
        # Starlette's slash redirects build their Location from the Host header, which the
        # client controls; a path with a stray slash is a 404 instead.
        redirect_slashes=False,
    )
    api.add_middleware(JsonBodies, max_body_bytes=get_settings().api_max_body_bytes)
    api.add_exception_handler(RequestValidationError, validation_error)
    # Connection refused or lost, pool exhausted, tables missing: states of the database, not of
    # the request.
    for error in (OperationalError, InterfaceError, SQLAlchemyTimeoutError, ProgrammingError):
        api.add_exception_handler(error, database_unavailable)
    api.include_router(routes_health.router)
    for module in (routes_articles, routes_incidents, routes_feeds, routes_actors):
        api.include_router(module.router, dependencies=[Depends(require_token)])
    return api


app = create_app()
