"""What enrichment found in one article: entities, their spellings, event mentions.
Rewritten whole per article, so a re-run replaces rather than adds."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session, select

from services.schema import Document, EventMention
from services.storage.tables import EntityMentionRow, EntityRow, EventMentionRow
from services.storage.upsert import insert_ignore


def replace_mentions(session: Session, article_id: int, document: Document) -> None:
    session.execute(delete(EntityMentionRow).where(EntityMentionRow.article_id == article_id))
    session.execute(delete(EventMentionRow).where(EventMentionRow.article_id == article_id))
    for entity in document.entities:
        entity_id = insert_ignore(session, EntityRow, {"label": entity.label, "canonical": entity.canonical})
        session.add(
            EntityMentionRow(
                article_id=article_id, entity_id=entity_id, surfaces=entity.mentions, count=entity.count
            )
        )
    for ordinal, event in enumerate(document.events):
        session.add(
            EventMentionRow(
                article_id=article_id,
                ordinal=ordinal,
                data=event.model_dump(mode="json"),
                evidence=event.evidence,
            )
        )


def event_mentions(session: Session, article_id: int) -> list[EventMention]:
    rows = session.exec(
        select(EventMentionRow)
        .where(EventMentionRow.article_id == article_id)
        .order_by(EventMentionRow.ordinal)
    ).all()  # type: ignore[arg-type]
    return [EventMention.model_validate(row.data) for row in rows]
