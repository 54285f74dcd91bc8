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
from services.merging import LOOSE_TARGETS, agreement, compatible, fold_fields, qualifiers
from services.schema import EventMention, Target

HEADLINE_WEIGHT = 2.0
RECALLED_WEIGHT = 0.5
INDEFINITE_AGREEMENT = 2
"""An indefinite mention ("a raid in the same province") needs more than one shared fact to be the
same event as one already reported."""
CASUALTY_REACH = 2
"""A bare casualty sentence attaches to the event in focus only within this many clauses."""


@dataclass
class Group:
    members: list[Candidate] = field(default_factory=list)
    fields: EventMention = field(default_factory=EventMention)
    weight: float = 0.0
    headline: Candidate | None = None

    def add_claim(self, candidate: Candidate) -> None:
        """A sentence that only claims or blames: it adds who, never what, where or when."""
        self.members.append(candidate)

    def add(self, candidate: Candidate) -> None:
        self.members.append(candidate)
        self.fields = (
            fold_fields(self.fields, candidate.fields) if len(self.members) > 1 else candidate.fields
        )
        self.weight += RECALLED_WEIGHT if candidate.clause.recalled else 1.0


def anchor_count(candidate: Candidate) -> int:
    """How many facts tell this event apart from another: a date, a place, a typed target."""
    f = candidate.fields
    return (
        bool(f.date)
        + (f.location.precision in {"city", "admin2", "admin1"})
        + (f.target.type not in LOOSE_TARGETS)
    )


def has_anchor(candidate: Candidate) -> bool:
    return anchor_count(candidate) > 0


def has_toll(candidate: Candidate) -> bool:
    return any(s.figure.value for s in candidate.statements)


def _refers_to(group: Group, candidate: Candidate) -> bool:
    """A definite mention ("the shooting", "the attack") with no date or place of its own speaks of
    the event in focus, even when the people it says were hit differ in kind; a target named
    otherwise ("the bombing of the Russian embassy") is another event."""
    f = candidate.fields
    # "X claimed the kidnapping on Tuesday": the day is the claim's, not the event's
    claimed = any(role == "claim" for _, _, role in candidate.actors)
    own_date = bool(f.date) and not claimed
    if not candidate.definite or own_date or f.location.precision is not None or qualifiers(f.target.name):
        return False
    return _fits_ignoring_target(group, candidate)


def _fits_ignoring_target(group: Group, candidate: Candidate) -> bool:
    """Compatible once the people the candidate says were hit are set aside (a police officer among
    the wounded of a cafe siege)."""
    return compatible(group.fields, candidate.fields.model_copy(update={"target": Target()}))


def _best_group(groups: list[Group], candidate: Candidate) -> tuple[int, int] | None:
    """(agreement, index) of the best compatible group, later groups winning ties. An event recalled
    with an indefinite article ("including a raid on ...") does not agree by attack type alone."""
    scored = []
    for i, group in enumerate(groups):
        if not compatible(group.fields, candidate.fields):
            continue
        score = agreement(group.fields, candidate.fields)
        same_type = group.fields.event_type == candidate.fields.event_type != "unknown"
        if candidate.clause.recalled and not candidate.definite and same_type:
            score -= 1
        scored.append((score, i))
    return max(scored) if scored else None


NEW = -1


def _destination(groups: list[Group], focus: int | None, candidate: Candidate) -> int | None:
    """Index of the group an attack or killing candidate joins, NEW for a new event, None to drop."""
    if candidate.clause.cause:
        return NEW if has_anchor(candidate) or has_toll(candidate) else None
    in_focus = groups[focus] if focus is not None else None
    fits_focus = in_focus is not None and compatible(in_focus.fields, candidate.fields)
    refers = in_focus is not None and _refers_to(in_focus, candidate)
    best = _best_group(groups, candidate)
    if has_anchor(candidate):
        if best is not None and best[0] >= (1 if candidate.definite else INDEFINITE_AGREEMENT):
            return best[1]
        if refers or (candidate.definite and fits_focus):
            return focus
        if candidate.definite and best is not None:
            return best[1]
        return NEW
    if fits_focus or refers:
        return focus
    return NEW if focus is None or has_toll(candidate) else None


def _owns_up_to_the_known(candidate: Candidate) -> bool:
    """A claim or blame of the event already told ("X claimed responsibility, saying the attack was
    revenge for the killing of a commander last month", "police blamed X for the killing"): its own
    words of violence, and the reason's date, belong to the claim, not to another event."""
    roles = {role for _, _, role in candidate.actors} | {role for _, role in candidate.unlisted}
    return (
        candidate.definite
        and bool(roles)
        and roles <= {"claim", "attribution"}
        and candidate.fields.location.precision is None
    )


def _bare_toll(candidate: Candidate) -> bool:
    """A toll with no doer, date or place of its own ("Nine soldiers were killed and seven
    wounded"): the event just told, whoever the people hit were, as a casualty sentence is."""
    f = candidate.fields
    return (
        candidate.kind == "kill"
        and has_toll(candidate)
        and not (f.date or f.location.precision or candidate.actors or candidate.clause.recalled)
    )


def group_candidates(candidates: list[Candidate]) -> list[Group]:
    """Candidates in article order into events; the headline is attached last. A sentence that only
    claims or blames goes to the main event so far; a bare casualty sentence or toll to the event in
    focus, if it is near."""
    groups: list[Group] = []
    focus: int | None = None
    last_joined = -CASUALTY_REACH - 1
    headline: Candidate | None = None
    for position, candidate in enumerate(candidates):
        if candidate.clause.headline:
            headline = headline or candidate
            continue
        if candidate.kind == "claim" or (groups and _owns_up_to_the_known(candidate)):
            if groups:
                primary_group(groups).add_claim(candidate)
            continue
        near = focus is not None and position - last_joined <= CASUALTY_REACH
        if candidate.kind == "casualty" or _bare_toll(candidate):
            if near and focus is not None and _fits_ignoring_target(groups[focus], candidate):
                groups[focus].add(candidate)
                last_joined = position
                continue
            if candidate.kind == "casualty":
                continue
        target = _destination(groups, focus, candidate)
        if target is None:
            continue
        if target == NEW:
            groups.append(Group())
            target = len(groups) - 1
        groups[target].add(candidate)
        focus, last_joined = target, position
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


def primary_group(groups: list[Group]) -> Group:
    """The heaviest of some groups; the earliest wins a tie."""
    return max(groups, key=lambda g: g.weight)
