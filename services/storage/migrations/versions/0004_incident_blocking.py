"""incidents: admin1 and town coordinates, and the candidate index (country_code, date_precision,
date_start) in place of (country_code, date_start)

The merge candidates query bounds date_start from below by the widest window of each date
precision; with the precision in the index each bound is one short range. The old index could only
bound date_start from above, so a candidate query read every incident of the country that started
before the window's end, a cost that grew with the store (bench/store_scaling.py). The region and
the town's coordinates, copied from the incident's location, let the query leave out incidents the
merge rules reject anyway (another region, another town) without decoding each one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The location's fields inside the incident's JSON, by dialect; the coordinates only with a town.
BACKFILL = {
    "postgresql": """UPDATE incidents SET admin1 = data -> 'location' ->> 'admin1',
        city_lat = CASE WHEN data -> 'location' ->> 'city' IS NOT NULL
                        THEN (data -> 'location' ->> 'lat')::float END,
        city_lon = CASE WHEN data -> 'location' ->> 'city' IS NOT NULL
                        THEN (data -> 'location' ->> 'lon')::float END""",
    "sqlite": """UPDATE incidents SET admin1 = json_extract(data, '$.location.admin1'),
        city_lat = CASE WHEN json_extract(data, '$.location.city') IS NOT NULL
                        THEN json_extract(data, '$.location.lat') END,
        city_lon = CASE WHEN json_extract(data, '$.location.city') IS NOT NULL
                        THEN json_extract(data, '$.location.lon') END""",
}


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("admin1", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("city_lat", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("city_lon", sa.Float(), nullable=True))
        batch_op.create_index(
            "ix_incidents_window", ["country_code", "date_precision", "date_start"], unique=False
        )
        batch_op.drop_index("ix_incidents_block")
    op.execute(BACKFILL[op.get_bind().dialect.name])


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_block", ["country_code", "date_start"], unique=False)
        batch_op.drop_index("ix_incidents_window")
        batch_op.drop_column("city_lon")
        batch_op.drop_column("city_lat")
        batch_op.drop_column("admin1")
