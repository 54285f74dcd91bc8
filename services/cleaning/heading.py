"""Metadata written at the top of a plain text: headline, byline, dateline.

Plain text has no <title> or meta tags, but pasted articles usually keep the visible page top: a
headline line (often repeated from the page title), a byline, sometimes a date stamp. Each rule is
strict, because a lead sentence mistaken for a headline or byline would corrupt the metadata.
"""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz

HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
REPEAT_SIMILARITY = 90
HEAD_LINES = 5

NOT_NAMES = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|The|This|That|Then|Now|Noon|Midnight|Late|Early|Dawn|Night)\b"
)
BYLINE_RE = re.compile(
    rf"[Bb][Yy]\s+(?!{NOT_NAMES})(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|el|bin|and|&)){{0,4}})"
    r"\s*(?:[,|–—-][^.!?]{0,60})?",
)
DATELINE_RE = re.compile(
    r"\s*(?:(?:date|dated|published|posted|updated)\s*[:\-]?\s*)?(?P<date>\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


def looks_like_headline(line: str) -> bool:
    """Short, starts like a title, and does not end like a sentence."""
    words = line.split()
    return (
        HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS
        and len(line) <= HEADLINE_MAX_CHARS
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'")
        and not line.endswith((".", ",", ";", ":", "…"))
        and DATELINE_RE.match(line) is None
    )


def is_repeat_of(title: str, line: str) -> bool:
    """A second copy of the headline (page title and on-page heading often differ by a word)."""
    return looks_like_headline(line) and fuzz.ratio(title.casefold(), line.casefold()) >= REPEAT_SIMILARITY


def byline_author(line: str) -> str | None:
    """The name in a "By Jane Doe, Africa correspondent" line, or None if the line is not a byline."""
    match = BYLINE_RE.fullmatch(line.strip())
    return match["name"] if match else None


def leading_dateline(text: str) -> str | None:
    """An ISO date stamped at the very start of the text ("date 2022-12-05 ..."), if it is a real date."""
    match = DATELINE_RE.match(text)
    if match is None:
        return None
    try:
        return date.fromisoformat(match["date"]).isoformat()
    except ValueError:
        return None
