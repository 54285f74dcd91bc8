"""Store stage: merge an article's event mentions into incidents."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from services.errors import PermanentError
from services.merging import add_source, blocking_window, same_incident
from services.pipeline.enrich import document_of
from services.pipeline.transitions import advance
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
    document = document_of(article)
    mentions = event_mentions(session, article_id)
    reference = publication_day(article.published)
    windows = [blocking_window(mention, reference) for mention in mentions]
    lock_blocks(session, [window[0] for window in windows])
    for mention, window in zip(mentions, windows, strict=True):
        found = candidates(session, window, mention)
        match = next((c for c in found if same_incident(c.fields, mention)), None)
        known = load_incident(session, match.row_id) if match else None
        incident = add_source(known, mention, document.id, document.url)
        source = next(s for s in incident.sources if s.document_id == document.id)
        save_incident(session, incident, article_id, source, blocking_window(incident, reference))
    session.commit()


def publication_day(published: str | None) -> str | None:
    """The report's publication day (ISO), which bounds the window of an undated mention and of
    an undated incident to the weeks before it; without it, that window is the whole calendar
    and the incident would be a candidate for every later report from its country."""
    try:
        return date.fromisoformat(published[:10]).isoformat() if published else None
    except ValueError:
        return None
