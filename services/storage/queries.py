"""Read side of the store, for the HTTP API and the command line.

Incident pages are walked with a keyset cursor (the last id seen, newest first),
so a page costs one index range scan however deep the walk goes, and incidents
stored meanwhile never shift a page or show up twice. Every filter is a plain
comparison on an indexed column of ``incidents``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import Session, col, select

from services.schema import Incident, Source
from services.storage.tables import Article, IncidentRow, IncidentSourceRow


@dataclass(frozen=True)
class IncidentFilter:
    """Every field is optional; given fields must all match."""

    date_from: date | None = None
    date_to: date | None = None
    country_code: str | None = None
    event_type: str | None = None
    perpetrator: str | None = None
    min_killed: int | None = None


@dataclass(frozen=True)
class IncidentPage:
    incidents: list[Incident]
    next_after: int | None
    """Pass back as ``after`` for the next page; None on the last page."""


@dataclass(frozen=True)
class ArticleStatus:
    id: int
    stage: str
    attempts: int
    reason: str | None
    duplicate_of: int | None
    url: str | None
    external_id: str | None
    source: str | None
    created_at: datetime
    stage_changed_at: datetime
    incidents: list[str] = field(default_factory=list)


def incident_page(
    session: Session, filters: IncidentFilter, limit: int, after: int | None = None
) -> IncidentPage:
    """Up to ``limit`` incidents matching ``filters`` with ids below ``after``, newest first."""
    query = select(IncidentRow).where(*_conditions(filters))
    if after is not None:
        query = query.where(col(IncidentRow.id) < after)
    rows = session.exec(query.order_by(col(IncidentRow.id).desc()).limit(limit + 1)).all()
    page = rows[:limit]
    return IncidentPage(load_incidents(session, page), page[-1].id if len(rows) > limit else None)


def _conditions(filters: IncidentFilter) -> list[ColumnElement[bool]]:
    """Dates are stored as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; an incident matches when
    its period overlaps the range, which string order gives directly: a shorter date
    sorts before every day inside it."""
    conditions: list[ColumnElement[bool]] = []
    if filters.date_from is not None:
        day = filters.date_from.isoformat()
        conditions.append(or_(col(IncidentRow.date) >= day, col(IncidentRow.date).in_([day[:7], day[:4]])))
    if filters.date_to is not None:
        conditions.append(col(IncidentRow.date) <= filters.date_to.isoformat())
    if filters.country_code is not None:
        conditions.append(IncidentRow.country_code == filters.country_code.upper())
    if filters.event_type is not None:
        conditions.append(IncidentRow.event_type == filters.event_type)
    if filters.perpetrator is not None:
        conditions.append(_perpetrator_condition(filters.perpetrator))
    if filters.min_killed is not None:
        conditions.append(col(IncidentRow.killed) >= filters.min_killed)
    return conditions


def _perpetrator_condition(name: str) -> ColumnElement[bool]:
    """A known group by any of its spellings, with its branches ("ISIS" finds Islamic State
    Khorasan Province too); any other name as written, in any case."""
    from services.extraction.actors import family  # the gazetteer loads only when a filter needs it

    names = family(name)
    if names is not None:
        return col(IncidentRow.perpetrator).in_(names)
    return func.lower(col(IncidentRow.perpetrator)) == name.lower()


def incident_by_public_id(session: Session, public_id: str) -> Incident | None:
    row = session.exec(select(IncidentRow).where(IncidentRow.public_id == public_id)).first()
    return load_incidents(session, [row])[0] if row else None


def article_status(session: Session, article_id: int) -> ArticleStatus | None:
    """Where an article is, why it failed if it did, and the incidents it feeds."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    incidents = session.exec(
        select(IncidentRow.public_id)
        .join(IncidentSourceRow, col(IncidentSourceRow.incident_id) == col(IncidentRow.id))
        .where(IncidentSourceRow.article_id == article_id)
        .order_by(col(IncidentRow.id))
    ).all()
    return ArticleStatus(
        id=article_id,
        stage=article.stage,
        attempts=article.attempts,
        reason=article.last_error,
        duplicate_of=article.duplicate_of,
        url=article.url,
        external_id=article.external_id,
        source=article.source,
        created_at=article.created_at,
        stage_changed_at=article.stage_changed_at,
        incidents=list(incidents),
    )


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


def all_incidents(session: Session, filters: IncidentFilter = IncidentFilter()) -> list[Incident]:
    """Every incident matching ``filters``, primary ones first, then by date, newest first, the
    undated last on every database (PostgreSQL puts NULL first in a descending order, SQLite
    last), then newest stored."""
    query = (
        select(IncidentRow)
        .where(*_conditions(filters))
        .order_by(
            col(IncidentRow.primary).desc(),
            col(IncidentRow.date).desc().nulls_last(),
            col(IncidentRow.id).desc(),
        )
    )
    return load_incidents(session, session.exec(query).all())


def iter_incidents(session: Session, filters: IncidentFilter, batch: int = 200) -> Iterator[Incident]:
    """Every incident matching ``filters``, newest stored first, read ``batch`` rows at a time
    by the keyset of ``incident_page``: an export holds one batch however large the store, and
    the rows of a batch read are dropped from the session before the next one."""
    after = None
    while True:
        page = incident_page(session, filters, batch, after)
        yield from page.incidents
        session.expunge_all()
        if page.next_after is None:
            return
        after = page.next_after


def count_incidents(session: Session, filters: IncidentFilter) -> int:
    """How many incidents match ``filters``: the total of an export's progress bar."""
    query = select(func.count()).select_from(IncidentRow).where(*_conditions(filters))
    return int(session.exec(query).one())
