"""articles.redeliveries and the (stage, stage_changed_at) index the reconciler scans

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("redeliveries", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index(
            "ix_articles_stage_stage_changed_at", ["stage", "stage_changed_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_stage_stage_changed_at")
        batch_op.drop_column("redeliveries")
