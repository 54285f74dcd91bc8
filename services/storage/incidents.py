"""Incidents and their sources. Candidates for a merge come from short ranges of one index on
the blocking keys, so the cost per article stays flat as the store grows."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import get_args

from sqlalchemy import ColumnElement, and_, case, or_, text
from sqlmodel import Session, col, select

from services.errors import Busy
from services.merging import (
    FAR_PAST,
    MIN_AGREEMENT,
    RECALLED_LOOKBACK_DAYS,
    SAME_CITY_DEGREES,
    TOLERANCE_DAYS,
    agreement_by_kind,
)
from services.schema import EventFields, EventType, Incident, Source
from services.storage.queries import load_incidents
from services.storage.tables import IncidentRow, IncidentSourceRow, utcnow
from services.taxonomy import types_compatible

MAX_CANDIDATES = 200
EVENT_FIELDS = tuple(EventFields.model_fields)
# How much earlier than its end a stored incident's window can start, by date precision
# (merging.blocking_window: the date's span plus the tolerance on both sides; an undated incident
# looks back from its report's publication day). Windows overlap the query's [start, end] only if
# they start within [start - widest, end], so each precision is one short range of the
# (country_code, date_precision, date_start) index. A bound on date_start alone would read every
# incident of the country that started before the end, which grows with the store.
WIDEST_WINDOW: dict[str | None, timedelta] = {
    "day": timedelta(days=2 * TOLERANCE_DAYS),
    "month": timedelta(days=30 + 2 * TOLERANCE_DAYS),
    "year": timedelta(days=365 + 2 * TOLERANCE_DAYS),
    None: timedelta(days=RECALLED_LOOKBACK_DAYS + 2 * TOLERANCE_DAYS),
}


def lock_blocks(session: Session, countries: Sequence[str | None]) -> None:
    """Serialise merges per country on PostgreSQL (SQLite serialises writers already). The locks
    are tried, never waited for: a country locked by a stalled transaction must not hold this
    connection and worker while other countries' reports wait behind it. Raises ``Busy`` naming
    the first country locked; the locks taken so far go with the caller's rollback."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for country in sorted({c or "" for c in countries}):
        taken = session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": block_key(country)})
        if not taken.scalar_one():
            raise Busy(f"country {country or '(none)'} is locked by another merge")


def block_key(country: str) -> int:
    """The advisory lock key of one country's merges."""
    return zlib.crc32(f"vigil-block:{country}".encode())


@dataclass(frozen=True)
class Candidate:
    """A stored incident as a merge decision sees it: its fields, not its sources (which
    ``same_incident`` never reads); ``load_incident`` completes the one that matches."""

    row_id: int
    fields: EventFields


def candidates(session: Session, window: tuple[str | None, str, str], fields: EventFields) -> list[Candidate]:
    """Stored incidents that ``fields`` (a mention) could join, newest first: of the window's
    country, with a window overlapping its [date_start, date_end], and not ruled out by region,
    town or type, nor unable to reach the agreement a merge needs. Undated incidents with no
    publication day to bound them (window from FAR_PAST) are always in. None for a mention no
    incident could match: its agreement with itself, the most any report can share with it
    (``merging.can_merge``), falls short."""
    best = agreement_by_kind(fields, fields)
    if sum(best.values()) < MIN_AGREEMENT:
        return []
    query = (
        select(IncidentRow.id, IncidentRow.data)
        .where(_overlapping(*window), *_not_contradicted(fields), *_may_agree(fields, best))
        .order_by(col(IncidentRow.id).desc())
        .limit(MAX_CANDIDATES)
    )
    return [
        Candidate(row_id, EventFields.model_validate({k: data[k] for k in EVENT_FIELDS if k in data}))
        for row_id, data in session.exec(query).all()
    ]


def _overlapping(country_code: str | None, date_start: str, date_end: str) -> ColumnElement[bool]:
    """Windows of the country overlapping [date_start, date_end]: one index range per precision."""
    country = (
        col(IncidentRow.country_code) == country_code
        if country_code
        else col(IncidentRow.country_code).is_(None)
    )
    start = date.fromisoformat(date_start)
    ranges = [
        and_(
            country,
            col(IncidentRow.date_precision) == precision
            if precision
            else col(IncidentRow.date_precision).is_(None),
            col(IncidentRow.date_start).between(_earliest(start, widest), date_end),
        )
        for precision, widest in WIDEST_WINDOW.items()
    ]
    unbounded = and_(
        country, col(IncidentRow.date_precision).is_(None), IncidentRow.date_start == FAR_PAST.isoformat()
    )
    return and_(or_(*ranges, unbounded), col(IncidentRow.date_end) >= date_start)


def _earliest(start: date, widest: timedelta) -> str:
    return (start - widest).isoformat() if start - date.min > widest else date.min.isoformat()


def _not_contradicted(fields: EventFields) -> list[ColumnElement[bool]]:
    """What ``same_incident`` would reject on anyway, tested by the database so that a dense block
    costs no decode per incident: another region or town (``places_compatible``), an incompatible
    type (``types_compatible``). Never stricter than those rules: tests/test_store_blocking.py."""
    conditions = []
    place = fields.location
    if place.admin1:
        conditions.append(or_(col(IncidentRow.admin1).is_(None), IncidentRow.admin1 == place.admin1))
    if place.town_point is not None:
        (lat, lon), near = place.town_point, SAME_CITY_DEGREES
        conditions.append(
            or_(
                col(IncidentRow.city_lat).is_(None),
                col(IncidentRow.city_lon).is_(None),
                and_(
                    col(IncidentRow.city_lat).between(lat - near, lat + near),
                    col(IncidentRow.city_lon).between(lon - near, lon + near),
                ),
            )
        )
    if fields.event_type != "unknown":
        types = [t for t in get_args(EventType) if types_compatible(t, fields.event_type)]
        conditions.append(col(IncidentRow.event_type).in_(types))
    return conditions


def _may_agree(fields: EventFields, best: dict[str, int]) -> list[ColumnElement[bool]]:
    """Incidents that could still reach ``MIN_AGREEMENT`` with ``fields``, tested by the database
    where the columns allow. The evidence only the stored data holds (date, place, target) is
    counted at its best, as if the incident shared all of it (the mention's agreement with
    itself); the rest must come from type, toll and perpetrator, which have columns. A dated,
    placed mention needs nothing from them; a year in a country ("last year a bombing at a
    mosque killed 30") needs the same type and the same toll, so the widest windows of the store,
    a year of a whole country, no longer fill up to the cap as the store grows. ``best`` is the
    mention's agreement with itself by kind."""
    in_columns = {
        "type": IncidentRow.event_type == fields.event_type,
        "killed": IncidentRow.killed == fields.killed.value,
        "perpetrator": col(IncidentRow.perpetrator).is_not(None),
    }
    needed = MIN_AGREEMENT - sum(points for kind, points in best.items() if kind not in in_columns)
    if needed <= 0:
        return []
    shared = [case((test, 1), else_=0) for kind, test in in_columns.items() if best[kind]]
    return [sum(shared) >= needed]


def load_incident(session: Session, row_id: int) -> Incident:
    row = session.get(IncidentRow, row_id)
    if row is None:
        raise LookupError(f"incident row {row_id}: not found")
    [incident] = load_incidents(session, [row])
    return incident


def save_incident(
    session: Session,
    incident: Incident,
    article_id: int,
    source: Source,
    window: tuple[str | None, str, str],
    row_id: int | None = None,
) -> None:
    """Write the merged incident and this article's source entry (one per article). ``row_id`` is
    the stored incident it was merged into, already in the session since ``load_incident``."""
    if row_id is not None:
        row = session.get(IncidentRow, row_id)
    else:
        row = session.exec(select(IncidentRow).where(IncidentRow.public_id == incident.id)).first()
    row = row or IncidentRow(public_id=incident.id, data={})
    row.data = incident.model_dump(mode="json", exclude={"sources"})
    row.event_type = incident.event_type
    row.date, row.date_precision = incident.date, incident.date_precision
    row.country_code, row.date_start, row.date_end = window
    row.admin1 = incident.location.admin1
    row.city_lat, row.city_lon = incident.location.town_point or (None, None)
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
