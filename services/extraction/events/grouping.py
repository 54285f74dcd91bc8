"""Which candidates of one article are one event, and which event the article is about.

A candidate with facts of its own (a date, a place, a typed target) joins the compatible event it
agrees with most, or, when it speaks of "the attack" as a known one, the event in focus; otherwise
it starts a new event. A candidate with none ("the attack", "A dozen people were also injured")
refers back to the event in focus, and is dropped when that event contradicts it. Compatibility
and agreement are the merging rules, so an article is grouped the way reports are merged.

The primary event is the one the article spends most words on: each clause counts, a recalled one
half, and the headline counts double.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from services.extraction.events.candidates import Candidate
from services.merging import LOOSE_TARGETS, agreement, compatible, fold_fields
from services.schema import EventMention

HEADLINE_WEIGHT = 2.0
RECALLED_WEIGHT = 0.5
CASUALTY_REACH = 2
"""A bare casualty sentence attaches to the event in focus only within this many clauses."""


@dataclass
class Group:
    members: list[Candidate] = field(default_factory=list)
    fields: EventMention = field(default_factory=EventMention)
    weight: float = 0.0
    headline: Candidate | None = None

    def add(self, candidate: Candidate) -> None:
        self.members.append(candidate)
        self.fields = (
            fold_fields(self.fields, candidate.fields) if len(self.members) > 1 else candidate.fields
        )
        self.weight += RECALLED_WEIGHT if candidate.clause.recalled else 1.0


def anchor_count(candidate: Candidate) -> int:
    """How many facts tell this event apart from another: a date, a place, a typed target."""
    f = candidate.fields
    return bool(f.date) + (f.location.precision in {"city", "admin1"}) + (f.target.type not in LOOSE_TARGETS)


def has_anchor(candidate: Candidate) -> bool:
    return anchor_count(candidate) > 0


def has_toll(candidate: Candidate) -> bool:
    return any(s.figure.value for s in candidate.statements)


def _best_group(groups: list[Group], candidate: Candidate) -> tuple[int, int] | None:
    """(agreement, index) of the best compatible group, later groups winning ties."""
    scored = [
        (agreement(g.fields, candidate.fields), i)
        for i, g in enumerate(groups)
        if compatible(g.fields, candidate.fields)
    ]
    return max(scored) if scored else None


def group_candidates(candidates: list[Candidate]) -> list[Group]:
    """Candidates in article order into events; the headline is attached last."""
    groups: list[Group] = []
    focus: int | None = None
    last_joined = -CASUALTY_REACH - 1
    headline: Candidate | None = None

    def start_group(candidate: Candidate) -> int:
        groups.append(Group())
        groups[-1].add(candidate)
        return len(groups) - 1

    for position, candidate in enumerate(candidates):
        if candidate.clause.headline:
            headline = headline or candidate
            continue
        fits_focus = focus is not None and compatible(groups[focus].fields, candidate.fields)
        if candidate.kind == "casualty":
            if fits_focus and focus is not None and position - last_joined <= CASUALTY_REACH:
                groups[focus].add(candidate)
                last_joined = position
            continue
        best = _best_group(groups, candidate)
        if has_anchor(candidate):
            if best is not None and best[0] > 0:
                focus = best[1]
            elif candidate.definite and (fits_focus or best is not None):
                focus = focus if fits_focus else best[1] if best is not None else None
            else:
                focus = None
            if focus is None:
                focus = start_group(candidate)
            else:
                groups[focus].add(candidate)
        elif fits_focus and focus is not None:
            groups[focus].add(candidate)
        elif focus is None or has_toll(candidate):
            focus = start_group(candidate)
        else:
            continue
        last_joined = position
    if headline is not None:
        _attach_headline(groups, headline)
    return groups


def _attach_headline(groups: list[Group], headline: Candidate) -> None:
    """The headline names the article's event: it joins the heaviest group its place and date allow
    (its wording of the target is too loose to compare), or stands alone when the body has none."""
    loose = headline.fields.model_copy(update={"target": EventMention().target, "event_type": "unknown"})
    fitting = [g for g in groups if compatible(g.fields, loose)]
    if fitting:
        group = max(fitting, key=lambda g: g.weight)
    elif groups:
        return
    else:
        group = Group()
        groups.append(group)
    group.headline = headline
    group.members.insert(0, headline)
    group.fields = fold_fields(group.fields, loose) if len(group.members) > 1 else headline.fields
    group.weight += HEADLINE_WEIGHT


def primary_group(groups: list[Group]) -> Group | None:
    """The heaviest group; the earliest wins a tie."""
    return max(groups, key=lambda g: g.weight) if groups else None
