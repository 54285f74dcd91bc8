"""Store stage: merge an article's event mentions into incidents.

The article's main event goes first: when the article carries no publication date, the date the
store already holds for that event (from other reports) anchors its recalled events ("on Friday"),
as the in-memory merge does."""

from __future__ import annotations

from sqlmodel import Session

from services.errors import Busy, PermanentError
from services.extraction.dates import publication_day
from services.merging import add_source, anchor_undated, blocking_window, same_incident
from services.pipeline.enrich import document_of
from services.pipeline.transitions import advance, touch
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
    try:
        lock_blocks(session, [mention.location.country_code for mention in document.events])
    except Busy:
        # Back to enriched, marked as looked after so the reconciler leaves it to its retry.
        session.rollback()
        touch(session, article_id, Stage.ENRICHED)
        session.commit()
        raise
    main = [merge_mention(session, m, document, article_id) for m in document.events if m.primary]
    recalled = document.model_copy(update={"events": [m for m in document.events if not m.primary]})
    for mention in anchor_undated(recalled, main).events:
        merge_mention(session, mention, document, article_id)
    session.commit()


def merge_mention(session: Session, mention: EventMention, document: Document, article_id: int) -> Incident:
    """Add one mention to the incident it reports (a new one when no candidate matches). The
    report's publication day bounds the window of an undated mention and of an undated incident
    to the weeks before it; without it, that window is the whole calendar and the incident would
    be a candidate for every later report from its country."""
    day = publication_day(document.published)
    reference = day.isoformat() if day else None
    window = blocking_window(mention, reference)
    match = next((c for c in candidates(session, window, mention) if same_incident(c.fields, mention)), None)
    known = load_incident(session, match.row_id) if match else None
    incident = add_source(known, mention, document.id, document.url)
    source = next(s for s in incident.sources if s.document_id == document.id)
    window = blocking_window(incident, reference)
    save_incident(session, incident, article_id, source, window, match.row_id if match else None)
    return incident
