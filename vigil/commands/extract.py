"""`vigil extract`: the SCHEMA.md result for files, URLs or a JSONL file; touches no store."""

from __future__ import annotations

import argparse

from services.cleaning.payload import clean_payload
from services.cleaning.validation import decode_page
from services.config import get_settings
from services.errors import StageError
from services.fetching import fetch_with_retries
from services.pipeline.extract import extract, to_document
from services.schema import Document, InputError
from vigil.errors import UserError, print_error, report_errors
from vigil.inputs import UrlInput, WorkItem, read_inputs


def cmd_extract(args: argparse.Namespace) -> int:
    if not args.inputs and not args.jsonl:
        raise UserError("extract needs PATH_OR_URL... or --jsonl FILE")
    items, errors = read_inputs(args.inputs, args.jsonl, get_settings(), args.published)
    documents: list[Document] = []
    for item in items:
        try:
            documents.append(_document_of(item))
        except StageError as exc:  # FetchError, InputRejected, any other permanent failure of one input
            name = item.url if isinstance(item, UrlInput) else item.name
            errors.append(InputError(input=name, reason=getattr(exc, "reason", None) or str(exc)))
    report_errors(errors)
    result = extract(documents, errors)
    for document in result.documents:
        for note in document.notes:
            print_error(note, document.id, label="[yellow]note[/yellow]")
    print(result.model_dump_json(indent=2))
    return 1 if errors and not documents else 0


def _document_of(item: WorkItem) -> Document:
    if isinstance(item, UrlInput):
        settings = get_settings()
        page = fetch_with_retries(item.url, settings)
        kind, content = decode_page(page, settings)
        return to_document(item.doc_id, clean_payload(kind, content, page.final_url), page.final_url)
    cleaned = clean_payload(item.kind, item.content, item.url)
    return to_document(item.doc_id, cleaned, item.url, item.published)
