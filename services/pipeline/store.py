"""Store stage: merge an article's event mentions into incidents."""

from __future__ import annotations

from sqlmodel import Session

from services.errors import PermanentError
from services.merging import add_source, blocking_window, same_incident
from services.pipeline.enrich import document_of
from services.pipeline.transitions import advance
from services.storage.incidents import candidates, lock_blocks, save_incident
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
    windows = [blocking_window(mention) for mention in mentions]
    lock_blocks(session, [window[0] for window in windows])
    for mention, window in zip(mentions, windows, strict=True):
        match = next((known for known in candidates(session, *window) if same_incident(known, mention)), None)
        incident = add_source(match, mention, document.id, document.url)
        source = next(s for s in incident.sources if s.document_id == document.id)
        save_incident(session, incident, article_id, source, blocking_window(incident))
    session.commit()
