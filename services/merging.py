"""Deciding that two reports describe one real-world event, and combining them.

The same rules serve three callers: the event layer groups mentions inside one article, the
``extract`` command merges documents in memory, and the store merges a new article's mentions into
stored incidents. Reports of one event disagree on details (one says "Monday", another gives the
date; one counts six dead, another two embassy staff), so compatibility is lenient where reports
differ in precision and strict where they contradict: a different country, city, month, target kind
or armed group means a different event. Agreement must also be positive (a shared day, city,
named target...), so two vague mentions in one country never merge by default.

Each source keeps its own figures and evidence; the incident's figures only summarise them.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import statistics
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TypeVar

from services.extraction.actors import most_specific, resolve_actor, same_family
from services.extraction.dates import publication_day, resolve_date
from services.schema import (
    PLACE_PRECISION_RANK,
    Document,
    EventFields,
    EventMention,
    Figure,
    Incident,
    Location,
    Perpetrator,
    Source,
    Target,
)
from services.taxonomy import GTD_ORDER, types_compatible

TOLERANCE_DAYS = 2
"""Reports of one event differ by a day or two: local time, "yesterday", late wire copies."""
UNDATED_LOOKBACK_DAYS = 31
"""An undated main event of a report published on day P is looked for in [P - this, P]."""
RECALLED_LOOKBACK_DAYS = 366
"""An undated recalled event ("in the same month", an item of a list of past attacks) may lie months
before the report, so it is looked for within the year before publication."""
MIN_AGREEMENT = 3
SAME_CITY_DEGREES = 0.2
"""Two resolved towns closer than this in latitude and in longitude are one place (a suburb, a
district, two spellings resolved to neighbouring gazetteer entries)."""
FAR_PAST, FAR_FUTURE = date(1, 1, 1), date(9999, 12, 31)

# Target kinds one event's reports plausibly give differently.
COMPATIBLE_TARGETS = {
    frozenset({"religious", "educational"}),
    frozenset({"police", "military"}),
    frozenset({"police", "government"}),
    frozenset({"military", "government"}),
}
LOOSE_TARGETS = {"unknown", "private_citizens", "other"}
PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}
MONTH_DAY_RE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[a-z]{3,9})|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})"
    r"(?:st|nd|rd|th)?\b|(?P<m3>[a-z]{3,9}))\b",
    re.IGNORECASE,
)
QUALIFIER_RE = re.compile(r"\b[A-Z][\w'’-]+")


# --- dates ---------------------------------------------------------------------------------------


def date_span(value: str | None) -> tuple[date, date] | None:
    """First and last day an ISO date of any precision covers ("2022-09" -> Sept 1..30)."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, stopping at the ends of the calendar (a window around
    9999-12-31 ends there)."""
    if days >= 0:
        return day + timedelta(days=days) if (date.max - day).days >= days else date.max
    return day + timedelta(days=days) if (day - date.min).days >= -days else date.min


def month_day(text: str | None) -> tuple[int, int | None] | None:
    """Month and day of a date written without a year ("August 11", "5 September"), else None."""
    for m in MONTH_DAY_RE.finditer(text or ""):
        month = MONTHS.get((m.group("m1") or m.group("m2") or m.group("m3") or "").lower())
        if month:
            day = m.group("d1") or m.group("d2")
            return month, int(day) if day else None
    return None


def dates_compatible(a: EventFields, b: EventFields, tolerance: int = TOLERANCE_DAYS) -> bool:
    """Overlapping date spans (with tolerance); an unknown date is compatible, but a month and day
    written without a year still rule out a different month."""
    span_a, span_b = date_span(a.date), date_span(b.date)
    if span_a and span_b:
        return _shifted(span_a[0], -tolerance) <= span_b[1] and _shifted(span_b[0], -tolerance) <= span_a[1]
    known, other = (span_a, b) if span_a else (span_b, a)
    partial = month_day(other.date_text)
    if known is None or partial is None:
        return True
    month, day = partial
    candidates = [
        date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))
        for year in range(max(known[0].year - 1, date.min.year), min(known[1].year + 2, date.max.year + 1))
    ]
    slack = tolerance if day else 31
    return any(_shifted(known[0], -slack) <= c <= _shifted(known[1], slack) for c in candidates)


def _same_day(a: EventFields, b: EventFields) -> bool:
    return a.date_precision == "day" and b.date_precision == "day" and dates_compatible(a, b)


# --- places, targets, types, perpetrators ---------------------------------------------------------


def places_compatible(a: Location, b: Location) -> bool:
    """Different countries, regions or cities (as resolved, or as written) are different places."""
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False
    return not (a.city and b.city and not same_city(a, b))


def same_city(a: Location, b: Location) -> bool:
    if a.city is None or b.city is None:
        return False
    pa, pb = a.town_point, b.town_point
    if pa is not None and pb is not None:
        return abs(pa[0] - pb[0]) < SAME_CITY_DEGREES and abs(pa[1] - pb[1]) < SAME_CITY_DEGREES
    return a.city.lower() == b.city.lower()


def qualifiers(name: str | None) -> set[str]:
    """The proper words of a target name ("Russian embassy" -> {"russian"}): what tells two apart."""
    return {w.lower() for w in QUALIFIER_RE.findall(name or "")}


def targets_compatible(a: Target, b: Target) -> bool:
    both_typed = a.type not in LOOSE_TARGETS and b.type not in LOOSE_TARGETS
    if both_typed and a.type != b.type and frozenset({a.type, b.type}) not in COMPATIBLE_TARGETS:
        return False
    qa, qb = qualifiers(a.name), qualifiers(b.name)
    return not (qa and qb and a.type == b.type and not qa & qb)


def _same_target(a: Target, b: Target) -> bool:
    return a.type == b.type and a.type not in LOOSE_TARGETS and bool(qualifiers(a.name) & qualifiers(b.name))


def perpetrators_compatible(a: Perpetrator | None, b: Perpetrator | None) -> bool:
    if a is None or b is None:
        return True
    actor_a, actor_b = resolve_actor(a.name), resolve_actor(b.name)
    if actor_a is None or actor_b is None:
        return a.name == b.name
    return same_family(actor_a, actor_b)


# --- the decision ----------------------------------------------------------------------------------


def compatible(a: EventFields, b: EventFields) -> bool:
    """Nothing in one report contradicts the other."""
    return (
        dates_compatible(a, b)
        and places_compatible(a.location, b.location)
        and types_compatible(a.event_type, b.event_type)
        and targets_compatible(a.target, b.target)
        and perpetrators_compatible(a.perpetrator, b.perpetrator)
    )


def agreement_by_kind(a: EventFields, b: EventFields) -> dict[str, int]:
    """The positive evidence two compatible reports share, in points per kind of evidence."""
    if _same_day(a, b):
        on_date = 2
    else:
        on_date = int(bool(a.date) and a.date_precision == b.date_precision == "month" and a.date == b.date)
    if same_city(a.location, b.location):
        on_place = 2
    else:
        on_place = int(bool(a.location.admin1) and a.location.admin1 == b.location.admin1)
    if _same_target(a.target, b.target):
        on_target = 2
    else:
        on_target = int(a.target.type == b.target.type and a.target.type not in LOOSE_TARGETS)
    return {
        "date": on_date,
        "place": on_place,
        "target": on_target,
        "type": int(a.event_type == b.event_type != "unknown"),
        "killed": int(a.killed.value is not None and a.killed.value == b.killed.value),
        "perpetrator": int(
            bool(a.perpetrator and b.perpetrator) and perpetrators_compatible(a.perpetrator, b.perpetrator)
        ),
    }


def agreement(a: EventFields, b: EventFields) -> int:
    """How much positive evidence two compatible reports share."""
    return sum(agreement_by_kind(a, b).values())


def same_incident(a: EventFields, b: EventFields) -> bool:
    """Whether two reports (mentions or incidents) describe the same real-world event."""
    return compatible(a, b) and agreement(a, b) >= MIN_AGREEMENT


def can_merge(fields: EventFields) -> bool:
    """Whether any other report could ever be judged the same event: agreement with itself is the
    most a report can share with another, so a mention below ``MIN_AGREEMENT`` even then (a year
    in a country, no target, type or toll) always stands alone and needs no candidates."""
    return agreement(fields, fields) >= MIN_AGREEMENT


def blocking_window(fields: EventFields, reference: str | None = None) -> tuple[str | None, str, str]:
    """(country code, first day, last day) that a matching incident's own window must overlap.

    The store keeps each incident's window in indexed columns, so candidates come from one range
    query. An undated mention uses the month (a recalled one: the year) before its report's
    publication date (``reference``) when given, else the whole calendar: still bounded by country
    and the store's candidate limit.
    """
    span = date_span(fields.date)
    if span is None and reference:
        published = date_span(reference)
        lookback = UNDATED_LOOKBACK_DAYS if fields.primary else RECALLED_LOOKBACK_DAYS
        span = (_shifted(published[0], -lookback), published[1]) if published else None
    start, end = (
        (_shifted(span[0], -TOLERANCE_DAYS), _shifted(span[1], TOLERANCE_DAYS))
        if span
        else (FAR_PAST, FAR_FUTURE)
    )
    return fields.location.country_code, start.isoformat(), end.isoformat()


# --- combining ---------------------------------------------------------------------------------------


def summarise_figures(figures: Iterable[Figure]) -> Figure:
    """Best value = the figure most sources give (ties: the lower median); min/max span all sources."""
    known = [f for f in figures if f.is_known()]
    values = [f.value for f in known if f.value is not None]
    if not known:
        return Figure()
    modes = statistics.multimode(values) if values else []
    value = modes[0] if len(modes) == 1 else (statistics.median_low(values) if values else None)
    highs = [f.max for f in known]
    return Figure(
        value=value,
        min=min((f.min for f in known if f.min is not None), default=None),
        max=None if any(h is None for h in highs) else max(h for h in highs if h is not None),
    )


def _better_date(a: EventFields, b: EventFields) -> tuple[str | None, str | None]:
    if PRECISION_RANK[b.date_precision] > PRECISION_RANK[a.date_precision]:
        return b.date, b.date_precision
    return a.date, a.date_precision


def _better_location(a: Location, b: Location) -> Location:
    """The more precise of two compatible places, with the parts only the other gives (a town as
    written gets its province and country from "Ituri province")."""
    better, other = (
        (b, a)
        if PLACE_PRECISION_RANK[b.precision] > PLACE_PRECISION_RANK[a.precision]
        or (a.precision is None and b.name and not a.name)
        else (a, b)
    )
    if not places_compatible(better, other):
        return better
    missing = {
        k: v
        for k, v in other.model_dump(exclude={"name", "lat", "lon"}).items()
        if v is not None and getattr(better, k) is None
    }
    return better.model_copy(update=missing) if missing else better


def _better_type(a: str, b: str) -> str:
    return b if GTD_ORDER.index(b) < GTD_ORDER.index(a) and types_compatible(a, b) else a


def _better_target(a: Target, b: Target) -> Target:
    """A typed target over a loose one; for one type, a name with proper words ("Russian embassy")
    over a generic one ("diplomatic mission")."""
    if a.type in LOOSE_TARGETS and b.type not in LOOSE_TARGETS:
        return b
    if b.type == a.type and b.name and (a.name is None or (qualifiers(b.name) and not qualifiers(a.name))):
        return b
    return a


def _merge_perpetrators(a: Perpetrator | None, b: Perpetrator | None) -> Perpetrator | None:
    if a is None or b is None:
        return a or b
    mentions = list(dict.fromkeys([*a.mentions, *b.mentions]))
    actors = [x for x in (resolve_actor(a.name), resolve_actor(b.name)) if x is not None]
    chosen = most_specific(actors)
    return Perpetrator(name=chosen.canonical if chosen else a.name, mentions=mentions)


def _either(a: bool | None, b: bool | None) -> bool | None:
    if a or b:
        return True
    return False if False in (a, b) else None


def summary_line(fields: EventFields) -> str:
    """One line a reader scans: type, target, place, date, toll."""
    kind = fields.event_type.replace("_", " ")
    if fields.suicide:
        kind = f"suicide {kind}"
    parts = [kind]
    target = fields.target.name or (
        fields.target.type.replace("_", " ") if fields.target.type != "unknown" else ""
    )
    if target:
        parts.append(f"on {target}")
    loc = fields.location
    place = ", ".join(p for p in dict.fromkeys([loc.city or loc.name, loc.admin1, loc.country]) if p)
    if place:
        parts.append(f"in {place}")
    if fields.date:
        parts.append(f"on {fields.date}")
    toll = [f"{_figure_text(fields.killed)} killed", f"{_figure_text(fields.wounded)} wounded"]
    return " ".join(parts) + ": " + ", ".join(toll)


def _figure_text(figure: Figure) -> str:
    low, high = figure.min, figure.max
    if low is None and high is None:
        bounds = ""
    elif high is None:
        bounds = f"{low}+"
    elif low is None:
        bounds = f"up to {high}"
    else:
        bounds = f"{low}-{high}" if low != high else ""
    if figure.value is None:
        return bounds or "unknown"
    return (
        f"{figure.value} ({bounds})"
        if bounds and bounds != f"{figure.value}+"
        else (f"{figure.value}+" if bounds else str(figure.value))
    )


def summarise(incident: Incident) -> Incident:
    """Recompute the incident's figures from its sources and its summary line."""
    killed = summarise_figures(s.killed for s in incident.sources)
    wounded = summarise_figures(s.wounded for s in incident.sources)
    updated = incident.model_copy(update={"killed": killed, "wounded": wounded})
    return updated.model_copy(update={"summary": summary_line(updated)})


def incident_id(mention: EventFields, document_id: str) -> str:
    """Stable: the first blocking key and the first source (document and evidence) never change."""
    country, start, _ = blocking_window(mention)
    evidence = mention.evidence if isinstance(mention, EventMention) else ""
    key = f"{country}|{start}|{mention.event_type}|{document_id}|{evidence}"
    return "inc_" + hashlib.sha1(key.encode()).hexdigest()[:16]


F = TypeVar("F", bound=EventFields)


def fold_fields(base: F, other: EventFields) -> F:
    """``base`` completed and sharpened by a compatible report: the more precise date and place,
    the higher GTD attack type, the named target, the most specific armed group, every weapon."""
    date_value, precision = _better_date(base, other)
    update: dict[str, object] = {
        "event_type": _better_type(base.event_type, other.event_type),
        "suicide": _either(base.suicide, other.suicide),
        "date": date_value,
        "date_precision": precision,
        "location": _better_location(base.location, other.location),
        "perpetrator": _merge_perpetrators(base.perpetrator, other.perpetrator),
        "claimed": _either(base.claimed, other.claimed),
        "target": _better_target(base.target, other.target),
        "weapon_types": list(dict.fromkeys([*base.weapon_types, *other.weapon_types])),
        "weapons": list(dict.fromkeys([*base.weapons, *other.weapons])),
        "attackers": list(dict.fromkeys([*base.attackers, *other.attackers])),
        "victims": [
            *base.victims,
            *(v for v in other.victims if v.name not in {b.name for b in base.victims}),
        ],
        "attack_subtype": base.attack_subtype or other.attack_subtype,
        "success": _either(base.success, other.success),  # one report of it going off outweighs a failure
        "primary": base.primary or other.primary,
    }
    if (other.date is not None and date_value == other.date) or base.date_text is None:
        update["date_text"] = other.date_text or base.date_text
    return base.model_copy(update=update)


def add_source(
    incident: Incident | None, mention: EventMention, document_id: str, url: str | None
) -> Incident:
    """The incident with this document's mention added (a new incident when ``incident`` is None).
    A document already among the sources has its entry replaced, so re-running a store is idempotent."""
    source = Source(
        document_id=document_id,
        url=url,
        killed=mention.killed,
        wounded=mention.wounded,
        evidence=mention.evidence,
    )
    if incident is None:
        fields = mention.model_dump(exclude={"evidence"})
        created = Incident(**fields, id=incident_id(mention, document_id), sources=[source])
        return summarise(created)
    merged = fold_fields(incident, mention)
    sources = [s for s in incident.sources if s.document_id != document_id] + [source]
    return summarise(merged.model_copy(update={"sources": sources}))


def windows_overlap(a: tuple[str | None, str, str], b: tuple[str | None, str, str]) -> bool:
    """Two blocking windows of the same country that share a day: the store's candidate test."""
    return a[0] == b[0] and a[1] <= b[2] and b[1] <= a[2]


def _merge(documents: Sequence[Document]) -> list[Incident]:
    """The store's merge in memory: a mention is compared only with incidents whose blocking window
    overlaps its own, both bounded by the report's publication day, so an undated report cannot
    join an incident months away."""
    incidents: list[Incident] = []
    windows: list[tuple[str | None, str, str]] = []
    for document in documents:
        day = publication_day(document.published)
        reference = day.isoformat() if day else None
        for mention in sorted(document.events, key=lambda m: not m.primary):
            window = blocking_window(mention, reference)
            scored = [
                (agreement(known, mention), index)
                for index, known in enumerate(incidents)
                if windows_overlap(windows[index], window)
                and all(s.document_id != document.id for s in known.sources)
                and same_incident(known, mention)
            ]
            if scored:
                _, index = max(scored)
                incidents[index] = add_source(incidents[index], mention, document.id, document.url)
                windows[index] = blocking_window(incidents[index], reference)
            else:
                incidents.append(add_source(None, mention, document.id, document.url))
                windows.append(blocking_window(incidents[-1], reference))
    return incidents


def anchor_undated(document: Document, incidents: Sequence[Incident]) -> Document:
    """A report without a publication date, whose main event other reports date to the day, is read
    as written just then: its "on Friday" or "August 11" resolve against that day."""
    if document.published:
        return document
    main = next(
        (i for i in incidents if i.primary and any(s.document_id == document.id for s in i.sources)), None
    )
    if main is None or main.date_precision != "day" or main.date is None:
        return document
    reference = date.fromisoformat(main.date)
    events = []
    for mention in document.events:
        resolved = (
            resolve_date(mention.date_text, reference) if mention.date is None and mention.date_text else None
        )
        if resolved is not None:
            mention = mention.model_copy(
                update={"date": resolved.value, "date_precision": resolved.precision}
            )
        events.append(mention)
    return document.model_copy(update={"events": events})


def merge_documents(documents: Sequence[Document]) -> list[Incident]:
    """Every document's event mentions merged into incidents, primary incidents first.

    A mention joins the best-agreeing compatible incident that does not already hold a mention of
    the same document (the event layer already grouped an article's own mentions). Undated reports
    are then anchored on their main event's corroborated date and the merge is redone."""
    incidents = _merge(documents)
    anchored = [anchor_undated(d, incidents) for d in documents]
    if anchored != list(documents):
        incidents = _merge(anchored)
    return sorted(incidents, key=lambda i: not i.primary)
