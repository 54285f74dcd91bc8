"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("input_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("simhash", sa.BigInteger(), nullable=True),
        sa.Column("raw_html", sa.LargeBinary(), nullable=True),
        sa.Column("raw_text", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("site_name", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("published", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("stage_changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["articles.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("canonical_url"),
        sa.UniqueConstraint("input_hash"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_content_hash"), ["content_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_external_id"), ["external_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_stage"), ["stage"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_stage_changed_at"), ["stage_changed_at"], unique=False)

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("canonical", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("label", "canonical"),
    )
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("etag", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("last_modified", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("last_polled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("next_poll_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url"),
    )
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feeds_next_poll_at"), ["next_poll_at"], unique=False)

    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("event_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("date_precision", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("date_start", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("date_end", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("country_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("perpetrator", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("primary", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_block", ["country_code", "date_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_event_type"), ["event_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_perpetrator"), ["perpetrator"], unique=False)

    op.create_table(
        "entity_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("surfaces", sa.JSON(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("article_id", "entity_id"),
    )
    with op.batch_alter_table("entity_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_mentions_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entity_mentions_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("article_id", "ordinal"),
    )
    with op.batch_alter_table("event_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_mentions_article_id"), ["article_id"], unique=False)

    op.create_table(
        "incident_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("incident_id", "article_id"),
    )
    with op.batch_alter_table("incident_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_sources_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_incident_sources_incident_id"), ["incident_id"], unique=False)

    op.create_table(
        "simhash_bands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("simhash_bands", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_simhash_bands_article_id"), ["article_id"], unique=False)
        batch_op.create_index("ix_simhash_bands_band_value", ["band", "value"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("simhash_bands", schema=None) as batch_op:
        batch_op.drop_index("ix_simhash_bands_band_value")
        batch_op.drop_index(batch_op.f("ix_simhash_bands_article_id"))

    op.drop_table("simhash_bands")
    with op.batch_alter_table("incident_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_sources_incident_id"))
        batch_op.drop_index(batch_op.f("ix_incident_sources_article_id"))

    op.drop_table("incident_sources")
    with op.batch_alter_table("event_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_mentions_article_id"))

    op.drop_table("event_mentions")
    with op.batch_alter_table("entity_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_mentions_entity_id"))
        batch_op.drop_index(batch_op.f("ix_entity_mentions_article_id"))

    op.drop_table("entity_mentions")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_perpetrator"))
        batch_op.drop_index(batch_op.f("ix_incidents_event_type"))
        batch_op.drop_index("ix_incidents_block")

    op.drop_table("incidents")
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feeds_next_poll_at"))

    op.drop_table("feeds")
    op.drop_table("entities")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_stage_changed_at"))
        batch_op.drop_index(batch_op.f("ix_articles_stage"))
        batch_op.drop_index(batch_op.f("ix_articles_external_id"))
        batch_op.drop_index(batch_op.f("ix_articles_content_hash"))

    op.drop_table("articles")
