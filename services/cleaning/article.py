"""The one shape both cleaners return, so the ingest stage need not care where text came from."""

from __future__ import annotations

from dataclasses import dataclass

ENGLISH = "en"


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    text: str
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    published: str | None = None
    language: str | None = None

    @property
    def is_english(self) -> bool:
        """Only English is enriched; an undetected language counts as not English."""
        return self.language == ENGLISH
