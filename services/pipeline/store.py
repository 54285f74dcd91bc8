"""Store stage: merge an article's event mentions into incidents.

The article's main event goes first: when the article carries no publication date, the date the
store already holds for that event (from other reports) anchors its recalled events ("on Friday"),
as the in-memory merge does."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from services.errors import PermanentError
from services.merging import add_source, anchor_undated, blocking_window, same_incident
from services.pipeline.enrich import document_of
from services.pipeline.transitions import advance
from services.schema import Document, EventMention, Incident
from services.storage.incidents import candidates, load_incident, lock_blocks, save_incident
from services.storage.mentions import event_mentions
from services.storage.tables import Article, Stage


def store_article(session: Session, article_id: int) -> None:
    article = session.get(Article, article_id)
    if article is None:
        raise PermanentError(f"article {article_id}: not found")
    if not advance(session, article_id, [Stage.ENRICHED], Stage.STORED):
        session.rollback()
        return
    document = document_of(article).model_copy(update={"events": event_mentions(session, article_id)})
    reference = publication_day(article.published)
    lock_blocks(session, [blocking_window(mention, reference)[0] for mention in document.events])
    main = [merge_mention(session, m, document, article_id, reference) for m in document.events if m.primary]
    recalled = document.model_copy(update={"events": [m for m in document.events if not m.primary]})
    if reference is None:
        recalled = anchor_undated(recalled, main)
    for mention in recalled.events:
        merge_mention(session, mention, document, article_id, reference)
    session.commit()


def merge_mention(
    session: Session, mention: EventMention, document: Document, article_id: int, reference: str | None
) -> Incident:
    """Add one mention to the incident it reports (a new one when no candidate matches)."""
    window = blocking_window(mention, reference)
    match = next((c for c in candidates(session, window, mention) if same_incident(c.fields, mention)), None)
    known = load_incident(session, match.row_id) if match else None
    incident = add_source(known, mention, document.id, document.url)
    source = next(s for s in incident.sources if s.document_id == document.id)
    save_incident(session, incident, article_id, source, blocking_window(incident, reference))
    return incident


def publication_day(published: str | None) -> str | None:
    """The report's publication day (ISO), which bounds the window of an undated mention and of
    an undated incident to the weeks before it; without it, that window is the whole calendar
    and the incident would be a candidate for every later report from its country."""
    try:
        return date.fromisoformat(published[:10]).isoformat() if published else None
    except ValueError:
        return None
