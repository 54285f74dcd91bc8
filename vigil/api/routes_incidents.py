"""Reading incidents: filtered pages walked by an opaque cursor, and one incident
with every source's own figures and evidence."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request, Response, status
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from services.schema import Incident
from services.storage.db import session_scope
from services.storage.queries import count_incidents, incident_by_public_id, incident_page, iter_incidents
from vigil.api.deps import get_session
from vigil.api.formats import EXPORT_CONTENT, OPENAPI_CONTENT, incidents_response, negotiate
from vigil.api.models import MAX_INT, ExportQuery, Format, IncidentList, IncidentQuery, Text
from vigil.export import FILE_NAMES, export_chunks
from vigil.export import MEDIA_TYPES as EXPORT_MEDIA_TYPES

router = APIRouter(prefix="/v1/incidents", tags=["incidents"])
SessionDep = Annotated[Session, Depends(get_session)]


CURSOR_RE = re.compile(r"v1:([0-9]{1,10})")


def encode_cursor(after: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{after}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """Only what ``encode_cursor`` makes: strict base64 of ``v1:`` and an id in ASCII digits
    (``str.isdigit`` would pass superscripts and other scripts' digits) that fits the column."""
    try:
        decoded = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        match = CURSOR_RE.fullmatch(decoded.decode("ascii"))
        if match and int(match[1]) <= MAX_INT:
            return int(match[1])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise HTTPException(
        status.HTTP_400_BAD_REQUEST,
        [{"loc": ["query", "cursor"], "msg": "not a cursor returned by this API", "type": "invalid_cursor"}],
    )


@router.get("", response_model=IncidentList, responses=OPENAPI_CONTENT)
def list_incidents(
    request: Request,
    query: Annotated[IncidentQuery, Query()],
    session: SessionDep,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """Incidents newest first. Every filter is optional; an incident dated only to a month
    or a year matches a date range that overlaps that month or year."""
    after = decode_cursor(query.cursor) if query.cursor else None
    page = incident_page(session, query.incident_filter(), query.limit, after)
    next_cursor = encode_cursor(page.next_after) if page.next_after is not None else None
    headers = {}
    if next_cursor:
        # A path, not an absolute URL: the Host header is the client's to forge.
        following = request.url.include_query_params(cursor=next_cursor)
        headers["Link"] = f'<{following.path}?{following.query}>; rel="next"'
    body = IncidentList(incidents=page.incidents, next_cursor=next_cursor).model_dump_json()
    return incidents_response(negotiate(query.format, accept), page.incidents, body, headers)


@router.get(":export", responses=EXPORT_CONTENT, response_class=StreamingResponse)
def export_incidents(query: Annotated[ExportQuery, Query()], session: SessionDep) -> StreamingResponse:
    """Every matching incident in one streamed download, newest stored first, with no page
    limit. The stream reads the store in batches with a session of its own (the request's
    closes before the body is sent), so memory stays flat however large the store. The count
    comes first, in the request's session, so that a store that is down is a 503, not a cut
    stream."""
    filters = query.incident_filter()
    total = count_incidents(session, filters)

    def chunks() -> Iterator[str]:
        with session_scope() as stream_session:
            yield from export_chunks(query.format, iter_incidents(stream_session, filters))

    headers = {
        "Content-Disposition": f'attachment; filename="{FILE_NAMES[query.format]}"',
        "X-Incident-Count": str(total),
    }
    return StreamingResponse(chunks(), media_type=EXPORT_MEDIA_TYPES[query.format], headers=headers)


@router.get("/{public_id}", response_model=Incident, responses=OPENAPI_CONTENT)
def get_incident(
    public_id: Annotated[Text, Path(max_length=100)],
    session: SessionDep,
    format: Format | None = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """One incident in the SCHEMA.md shape, with every source, its own figures and evidence."""
    incident = incident_by_public_id(session, public_id)
    if incident is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"incident {public_id} not found")
    return incidents_response(negotiate(format, accept), [incident], incident.model_dump_json())
