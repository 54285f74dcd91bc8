"""Entities and events for a batch of documents: the enrich step of the pipeline.

One ``nlp.pipe`` pass tags the whole batch; the entity layer and the event rules then read the
same Docs. Text is passed through the boilerplate rules once more before tagging: a caller may
hand over text that was never cleaned, and page furniture (navigation, comment forms, paywall
notices) must never yield events.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.cleaning.boilerplate import strip_boilerplate
from services.extraction.case import for_tagging
from services.extraction.dates import publication_day, warm_up_date_parser
from services.extraction.entities import analyse_entities
from services.extraction.events import extract_events
from services.extraction.events.article import Article
from services.extraction.nlp import load_nlp, tag, word_lists
from services.schema import Document


def warm_up() -> None:
    """Load the model, its word lists and the date parser's tables now, so that the first
    article a process analyses costs what every later one does (the benchmarks time articles,
    not loading)."""
    load_nlp()
    word_lists()
    warm_up_date_parser()


def analyse(documents: Sequence[Document]) -> list[Document]:
    """Each document with its ``entities`` and ``events`` filled (and ``published`` when the text
    dates itself); documents keep their order."""
    texts = [for_tagging(strip_boilerplate(d.text)) for d in documents]
    docs = tag(texts)
    found = analyse_entities(docs, [publication_day(d.published) for d in documents])
    analysed = []
    for document, doc, entities in zip(documents, docs, found, strict=True):
        article = Article.of(doc, entities.published, entities.countries, entities.actors, document.title)
        published = document.published or (entities.published.isoformat() if entities.published else None)
        events = article.attempt(extract_events, article) or []
        analysed.append(
            document.model_copy(
                update={
                    "entities": entities.entities,
                    "events": events,
                    "published": published,
                    "notes": article.notes,
                }
            )
        )
    return analysed
