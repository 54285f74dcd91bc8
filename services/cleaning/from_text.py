"""Plain text (files, API payloads) to a cleaned article with the metadata its top lines carry."""

from __future__ import annotations

from services.cleaning.article import CleanedArticle
from services.cleaning.boilerplate import join_paragraphs, strip_boilerplate
from services.cleaning.heading import (
    HEAD_LINES,
    byline_author,
    is_repeat_of,
    leading_dateline,
    looks_like_headline,
)
from services.cleaning.language import detect_language


def clean_text(text: str) -> CleanedArticle:
    """The headline stays in the text (it often states the event); a repeated copy of it and a
    byline line near the top are removed, the byline becoming the author."""
    lines = strip_boilerplate(text).splitlines()
    title = lines[0] if len(lines) > 1 and looks_like_headline(lines[0]) else None
    author = None
    kept: list[str] = []
    for index, line in enumerate(lines):
        near_top = index < HEAD_LINES
        if near_top and title and index > 0 and is_repeat_of(title, line):
            continue
        name = byline_author(line) if near_top and author is None else None
        if name:
            author = name
            continue
        kept.append(line)
    body = join_paragraphs(kept)
    return CleanedArticle(
        text=body,
        title=title,
        author=author,
        published=leading_dateline(body),
        language=detect_language(body),
    )
