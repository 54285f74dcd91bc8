"""One entry for both kinds of payload, so ingest and extract clean alike."""

from __future__ import annotations

from typing import Literal

from services.cleaning.article import CleanedArticle
from services.cleaning.from_html import clean_html
from services.cleaning.from_text import clean_text

PayloadKind = Literal["text", "html"]


def clean_payload(kind: PayloadKind, content: str, url: str | None = None) -> CleanedArticle:
    return clean_html(content, url) if kind == "html" else clean_text(content)
