"""Violent events in a tagged article, as an ordered list of small rule steps.

The stages, each a plain function over a shared working state (Socorro-processor style):

1. ``split_clauses``  - sentences cut at line breaks, lost full stops and recalled events;
2. ``find_trigger``   - keep clauses that report one attack, killing, toll or claim (not tallies,
                        responses or disasters);
3. ``CANDIDATE_STEPS`` - per clause: a toll implied by a series, type and weapons, suicide, date,
                        perpetrator, place, target; then namesake places settled across clauses;
4. ``group_candidates`` - candidates of one event together; the primary event chosen;
5. ``EVENT_STEPS``    - per event: figures, target, perpetrator and claim, country, the dateline's
                        town, evidence.

Each step fills one concern, so a wrong field is traced to one small function.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from services.extraction.actors import most_specific
from services.extraction.events.article import Article, country_location
from services.extraction.events.attack_kind import step_assassination, step_success
from services.extraction.events.candidates import Candidate, as_written, build_candidates
from services.extraction.events.clauses import split_clauses
from services.extraction.events.figures import best, kidnapped
from services.extraction.events.genre import Genre, document_genre
from services.extraction.events.grouping import (
    Group,
    anchor_count,
    group_candidates,
    has_anchor,
    primary_group,
)
from services.extraction.events.roles import step_attackers, step_victims, step_weapons
from services.extraction.events.triggers import find_trigger
from services.extraction.places import resolve_place
from services.merging import LOOSE_TARGETS, date_span, qualifiers
from services.schema import EventMention, Figure, Perpetrator, Target

EventStep = Callable[[EventMention, Group, Article], EventMention]
ROLE_ORDER = ("claim", "agent", "attribution")
MAX_EVIDENCE_SENTENCES = 3
REMEMBERED_AFTER_DAYS = 60


def step_figures(event: EventMention, group: Group, article: Article) -> EventMention:
    """The largest count each kind of statement gives (attackers' deaths included, and counted
    apart); a report that counts only wounded, with no word of anyone killed, reports no deaths.
    The headline's figures repeat the body's: they count only where the body gives none."""
    body = [s for m in group.members if not m.clause.headline for s in m.statements]
    headline = [s for m in group.members if m.clause.headline for s in m.statements]
    said = body + [s for s in headline if not any(b.kind == s.kind and b.figure.is_known() for b in body)]
    killed, wounded = best(said, "killed"), best(said, "wounded")
    no_killing_word = not any(s.kind == "killed" for s in said) and all(
        m.kind != "kill" for m in group.members
    )
    if no_killing_word and wounded.value is not None:
        killed = Figure.exact(0)
    attackers = max((s.perpetrators for s in said if s.kind == "killed"), default=0)
    perpetrators = Figure.exact(attackers) if attackers else Figure()
    taken = [kidnapped(article.lower_text(m.clause.start, m.clause.end)) for m in group.members]
    hostages = max((f for f in taken if f.is_known()), key=lambda f: f.value or f.min or 0, default=Figure())
    return event.model_copy(
        update={
            "killed": killed,
            "wounded": wounded,
            "perpetrators_killed": perpetrators,
            "kidnapped": hostages,
        }
    )


def step_named_dead(event: EventMention, group: Group, _: Article) -> EventMention:
    """ "Gunmen shot dead Police Chief Ahmed Khan": with no count given, the people the report
    names as killed are the toll."""
    if event.killed.is_known():
        return event
    dead = sum(1 for victim in event.victims if victim.fate == "killed")
    return event.model_copy(update={"killed": Figure.exact(dead)}) if dead else event


def step_perpetrator(event: EventMention, group: Group, _: Article) -> EventMention:
    """Who claimed it, else who did it, else who was blamed; the most specific branch named; a
    perpetrator the gazetteer lacks, as written ("Fulani militants"), when no known group is named."""
    named = [(actor, surface, role) for member in group.members for actor, surface, role in member.actors]
    disowned = any(m.no_claim for m in group.members)
    if not any(role == "claim" for *_, role in named):
        unknown = next((name for m in group.members for name in m.unknown_claimants), None)
        if unknown is not None:
            perpetrator = Perpetrator(name=unknown, mentions=[unknown])
            return event.model_copy(update={"perpetrator": perpetrator, "claimed": True})
    if not named:
        unlisted = [(name, role) for m in group.members for name, role in m.unlisted]
        if unlisted:
            name = next(n for r in ROLE_ORDER for n, role in unlisted if role == r)
            perpetrator = Perpetrator(name=name, mentions=[name])
            return event.model_copy(
                update={"perpetrator": perpetrator, "claimed": False if disowned else None}
            )
        return event.model_copy(update={"perpetrator": None, "claimed": False if disowned else None})
    role = next(r for r in ROLE_ORDER if any(x[2] == r for x in named))
    chosen = most_specific(actor for actor, _, r in named if r == role)
    if chosen is None:
        return event
    mentions = list(dict.fromkeys(s for actor, s, _ in named if actor.root == chosen.root))
    claimed = True if role == "claim" else (False if disowned else None)
    perpetrator = Perpetrator(name=chosen.canonical, mentions=mentions)
    return event.model_copy(update={"perpetrator": perpetrator, "claimed": claimed})


def step_target(event: EventMention, group: Group, _: Article) -> EventMention:
    """The target kind the event's clauses name most (institutions before people, the body before
    the headline); for that kind, the name of the clauses richest in facts, preferring one with
    proper words ("Russian embassy" over "diplomatic mission")."""
    named = [m for m in group.members if m.kind != "claim" and m.fields.target.type != "unknown"]
    body = [m for m in named if not m.clause.headline] or named
    typed = [m for m in body if m.fields.target.type not in LOOSE_TARGETS] or body
    if not typed:
        return event
    kinds = Counter(m.fields.target.type for m in typed)
    kind = max(
        kinds, key=lambda k: (kinds[k], -next(i for i, m in enumerate(typed) if m.fields.target.type == k))
    )
    names: Counter[str] = Counter()
    for member in typed:
        if member.fields.target.type == kind and member.fields.target.name:
            names[member.fields.target.name] += anchor_count(member)
    name = max(names, key=lambda n: (bool(qualifiers(n)), names[n])) if names else None
    return event.model_copy(update={"target": Target(type=kind, name=name)})


def step_country(event: EventMention, group: Group, article: Article) -> EventMention:
    """An event whose clauses name no place happened where the article's events do."""
    if event.location.country_code:
        return event
    code = article.event_country or (article.countries[0] if article.countries else None)
    if code is None:
        return event
    country = country_location(code)
    located = event.location.model_copy(update={"country_code": code, "country": country.country})
    return event.model_copy(update={"location": located if event.location.name else country})


DATELINE_RE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_'’.-]*(?:[ -][^\W\d_'’.]+){0,3})(?:, [^\W\d_][\w .'-]{1,30}?)?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([\w ]+\))?\s*(?:[—–:]|-\s)",
    re.MULTILINE,
)
DATELINE_LINES = 3


def _dateline_place(article: Article) -> str | None:
    """The place of an upper-case dateline opening one of the first lines ("SÉVARÉ, Mali, Aug 8 -")."""
    head = "\n".join(article.text.lstrip().splitlines()[:DATELINE_LINES])
    found = next((m for m in DATELINE_RE.finditer(head) if m["place"].isupper()), None)
    return found["place"].title() if found else None


def step_dateline_town(event: EventMention, group: Group, article: Article) -> EventMention:
    """A primary event its clauses place no more precisely than a province happened in the
    dateline's town when that town lies there ("MAZAR-I-SHARIF - Balkh province's deputy governor
    was killed ..."); a dateline elsewhere says only where the report was filed."""
    if not event.primary or event.location.precision == "city" or event.location.country_code is None:
        return event
    name = _dateline_place(article)
    if name is None:
        return event
    code = event.location.country_code
    town = resolve_place(name, (code,), only_preferred=True)
    if town.precision is None and article.text.lower().count(name.lower()) > 1:
        # a town the gazetteer lacks, named again beside the dateline: as written, in the province
        written = as_written(name, code)
        town = written.model_copy(update={"admin1": event.location.admin1})
    same_area = event.location.admin1 is None or town.admin1 == event.location.admin1
    if town.precision != "city" or town.country_code != code or not same_area:
        return event
    return event.model_copy(update={"location": town})


def step_evidence(event: EventMention, group: Group, article: Article) -> EventMention:
    """The first sentence reporting the event, then those giving its toll; the headline last."""
    body = [m for m in group.members if not m.clause.headline]
    tolls = [m for m in body if any(s.figure.is_known() for s in m.statements)]
    sentences: list[str] = []
    for member in [*body[:1], *tolls, *body, *group.members]:
        text = " ".join(article.span_text(member.evidence.start, member.evidence.end).split())
        if text not in sentences:
            sentences.append(text)
        if len(sentences) == MAX_EVIDENCE_SENTENCES:
            break
    return event.model_copy(update={"evidence": " ".join(sentences)})


EVENT_STEPS: tuple[EventStep, ...] = (
    step_figures,
    step_target,
    step_perpetrator,
    step_attackers,
    step_victims,
    step_named_dead,
    step_weapons,
    step_assassination,
    step_success,
    step_country,
    step_dateline_town,
    step_evidence,
)


def _reportable(group: Group, primary: bool) -> bool:
    """An event needs a real trigger in its body; a background one also needs facts of its own."""
    body = [m for m in group.members if not m.clause.headline]
    if not any(m.kind in {"attack", "kill"} for m in group.members):
        return False
    return primary or any(has_anchor(m) for m in body)


def _violent_facts(event: EventMention) -> tuple[bool, bool]:
    """(a toll, a doer) the event states: what a sports report or an accident story must show."""
    toll = bool(event.killed.value or event.wounded.value)
    return toll, event.perpetrator is not None or bool(event.attackers)


def _fits_genre(event: EventMention, genre: Genre) -> bool:
    """Sport reports need a doer, or a toll and a weapon ("executed in 38 moves" kills no one);
    political and business stories a toll, a doer or a weapon named (not one a verb implies: "shot
    down the offer"); accident stories a doer; stories, games, trials and drills report no
    violence at all."""
    toll, doer = _violent_facts(event)
    if genre.told:
        return False
    if genre.sport and not (doer or (toll and event.weapons)):
        return False
    if genre.debate and not (toll or doer or event.weapons):
        return False
    return doer or not genre.accident


def _event_country(candidates: list[Candidate]) -> str | None:
    """The country most of the article's event clauses place themselves in."""
    counts = Counter(c.fields.location.country_code for c in candidates if c.fields.location.country_code)
    return counts.most_common(1)[0][0] if counts else None


def extract_events(article: Article) -> list[EventMention]:
    """The events of one tagged article, the primary one first."""
    triggered = [(c, t) for c in split_clauses(article) if (t := find_trigger(article, c)) is not None]
    candidates = build_candidates(article, triggered)
    article.event_country = _event_country(candidates)
    groups = group_candidates(candidates)
    main = primary_group(groups) if groups else None
    genre = article.attempt(document_genre, article, triggered) or Genre()
    events = []
    for group in sorted(groups, key=lambda g: g is not main):
        primary = group is main
        if not _reportable(group, primary):
            continue
        event = group.fields.model_copy(update={"primary": primary})
        for step in EVENT_STEPS:
            event = article.attempt(step, event, group, article) or event
        if _fits_genre(event, genre):
            events.append(_as_remembered(event, article.published))
    return events


def _as_remembered(event: EventMention, published: date | None) -> EventMention:
    """An event dated well before the report (an anniversary, a trial, a history) is remembered,
    never what the report is mainly about."""
    span = date_span(event.date)
    if published is None or span is None or span[1] >= published - timedelta(days=REMEMBERED_AFTER_DAYS):
        return event
    return event.model_copy(update={"primary": False})
