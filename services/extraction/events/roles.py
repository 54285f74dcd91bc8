"""Who did it, whom it struck and with what, in the text's own words.

The fields an analyst reads beside the coded ones: the individual perpetrators as the report calls
them ("two gunmen", "urban guerrillas"), the named victims with what happened to each, and the
weapons as written ("a car bomb", "AK-47 rifles"). Each is read from the event's own clauses only,
so a neighbouring event's weapon or victim is never borrowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from services.extraction.events.article import Article, Phrases, plural
from services.extraction.events.figures import UNDERGONE_CUES
from services.extraction.events.grouping import Group
from services.extraction.events.lexicon import (
    PERPETRATOR_DESCRIPTIONS,
    PERPETRATOR_HEADS,
    PERPETRATOR_UNITS,
    PERSON_HEADS,
    REPORTING,
    TARGETS,
    WEAPON_HEADS,
)
from services.extraction.places import resolve_place
from services.schema import EventMention, Victim, VictimFate

MAX_MODIFIERS = 3
MODIFIER_TAGS = frozenset({"JJ", "CD", "NN", "NNS", "NNP", "NNPS", "HYPH"})
AGENT_MARKERS = frozenset({"by"})
NOUNS = frozenset({"NN", "NNS"})
WEAPONS = Phrases.of([*WEAPON_HEADS, *(plural(w) for w in WEAPON_HEADS if not w.endswith("s"))])
PERPETRATOR_WORDS = frozenset(PERPETRATOR_HEADS)
PERPETRATOR_STEMS = frozenset(w for w in PERPETRATOR_HEADS if not w.endswith("s"))
# Words that stop a phrase even where the tagger calls them modifiers.
NOT_MODIFIERS = frozenset({"attack", "attacks", "bombing", "explosion", "blast", "said", "police"})
PEOPLE_ROLES = frozenset(
    word for kind, words in TARGETS.items() if kind != "business" for word in words if " " not in word
)
FATE_CUES: tuple[tuple[VictimFate, re.Pattern[str]], ...] = (
    ("kidnapped", re.compile(r"\b(?:kidnap|abduct|hostage|captive|seized|snatched)")),
    ("killed", re.compile(r"\b(?:kill|murder|assassinat|slain|shot dead|gunned down|died|dead|execut)")),
    ("wounded", re.compile(r"\b(?:wound|injur|hurt|maimed)")),
)
SPEECH_REACH = 3
PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "being", "are", "is"})


def _phrase_start(article: Article, head: int, floor: int) -> int:
    """Where the noun phrase ending in the head at ``head`` starts: its numerals, adjectives and
    nouns in front ("two heavily armed men" keeps "heavily" before an adjective), no determiner."""
    k = head
    while k > floor and head - k < MAX_MODIFIERS:
        lower, tag = article.lowers[k - 1], article.tag(k - 1)
        described = lower in PERPETRATOR_DESCRIPTIONS
        if lower in NOT_MODIFIERS or not (tag in MODIFIER_TAGS or described) or article.spaced_dash(k - 1):
            break
        k -= 1
    return k


def _as_written(article: Article, start: int, end: int) -> str:
    return " ".join(article.span_text(start, end).split())


def _agent(article: Article, start: int, end: int, trigger: int) -> bool:
    """The phrase is the doer: the subject before the trigger, or after "by"."""
    if start > 0 and article.lowers[start - 1] in AGENT_MARKERS:
        return True
    return end <= trigger and not _undergoes(article, start, end)


def _undergoes(article: Article, start: int, end: int) -> bool:
    """ "three people were killed", "two men died": a described subject of a passive or of dying
    suffered the event; attackers by name ("two gunmen were killed") stay the doers."""
    if article.lowers[end - 1] in PERPETRATOR_WORDS:
        return False
    k = end + 1 if article.lowers[end : end + 1] in (["have"], ["has"], ["had"]) else end
    ahead = article.lowers[k : k + 2]
    if ahead[:1] and ahead[0] in UNDERGONE_CUES:
        return True
    return len(ahead) == 2 and ahead[0] in PASSIVE_AUXILIARIES and article.tag(k + 1) == "VBN"


def _perpetrator_phrase(article: Article, k: int, floor: int) -> tuple[int, int] | None:
    """The phrase headed by token ``k`` when it names perpetrators, else None."""
    lower = article.lowers[k]
    if k + 1 < len(article.lowers) and article.tag(k + 1) in NOUNS:
        return None  # a modifier of the noun after it ("terrorist attack", "guerrilla column")
    start = _phrase_start(article, k, floor)
    if lower in PERPETRATOR_WORDS:
        return start, k + 1
    before = article.lowers[start:k]
    if lower in PERPETRATOR_UNITS and before and before[-1] in PERPETRATOR_STEMS:
        return start, k + 1
    described = any(w in PERPETRATOR_DESCRIPTIONS or w.isdigit() for w in before) or any(
        article.tag(i) == "CD" for i in range(start, k)
    )
    if lower in PERSON_HEADS and described:
        return start, k + 1
    return None


def _clauses(group: Group) -> Iterable[tuple[int, int, int]]:
    """(start, end, trigger) of each clause that tells the event (not those that only claim or
    blame it), once each."""
    seen = set()
    for member in group.members:
        if member.kind == "claim":
            continue
        key = (member.clause.start, member.clause.end)
        if key not in seen:
            seen.add(key)
            yield member.clause.start, member.clause.end, member.trigger


def _keep(found: list[str], phrase: str) -> None:
    if phrase and phrase.lower() not in {f.lower() for f in found}:
        found.append(phrase)


def step_attackers(event: EventMention, group: Group, article: Article) -> EventMention:
    """The individual perpetrators as the clauses call them, when they are the doers."""
    found: list[str] = []
    for start, end, trigger in _clauses(group):
        for k in range(start, end):
            span = _perpetrator_phrase(article, k, start)
            if span is not None and _agent(article, *span, trigger):
                _keep(found, _as_written(article, *span))
    return event.model_copy(update={"attackers": found})


def step_weapons(event: EventMention, group: Group, article: Article) -> EventMention:
    """Every weapon the event's clauses name, with the words in front ("powerful bomb")."""
    found: list[str] = []
    for start, end, _ in _clauses(group):
        spans = [(_phrase_start(article, a, start), b) for a, b in WEAPONS.find(article.lowers, start, end)]
        for a, b in spans:
            if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans):
                _keep(found, _as_written(article, a, b))
    return event.model_copy(update={"weapons": found})


def _fate(text: str) -> VictimFate:
    return next((fate for fate, cue in FATE_CUES if cue.search(text)), "targeted")


def _speaker(article: Article, end: int, clause_end: int) -> bool:
    """ "X said", "X told reporters": the person reports, not suffers."""
    return any(article.lowers[k] in REPORTING for k in range(end, min(clause_end, end + SPEECH_REACH)))


def _role_before(article: Article, start: int, floor: int) -> str | None:
    """A title right before the name ("judge Maria Lopez", "the mayor, Juan Perez")."""
    k = start - 1
    while k >= floor and article.lowers[k] in {",", "the"}:
        k -= 1
    return article.lowers[k] if k >= floor and article.lowers[k] in PEOPLE_ROLES else None


def step_victims(event: EventMention, group: Group, article: Article) -> EventMention:
    """The people the event's clauses name as harmed or aimed at: names after the trigger, or
    before a passive verb of harm; not speakers, not the doers after "by"."""
    victims: list[Victim] = []
    perpetrators = {a.lower() for a in event.attackers}
    for start, end, trigger in _clauses(group):
        fate = _fate(article.lower_text(start, end))
        for ent in article.ents_in(start, end):
            if ent.label_ != "PERSON" or ent.end > end or _speaker(article, ent.end, end):
                continue
            if ent.start > 0 and article.lowers[ent.start - 1] in AGENT_MARKERS:
                continue
            passive = article.lowers[ent.end : ent.end + 1] in (["was"], ["were"])
            if ent.start < trigger and not passive:
                continue
            name = _fullest_name(article, _as_written(article, ent.start, ent.end))
            if name.lower() in perpetrators or any(v.name == name for v in victims):
                continue
            if _a_place(article, name):
                continue
            victims.append(Victim(name=name, fate=fate, role=_role_before(article, ent.start, start)))
    return event.model_copy(update={"victims": victims})


def _fullest_name(article: Article, name: str) -> str:
    """A person named in full before and by surname after ("Hector Oqueli Colindres" ... "Oqueli")
    is one person: the fullest name the article gives that ends with, or holds, the short one."""
    words = name.split()
    fuller = [
        " ".join(full)
        for ent in article.doc.ents
        if ent.label_ == "PERSON"
        and len(full := ent.text.split()) > len(words)
        and any(full[i : i + len(words)] == words for i in range(len(full) - len(words) + 1))
    ]
    return max(fuller, key=len) if fuller else name


def _a_place(article: Article, name: str) -> bool:
    """A one-word "person" that is a place in the article's countries (a tagger slip on a town)."""
    if " " in name or not article.countries:
        return False
    return resolve_place(name, article.countries, only_preferred=True).country_code in article.countries
