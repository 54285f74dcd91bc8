"""Incidents and their sources. Candidates for a merge come from one indexed
range query on the blocking keys, so the cost per article stays flat."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import text
from sqlmodel import Session, col, select

from services.schema import Incident, Source
from services.storage.tables import IncidentRow, IncidentSourceRow, utcnow

MAX_CANDIDATES = 200


def lock_blocks(session: Session, countries: Sequence[str | None]) -> None:
    """Serialise merges per country on PostgreSQL (SQLite serialises writers already);
    sorted so two workers never wait on each other in a cycle."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for country in sorted({c or "" for c in countries}):
        session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": zlib.crc32(f"vigil-block:{country}".encode())}
        )


def candidates(session: Session, country_code: str | None, date_start: str, date_end: str) -> list[Incident]:
    query = (
        select(IncidentRow)
        .where(
            IncidentRow.country_code == country_code
            if country_code
            else col(IncidentRow.country_code).is_(None),
            col(IncidentRow.date_start) <= date_end,
            col(IncidentRow.date_end) >= date_start,
        )
        .order_by(col(IncidentRow.id).desc())
        .limit(MAX_CANDIDATES)
    )
    return load_incidents(session, session.exec(query).all())


def load_incidents(session: Session, rows: Sequence[IncidentRow]) -> list[Incident]:
    """Rebuild contract incidents with their sources in one extra query."""
    sources: dict[int, list[Source]] = defaultdict(list)
    ids = [row.id for row in rows]
    if ids:
        query = (
            select(IncidentSourceRow)
            .where(col(IncidentSourceRow.incident_id).in_(ids))
            .order_by(col(IncidentSourceRow.id))
        )
        for source_row in session.exec(query):
            sources[source_row.incident_id].append(Source.model_validate(source_row.data))
    return [Incident.model_validate({**row.data, "sources": sources[row.id]}) for row in rows]  # type: ignore[index]


def save_incident(
    session: Session, incident: Incident, article_id: int, source: Source, window: tuple[str | None, str, str]
) -> None:
    """Write the merged incident and this article's source entry (one per article)."""
    row = session.exec(select(IncidentRow).where(IncidentRow.public_id == incident.id)).first()
    row = row or IncidentRow(public_id=incident.id, data={})
    row.data = incident.model_dump(mode="json", exclude={"sources"})
    row.event_type = incident.event_type
    row.date, row.date_precision = incident.date, incident.date_precision
    row.country_code, row.date_start, row.date_end = window
    row.perpetrator = incident.perpetrator.name if incident.perpetrator else None
    row.killed = incident.killed.value
    row.primary = incident.primary
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    existing = session.exec(
        select(IncidentSourceRow).where(
            IncidentSourceRow.incident_id == row.id, IncidentSourceRow.article_id == article_id
        )
    ).first()
    source_row = existing or IncidentSourceRow(incident_id=row.id, article_id=article_id, data={})  # type: ignore[arg-type]
    source_row.data = source.model_dump(mode="json")
    session.add(source_row)


def all_incidents(session: Session) -> list[Incident]:
    """Every incident, primary ones first, then newest first."""
    query = select(IncidentRow).order_by(
        col(IncidentRow.primary).desc(), col(IncidentRow.date).desc(), col(IncidentRow.id)
    )
    return load_incidents(session, session.exec(query).all())
