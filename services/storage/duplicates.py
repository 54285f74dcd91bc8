"""Finding the first stored copy of an article's text: exact hash, then SimHash band look-ups.

Only articles stored before the one being checked (smaller id) count as originals, so two copies
cleaned at the same moment can never point at each other; the original is the earliest match, and
a match that is itself a duplicate leads to its own original. An article that failed or was
skipped was never enriched, so it is no original to defer to.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ColumnElement, and_, any_, bindparam, or_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session, col, delete, select

from services.dedup import NEAR_DUPLICATE_DISTANCE, hamming, simhash_bands, simhash_probes
from services.storage.tables import Article, SimhashBand, Stage

NOT_ORIGINALS = (Stage.FAILED, Stage.SKIPPED)


def find_duplicate(session: Session, content_hash: str, simhash: int, exclude_id: int) -> int | None:
    """Id of the original that the article ``exclude_id`` copies exactly or nearly, else None."""
    exact = session.exec(
        select(Article.id, Article.duplicate_of)
        .where(
            Article.content_hash == content_hash,
            col(Article.id) < exclude_id,
            col(Article.stage).not_in(NOT_ORIGINALS),
        )
        .order_by(col(Article.id))
        .limit(1)
    ).first()
    if exact is not None:
        return exact.duplicate_of or exact.id
    return _nearest_original(session, simhash, near_duplicate_candidates(session, simhash, exclude_id))


def near_duplicate_candidates(session: Session, simhash: int, before_id: int) -> list[int]:
    """Ids of earlier articles sharing a probed band value: indexed look-ups, never a scan."""
    postgres = session.get_bind().dialect.name == "postgresql"
    probes = or_(
        *(
            and_(col(SimhashBand.band) == band, _one_of(col(SimhashBand.value), values, postgres))
            for band, values in simhash_probes(simhash)
        )
    )
    earlier = col(SimhashBand.article_id) < before_id
    return list(session.exec(select(SimhashBand.article_id).where(probes, earlier).distinct()))


def _one_of(column: ColumnElement[int], values: list[int], postgres: bool) -> ColumnElement[bool]:
    """On PostgreSQL one array parameter per band: 137 expanded IN parameters per band cost the
    client 7 ms of CPU per article to render and parse (bench/throughput.py), more than the query."""
    if postgres:
        return column == any_(bindparam(None, values, type_=ARRAY(BigInteger)))
    return column.in_(values)


def _nearest_original(session: Session, simhash: int, candidates: list[int]) -> int | None:
    if not candidates:
        return None
    rows = session.exec(
        select(Article.id, Article.simhash, Article.duplicate_of)
        .where(col(Article.id).in_(candidates), col(Article.stage).not_in(NOT_ORIGINALS))
        .order_by(col(Article.id))
    ).all()
    for row in rows:
        if row.simhash is not None and hamming(row.simhash, simhash) <= NEAR_DUPLICATE_DISTANCE:
            return row.duplicate_of or row.id
    return None


def index_simhash(session: Session, article_id: int, simhash: int) -> None:
    """Store the article's band keys (replacing any from an earlier delivery); the caller commits."""
    session.exec(delete(SimhashBand).where(col(SimhashBand.article_id) == article_id))  # type: ignore[call-overload]
    bands = simhash_bands(simhash)
    session.add_all(SimhashBand(article_id=article_id, band=band, value=value) for band, value in bands)
    session.flush()
