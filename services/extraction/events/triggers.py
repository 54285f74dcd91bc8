"""Does a clause report a violent event, and where is its trigger?

A clause qualifies by an attack word ("bombing", "gunmen stormed"), a killing verb, or, weakest, a
casualty statement alone ("A dozen people were also injured"), which can only add to an event
already under way. Three kinds of clause are refused: tallies of many attacks ("224 attacks",
"a series of bomb attacks ... in which dozens were killed"), the response to an attack ("the
bomber was shot by guards"), and deaths with a non-violent cause (earthquakes, crashes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from services.extraction.events.article import Article, Phrases
from services.extraction.events.clauses import Clause
from services.extraction.events.figures import Statement, statements
from services.extraction.events.lexicon import (
    AGGREGATE_MARKERS,
    ATTACK_NOUNS,
    ATTACK_VERBS,
    ATTACKER_NOUNS,
    KILL_VERBS,
    NON_VIOLENT_CAUSES,
)

Kind = Literal["attack", "kill", "casualty"]
STRENGTH = {"attack": 3, "kill": 2, "casualty": 1}

SMALL_SETS = {"two", "twin", "double", "three", "triple", "simultaneous", "coordinated", "multiple"}
PASSIVE = {"was", "were", "been", "being", "had", "got"}
OBJECT_DETERMINERS = {"the", "a", "an", "one", "two", "both", "all", "three", "its", "their"}
AGGREGATE_LOOKBACK = 4
RESPONSE_LOOKBACK = 6
DEFINITE = {"the", "this", "that", "its", "their", "'s", "his", "her"}
INDEFINITE = {"a", "an", "another", "one"}


def _plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


NOUNS = Phrases.of(ATTACK_NOUNS)
PLURAL_NOUNS = Phrases.of(" ".join([*p.split()[:-1], _plural(p.split()[-1])]) for p in ATTACK_NOUNS)
VERBS = Phrases.of(ATTACK_VERBS)
KILLS = Phrases.of(KILL_VERBS)
NON_VIOLENT = frozenset(NON_VIOLENT_CAUSES)


@dataclass(frozen=True, slots=True)
class Trigger:
    index: int
    kind: Kind
    statements: tuple[Statement, ...]
    definite: bool = False


def _definite(article: Article, clause: Clause, i: int) -> bool:
    """ "the attack", "this bombing", "Monday's blast": an event the reader already knows."""
    for k in range(i - 1, max(clause.start, i - 4) - 1, -1):
        word = article.lowers[k]
        if word in DEFINITE:
            return True
        if word in INDEFINITE or article.doc[k].is_punct:
            return False
    return False


def _aggregate(article: Article, start: int, i: int) -> bool:
    """A plural attack noun counted or quantified as many ("224 attacks", "such attacks")."""
    for k in range(max(start, i - AGGREGATE_LOOKBACK), i):
        word = article.lowers[k]
        if word in SMALL_SETS:
            return False
        if word in AGGREGATE_MARKERS:
            return True
        token = article.doc[k]
        if token.like_num and word.isdigit() and int(word) > len(SMALL_SETS):
            return True
    return False


def _small_set(article: Article, start: int, i: int) -> bool:
    return any(article.lowers[k] in SMALL_SETS for k in range(max(start, i - 2), i))


def _response(article: Article, clause: Clause, i: int, j: int) -> bool:
    """Violence done to the attacker: "the bomber had been shot by guards", "police killed the gunman"."""
    before = range(max(clause.start, i - RESPONSE_LOOKBACK), i)
    attacker_before = [k for k in before if article.lowers[k] in ATTACKER_NOUNS]
    if attacker_before and any(article.lowers[k] in PASSIVE for k in range(attacker_before[-1], i)):
        return True
    k = j
    while k < clause.end and article.lowers[k] in OBJECT_DETERMINERS | {"suicide", "lone", "suspected"}:
        k += 1
    return k < clause.end and article.lowers[k] in ATTACKER_NOUNS


def find_trigger(article: Article, clause: Clause) -> Trigger | None:
    """The clause's first trigger and strongest kind, or None when it reports no single event."""
    lowers, doc = article.lowers, article.doc
    if any(lowers[k] in NON_VIOLENT for k in range(clause.start, clause.end)):
        return None
    found: list[tuple[int, Kind]] = []
    aggregate = False
    i = clause.start
    while i < clause.end:
        noun, plural = NOUNS.at(lowers, i, clause.end), PLURAL_NOUNS.at(lowers, i, clause.end)
        verb, kill = VERBS.at(lowers, i, clause.end), KILLS.at(lowers, i, clause.end)
        last = i + max(noun, plural, verb, kill, 1) - 1
        head_follows = noun and (
            NOUNS.at(lowers, i + noun, clause.end) or PLURAL_NOUNS.at(lowers, i + noun, clause.end)
        )
        if head_follows:
            i += noun
            continue
        if plural > noun and not doc[last].tag_.startswith("VB"):
            if _aggregate(article, clause.start, i):
                aggregate = True
            elif _small_set(article, clause.start, i):
                found.append((i, "attack"))
        elif noun or (
            verb
            and (verb > 1 or doc[i].tag_.startswith("VB"))
            and not _response(article, clause, i, i + verb)
        ):
            found.append((i, "attack"))
        elif kill and not _response(article, clause, i, i + kill):
            found.append((i, "kill"))
        i = last + 1
    if aggregate and not any(kind == "attack" for _, kind in found):
        return None
    said = tuple(statements(article.text(clause.start, clause.end)))
    if not found:
        return Trigger(clause.start, "casualty", said) if said else None
    kind = max((k for _, k in found), key=STRENGTH.__getitem__)
    return Trigger(found[0][0], kind, said, _definite(article, clause, found[0][0]))
