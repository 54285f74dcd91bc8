"""Reading incidents: filtered pages walked by an opaque cursor, and one incident
with every source's own figures and evidence."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request, Response, status
from sqlmodel import Session

from services.schema import Incident
from services.storage.queries import IncidentFilter, incident_by_public_id, incident_page
from vigil.api.deps import get_session
from vigil.api.formats import OPENAPI_CONTENT, incidents_response, negotiate
from vigil.api.models import MAX_INT, Format, IncidentList, IncidentQuery, Text

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
    filters = IncidentFilter(
        date_from=query.date_from,
        date_to=query.date_to,
        country_code=query.country,
        event_type=query.event_type,
        perpetrator=query.perpetrator,
        min_killed=query.min_killed,
    )
    after = decode_cursor(query.cursor) if query.cursor else None
    page = incident_page(session, filters, query.limit, after)
    next_cursor = encode_cursor(page.next_after) if page.next_after is not None else None
    headers = {}
    if next_cursor:
        # A path, not an absolute URL: the Host header is the client's to forge.
        following = request.url.include_query_params(cursor=next_cursor)
        headers["Link"] = f'<{following.path}?{following.query}>; rel="next"'
    body = IncidentList(incidents=page.incidents, next_cursor=next_cursor).model_dump_json()
    return incidents_response(negotiate(query.format, accept), page.incidents, body, headers)


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
