"""What enrichment found in one article: entities, their spellings, event mentions.
Rewritten whole per article, so a re-run replaces rather than adds. A handful of statements per
article, however many entities it names: a round trip per entity cost more than tagging's rules."""

from __future__ import annotations

from sqlalchemy import delete, insert
from sqlmodel import Session, select

from services.schema import Document, EventMention
from services.storage.tables import EntityMentionRow, EntityRow, EventMentionRow
from services.storage.upsert import insert_ignore_many


def replace_mentions(session: Session, article_id: int, document: Document) -> None:
    session.execute(delete(EntityMentionRow).where(EntityMentionRow.article_id == article_id))
    session.execute(delete(EventMentionRow).where(EventMentionRow.article_id == article_id))
    entity_ids = insert_ignore_many(
        session, EntityRow, [{"label": e.label, "canonical": e.canonical} for e in document.entities]
    )
    if document.entities:
        session.execute(
            insert(EntityMentionRow.__table__),  # type: ignore[attr-defined]
            [
                {
                    "article_id": article_id,
                    "entity_id": entity_ids[(e.label, e.canonical)],
                    "surfaces": e.mentions,
                    "count": e.count,
                }
                for e in document.entities
            ],
        )
    if document.events:
        session.execute(
            insert(EventMentionRow.__table__),  # type: ignore[attr-defined]
            [
                {
                    "article_id": article_id,
                    "ordinal": i,
                    "data": e.model_dump(mode="json"),
                    "evidence": e.evidence,
                }
                for i, e in enumerate(document.events)
            ],
        )


def event_mentions(session: Session, article_id: int) -> list[EventMention]:
    rows = session.exec(
        select(EventMentionRow)
        .where(EventMentionRow.article_id == article_id)
        .order_by(EventMentionRow.ordinal)
    ).all()  # type: ignore[arg-type]
    return [EventMention.model_validate(row.data) for row in rows]
