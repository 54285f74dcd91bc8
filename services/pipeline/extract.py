"""The in-memory path behind `vigil extract`: clean, analyse and merge without a store.
Cleaning goes through ``clean_payload``, shared with the ingest stage, so both see the same text."""

from __future__ import annotations

from services.cleaning import CleanedArticle
from services.extraction.analyse import analyse
from services.merging import merge_documents
from services.schema import Document, ExtractionResult, InputError


def to_document(
    doc_id: str, cleaned: CleanedArticle, url: str | None = None, published: str | None = None
) -> Document:
    return Document(
        id=doc_id,
        url=url,
        title=cleaned.title,
        published=published or cleaned.published,
        language=cleaned.language,
        text=cleaned.text,
    )


def extract(documents: list[Document], errors: list[InputError] | None = None) -> ExtractionResult:
    analysed = analyse(documents)
    return ExtractionResult(documents=analysed, incidents=merge_documents(analysed), errors=errors or [])
