"""Database tables. The schema itself is owned by the Alembic migrations in
``services/storage/migrations``; these classes only map it."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Stage(StrEnum):
    """Where an article is in the pipeline; the database, not the broker, is the truth."""

    QUEUED = "queued"
    FETCHED = "fetched"
    CLEANED = "cleaned"
    ENRICHED = "enriched"
    STORED = "stored"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    FAILED = "failed"


TERMINAL_STAGES = (Stage.STORED, Stage.DUPLICATE, Stage.SKIPPED, Stage.FAILED)


class Article(SQLModel, table=True):
    __tablename__ = "articles"
    # The reconciler's scan: non-terminal stages whose stage_changed_at is old.
    __table_args__ = (Index("ix_articles_stage_stage_changed_at", "stage", "stage_changed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, index=True)
    source: str | None = None
    url: str | None = Field(default=None, sa_column=Column(Text))
    canonical_url: str | None = Field(default=None, sa_column=Column(Text, unique=True))
    input_hash: str | None = Field(default=None, unique=True)
    content_hash: str | None = Field(default=None, index=True)
    simhash: int | None = Field(default=None, sa_column=Column(BigInteger))
    raw_html: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    raw_text: str | None = Field(default=None, sa_column=Column(Text))
    text: str | None = Field(default=None, sa_column=Column(Text))
    title: str | None = Field(default=None, sa_column=Column(Text))
    author: str | None = None
    site_name: str | None = None
    published: str | None = None
    language: str | None = None
    stage: str = Field(default=Stage.QUEUED, index=True)
    attempts: int = 0
    redeliveries: int = 0  # times the reconciler re-sent the article in its current stage
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    duplicate_of: int | None = Field(default=None, foreign_key="articles.id")
    created_at: datetime = Field(default_factory=utcnow)
    stage_changed_at: datetime = Field(default_factory=utcnow, index=True)


class SimhashBand(SQLModel, table=True):
    """Locality-sensitive buckets of an article's SimHash, so near-duplicates are
    found by a few indexed look-ups instead of a scan of every stored article."""

    __tablename__ = "simhash_bands"
    __table_args__ = (Index("ix_simhash_bands_band_value", "band", "value"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", index=True)
    band: int
    value: int = Field(sa_column=Column(BigInteger, nullable=False))


class EntityRow(SQLModel, table=True):
    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("label", "canonical"),)

    id: int | None = Field(default=None, primary_key=True)
    label: str
    canonical: str


class EntityMentionRow(SQLModel, table=True):
    """How one article names one entity: every spelling it used and how often."""

    __tablename__ = "entity_mentions"
    __table_args__ = (UniqueConstraint("article_id", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", index=True)
    entity_id: int = Field(foreign_key="entities.id", index=True)
    surfaces: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    count: int = 1


class EventMentionRow(SQLModel, table=True):
    __tablename__ = "event_mentions"
    __table_args__ = (UniqueConstraint("article_id", "ordinal"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", index=True)
    ordinal: int
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    evidence: str = Field(default="", sa_column=Column(Text))


class IncidentRow(SQLModel, table=True):
    """A real-world event; ``country_code`` and the date window are the blocking
    keys that keep merging cost flat as the store grows (see storage.incidents.candidates
    for why the date precision is in the index)."""

    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_window", "country_code", "date_precision", "date_start"),)

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(unique=True)
    event_type: str = Field(index=True)
    date: str | None = Field(default=None, index=True)
    date_precision: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    city_lat: float | None = None  # the town's coordinates; null without a resolved town
    city_lon: float | None = None
    perpetrator: str | None = Field(default=None, index=True)
    killed: int | None = Field(default=None, index=True)
    primary: bool = False
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class IncidentSourceRow(SQLModel, table=True):
    __tablename__ = "incident_sources"
    __table_args__ = (UniqueConstraint("incident_id", "article_id"),)

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incidents.id", index=True)
    article_id: int = Field(foreign_key="articles.id", index=True)
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class Feed(SQLModel, table=True):
    __tablename__ = "feeds"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(Text, unique=True, nullable=False))
    interval_seconds: int = 900
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: datetime | None = None
    next_poll_at: datetime = Field(default_factory=utcnow, index=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    failures: int = 0
    created_at: datetime = Field(default_factory=utcnow)
