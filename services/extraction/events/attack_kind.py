"""Two event-level judgements GTD makes about an attack once its roles are known: was it aimed at
one prominent person (an assassination), and did it succeed (a defused bomb, an intercepted
bomber and a failed attempt are attacks that did not)."""

from __future__ import annotations

import re

from services.extraction.events.article import Article
from services.extraction.events.grouping import Group
from services.extraction.events.lexicon import PROMINENT_ROLES
from services.extraction.events.triggers import ATTEMPT_RE
from services.schema import EventMention

# Types an attack aimed at one prominent person turns into an assassination.
AIMABLE = {"armed_assault", "bombing", "unknown"}
MAX_ASSASSINATION_TOLL = 5


def _prominent_target(name: str | None) -> bool:
    """ "a district judge", "the provincial governor": one person of a prominent role (the roles
    are singular nouns, so "judges" is not one)."""
    words = (name or "").lower().split(" of ")[0].split()  # "a local leader of the X party": leader
    return bool(words) and words[-1] in PROMINENT_ROLES


KILLED_ONE_RE = re.compile(
    r"\b(?:shot dead|gunned down|killed|assassinated|murdered|stabbed to death|hacked to death|"
    r"shot and killed|beheaded)\s+(?:a|an|the)\s+(?:[\w'-]+\s+){0,4}?(?P<role>"
    + "|".join(sorted(map(re.escape, PROMINENT_ROLES), key=len, reverse=True))
    + r")\b(?!['’]s)"
)


PROMINENT_KILLED_RE = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its)|'s) (?:[\w-]+ ){0,2}(?:"
    + "|".join(sorted(map(re.escape, PROMINENT_ROLES), key=len, reverse=True))
    + r")(?=,| of | and | was | were )[^.;]{0,80}?\b(?:was|were) "
    r"(?:shot dead|gunned down|killed|assassinated|murdered|shot and killed|stabbed to death)\b"
)
ASSASSINATION_RE = re.compile(r"\bassassinat|\battempted murder\b|\bmurder attempt\b")


def _killed_one_prominent(group: Group, article: Article) -> bool:
    """ "gunmen shot dead a village headman", "killed a junta-appointed ward administrator", "the
    mayor of X, Name, and his driver were killed"."""
    return any(
        KILLED_ONE_RE.search(text) or PROMINENT_KILLED_RE.search(text)
        for m in group.members
        if (text := article.lower_text(m.clause.start, m.clause.end))
    )


def _called_an_assassination(group: Group, article: Article) -> bool:
    """Any clause of the event, its claim or headline included, calls it an assassination."""
    return any(
        ASSASSINATION_RE.search(article.lower_text(m.clause.start, m.clause.end)) for m in group.members
    )


def step_assassination(event: EventMention, group: Group, article: Article) -> EventMention:
    """A killing or attempt aimed at one official, judge, cleric, journalist or commander."""
    if (event.killed.value or 0) > MAX_ASSASSINATION_TOLL:
        return event  # a massacre that also killed an official is not aimed at the official
    named = any(v.role in PROMINENT_ROLES and v.fate in {"killed", "targeted"} for v in event.victims)
    prominent = (
        named
        or _prominent_target(event.target.name)
        or _killed_one_prominent(group, article)
        or _called_an_assassination(group, article)
    )
    if event.event_type in AIMABLE and prominent:
        return event.model_copy(update={"event_type": "assassination"})
    return event


def step_success(event: EventMention, group: Group, article: Article) -> EventMention:
    """Unsuccessful when the event's clauses say it was defused, intercepted, foiled or failed and
    it harmed no one but its attackers (a bomber shot at the gate whose bomb still killed people
    carried out the attack)."""
    failed = any(ATTEMPT_RE.search(article.lower_text(m.clause.start, m.clause.end)) for m in group.members)
    victims_killed = (event.killed.value or 0) - (event.perpetrators_killed.value or 0)
    harmed = victims_killed > 0 or bool(event.wounded.value)
    return event.model_copy(update={"success": not failed or harmed})
