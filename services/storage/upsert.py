"""Insert-if-absent that is safe under concurrent workers on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel


def insert_ignore(session: Session, table: type[SQLModel], keys: dict[str, Any], **values: Any) -> int:
    """Return the id of the row with ``keys``, inserting it first when missing."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**keys, **values).on_conflict_do_nothing()
    session.execute(statement)
    where = [getattr(table, name) == value for name, value in keys.items()]
    return session.execute(select(table.id).where(*where)).scalar_one()  # type: ignore[attr-defined]
