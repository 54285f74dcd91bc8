"""Armed groups and well-known organisations, resolved through curated gazetteers.

spaCy misses or mislabels armed groups ("IS", "IS-K", "ISC" come out as ORG,
GPE or nothing), and one group is written many ways, so names are matched
against the data files in ``data/`` instead of trusting the tagger.

Matching rules, applied the same way by :func:`find_actors` (scanning raw text)
and :func:`resolve_actor` (a name already cut out, e.g. a spaCy span):

* Words are compared with accents folded, apostrophes dropped and hyphens equal
  to spaces ("al-Qa'ida" = "al Qaida"); a possessive "'s" is ignored.
* An abbreviation (a word with two or more capitals: "IS", "LeT") matches only
  in exactly that case and never in an all-capitals line, so "is" or a shouted
  headline is not the Islamic State.
* Aliases listed as ``ambiguous`` (e.g. "ISC", "AA", "PDF") count in a text only
  when the same group family is also named there unambiguously.
* A trailing generic word ("group", "terrorist organization", ...) is part of
  the mention: "Islamic State group" is one mention of Islamic State.

Hierarchy decision: each actor has an optional ``parent`` (a branch or province
of that organisation) and ``affiliate_of`` (allied but distinct). Entities
collapse onto :attr:`Actor.root`, the top of the parent chain, so "IS",
"ISIS-Khorasan" and "IS-K" are one entity "Islamic State", as the gold groups
require. The perpetrator of an event keeps the most specific actor named
(:func:`most_specific`), e.g. "Islamic State Khorasan Province"; two actors are
the same perpetrator for merging when :func:`same_family` holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"
ARMED_FILE = DATA_DIR / "actors.yaml"
ORGANISATIONS_FILE = DATA_DIR / "organisations.yaml"

WORD_RE = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
POSSESSIVE_RE = re.compile(r"['’ʼ]s$", re.IGNORECASE)
APOSTROPHES_RE = re.compile(r"['’ʼ]")
LOWERCASE_RE = re.compile(r"[a-z]")
GAP_RE = re.compile(r"['’ʼ]?[\s\-]*|\.-?|\s*\(")  # "Communist Party of India (Maoist)"

GENERIC_QUALIFIERS = frozenset(
    {"terrorist", "militant", "jihadist", "jihadi", "extremist", "armed", "insurgent", "islamist", "rebel"}
)
GENERIC_HEADS = frozenset(
    {"group", "organization", "organisation", "movement", "network", "outfit", "militia"}
)
MEMBER_HEADS = GENERIC_HEADS | {
    "militants",
    "fighters",
    "rebels",
    "insurgents",
    "jihadists",
    "members",
    "gunmen",
    "militiamen",
    "guerrillas",
    "forces",
    "cell",
    "cells",
    "faction",
    "factions",
    "militias",
    "groups",
}
LEADING_FILLERS = frozenset({"the", "a", "an"})
NEGATING_PREFIXES = frozenset({"pro", "anti", "non", "ex"})


@dataclass(frozen=True, slots=True)
class Actor:
    """One organisation: canonical name, known spellings and place in its hierarchy."""

    canonical: str
    aliases: tuple[str, ...]
    parent: str | None = None
    affiliate_of: str | None = None
    region: str | None = None
    active: tuple[int | None, int | None] = (None, None)
    root: str = ""
    armed: bool = True

    def active_in(self, year: int) -> bool:
        start, end = self.active
        return (start is None or start <= year) and (end is None or year <= end)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor named in a text: character span, the words as written, the actor."""

    start: int
    end: int
    surface: str
    actor: Actor


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    cased: str
    key: str


@dataclass(frozen=True, slots=True)
class _Alias:
    cased: tuple[str, ...]
    case_sensitive: bool
    ambiguous: bool
    actor: Actor


def _fold(word: str) -> str:
    word = APOSTROPHES_RE.sub("", POSSESSIVE_RE.sub("", word))
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[_Word]:
    words = []
    for m in WORD_RE.finditer(text):
        cased = _fold(m.group())
        if cased:
            words.append(_Word(m.start(), m.end(), cased, cased.lower()))
    return words


def _is_abbreviation(alias_words: Sequence[str]) -> bool:
    return any(sum(c.isupper() for c in w) >= 2 for w in alias_words)


class Gazetteer:
    """Alias index over a set of actors; built once, then lookups are dictionary hits."""

    def __init__(self, actors: Iterable[tuple[Actor, Sequence[str]]]) -> None:
        self.by_name: dict[str, Actor] = {}
        self._index: dict[tuple[str, ...], list[_Alias]] = defaultdict(list)
        lengths: dict[str, set[int]] = defaultdict(set)
        for actor, ambiguous in actors:
            self.by_name[actor.canonical] = actor
            for alias, is_ambiguous in [(a, False) for a in actor.aliases] + [(a, True) for a in ambiguous]:
                words = [w.cased for w in _words(alias)]
                if not words:
                    continue
                key = tuple(w.lower() for w in words)
                entry = _Alias(tuple(words), _is_abbreviation(words), is_ambiguous, actor)
                if entry not in self._index[key]:
                    self._index[key].append(entry)
                lengths[key[0]].add(len(key))
        for entries in self._index.values():
            entries.sort(key=lambda e: (e.ambiguous, not e.case_sensitive))
        self._lengths = {first: sorted(ls, reverse=True) for first, ls in lengths.items()}

    def _match(self, words: Sequence[_Word], text: str | None) -> _Alias | None:
        """The alias these words spell; ``text`` given: also refuse abbreviations in a capitals line."""
        for entry in self._index.get(tuple(w.key for w in words), ()):
            if not entry.case_sensitive:
                return entry
            if tuple(w.cased for w in words) == entry.cased and not (
                text is not None and _in_capitals_line(text, words[0].start)
            ):
                return entry
        return None

    def scan(self, text: str) -> list[ActorMatch]:
        """Every alias in ``text``, longest first, ambiguous ones only when corroborated."""
        words = _words(text)
        found: list[tuple[ActorMatch, bool]] = []
        i = 0
        while i < len(words):
            hit = None
            for length in self._lengths.get(words[i].key, ()):
                if i + length <= len(words) and _contiguous(text, words, i, length):
                    entry = self._match(words[i : i + length], text)
                    if entry is not None:
                        hit = (entry, length)
                        break
            if hit is None or _negated(text, words, i):
                i += 1
                continue
            entry, length = hit
            length += _generic_tail(text, words, i + length)
            start, end = words[i].start, words[i + length - 1].end
            if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
                end += 1
            found.append((ActorMatch(start, end, text[start:end], entry.actor), entry.ambiguous))
            i += length
        sure_roots = {m.actor.root for m, ambiguous in found if not ambiguous}
        return [m for m, ambiguous in found if not ambiguous or m.actor.root in sure_roots]

    def resolve(self, name: str, strict: bool) -> Actor | None:
        words = _words(name)
        while words and words[0].key in LEADING_FILLERS:
            words = words[1:]
        for end in range(len(words), 0, -1):
            if end < len(words) and not _is_generic(words[end:], MEMBER_HEADS):
                break
            entry = self._match(words[:end], None)
            if entry is not None and not (strict and entry.ambiguous):
                return entry.actor
        return None


def _contiguous(text: str, words: Sequence[_Word], i: int, length: int) -> bool:
    """The words are separated only by spaces, hyphens or an opening bracket (no sentence break)."""
    return all(
        GAP_RE.fullmatch(text, words[k].end, words[k + 1].start) is not None for k in range(i, i + length - 1)
    )


def _negated(text: str, words: Sequence[_Word], i: int) -> bool:
    """Whether the name is part of "pro-Taliban" or "anti-ISIS": an adjective, not a mention."""
    return (
        i > 0 and text[words[i].start - 1 : words[i].start] == "-" and words[i - 1].key in NEGATING_PREFIXES
    )


def _is_generic(words: Sequence[_Word], heads: frozenset[str] = GENERIC_HEADS) -> bool:
    keys = [w.key for w in words]
    return len(keys) in (1, 2) and keys[-1] in heads and all(k in GENERIC_QUALIFIERS for k in keys[:-1])


def _generic_tail(text: str, words: Sequence[_Word], j: int) -> int:
    """How many following words are a generic head like "group" or "terrorist organization"."""
    for length in (2, 1):
        fits = j + length <= len(words) and _contiguous(text, words, j - 1, length + 1)
        if fits and _is_generic(words[j : j + length]):
            return length
    return 0


def _in_capitals_line(text: str, position: int) -> bool:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return LOWERCASE_RE.search(text, start, len(text) if end < 0 else end) is None


def _load(path: Path, armed: bool) -> list[tuple[Actor, list[str]]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    parents = {e["name"]: e.get("parent") for e in entries}

    def root(name: str) -> str:
        seen = {name}
        while parents.get(name):
            name = parents[name]
            if name in seen:
                raise ValueError(f"{path.name}: parent cycle at {name!r}")
            seen.add(name)
        return name

    loaded = []
    for e in entries:
        for link in ("parent", "affiliate_of"):
            if e.get(link) and e[link] not in parents:
                raise ValueError(f"{path.name}: {e['name']!r} names unknown {link} {e[link]!r}")
        active = e.get("active") or [None, None]
        actor = Actor(
            canonical=e["name"],
            aliases=tuple(dict.fromkeys([e["name"], *e.get("aliases", [])])),
            parent=e.get("parent"),
            affiliate_of=e.get("affiliate_of"),
            region=e.get("region"),
            active=(active[0], active[1]),
            root=root(e["name"]),
            armed=armed,
        )
        loaded.append((actor, list(e.get("ambiguous", []))))
    return loaded


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Armed groups and organisations in one index, so a text is scanned once."""
    return Gazetteer(_load(ARMED_FILE, armed=True) + _load(ORGANISATIONS_FILE, armed=False))


def all_actors() -> list[Actor]:
    """Every organisation the gazetteer knows, under its canonical name."""
    return list(gazetteer().by_name.values())


def armed_groups(search: str | None = None) -> list[Actor]:
    """Armed groups by canonical name; with ``search``, those whose name or one of whose spellings
    contains it, in any case: the listing behind ``vigil actors`` and ``GET /v1/actors``."""
    needle = (search or "").lower()
    return [
        a
        for a in sorted(all_actors(), key=lambda a: a.canonical.lower())
        if a.armed and (not needle or any(needle in n.lower() for n in (a.canonical, *a.aliases)))
    ]


def family(name: str) -> list[str] | None:
    """The canonical names an incident filter on ``name`` should match: the group any of its
    spellings names ("ISIS", "islamic state") and every branch under it (its provinces), so that
    users filter by a name they know; None when no armed group goes by that name."""
    actor = resolve_actor(name)
    if actor is None:
        return None
    members = {actor.canonical}
    grew = True
    while grew:  # a branch's branches: walk down until nothing is added
        found = {a.canonical for a in all_actors() if a.parent in members}
        grew = not found <= members
        members |= found
    return sorted(members)


def find_actors(text: str, include_organisations: bool = False) -> list[ActorMatch]:
    """Armed groups (and, if asked, other known organisations) named in ``text``, in order."""
    matches = gazetteer().scan(text)
    return matches if include_organisations else [m for m in matches if m.actor.armed]


def resolve_actor(text: str, strict: bool = False) -> Actor | None:
    """The armed group a name refers to; ``strict`` refuses ambiguous aliases like "AA"."""
    actor = gazetteer().resolve(text, strict)
    return actor if actor is not None and actor.armed else None


def resolve_organisation(text: str, strict: bool = False) -> Actor | None:
    """The armed group or known organisation (UN, AFP, ...) a name refers to."""
    return gazetteer().resolve(text, strict)


def same_family(a: Actor, b: Actor) -> bool:
    """Same organisation tree: a province and its parent are one perpetrator when merging."""
    return a.root == b.root


def most_specific(actors: Iterable[Actor]) -> Actor | None:
    """The deepest actor of the most named family: "IS" and "ISKP" in one text give ISKP."""
    actors = list(actors)
    if not actors:
        return None
    counts: dict[str, int] = defaultdict(int)
    for actor in actors:
        counts[actor.root] += 1
    family = max(counts, key=lambda r: counts[r])
    by_name = gazetteer().by_name

    def depth(actor: Actor) -> int:
        d, parent = 0, actor.parent
        while parent:
            parent, d = by_name[parent].parent, d + 1
        return d

    return max((a for a in actors if a.root == family), key=depth)
