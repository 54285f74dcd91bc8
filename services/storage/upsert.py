"""Insert-if-absent that is safe under concurrent workers on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel


def insert_ignore(session: Session, table: type[SQLModel], keys: dict[str, Any], **values: Any) -> int:
    """Return the id of the row with ``keys``, inserting it first when missing."""
    session.execute(_insert(session, table).values(**keys, **values).on_conflict_do_nothing())
    where = [getattr(table, name) == value for name, value in keys.items()]
    return session.execute(select(table.id).where(*where)).scalar_one()  # type: ignore[attr-defined]


def insert_ignore_many(
    session: Session, table: type[SQLModel], rows: Sequence[dict[str, Any]]
) -> dict[tuple[Any, ...], int]:
    """Ids of the rows whose values (all of one unique key, same names in each row) are ``rows``,
    keyed by those values in order, inserting the missing ones: two statements however many rows.
    Sorted, so two workers inserting overlapping sets take the key locks in the same order."""
    if not rows:
        return {}
    names = list(rows[0])
    keys = sorted({tuple(row[name] for name in names) for row in rows})
    session.execute(
        _insert(session, table)
        .values([dict(zip(names, key, strict=True)) for key in keys])
        .on_conflict_do_nothing()
    )
    columns = [getattr(table, name) for name in names]
    found = session.execute(select(table.id, *columns).where(tuple_(*columns).in_(keys)))  # type: ignore[attr-defined]
    return {tuple(row[1:]): row[0] for row in found}


def _insert(session: Session, table: type[SQLModel]) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table)
