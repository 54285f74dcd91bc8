"""What kind of document an article is, as far as violence goes: a sports report, a story, game,
trial or drill told in words of violence, a political or business story, or an accident or
disaster story. Sentences alone cannot
tell "fired a shot at the goalkeeper" or "the bus plunged ... 21 people died" from an attack; the
document around them can."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from services.extraction.events.article import Article, Phrases
from services.extraction.events.clauses import Clause
from services.extraction.events.lexicon import (
    ACCIDENT_STATEMENTS,
    DEBATE_TERMS,
    SPORT_TERMS,
    TOLD_DOCUMENT_TERMS,
)
from services.extraction.events.triggers import NON_VIOLENT, Trigger, not_real_cues

# Distinct sport words that make a sports report; there an attack word needs a toll or a doer.
SPORT_DOCUMENT_TERMS = 4
# Story, game, trial or drill words that make a document report none of the violence it tells.
NOT_REAL_DOCUMENT_CUES = 3
WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Sentences that tell what a document is about (an accident, a disaster).
LEDE_SENTENCES = 3
# Distinct political or business words that make a debate; there an attack needs a toll, a doer or
# a weapon.
DEBATE_DOCUMENT_TERMS = 4
TOLD_TERMS = Phrases.of(TOLD_DOCUMENT_TERMS)
DEBATE = Phrases.of(DEBATE_TERMS)
ACCIDENT = Phrases.of(ACCIDENT_STATEMENTS)


@dataclass(frozen=True, slots=True)
class Genre:
    sport: bool = False
    told: bool = False  # fiction, a game, a trial or a drill
    accident: bool = False
    debate: bool = False  # politics or business


def document_genre(article: Article, triggered: list[tuple[Clause, Trigger]]) -> Genre:
    """The article's genre from its vocabulary, and whether its lede reports a non-violent cause
    (an accident or disaster) with no attack word of its own."""
    lowers = article.lowers
    words = set(WORD_RE.findall(article.text.lower()))  # "three-pointers" whole, which the tokenizer splits
    sport = len(words & SPORT_TERMS) >= SPORT_DOCUMENT_TERMS
    cues = len(not_real_cues(lowers, 0, len(lowers))) + len(_distinct(TOLD_TERMS, lowers))
    told = cues >= NOT_REAL_DOCUMENT_CUES
    debate = len(_distinct(DEBATE, lowers)) >= DEBATE_DOCUMENT_TERMS
    lede = list(islice(article.doc.sents, LEDE_SENTENCES))
    lede_end = lede[-1].end if lede else 0
    attacked_in_lede = any(c.start < lede_end and t.kind == "attack" for c, t in triggered)
    stated_accident = bool(ACCIDENT.find(lowers, 0, len(lowers)))
    accident = stated_accident or (bool(NON_VIOLENT.find(lowers, 0, lede_end)) and not attacked_in_lede)
    return Genre(sport=sport, told=told, accident=accident, debate=debate)


def _distinct(phrases: Phrases, lowers: list[str]) -> set[str]:
    return {" ".join(lowers[a:b]) for a, b in phrases.find(lowers, 0, len(lowers))}
