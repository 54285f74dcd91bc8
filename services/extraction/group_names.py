"""Armed groups the gazetteer does not know, recognised by the shape of their names.

No list of groups is ever complete: new ones form, old ones come back in archives, and small
local ones never reach a gazetteer. But insurgent and militant organisations name themselves
after what they fight for and what they are: a cause word (liberation, revolutionary, people's,
patriotic, resistance, jihad, ...) and an organisational head (front, army, movement, forces,
brigades, ...), often after a person or a place: "the Zapata National Liberation Army", "the Red
Dawn Revolutionary Movement". Such a name is an armed group's, kept as the text writes it.

The text may then shorten it, which ties the short form to the same group for the rest of the text:
an abbreviation in brackets right after the name ("... Front (XYZ)"), or an abbreviation that
directly qualifies fighters ("XYZ rebels", "XYZ guerrillas"). Every other mention of that
abbreviation in the text is then that group too.

A word counts as part of a name when it is a cause word, a filler of names (national, united,
armed, of, the, ...), or a proper word: written with a capital and not a common English word (the
case tables of :mod:`services.extraction.case`), so that a sentence's first word does not join.
Text in one case has been re-cased before tagging, which writes the common words of a name in
lower case; there the name must be longer (a proper word or two cause words) to count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from services.extraction.actors import (
    GAP_RE,
    Actor,
    ActorMatch,
    _in_capitals_line,
    _Word,
    _words,
    find_actors,
    resolve_actor,
    resolve_organisation,
)
from services.extraction.case import tables
from services.extraction.places import country_code_of

CAUSE_WORDS = frozenset({
    "liberation", "revolutionary", "revolution", "people", "peoples", "popular", "patriotic",
    "resistance", "guerrilla", "insurgent", "rebel", "jihad", "jihadist", "islamic",
    "islamist", "mujahideen", "mujahidin", "martyrs", "salvation", "independence", "freedom",
    "nationalist", "separatist", "maoist", "marxist", "leninist", "communist", "proletarian",
    "anarchist", "insurrectionary", "emancipation", "workers", "red", "self",
})  # fmt: skip
# The cause words that can end a name after "of": "Front for the Liberation", not "Movement of the
# Revolutionary".
CAUSE_NOUNS = frozenset({
    "liberation", "revolution", "people", "peoples", "resistance", "jihad", "mujahideen", "mujahidin",
    "martyrs", "salvation", "independence", "freedom", "emancipation", "workers",
})  # fmt: skip
NAME_FILLERS = frozenset({
    "national", "united", "democratic", "armed", "free", "unified", "new", "defense", "defence",
    "front", "army", "forces",
})  # fmt: skip
CONNECTORS = frozenset({"of", "the", "for", "and", "de", "del", "la", "los", "las", "al"})
GROUP_HEADS = frozenset({
    "front", "army", "movement", "forces", "force", "brigade", "brigades", "battalion", "battalions",
    "commando", "commandos", "command", "militia", "militias", "legion", "cells", "organization",
    "organisation", "group", "faction", "tigers",
})  # fmt: skip
FIGHTER_NOUNS = frozenset({
    "guerrillas", "guerrilla", "rebels", "rebel", "militants", "militant", "insurgents", "insurgent",
    "terrorists", "terrorist", "fighters", "militiamen", "jihadists", "cadres", "commandos",
})  # fmt: skip
ABBREVIATION_RE = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)\s*\)")
ABBREVIATION_LENGTHS = range(2, 9)
MAX_NAME_WORDS = 10


def _proper(word: _Word) -> bool:
    common, _ = tables()
    return word.cased[:1].isupper() and word.key not in common and word.key not in CONNECTORS


def _part(word: _Word) -> bool:
    return word.key in CAUSE_WORDS or word.key in NAME_FILLERS or _proper(word)


def _joined(text: str, words: Sequence[_Word], i: int) -> bool:
    """Words i and i+1 belong to one name: only a space, a hyphen or an apostrophe between."""
    return (
        GAP_RE.fullmatch(text, words[i].end, words[i + 1].start) is not None
        and "(" not in text[words[i].end : words[i + 1].start]
    )


def _extent(text: str, words: Sequence[_Word], head: int) -> tuple[int, int]:
    """First and last word of the name around the organisational head at ``head``."""
    first = head
    while first > 0 and head - first < MAX_NAME_WORDS and _joined(text, words, first - 1):
        if not _part(words[first - 1]):
            break
        first -= 1
    last = head
    k = head + 1
    capitalised = words[head].cased[:1].isupper()
    while k < len(words) and k - first < MAX_NAME_WORDS and _joined(text, words, k - 1):
        word = words[k]
        if word.key in CONNECTORS:
            k += 1
            continue
        # after "of" a capital marks the name's own word, common or not: "Cells of Solidarity"
        named = capitalised and word.cased[:1].isupper() and words[k - 1].key in CONNECTORS
        if not (named or _part(word)):
            break
        if named or word.key in CAUSE_NOUNS or _proper(word):  # "Army of National Liberation"
            last = k
        k += 1
    return first, last


def _shaped(words: Sequence[_Word], abbreviated: bool) -> bool:
    """Whether these words make an armed group's name (see the module's docstring);
    ``abbreviated``: the text gives the name an abbreviation, which makes it a name."""
    keys = [w.key for w in words]
    causes = sum(k in CAUSE_WORDS for k in keys)
    if causes == 0 or len(words) < 2:
        return False
    capitals = all(w.cased[:1].isupper() for w in words if w.key not in CONNECTORS)
    return capitals or abbreviated or causes >= 2 or any(_proper(w) for w in words)


def _armed_name(text: str, words: Sequence[_Word], head: int) -> tuple[int, int] | None:
    first, last = _extent(text, words, head)
    while first < head and words[first].key in CONNECTORS:
        first += 1
    abbreviated = _abbreviation(text, words[last].end) is not None
    return (first, last) if _shaped(words[first : last + 1], abbreviated) else None


def _abbreviation(text: str, end: int) -> str | None:
    """The abbreviation in brackets right after a name, when it is not a common word."""
    found = ABBREVIATION_RE.match(text, end)
    if found is None or len(found.group(1)) not in ABBREVIATION_LENGTHS:
        return None
    common, _ = tables()
    abbreviation = found.group(1)
    return None if abbreviation.lower() in common else abbreviation


def _qualifies_fighters(text: str, words: Sequence[_Word], i: int) -> bool:
    """An abbreviation directly before a fighters' noun: "XYZ rebels"; not a known organisation
    or country ("UN", "US")."""
    word = words[i]
    if _in_capitals_line(text, word.start):
        return False
    if not (word.cased.isupper() and len(word.cased) in ABBREVIATION_LENGTHS and word.cased.isalpha()):
        return False
    if i + 1 >= len(words) or words[i + 1].key not in FIGHTER_NOUNS or not _joined(text, words, i):
        return False
    return resolve_organisation(word.cased) is None and country_code_of(word.cased) is None


def _canonical(surface: str) -> str:
    """The name written as names are in mixed case: connectors in lower case, abbreviations kept,
    every other word with a capital."""
    keep_abbreviations = not surface.isupper()
    words = []
    for i, word in enumerate(surface.split()):
        if keep_abbreviations and word.isupper():
            words.append(word)
        elif i and word.lower() in CONNECTORS:
            words.append(word.lower())
        else:
            words.append(word[:1].upper() + word[1:].lower())
    return " ".join(words)


def _own_name(
    text: str, words: Sequence[_Word], extent: tuple[int, int], known: Sequence[ActorMatch]
) -> bool:
    """The name is free of the gazetteer's names, or holds one whole with a proper word of its own
    that is not a country: "the Zapata National Liberation Army" is not the ELN, but
    "Colombia's National Liberation Army" is."""
    start, end = words[extent[0]].start, words[extent[1]].end
    inside = [m for m in known if m.start < end and start < m.end]
    if not inside:
        return True
    if any(m.start < start or end < m.end for m in inside):
        return False
    outside = [
        w for w in words[extent[0] : extent[1] + 1] if not any(m.start <= w.start < m.end for m in inside)
    ]
    return any(_proper(w) and country_code_of(w.cased) is None for w in outside)


def _named(name: str) -> Actor:
    """A group known by its name only: its own root, no branches."""
    return Actor(canonical=name, aliases=(name,), root=name)


def shaped_groups(text: str, known: Sequence[ActorMatch]) -> list[ActorMatch]:
    """Armed groups named in ``text`` that the gazetteer's matches (``known``) do not name, with
    every mention of the abbreviations the text gives them. A shaped name may hold a known one
    (see :func:`_own_name`); :func:`find_groups` then drops the known one."""
    words = _words(text)
    found: list[ActorMatch] = []
    short: dict[str, Actor] = {}
    for i, word in enumerate(words):
        if word.key in GROUP_HEADS:
            extent = _armed_name(text, words, i)
            if extent is None or not _own_name(text, words, extent, known):
                continue
            start, end = words[extent[0]].start, words[extent[1]].end
            if any(m.start <= start < m.end for m in found):
                continue
            surface = text[start:end]
            abbreviation = _abbreviation(text, end)
            actor = (abbreviation and resolve_actor(abbreviation, strict=True)) or _named(_canonical(surface))
            found.append(ActorMatch(start, end, surface, actor))
            if abbreviation is not None:
                short.setdefault(abbreviation, actor)
        elif _qualifies_fighters(text, words, i) and word.cased not in short:
            short[word.cased] = _named(word.cased)
    taken = [*known, *found]
    for word in words:
        actor = short.get(word.cased)
        if actor is not None and all(word.end <= m.start or m.end <= word.start for m in taken):
            found.append(ActorMatch(word.start, word.end, word.cased, actor))
    return found


def find_groups(text: str, include_organisations: bool = False) -> list[ActorMatch]:
    """Armed groups named in ``text``, the gazetteer's and those known by their names' shape, in
    order (with ``include_organisations``, also the other organisations the gazetteer knows)."""
    known = find_actors(text, include_organisations)
    shaped = shaped_groups(text, known)
    kept = [m for m in known if not any(s.start <= m.start and m.end <= s.end for s in shaped)]
    return sorted([*kept, *shaped], key=lambda m: m.start)
