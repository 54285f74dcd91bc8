"""Engines, sessions and migrations for SQLite (embedded) and PostgreSQL (deployed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, event, inspect, make_url, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, create_engine

from services.config import get_settings

MIGRATIONS = Path(__file__).parent / "migrations"


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """One pooled engine per URL and process; workers reuse it across tasks."""
    url = url or get_settings().database_url
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=5, connect_args={"options": _postgres_limits()}
    )


def _postgres_limits() -> str:
    """Every session's lock wait and statement are bounded, so a stalled transaction elsewhere
    cannot hold a worker indefinitely; a transaction of ours left idle (its process stopped,
    its network cut) ends, releasing its locks, once no task could still be running it."""
    settings = get_settings()
    limits = {
        "lock_timeout": settings.database_lock_timeout,
        "statement_timeout": settings.database_statement_timeout,
        "idle_in_transaction_session_timeout": settings.task_time_limit,
    }
    return " ".join(f"-c {name}={round(seconds * 1000)}" for name, seconds in limits.items())


def _tune_sqlite(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """WAL lets readers (the CLI, the API) run while the embedded worker writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A unit of work: committed on success, rolled back on any error."""
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            try:
                session.rollback()
            except DBAPIError:
                # Interrupted inside a statement (a soft time limit's signal, say): the connection
                # is mid-command and must not go back to the pool as if it were idle.
                session.invalidate()
            raise


def store_problem(url: str | None = None) -> str | None:
    """Why the store cannot be used yet, in one line that says what to run; None when it can.

    Checked before a command touches the store, so a newcomer gets a sentence rather than a
    traceback, and a missing SQLite file is not created empty by the first connection."""
    url = url or get_settings().database_url
    parsed = make_url(url)
    file = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if file and file != ":memory:" and not Path(file).exists():
        return f"no database at {parsed.database}: run `vigil migrate` to create it"
    try:
        with get_engine(url).connect() as connection:
            migrated = is_migrated(connection)
    except OperationalError as exc:
        return database_unreachable(exc, url)
    return None if migrated else f"the database {shown_url(url)} has no Vigil tables: run `vigil migrate`"


def is_migrated(connection: Connection) -> bool:
    """Whether ``vigil migrate`` has made the tables (alembic recorded a revision)."""
    return bool(
        inspect(connection).has_table("alembic_version")
        and connection.execute(text("SELECT version_num FROM alembic_version")).first()
    )


def missing_tables(exc: DBAPIError) -> bool:
    """Whether the database refused a statement because Vigil's tables are not there (SQLite's
    "no such table", PostgreSQL's undefined_table): the store needs ``vigil migrate``."""
    return getattr(exc.orig, "sqlstate", None) == "42P01" or "no such table" in str(exc.orig)


def database_unreachable(exc: OperationalError, url: str | None = None) -> str:
    """The driver's message (refused, unknown host, no such database) on one line, the URL
    without its password, and what to run when the database itself is missing."""
    cause = " ".join(str(exc.orig or exc).split())
    hint = "; create it, then run `vigil migrate`" if "does not exist" in cause else ""
    return f"cannot use the database {shown_url(url)}: {cause}{hint}"


def shown_url(url: str | None = None) -> str:
    """The database URL as messages show it: without its password."""
    return make_url(url or get_settings().database_url).render_as_string(hide_password=True)


def migrate(url: str | None = None) -> None:
    """Bring the schema to the newest Alembic revision; the only way it changes."""
    # Alembic is loaded only here: commands that just read the store start faster without it.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url or get_settings().database_url)
    with get_engine(url).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL statement_timeout = 0"))  # an index build may take long
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
