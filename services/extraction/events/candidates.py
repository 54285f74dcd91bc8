"""An event candidate per triggering clause, its fields filled by an ordered list of small steps.

Each step reads the clause (and the article) and fills one concern of the candidate's working
``EventMention``: type and weapons, suicide, date, place, target, perpetrator and claim. Steps only
look inside their clause, so a figure, date or place is never borrowed from a neighbouring event;
grouping (next stage) decides which candidates are one event.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span

from services.extraction.actors import Actor, ActorMatch
from services.extraction.dates import DURATION_RE, resolve_date
from services.extraction.events.article import Article, Phrases, country_location
from services.extraction.events.clauses import Clause
from services.extraction.events.figures import Statement
from services.extraction.events.lexicon import (
    ATTRIBUTION_PHRASES,
    CLAIM_PHRASES,
    NO_CLAIM_PHRASES,
    OUTSIDE_EVENT_DATE,
    REPORTING,
    SUICIDE_CUES,
    TARGET_LEAD_INS,
    TARGETS,
    TYPE_CUES,
    TYPE_OF_WEAPON,
    WEAPON_CUES,
)
from services.extraction.events.triggers import Kind, Trigger
from services.extraction.places import country_code_of, resolve_place
from services.schema import EventMention, Figure, Location, Target

Role = str  # "claim" | "agent" | "attribution"


@dataclass
class Candidate:
    clause: Clause
    trigger: int
    kind: Kind
    statements: tuple[Statement, ...]
    definite: bool = False
    fields: EventMention = field(default_factory=EventMention)
    explicit_type: bool = False
    actors: list[tuple[Actor, str, Role]] = field(default_factory=list)
    no_claim: bool = False

    @property
    def evidence(self) -> Span:
        return self.clause.sentence


Step = Callable[[Candidate, Article, list[Candidate]], None]


def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")")


def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


TYPE_RES = tuple((kind, _cue_regex(cues)) for kind, cues in TYPE_CUES)
WEAPON_RES = tuple((kind, _cue_regex(cues)) for kind, cues in WEAPON_CUES)
SUICIDE_RE = _cue_regex(SUICIDE_CUES)
NO_CLAIM_RE = _phrase_regex(NO_CLAIM_PHRASES)
CLAIMS = Phrases.of(CLAIM_PHRASES)
ATTRIBUTIONS = Phrases.of(ATTRIBUTION_PHRASES)
TARGET_PHRASES = Phrases.of(p for phrases in TARGETS.values() for p in phrases)
TARGET_TYPE = {p: kind for kind, phrases in TARGETS.items() for p in phrases}
TARGET_RANK = {kind: rank for rank, kind in enumerate(TARGETS)}
PERSONAL_TARGETS = ("non_state_militia", "private_citizens")


def clause_text(candidate: Candidate, article: Article) -> str:
    return article.text(candidate.clause.start, candidate.clause.end).lower().replace("’", "'")


# --- type, weapons, suicide ------------------------------------------------------------------------


def step_type_and_weapons(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """GTD attack type by the first cue in hierarchy order, else implied by the weapon named."""
    text = clause_text(candidate, article)
    weapons = [kind for kind, regex in WEAPON_RES if regex.search(text)]
    candidate.fields.weapon_types = weapons  # type: ignore[assignment]
    explicit = next((kind for kind, regex in TYPE_RES if regex.search(text)), None)
    if explicit is None and _targets_named_person(candidate, article):
        explicit = "assassination"
    candidate.explicit_type = explicit is not None
    candidate.fields.event_type = explicit or (TYPE_OF_WEAPON[weapons[0]] if weapons else "unknown")  # type: ignore[assignment]


def _targets_named_person(candidate: Candidate, article: Article) -> bool:
    """ "... targeting Rahimullah Haqqani": an attack aimed at one named person."""
    c = candidate.clause
    for k in range(c.start, c.end - 1):
        if article.lowers[k] in {"targeting", "targeted", "assassinated"}:
            nxt = article.doc[k + 1]
            if nxt.ent_type_ == "PERSON":
                return True
    return False


def step_suicide(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    candidate.fields.suicide = bool(SUICIDE_RE.search(clause_text(candidate, article)))


# --- date ------------------------------------------------------------------------------------------

SAME_PERIOD_RE = re.compile(r"\b(?:the )?same (day|week|month|year)\b", re.IGNORECASE)
LEADING_TOKENS = 3


def _date_spans(article: Article, clause: Clause) -> list[Span]:
    spans = []
    for ent in article.doc.ents:
        if ent.label_ != "DATE" or ent.end <= clause.start or ent.start >= clause.end:
            continue
        start = ent.start
        before = article.doc[start - 1] if start > clause.start else None
        if before is not None and before.like_num and before.text.isdigit() and int(before.text) <= 31:
            start -= 1
        spans.append(article.doc[max(start, clause.start) : min(ent.end, clause.end)])
    return spans


def _outside_event(article: Article, clause: Clause, span: Span, trigger: int) -> bool:
    """A date introduced by "since", "until", "after <non-event>": when something else happened."""
    for k in range(span.start - 1, clause.start - 1, -1):
        if k == trigger or k < trigger < span.start:
            return False
        if article.lowers[k] in OUTSIDE_EVENT_DATE:
            return True
    return False


def _when_said(article: Article, span: Span, trigger: int) -> bool:
    """ "Tuesday, the group claimed the attack": a date before a reporting or claim verb that comes
    before the trigger dates the statement, not the event."""
    return span.end <= trigger and any(article.lowers[k] in REPORTING for k in range(span.end, trigger))


def _dateline(article: Article, span: Span) -> bool:
    return span.start <= LEADING_TOKENS and article.published is not None


def step_date(candidate: Candidate, article: Article, previous: list[Candidate]) -> None:
    """The clause's own date: a leading list-item date, else the first after the trigger, else the
    nearest before it; "the same month" takes the previous event's month."""
    clause, fields = candidate.clause, candidate.fields
    spans = [
        s
        for s in _date_spans(article, clause)
        if not _outside_event(article, clause, s, candidate.trigger)
        and not _dateline(article, s)
        and not _when_said(article, s, candidate.trigger)
        and not DURATION_RE.match(" ".join(s.text.lower().split()))
    ]
    leading = [s for s in spans if s.start - clause.start <= LEADING_TOKENS]
    after = [s for s in spans if s.start > candidate.trigger]
    before = sorted((s for s in spans if s.start <= candidate.trigger), key=lambda s: -s.start)
    for span in leading + after + before:
        same = SAME_PERIOD_RE.search(span.text)
        if same:
            earlier = next((c.fields for c in reversed(previous) if c.fields.date), None)
            if earlier and earlier.date:
                precision = "month" if same.group(1).lower() in {"month", "week"} else same.group(1).lower()
                keep = {"day": 10, "month": 7, "year": 4}[precision]
                if len(earlier.date) >= keep:
                    fields.date, fields.date_precision = earlier.date[:keep], precision  # type: ignore[assignment]
                    fields.date_text = span.text
                    return
            continue
        resolved = resolve_date(span.text, article.published, article.doc.text)
        fields.date_text = fields.date_text or span.text
        if resolved is not None:
            fields.date, fields.date_precision = resolved.value, resolved.precision
            fields.date_text = span.text
            return


# --- place -----------------------------------------------------------------------------------------

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MISLABELLED = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"}
PLACE_PREPOSITIONS = {"in", "of", "near", "at", "outside", "across", "from", "into"}
PLACE_KINDS = {
    "province", "district", "region", "state", "county", "governorate", "city", "town", "village",
    "municipality", "prefecture", "department", "area",
}  # fmt: skip
SETTLEMENT_OF = {"city", "town", "village"}
PLACE_RANK = {"city": 3, "admin1": 2, "country": 1, None: 0}


def _extend(article: Article, start: int, end: int, limit: int) -> tuple[int, int]:
    """Grow a name over hyphen-joined parts ("Mazar" -> "Mazar-i-Sharif") and a trailing kind
    word ("Kunduz" -> "Kunduz Province", "Imam Sahib" -> "Imam Sahib district")."""
    doc = article.doc
    while (
        end + 1 < limit
        and doc[end].text in {"-", "‐"}
        and not doc[end - 1].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    if end < limit and article.lowers[end] in PLACE_KINDS:
        end += 1
    return start, end


def _after_place_preposition(article: Article, start: int, clause: Clause) -> str | None:
    k = start - 1
    while k >= clause.start and article.lowers[k] in {"the", "a"}:
        k -= 1
    return article.lowers[k] if k >= clause.start else None


def _capital_of(article: Article, clause: Clause) -> list[tuple[int, str]]:
    """ "the country's capital", "the capital": the capital of the country the article is about."""
    found = []
    for k in range(clause.start + 1, clause.end):
        if article.lowers[k] != "capital" or not article.countries:
            continue
        prev = article.lowers[k - 1]
        if prev in {"the", "country's", "nation's"} or (
            prev == "'s" and article.lowers[k - 2] in {"country", "nation"}
        ):
            found.append((k, f"capital of {country_location(article.countries[0]).country or ''}"))
    return found


def _place_names(article: Article, clause: Clause) -> list[tuple[int, str, bool]]:
    """(token index, name, named as a settlement) for every place-like name in the clause."""
    names: list[tuple[int, str, bool]] = []
    for ent in article.doc.ents:
        if ent.start < clause.start or ent.end > clause.end:
            continue
        lead = _after_place_preposition(article, ent.start, clause)
        if ent.label_ in PLACE_LABELS or (ent.label_ in MISLABELLED and lead in PLACE_PREPOSITIONS):
            start, end = _extend(article, ent.start, ent.end, clause.end)
            settlement = lead == "of" and article.lowers[ent.start - 2] in SETTLEMENT_OF
            names.append((start, article.text(start, end), settlement))
    for k, name in _capital_of(article, clause):
        names.append((k, name, False))
    return names


def _settlement_country(article: Article, clause: Clause, at: int) -> str | None:
    """Country of "the Afghan city of X" from the demonym, else the article's main country."""
    for k in range(max(clause.start, at - 5), at):
        code = country_code_of(article.doc[k].text) if article.doc[k].is_title else None
        if code:
            return code
    return article.countries[0] if article.countries else None


def step_place(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """The most precise place the clause names, preferring the article's countries, then places
    after the trigger; a settlement the gazetteer does not know stays as written."""
    clause = candidate.clause
    best: tuple[tuple[int, ...], Location] | None = None
    for at, name, settlement in _place_names(article, clause):
        location = resolve_place(name, article.countries)
        if location.precision is None:
            if not settlement:
                continue
            code = _settlement_country(article, clause, at)
            country = country_location(code).country if code else None
            location = Location(country_code=code, country=country, city=name, precision="city", name=name)
        preferred = not article.countries or location.country_code in article.countries[:2]
        rank = (
            preferred,
            PLACE_RANK[location.precision],
            at > candidate.trigger,
            -abs(at - candidate.trigger),
        )
        if best is None or rank > best[0]:
            best = (rank, location)
    if best is not None:
        candidate.fields.location = best[1]


# --- target ----------------------------------------------------------------------------------------

NAME_TAGS = {"NNP", "NNPS", "JJ", "NN"}
MAX_TARGET_DISTANCE = 12
MAX_NAME_WORDS = 3


def _target_name(article: Article, start: int, end: int, clause: Clause) -> str:
    k = start
    while k > clause.start and start - k < MAX_NAME_WORDS:
        token = article.doc[k - 1]
        if token.tag_ not in NAME_TAGS or token.is_stop or token.ent_type_ in {"CARDINAL", "DATE"}:
            break
        k -= 1
    return article.text(k, end)


def _owned_by_attacker(article: Article, start: int, candidate: Candidate) -> bool:
    """ "its fighters", "IS militants": the attackers themselves, not a target."""
    prev = article.lowers[start - 1] if start > candidate.clause.start else ""
    if prev in {"its", "their", "his", "unidentified", "suspected"}:
        return True
    token_start = article.doc[start].idx
    return any(abs(m.end - token_start) <= 1 for m in article.actors_in(candidate.clause.start, start))


def _speaker(article: Article, start: int, end: int, clause: Clause) -> bool:
    """ "the Russian Foreign Ministry said", "according to police": a source, not a target."""
    following = article.lowers[end] if end < clause.end else ""
    return following in REPORTING or "according" in article.lowers[max(clause.start, start - 5) : start]


def step_target(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """The attacked institution (embassy, mosque, police station) outranks people hit; among equals,
    the noun introduced as a target ("on", "against", "near") and nearest the trigger wins."""
    clause, lowers = candidate.clause, article.lowers
    best: tuple[tuple[int, ...], Target] | None = None
    for start, end in TARGET_PHRASES.find(lowers, clause.start, clause.end):
        kind = TARGET_TYPE[" ".join(lowers[start:end])]
        if kind in PERSONAL_TARGETS and _owned_by_attacker(article, start, candidate):
            continue
        if _speaker(article, start, end, clause):
            continue
        led = any(lowers[k] in TARGET_LEAD_INS for k in range(max(clause.start, start - 3), start))
        distance = abs(start - candidate.trigger)
        if not led and distance > MAX_TARGET_DISTANCE:
            continue
        rank = (kind not in PERSONAL_TARGETS, led, -distance, -TARGET_RANK[kind])
        if best is None or rank > best[0]:
            best = (rank, Target(type=kind, name=_target_name(article, start, end, clause)))  # type: ignore[arg-type]
    if best is not None:
        candidate.fields.target = best[1]


# --- perpetrator and claim -------------------------------------------------------------------------

AGENT_LEAD = {"by"}
TARGET_LEAD = {"against", "on", "targeting", "targeted", "attacked", "attacks", "attack", "between", "and",
               "with", "to", "from", "within"}  # fmt: skip
LOOK = 6


def _role(article: Article, candidate: Candidate, start: int, end: int) -> Role | None:
    lowers, clause = article.lowers, candidate.clause
    before = [k for k in range(max(clause.start, start - LOOK), start)]
    after = range(end, min(clause.end, end + LOOK))
    for k in after:
        n = CLAIMS.at(lowers, k, clause.end)
        if n and lowers[k + n : k + n + 1] != ["lives"] and lowers[k + 1 : k + 2] != ["lives"]:
            return "claim"
    if any(
        lowers[k : k + 2] == ["claimed", "by"] or lowers[k : k + 2] == ["claim", "by"] for k in before[-3:]
    ):
        return "claim"
    if any(ATTRIBUTIONS.at(lowers, k, clause.end) for k in [*before, *after]):
        return "attribution"
    near = [lowers[k] for k in before[-2:] if lowers[k] not in {"the", "a", "an"}]
    if near and near[-1] in AGENT_LEAD:
        return "agent"
    if near and near[-1] in TARGET_LEAD:
        return None
    if end < clause.end and (end <= candidate.trigger <= end + 3 or candidate.trigger in after):
        return "agent"
    return None


ANAPHORIC_GROUP_RE = re.compile(
    r"\b(?:the|this|that) (?:\w+ )?(?:organi[sz]ation|group|movement|militia|outfit)\b(?:'s)?(?: \w+){0,2} "
    r"(?:claimed|claims|has claimed|had claimed|took|said it)"
)
ANTECEDENT_REACH = 80


def step_perpetrator(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """Armed groups named in the clause and their role: claimed it, did it, or was blamed for it.
    A claim by "the organization" or "the group" is the claim of the group last named before it."""
    clause = candidate.clause
    text = clause_text(candidate, article)
    candidate.no_claim = bool(NO_CLAIM_RE.search(text))
    for match in article.actors_in(clause.start, clause.end):
        start = article.token_at_char(match.start)
        end = article.token_at_char(match.end - 1) + 1
        role = _role(article, candidate, start, end)
        if role is not None:
            candidate.actors.append((match.actor, match.surface, role))
    if not any(role == "claim" for _, _, role in candidate.actors) and ANAPHORIC_GROUP_RE.search(text):
        antecedent = _last_named_before(article, clause.end)
        if antecedent is not None:
            candidate.actors.append((antecedent.actor, antecedent.surface, "claim"))


def _last_named_before(article: Article, token: int) -> ActorMatch | None:
    limit = article.doc[min(token, len(article.doc) - 1)].idx
    floor = article.doc[max(0, token - ANTECEDENT_REACH)].idx
    named = [m for m in article.actors if floor <= m.start < limit]
    return named[-1] if named else None


# --- a toll implied by a series --------------------------------------------------------------------

SERIES_RE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|latest) (?:[\w-]+ ){0,3}(?:to be |to have been |)"
    r"(?:killed|assassinated|murdered|shot dead)\b"
)


def step_series_toll(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """ "X is the second cleric to be killed ..., after the bombing of August 11": the recalled
    event killed at least one."""
    clause = candidate.clause
    if not clause.recalled or any(s.kind == "killed" for s in candidate.statements):
        return
    before = article.text(clause.sentence.start, clause.start).lower()
    if SERIES_RE.search(before):
        candidate.statements = (
            *candidate.statements,
            Statement("killed", Figure(value=1, min=1), clause.start),
        )


CANDIDATE_STEPS: tuple[Step, ...] = (
    step_series_toll,
    step_type_and_weapons,
    step_suicide,
    step_date,
    step_place,
    step_target,
    step_perpetrator,
)


def build_candidates(article: Article, triggered: list[tuple[Clause, Trigger]]) -> list[Candidate]:
    """Run every step, in order, on each triggered clause."""
    built: list[Candidate] = []
    for clause, trigger in triggered:
        candidate = Candidate(clause, trigger.index, trigger.kind, trigger.statements, trigger.definite)
        for step in CANDIDATE_STEPS:
            step(candidate, article, built)
        built.append(candidate)
    return built
