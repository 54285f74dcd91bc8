"""An event candidate per triggering clause, its fields filled by an ordered list of small steps.

Each step reads the clause (and the article) and fills one concern of the candidate's working
``EventMention``: type and weapons, suicide, date, place, target, perpetrator and claim. Steps only
look inside their clause, so a figure, date or place is never borrowed from a neighbouring event;
grouping (next stage) decides which candidates are one event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span

from services.extraction.actors import Actor, ActorMatch
from services.extraction.dates import DURATION_RE, resolve_date
from services.extraction.events.article import Article, Phrases, country_location, plural
from services.extraction.events.clauses import Clause
from services.extraction.events.figures import UNDERGONE_CUES, Statement, number_in
from services.extraction.events.lexicon import (
    ATTACKER_NOUNS,
    DRIVING_VERBS,
    GENERIC_TARGETS,
    LOCAL_OFFICES,
    NOT_SUICIDE,
    OUTSIDE_EVENT_DATE,
    OWNED_TARGETS,
    PERPETRATOR_DESCRIPTIONS,
    PERPETRATOR_HEADS,
    POSSESSIVE_PRONOUNS,
    REPORTING,
    RESPONDERS,
    STATE_WORDS,
    STREET_WORDS,
    SUBTYPE_CUES,
    SUICIDE_CUES,
    TARGET_LEAD_INS,
    TARGETS,
    TYPE_CUES,
    TYPE_OF_WEAPON,
    WEAPON_CUES,
)
from services.extraction.events.triggers import (
    ATTACK_NOUNS,
    ATTACK_VERBS,
    ATTRIBUTIONS,
    EXPLOSIVES,
    KILL_VERBS,
    NO_CLAIM_RE,
    STATED_CLAIM_RE,
    Kind,
    Trigger,
    claim_at,
)
from services.extraction.gazetteer import DIVISION_KINDS
from services.extraction.group_names import GROUP_HEADS
from services.extraction.places import country_code_of, is_division, resolve_chain, resolve_place
from services.schema import PLACE_PRECISION_RANK, EventMention, Figure, Location, Target

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
    unknown_claimants: list[str] = field(default_factory=list)
    unlisted: list[tuple[str, Role]] = field(default_factory=list)
    """Perpetrators the gazetteer lacks, as written, with their role: described ("Fulani
    militants") or named ("believed to be the work of the X Front")."""
    no_claim: bool = False
    unconfirmed_settlement: bool = False

    @property
    def evidence(self) -> Span:
        return self.clause.sentence


Step = Callable[[Candidate, Article, list[Candidate]], None]


def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Cues are regular expressions matched from the start of a word."""
    return re.compile(r"\b(?:" + "|".join(cues) + r")")


TYPE_RES = tuple((kind, _cue_regex(cues)) for kind, cues in TYPE_CUES)
WEAPON_RES = tuple((kind, _cue_regex(cues)) for kind, cues in WEAPON_CUES)
SUBTYPE_RES = tuple((kind, _cue_regex(cues)) for kind, cues in SUBTYPE_CUES)
# An assault on a target ("attacked a post ... in the ensuing clash" is no clash), and the people
# whose attack with no weapon named is an armed assault ("assailants attacked", "militants killed").
ASSAULT_RE = re.compile(r"\b(?:attacked|attacking|stormed|storming|raided|ambushed|assaulted)\b")
ASSAILANT_RE = re.compile(
    r"\b(?:" + "|".join(sorted(PERPETRATOR_HEADS | {"fighters"})) + r")\b(?! jets?| planes?| aircraft)"
)
SUICIDE_RE = re.compile(
    r"(?<!" + r" )(?<!".join(NOT_SUICIDE) + r" )\b(?:" + "|".join(re.escape(c) for c in SUICIDE_CUES) + r")"
)
RESPONSE_RE = re.compile(
    r"\b(?:was|were|being|been|is|are) (?:later |subsequently |then )?(?:shot|shot dead|killed|gunned down|"
    r"wounded|arrested|detained|overpowered|subdued) by (?:the )?(?:[\w-]+ )?(?:"
    + "|".join(sorted(RESPONDERS | {"patrons"}))
    + r")\b[^,.;]*"
)
TARGET_TYPE = {form: kind for kind, phrases in TARGETS.items() for p in phrases for form in (p, plural(p))}
TARGET_PHRASES = Phrases.of(TARGET_TYPE)
TARGET_RANK = {kind: rank for rank, kind in enumerate(TARGETS)}
PERSONAL_TARGETS = ("non_state_militia", "private_citizens")


def clause_text(candidate: Candidate, article: Article) -> str:
    return article.lower_text(candidate.clause.start, candidate.clause.end)


# --- type, weapons, suicide ------------------------------------------------------------------------


def step_type_and_weapons(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """GTD attack type by the first cue in hierarchy order, else implied by the weapon named; an
    attack on a target is never a clash ("attacked a post ... in the ensuing clash"), and a bare
    assault by people ("assailants attacked a checkpoint") is an armed assault."""
    text = RESPONSE_RE.sub(" ", clause_text(candidate, article))
    weapons = [kind for kind, regex in WEAPON_RES if regex.search(text)]
    candidate.fields.weapon_types = weapons  # type: ignore[assignment]
    found = [kind for kind, regex in TYPE_RES if regex.search(text)]
    if found[:1] == ["armed_clash"] and ASSAULT_RE.search(text):
        found = found[1:]
    explicit = found[0] if found else None
    if explicit is None and _targets_named_person(candidate, article):
        explicit = "assassination"
    candidate.explicit_type = explicit is not None
    implied = TYPE_OF_WEAPON[weapons[0]] if weapons else None
    if (
        implied is None
        and candidate.kind in {"attack", "kill"}
        and (ASSAULT_RE.search(text) or ASSAILANT_RE.search(text))
    ):
        implied = "armed_assault"
    candidate.fields.event_type = explicit or implied or "unknown"  # type: ignore[assignment]
    candidate.fields.attack_subtype = next((kind for kind, regex in SUBTYPE_RES if regex.search(text)), None)


def _targets_named_person(candidate: Candidate, article: Article) -> bool:
    """An attack aimed at one named person ("... targeting Rahimullah Haqqani")."""
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
DATELINE_TOKENS = 4
PERIOD_MARKERS = {"since", "until", "till"}
CLOCK_LEADS = {"at", "by", "around", "about", "approximately", "before", "after", "until"}
DAY_NAME_RE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:yesterday|tonight)\b", re.I)
"""Never the event's date; "after <something>" dates are only a last resort (often the same day)."""


def _date_spans(article: Article, clause: Clause) -> list[Span]:
    spans = []
    for ent in article.ents_in(clause.start, clause.end):
        if ent.label_ != "DATE" and not (ent.label_ == "TIME" and DAY_NAME_RE.search(ent.text)):
            continue
        if ent.end < len(article.lowers) and article.lowers[ent.end] in STREET_WORDS:
            continue  # "21 October road", "the 6th of October bridge": a name, not a date
        if _clock_time(article, ent):
            continue
        start = ent.start
        before = article.doc[start - 1] if start > clause.start else None
        if before is not None and before.like_num and before.text.isdigit() and int(before.text) <= 31:
            start -= 1
        spans.append(article.doc[max(start, clause.start) : min(ent.end, clause.end)])
    return spans


def _clock_time(article: Article, ent: Span) -> bool:
    """ "at 1245", "by 2030": a four-digit time of day as wire copy writes it, not a year."""
    text = ent.text.strip()
    lead = article.lowers[ent.start - 1] if ent.start else ""
    if lead not in CLOCK_LEADS or not (len(text) == 4 and text.isdigit()):
        return False
    return int(text[:2]) <= 23 and int(text[2:]) <= 59


def _introduced_by(article: Article, clause: Clause, span: Span, trigger: int) -> str | None:
    """The temporal marker ("since", "after", ...) introducing a date with no trigger in between."""
    for k in range(span.start - 1, clause.start - 1, -1):
        if k == trigger or k < trigger < span.start:
            return None
        if article.lowers[k] in OUTSIDE_EVENT_DATE:
            return article.lowers[k]
    return None


def _when_said(article: Article, span: Span, trigger: int) -> bool:
    """A date that belongs to a statement, not the event: "Tuesday, the group claimed the attack"
    (a reporting verb between the date and the trigger), "officials said on Monday"."""
    if span.end <= trigger and any(article.lowers[k] in REPORTING for k in range(span.end, trigger)):
        return True
    before = [
        w for w in article.lowers[max(0, span.start - 4) : span.start] if w not in {"on", "late", "early"}
    ]
    return bool(before) and before[-1] in REPORTING


def _dateline(article: Article, clause: Clause, span: Span) -> bool:
    """When the report was filed: "MOSCOW, March 23 (Reuters) -", "date 2022-12-05"."""
    if not clause.line_start or span.start - clause.start > DATELINE_TOKENS:
        return False
    lead = article.doc[clause.start : span.start]
    return any(t.is_alpha for t in lead) and all(
        t.is_upper or t.is_punct or t.lower_ in {"date", "dated", "published", "updated"} for t in lead
    )


# "Twenty years after the bombing", "the tenth anniversary of the massacre": the event lies that
# far before the report.
RETROSPECT_RE = re.compile(
    r"\b(?P<n>[\w-]+|a couple of) (?P<unit>years?|decades?) (?:after|since|on from)\b"
    r"|\b(?P<nth>[\w-]+) anniversary of\b",
    re.IGNORECASE,
)
ORDINAL_SUFFIX_RE = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
RETROSPECT_REACH = 8


def _ordinal(word: str) -> int | None:
    """ "10th", "tenth", "twenty-fifth"."""
    word = word.lower()
    digits = ORDINAL_SUFFIX_RE.match(word)
    if digits:
        return int(digits[1])
    if "-" in word:
        tens, _, unit = word.partition("-")
        base, last = number_in(tens), ORDINALS.get(unit)
        return base + last if base and last and last < 10 else None
    return ORDINALS.get(word)


def _years_back(article: Article, clause: Clause, trigger: int) -> int | None:
    """How many years before the report a retrospect right before the trigger puts the event."""
    floor = min(clause.start, article.doc[trigger].sent.start)  # "after" may open the clause
    start = article.doc[max(floor, trigger - RETROSPECT_REACH)].idx
    found = None
    for m in RETROSPECT_RE.finditer(article.text, start, article.doc[trigger].idx):
        if m["nth"]:
            found = _ordinal(m["nth"])
        elif (n := number_in(m["n"])) is not None:
            found = n * (10 if m["unit"].lower().startswith("decade") else 1)
    return found or None


def step_date(candidate: Candidate, article: Article, previous: list[Candidate]) -> None:
    """The clause's own date: a leading list-item date, else the first after the trigger, else the
    nearest before it; "the same month" takes the previous event's month; "twenty years after the
    bombing" puts the bombing's year that far back."""
    clause, fields = candidate.clause, candidate.fields
    back = _years_back(article, clause, candidate.trigger) if article.published else None
    if back is not None and article.published is not None and back < article.published.year:
        fields.date, fields.date_precision = str(article.published.year - back), "year"
        fields.date_text = None
        return
    spans, of_other_events = [], []
    for s in _date_spans(article, clause):
        if _dateline(article, clause, s) or _when_said(article, s, candidate.trigger):
            continue
        if DURATION_RE.match(" ".join(s.text.lower().split())):
            continue
        marker = _introduced_by(article, clause, s, candidate.trigger)
        if marker in PERIOD_MARKERS:
            continue
        (of_other_events if marker else spans).append(s)
    leading = [s for s in spans if s.start - clause.start <= LEADING_TOKENS]
    after = [s for s in spans if s.start > candidate.trigger]
    before = sorted((s for s in spans if s.start <= candidate.trigger), key=lambda s: -s.start)
    for span in leading + after + before + of_other_events:
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
        resolved = resolve_date(span.text, article.published, article.text)
        fields.date_text = fields.date_text or span.text
        if resolved is not None:
            fields.date, fields.date_precision = resolved.value, resolved.precision
            fields.date_text = span.text
            return


# --- place -----------------------------------------------------------------------------------------

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MISLABELLED = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"}
PLACE_PREPOSITIONS = {"in", "of", "near", "at", "outside", "across", "from", "into"}
SETTLEMENT_OF = {"city", "town", "village"}
PLACE_KINDS = DIVISION_KINDS | SETTLEMENT_OF | {"area"}
SETTLEMENT_CONTEXT = 6
REGION_RE = re.compile(
    r"^(?:the )?(?P<stem>[A-Z][\w' -]+?) (?:province|region|state|governorate|prefecture)$"
)
FACILITY_WORDS = {"Arena", "Stadium", "Airport", "Station", "University", "Square", "Market", "Hotel", "Mall",
                  "Bridge", "Cathedral", "Mosque", "Church", "Hospital", "Prison", "Port"}  # fmt: skip
LOCATIVE = PLACE_PREPOSITIONS - {"of"} | {"inside", "around", "outskirts"}
PLACE_NOUNS = PLACE_KINDS | {"outskirts", "suburb", "suburbs", "centre", "center", "heart", "capital",
                             "north", "south", "east", "west", "part", "parts"}  # fmt: skip


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
    """The capital of the country the article is about, for "the country's capital", "the capital"."""
    found = []
    for k in range(clause.start + 1, clause.end):
        if article.lowers[k] != "capital" or not article.countries:
            continue
        prev = article.lowers[k - 1]
        if _describes_a_named_place(article, clause, k):
            continue  # "Bamenda, the capital of the North-West region"
        if prev in {"the", "country's", "nation's"} or (
            prev == "'s" and article.lowers[k - 2] in {"country", "nation"}
        ):
            found.append((k, f"capital of {country_location(article.countries[0]).country or ''}"))
    return found


def _describes_a_named_place(article: Article, clause: Clause, k: int) -> bool:
    """ "the capital" in apposition to a place just named, or the capital of a region, names no
    country's capital."""
    lowers = article.lowers
    apposition = k - 2 >= clause.start and lowers[k - 1] == "the" and lowers[k - 2] == ","
    of_region = lowers[k + 1 : k + 2] == ["of"] and any(
        w in DIVISION_KINDS for w in lowers[k + 2 : min(clause.end, k + 2 + MAX_CHAIN_LINK)]
    )
    return apposition or of_region


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A place-like name in a clause and how the clause introduces it."""

    at: int
    end: int
    text: str
    settlement: bool
    """Named as one ("the town of X"): kept as written when the gazetteer does not know it."""
    locative: bool
    """Introduced as a location ("in X", "near X")."""
    venue: bool
    """The first words of a venue's name ("Serena hotel", "Manchester Arena"): weak evidence."""
    division: str | None = None
    """The kind of division the text calls it ("the department of Arauca" -> "department")."""


def _place_names(article: Article, clause: Clause) -> list[PlaceName]:
    """Every place-like name in the clause: tagged places, names the tagger mislabelled after a
    preposition, "the country's capital", and capitalised words it left out."""
    names: list[PlaceName] = []
    doubtful: list[tuple[int, int, str | None]] = []
    for ent in article.ents_in(clause.start, clause.end):
        if ent.end > clause.end:
            continue
        lead = _after_place_preposition(article, ent.start, clause)
        start, end = _extend(article, ent.start, ent.end, clause.end)
        with_kind = end > ent.end and article.lowers[end - 1] in PLACE_KINDS
        mislabelled = ent.label_ in MISLABELLED or (ent.label_ == "NORP" and with_kind)
        if ent.label_ in PLACE_LABELS or (mislabelled and lead in PLACE_PREPOSITIONS):
            names.append(_place_name(article, clause, start, end, lead))
        elif ent[0].is_title:
            doubtful.append((start, end, lead))
    for k, name in _capital_of(article, clause):
        names.append(PlaceName(k, k + 1, name, settlement=False, locative=True, venue=False))
    known = {n.at for n in names}
    k = clause.start
    while k < clause.end:
        token = article.doc[k]
        if k in known or token.ent_type_ or not token.is_title or token.is_stop:
            k += 1
            continue
        run = k + 1
        while run < clause.end and run - k < MAX_NAME_WORDS and _untagged_title(article, run):
            run += 1
        start, end = _extend(article, k, run, clause.end)
        after_locative = k > clause.start and article.lowers[k - 1] in LOCATIVE
        kind_word = end > run and article.lowers[end - 1] in PLACE_KINDS
        settlement = (
            k >= clause.start + 2 and article.lowers[k - 1] == "of" and article.lowers[k - 2] in SETTLEMENT_OF
        )
        facility = end < clause.end and article.doc[end].text in FACILITY_WORDS
        introduced = after_locative or _locative(article, k, clause) or _opens_chain(article, end, known)
        if introduced or kind_word or settlement or facility:
            names.append(
                _place_name(article, clause, start, end, _after_place_preposition(article, k, clause))
            )
        k = end
    # a name under any label that opens a chain ("Turbat, a town in the Kech district", which the
    # tagger took for a date in re-cased wire copy)
    starts = {n.at for n in names}
    names += [
        _place_name(article, clause, s, e, lead)
        for s, e, lead in doubtful
        if _opens_chain(article, e, starts)
    ]
    return _with_chain_tails(article, clause, names)


def _opens_chain(article: Article, end: int, place_starts: set[int]) -> bool:
    """A name followed, across a chain's links, by a place: "Pulka, a town in Borno", "Tral in
    Pulwama district"."""
    k = end
    while k < len(article.lowers) and k - end < MAX_CHAIN_LINK and article.lowers[k] in CHAIN_LINKS:
        k += 1
    if k == end or article.lowers[end] not in {",", "in"}:
        return False
    return k in place_starts or _country_at(article, k)


def _country_at(article: Article, k: int) -> bool:
    """A country's name starts at ``k``, however the tagger labelled it ("Kidal, Mali")."""
    words = []
    for token in article.doc[k : k + MAX_NAME_WORDS]:
        if not token.is_title:
            break
        words.append(token.text)
        if country_code_of(" ".join(words)):
            return True
    return False


def _with_chain_tails(article: Article, clause: Clause, names: list[PlaceName]) -> list[PlaceName]:
    """Add the larger places a chain names after a comma that the tagger left out or mislabelled
    ("near Saravena, Arauca"): a capitalised run that the gazetteer knows as a division."""
    known = {n.at for n in names}
    tails = []
    for name in names:
        k = name.end + 1
        if k >= clause.end or article.doc[name.end].text != "," or k in known or not article.doc[k].is_title:
            continue
        run = k + 1
        while run < clause.end and run - k < MAX_NAME_WORDS and article.doc[run].is_title:
            run += 1
        start, end = _extend(article, k, run, clause.end)
        text = article.span_text(start, end)
        if is_division(text) or end > run:
            tails.append(_place_name(article, clause, start, end, ","))
            known.add(start)
    return names + tails


def _untagged_title(article: Article, k: int) -> bool:
    token = article.doc[k]
    return token.is_title and not token.ent_type_ and not token.is_stop and token.text not in FACILITY_WORDS


def _place_name(article: Article, clause: Clause, start: int, end: int, lead: str | None) -> PlaceName:
    following = article.doc[end] if end < clause.end else None
    venue = following is not None and (
        following.text.capitalize() in FACILITY_WORDS
        or TARGET_PHRASES.at(article.lowers, end, clause.end) > 0
    )
    kind_of = article.lowers[start - 2] if lead == "of" and start >= clause.start + 2 else None
    return PlaceName(
        at=start,
        end=end,
        division=kind_of if kind_of in DIVISION_KINDS else None,
        text=article.span_text(start, end),
        settlement=lead == "of" and start >= 2 and article.lowers[start - 2] in SETTLEMENT_OF,
        locative=_locative(article, start, clause),
        venue=venue,
    )


def _locative(article: Article, start: int, clause: Clause) -> bool:
    """Introduced as a location: "in Anantnag", "near Maiduguri", "the city of X", "the mayor of X"
    (not "Amarnath pilgrims")."""
    k = start - 1
    while k >= clause.start and (
        article.lowers[k] in {"the", "a", "'s"} or article.tag(k) in {"JJ", "NNP", "POS"}
    ):
        k -= 1
    if k < clause.start:
        return False
    word = article.lowers[k]
    of_a = article.lowers[k - 1] if word == "of" and k > clause.start else None
    return word in LOCATIVE or of_a in PLACE_NOUNS or of_a in LOCAL_OFFICES


def _stated_country(article: Article, clause: Clause, place: PlaceName) -> str | None:
    """The country a settlement is said to be in: "the Mozambican town of X", "the village of X in
    northern Burkina Faso", "the village of X in the Tillaberi region"."""
    for k in range(max(clause.start, place.at - 5), place.at):
        code = country_code_of(article.doc[k].text) if article.doc[k].is_title else None
        if code:
            return code
    after = article.doc[place.at].idx + len(place.text)
    for ent in article.ents_in(place.at, min(clause.end, place.at + SETTLEMENT_CONTEXT + 1)):
        if ent.start_char >= after:
            found = resolve_place(ent.text)
            if found.precision in {"country", "admin1"}:
                return found.country_code
    return None


@lru_cache(maxsize=512)
def region_countries(region: str | None) -> frozenset[str]:
    """Country codes a gazetteer region names ("Somalia / Kenya", "India (Manipur)")."""
    parts = re.split(r"[/(),]", region or "")
    return frozenset(code for part in parts if (code := country_code_of(part.strip())))


def _namesake_abroad(article: Article, candidate: Candidate, location: Location) -> bool:
    """A town abroad from where the clause's armed group operates, in a country the article never
    names: a namesake ("Samar" in Ukraine for the Philippine province, in a report on the NPA)."""
    if location.country_code is None or location.country_code in article.named_countries:
        return False
    regions = [region_countries(actor.region) for actor, _, _ in candidate.actors]
    return any(regions) and all(location.country_code not in r for r in regions if r)


def _weak_venue_abroad(article: Article, place: PlaceName, location: Location) -> bool:
    """A venue named after a town in a country the article never mentions ("the Serena hotel" in a
    report on Pakistan is not in Chile)."""
    named = article.named_countries
    return place.venue and bool(named) and location.country_code not in named


CHAIN_LINKS = PLACE_KINDS | {
    ",", "in", "of", "near", "under", "within", "the", "a", "an", "'s", "part", "small", "remote", "besieged",
    "north", "south",
    "east", "west", "northern", "southern", "eastern", "western", "central", "northeastern",
    "northwestern", "southeastern", "southwestern", "far", "local", "government",
}  # fmt: skip
MAX_CHAIN_LINK = 5


def _chains(article: Article, places: list[PlaceName]) -> list[list[PlaceName]]:
    """Places written as one chain, smallest first: "X, Y district, Z province", "near X in Y",
    "the X area of Y", "X, a town in Y state"."""
    chains: list[list[PlaceName]] = []
    for place in sorted(places, key=lambda p: p.at):
        last = chains[-1][-1] if chains else None
        gap = range(last.end, place.at) if last else range(0)
        linked = 0 < len(gap) <= MAX_CHAIN_LINK and all(article.lowers[k] in CHAIN_LINKS for k in gap)
        if linked and last and "of" in (article.lowers[k] for k in gap):
            # "the X district of Y", "X village of Y district" are chains; "the city of X" introduces X
            kinds = {
                article.lowers[last.end - 1],
                *(article.lowers[k] for k in gap),
                article.lowers[place.end - 1],
            }
            linked = bool(kinds & (PLACE_KINDS - SETTLEMENT_OF))
        if last and linked and last.text[:1].isupper() and place.text[:1].isupper():
            if "'s" in (article.lowers[k] for k in gap):  # "Nigeria's Zamfara state": the larger first
                chains[-1][-1:] = [place, last]
            else:
                chains[-1].append(place)
        else:
            chains.append([place])
    return chains


def _resolve_chain(chain: list[PlaceName], preferred: tuple[str, ...]) -> Location:
    """A chain resolved together, unless its smallest name is a place of its own in the article's
    countries (or a capital) that the larger names do not hold: "in Kabul, in Herat" is two places."""
    if len(chain) == 1:
        head = chain[0]
        return resolve_place(f"{head.division} of {head.text}" if head.division else head.text, preferred)
    if chain[0].venue:  # "Yangon's Insein prison": the venue is named after a place, not in it
        return _resolve_chain(chain[1:], preferred)
    together = resolve_chain([p.text for p in chain], preferred)
    if together.specificity != 2:
        return together
    head = chain[0]
    called_a_place = head.locative or head.settlement or head.text.split()[-1].lower() in PLACE_KINDS
    if not called_a_place or head.text.split()[-1] in FACILITY_WORDS:
        # a name the text never calls a place ("St Francis Church, Owo"): the chain's larger places
        return _resolve_chain(chain[1:], preferred)
    alone = resolve_place(chain[0].text, preferred, only_preferred=True)
    # two places of one country ("in Kabul, in Herat"), never a namesake abroad ("Sui, Balochistan")
    return alone if alone.precision == "city" and alone.country_code == together.country_code else together


def step_place(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """The most precise place the clause names as a location, preferring the article's countries,
    then places after the trigger; a settlement the gazetteer does not know, or places in another
    country than the clause says, stays as written."""
    clause = candidate.clause
    places = _place_names(article, clause)
    if not places:
        return
    own = article.countries_between(clause.start, clause.end)
    preferred = tuple(dict.fromkeys([*own, *article.countries]))
    best: tuple[tuple[int, ...], Location, bool] | None = None
    for chain in _chains(article, places):
        place = chain[0]
        location = _resolve_chain(chain, preferred)
        *town, last = place.text.split()
        if location.precision is None and town and last in FACILITY_WORDS:
            location = resolve_place(" ".join(town), preferred)
        if location.precision == "country" and not place.locative:
            continue
        if _namesake_abroad(article, candidate, location) or _weak_venue_abroad(article, place, location):
            continue
        stated = _stated_country(article, clause, place) if place.settlement else None
        if location.precision is None and REGION_RE.match(place.text):
            location = region_as_written(place.text, _stated_country(article, clause, place))
        elif location.precision is None or (stated and location.country_code != stated):
            if not place.settlement:
                continue
            location = as_written(place.text, stated)
        rank = (
            any(p.locative for p in chain),  # "the offices of X in Bamenda": the chain is where
            PLACE_PRECISION_RANK[location.precision],
            place.at > candidate.trigger,
            -abs(place.at - candidate.trigger),
        )
        if best is None or rank > best[0]:
            best = (rank, location, place.settlement and stated is None)
    if best is not None:
        candidate.fields.location = best[1]
        candidate.unconfirmed_settlement = best[2]


def as_written(name: str, country_code: str | None) -> Location:
    """A settlement the gazetteer does not place: its name as written, no coordinates."""
    country = country_location(country_code).country if country_code else None
    return Location(
        country_code=country_code, country=country, city=name, precision="city", specificity=5, name=name
    )


def region_as_written(name: str, country_code: str | None) -> Location:
    """A province or region the gazetteer does not know ("Benishangul-Gumuz region"): its name as
    written, without the kind word, as the admin1."""
    stem = REGION_RE.match(name)
    country = country_location(country_code).country if country_code else None
    admin1 = stem.group("stem") if stem else name
    return Location(
        country_code=country_code,
        country=country,
        admin1=admin1,
        precision="admin1",
        specificity=5,
        name=name,
    )


def settle_namesakes(candidates: list[Candidate], article: Article) -> None:
    """A settlement the gazetteer found in a country the article never names, while the other
    clauses place the events elsewhere, is a namesake: it keeps its name in the events' country."""
    countries = Counter(
        c.fields.location.country_code
        for c in candidates
        if c.fields.location.country_code and not c.unconfirmed_settlement
    )
    for candidate in candidates:
        location = candidate.fields.location
        if not candidate.unconfirmed_settlement or location.country_code in article.named_countries:
            continue
        others = countries - Counter({location.country_code: 1})
        if others and location.city:
            main = others.most_common(1)[0][0]
            if main != location.country_code:
                candidate.fields.location = as_written(location.city, main)


# --- target ----------------------------------------------------------------------------------------

NAME_TAGS = {"NNP", "NNPS", "JJ", "NN"}
MAX_TARGET_DISTANCE = 12
MAX_NAME_WORDS = 3
FINITE_VERBS = {"VBD", "VBZ", "VBP"}
NP_TAGS = {"DT", "JJ", "JJS", "JJR", "NN", "NNP", "NNPS", "POS", "PRP$", "CD", "HYPH", "VBN"}
CASUALTY_WORDS = {"killed", "killing", "kill", "wounded", "wounding", "injured", "injuring", "dead", "died",
                  "hurt",
                  "shot", "kidnapped", "abducted", "abducting", "kidnapping"}  # fmt: skip


def _target_name(article: Article, start: int, end: int, clause: Clause) -> str:
    k = start
    while k > clause.start and start - k < MAX_NAME_WORDS:
        token = article.doc[k - 1]
        if (
            article.tag(k - 1) not in NAME_TAGS
            or token.is_stop
            or token.ent_type_ in {"CARDINAL", "DATE"}
            or token.lower_ in UNDERGONE_CUES  # "shot dead Police Chief ..."
        ):
            break
        k -= 1
    return article.span_text(k, end)


def _owned_by_attacker(article: Article, start: int, candidate: Candidate, kind: str) -> bool:
    """The attackers themselves, not a target: "its soldiers" (a group's), "its Amaq news agency",
    "kidnapped by jihadists", "their fighters", "IS militants"; but "their patrol" after "rangers
    were killed" is the victims'."""
    k = start - 1
    while k > candidate.clause.start and article.tag(k) in {"NNP", "NNPS"}:
        k -= 1
    prev = article.lowers[k] if k >= candidate.clause.start else ""
    if prev in {"its", "by"} or (prev in {"their", "unidentified", "suspected"} and kind in PERSONAL_TARGETS):
        return True
    token_start = article.doc[start].idx
    actors = article.actors_in(candidate.clause.start, candidate.clause.end)
    return any(m.start <= token_start <= m.end + 1 for m in actors)


def _inside_a_name(article: Article, start: int, end: int, kind: str) -> bool:
    """A target word that is part of a name: a place ("Police District 7", "Imam Sahib"), or a
    people word in an organisation's name ("Civilian Joint Task Force")."""
    entity = article.doc[start].ent_type_
    if entity in {"GPE", "LOC"} or (kind in PERSONAL_TARGETS and entity in {"ORG", "NORP", "FAC"}):
        return True
    following = article.doc[end] if end < len(article.doc) else None
    return (
        following is not None
        and article.doc[start].is_title
        and (
            following.like_num
            or (following.is_title and following.lower_ in STREET_WORDS)
            or _starts_a_name(article, start)
        )
    )


def _starts_a_name(article: Article, start: int) -> bool:
    """A capitalised run the tagger missed, whose first word is not the target: a place ("Imam
    Sahib district", "Police Lines area") or a named target ("the Imam Ali Mosque")."""
    end = start + 1
    while end < len(article.doc) and end - start <= MAX_NAME_WORDS and article.doc[end].is_title:
        end += 1
    if end == start + 1:
        return False
    if article.lowers[end - 1] in TARGET_TYPE or (
        end < len(article.doc) and article.lowers[end] in PLACE_KINDS
    ):
        return True
    return resolve_place(article.span_text(start, end)).precision is not None


def _speaker(article: Article, start: int, end: int, clause: Clause) -> bool:
    """A source, not a target: "the Russian Foreign Ministry said", "according to police"."""
    following = article.lowers[end] if end < clause.end else ""
    return following in REPORTING or "according" in article.lowers[max(clause.start, start - 5) : start]


def _driven(article: Article, start: int, end: int, clause: Clause) -> bool:
    """The vehicle is the weapon: "drove a truck into crowds", "a van ploughed into"."""
    around = article.lowers[max(clause.start, start - 5) : min(clause.end, end + 2)]
    return any(w in DRIVING_VERBS for w in around)


def _target_position(article: Article, start: int, end: int, candidate: Candidate) -> tuple[bool, bool]:
    """(introduced as a target, hit at all): after "on", "against", "at"... or the attack verb
    ("ambushed a convoy"); or the ones killed or
    wounded ("killing 13 police officers", "two soldiers were killed"); or named with the trigger
    ("police station attack")."""
    clause, lowers = candidate.clause, article.lowers
    k = start - 1
    while k > clause.start and start - k <= MAX_NAME_WORDS + 1 and article.tag(k) in NP_TAGS:
        k -= 1
    led = k >= clause.start and (lowers[k] in TARGET_LEAD_INS or ATTACK_VERBS.at(lowers, k, clause.end) == 1)
    hurt = any(w in CASUALTY_WORDS for w in lowers[max(clause.start, start - 5) : min(clause.end, end + 9)])
    named_with_trigger = (
        end <= candidate.trigger <= end + 1 and ATTACK_NOUNS.at(lowers, candidate.trigger) > 0
    )
    return led, led or hurt or named_with_trigger


def step_target(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """The attacked institution (embassy, mosque, police station) outranks people hit; among equals,
    the noun introduced as a target ("on", "against", "near") and nearest the trigger wins. A noun
    standing elsewhere (the police who cordoned off the area) is not a target."""
    clause, lowers = candidate.clause, article.lowers
    best: tuple[tuple[int, ...], Target] | None = None
    found = TARGET_PHRASES.find(lowers, clause.start, clause.end)
    heads = {start for start, _ in found}
    for start, end in found:
        if end in heads or EXPLOSIVES.at(lowers, start, clause.end) > end - start:
            continue  # "police station attack" names one target; "car bomb" names a weapon
        owned = start > clause.start and lowers[start - 1] in POSSESSIVE_PRONOUNS
        if owned and lowers[start] in OWNED_TARGETS:
            continue  # "a bomb at his home": the judge is the target
        kind = TARGET_TYPE[" ".join(lowers[start:end])]
        if _owned_by_attacker(article, start, candidate, kind) or _inside_a_name(article, start, end, kind):
            continue
        if _speaker(article, start, end, clause) or (
            kind == "transportation" and _driven(article, start, end, clause)
        ):
            continue
        acts = ATTACK_VERBS.at(lowers, end, clause.end) or KILL_VERBS.at(lowers, end, clause.end)
        if acts and article.tag(end) in FINITE_VERBS:
            continue
        led, hit = _target_position(article, start, end, candidate)
        distance = abs(start - candidate.trigger)
        if not hit or (not led and distance > MAX_TARGET_DISTANCE and kind not in PERSONAL_TARGETS):
            continue
        specific = lowers[end - 1] not in GENERIC_TARGETS
        rank = (kind not in PERSONAL_TARGETS, specific, led, -distance, -TARGET_RANK[kind])
        if best is None or rank > best[0]:
            best = (rank, Target(type=kind, name=_target_name(article, start, end, clause)))  # type: ignore[arg-type]
    if best is not None:
        candidate.fields.target = best[1]


# --- perpetrator and claim -------------------------------------------------------------------------

AGENT_LEAD = {"by"}
TARGET_LEAD = {"against", "on", "targeting", "targeted", "attacked", "attacks", "attack", "between", "and",
               "with", "to", "from", "within"}  # fmt: skip
MEMBERS = {"militants", "fighters", "gunmen", "rebels", "insurgents", "members", "jihadists", "guerrillas",
           "militiamen", "suicide", "bomber", "bombers", "attackers", "terrorists", "forces", "'s", "cell",
           "unit", "units", "operatives", "group", "militia", "extremists", "hitmen", "assassins",
           "commandos", "commando", "member", "fighter", "guerrilla", "terrorist", "militant", "squad",
           "squads"}  # fmt: skip
LOOK = 6
CLAIM_REACH = 10
APPOSITION_SPAN = 16
MEMBER_SPAN = 5


def _claims_after(article: Article, clause: Clause, end: int) -> bool:
    """A claim phrase after the name, with only other names or conjunctions between ("X and the
    Y Front claimed responsibility"); "claimed the lives of" is a toll, not a claim."""
    return any(_claim_follows(article, clause, k) for k in {end, _past_apposition(article, clause, end)})


def _claim_follows(article: Article, clause: Clause, end: int) -> bool:
    lowers = article.lowers
    if STATED_CLAIM_RE.match(article.span_text(end, clause.end).lower()):
        return True
    for k in range(end, min(clause.end, end + CLAIM_REACH)):
        if claim_at(lowers, k, clause.end):
            return True
        if article.tag(k).startswith("VB") and k - end >= LOOK:
            return False
    return False


def _past_apposition(article: Article, clause: Clause, end: int) -> int:
    """The token after an apposition that follows a name ("X, a dissident faction of Y, claimed")."""
    if end >= clause.end or article.lowers[end] != ",":
        return end
    closing = next(
        (k for k in range(end + 1, min(clause.end, end + APPOSITION_SPAN)) if article.lowers[k] == ","), None
    )
    return closing + 1 if closing is not None else end


def _claimed_by(article: Article, clause: Clause, start: int) -> bool:
    """ "claimed by the Islamic State group", "claimed by Yemen's Iran-aligned Houthi group"."""
    k = start - 1
    while (
        k > clause.start
        and start - k <= LOOK
        and (article.tag(k) in {"NNP", "NNPS", "JJ", "POS", "HYPH", "DT", "VBN"} or article.lowers[k] == "'s")
    ):
        k -= 1
    return k > clause.start and article.lowers[k - 1 : k + 1] in (["claimed", "by"], ["claim", "by"])


def _aside(article: Article, k: int) -> bool:
    """Brackets and what they hold right after a name: "Balochistan Liberation Army (BLA) militants"."""
    token = article.doc[k]
    return token.text in {"(", ")"} or (k > 0 and article.doc[k - 1].text == "(" and token.is_upper)


def _does_it(article: Article, clause: Clause, end: int) -> bool:
    """The name followed, past member words ("Boko Haram fighters"), by an attack or killing verb."""
    k = end
    while k < clause.end and k - end < MEMBER_SPAN and (article.lowers[k] in MEMBERS or _aside(article, k)):
        k += 1
    if k >= clause.end:
        return False
    return bool(
        ATTACK_VERBS.at(article.lowers, k, clause.end) or KILL_VERBS.at(article.lowers, k, clause.end)
    ) or (ATTACK_NOUNS.at(article.lowers, k, clause.end) > 0 and k == end)


def _members_act(article: Article, clause: Clause, start: int) -> bool:
    """The members before "from/of GROUP" are the clause's subject, not a target ("a raid on
    fighters of X"): no verb or target lead-in before them."""
    k = start - 1
    while k > clause.start and article.lowers[k] not in MEMBERS:
        k -= 1
    return not any(
        article.tag(j).startswith("VB") or article.lowers[j] in TARGET_LEAD_INS
        for j in range(clause.start, k)
    )


def _members_by(article: Article, clause: Clause, start: int) -> bool:
    """The members before "of/from GROUP" are the passive's agent: "kidnapped by guerrillas of X"."""
    k = start - 1
    while k > clause.start and article.lowers[k] in {"the", "a", "an", "of", "from"}:
        k -= 1
    while k > clause.start and article.lowers[k] in MEMBERS:
        k -= 1
    return article.lowers[k] in AGENT_LEAD


def _role(article: Article, candidate: Candidate, start: int, end: int) -> Role | None:
    lowers, clause = article.lowers, candidate.clause
    before = list(range(max(clause.start, start - LOOK), start))
    past = _past_apposition(article, clause, end)
    after = [*range(end, min(clause.end, end + LOOK)), *range(past, min(clause.end, past + LOOK))]
    if _claims_after(article, clause, end):
        return "claim"
    if _claimed_by(article, clause, start):
        return "claim"
    if any(ATTRIBUTIONS.at(lowers, k, clause.end) for k in [*before, *after]):
        return "attribution"
    near = [lowers[k] for k in before[-3:] if lowers[k] not in {"the", "a", "an"}]
    if near and near[-1] in AGENT_LEAD:
        return "agent"
    members_of = len(near) >= 2 and near[-1] in {"from", "of"} and near[-2] in MEMBERS
    if members_of and (_members_act(article, clause, start) or _members_by(article, clause, start)):
        return "agent"  # "Fighters from the Islamic State ... killed", "kidnapped by members of X"
    if near and near[-1] in TARGET_LEAD:
        return None
    return "agent" if _does_it(article, clause, end) else None


def _unknown_claimants(article: Article, candidate: Candidate) -> list[str]:
    """Organisations the gazetteer does not know that claim the attack ("A little-known group, the
    Special Task Agency of Burma, claimed responsibility")."""
    clause = candidate.clause
    known = article.actors_in(clause.start, clause.end)
    found = []
    for ent in article.ents_in(clause.start, clause.end):
        if ent.label_ != "ORG" or ent.end > clause.end:
            continue
        if any(m.start < ent.end_char and ent.start_char < m.end for m in known):
            continue
        end = ent.end
        if (
            article.lowers[end : end + 1] == ["of"]
            and end + 1 < clause.end
            and article.doc[end + 1].ent_type_
        ):
            end = next((k for k in range(end + 1, clause.end) if not article.doc[k].ent_type_), clause.end)
        k = end
        while k < clause.end and article.doc[k].is_punct:
            k += 1
        if k < clause.end and claim_at(article.lowers, k, clause.end) and k - end <= 2:
            found.append(_as_named(article, ent.start, end))
    return found or _described_claimants(article, clause)


def _as_named(article: Article, start: int, end: int) -> str:
    return article.span_text(start, end).removeprefix("the ").strip()


AGENT_HEADS = GROUP_HEADS | {"league"}


def _band_of_its_own(article: Article, ent: Span) -> bool:
    """An organisation named as a band ("... Front", "... League") with a word of its own besides
    a country or people ("Kanda Youth League"; not "the Nigerian Army")."""
    words = [t for t in ent if t.is_alpha]
    if not words or words[-1].lower_ not in AGENT_HEADS:
        return False
    return any(
        t.is_title
        and t.lower_ not in AGENT_HEADS
        and t.ent_type_ != "NORP"
        and country_code_of(t.text) is None
        and not t.is_stop
        and t.lower_ not in STATE_WORDS
        for t in words[:-1]
    )


BLAME_GAP = 2
"""Words between an attribution and the name it blames ("the work of the X Front")."""


def _unknown_blamed(article: Article, candidate: Candidate) -> list[tuple[str, Role]]:
    """Organisations the gazetteer does not know that the text blames ("believed to be the work of
    the Patani United Front (PUF)", "police blamed the Red Dawn Cell") or, named as a band with a
    name of its own, shows doing it ("activists of the Kanda Youth League attacked")."""
    clause, lowers = candidate.clause, article.lowers
    known = article.actors_in(clause.start, clause.end)
    found: list[tuple[str, Role]] = []
    for ent in article.ents_in(clause.start, clause.end):
        if ent.label_ != "ORG" or any(m.start < ent.end_char and ent.start_char < m.end for m in known):
            continue
        if _band_of_its_own(article, ent) and ent.end <= clause.end and _does_it(article, clause, ent.end):
            found.append((_as_named(article, ent.start, ent.end), "agent"))
            continue
        lead = range(max(clause.start, ent.start - BLAME_GAP - 4), ent.start)
        if any(
            (n := ATTRIBUTIONS.at(lowers, k, ent.start))
            and ent.start - (k + n) <= BLAME_GAP
            and all(w in {"the", "a", "an"} for w in lowers[k + n : ent.start])
            for k in lead
        ):
            found.append((_as_named(article, ent.start, ent.end), "attribution"))
    return found


def _description_start(article: Article, clause: Clause, head: int) -> int:
    """Where the description before a head noun starts ("left-wing extremists", "Baloch
    separatists"): up to three adjectives, proper words and nouns."""
    lowers, start = article.lowers, head
    while start > clause.start and head - start < MAX_CLAIMANT_MODIFIERS:
        tag = article.tag(start - 1)
        hyphenated = lowers[start] == "-" and not article.spaced_dash(start)  # "left" of "left-wing"
        if article.spaced_dash(start - 1) or not (
            hyphenated
            or tag in {"JJ", "NNP", "NNPS", "HYPH", "NN"}
            or article.doc[start - 1].ent_type_ == "NORP"
        ):
            break
        start -= 1
    return start


def _described_claimants(article: Article, clause: Clause) -> list[str]:
    """Claimants the text describes instead of naming: "left-wing extremists claimed
    responsibility", "a group of Baloch separatists claimed the attack" (kept as written, with
    their description: a bare "militants claimed" says nothing about who)."""
    lowers = article.lowers
    for k in range(clause.start + 1, clause.end):
        if not claim_at(lowers, k, clause.end) or lowers[k - 1] not in CLAIMANT_HEADS:
            continue
        start = _description_start(article, clause, k - 1)
        if start < k - 1:
            return [article.span_text(start, k)]
    return []


def _telling(article: Article, start: int, head: int) -> bool:
    """A description that says who: a people, creed or movement ("Fulani", "Islamist", "Maoist",
    "left-wing"), not a look ("armed", "unidentified", "suspected")."""
    return any(
        article.doc[k].ent_type_ == "NORP" or article.lowers[k] == "wing" or article.tag(k) in {"NNP", "NNPS"}
        for k in range(start, head)
    )


def _described_agents(article: Article, candidate: Candidate) -> list[tuple[str, Role]]:
    """Perpetrators the text describes by who they are instead of naming a group, as the doers
    ("Fulani militants attacked", "killed by Maoist rebels") or the blamed ("blamed on Baloch
    separatists"); kept as written."""
    clause, lowers = candidate.clause, article.lowers
    found: list[tuple[str, Role]] = []
    for head in range(clause.start + 1, clause.end):
        if lowers[head] not in DESCRIBED_GROUPS:
            continue
        start = _description_start(article, clause, head)
        while start < head and lowers[start] in HEDGES:
            start += 1  # "suspected Fulani extremists" are Fulani extremists
        if start == head or not _telling(article, start, head):
            continue
        after, before = head + 1, lowers[max(clause.start, start - LOOK) : start]
        acts = after < clause.end and (
            ATTACK_VERBS.at(lowers, after, clause.end) or KILL_VERBS.at(lowers, after, clause.end)
        )
        role = "agent" if acts or before[-1:] == ["by"] else None
        if role is None and any(ATTRIBUTIONS.at(lowers, k, start) for k in range(clause.start, start)):
            role = "attribution"
        if role is not None:
            found.append((article.span_text(start, head + 1), role))
    return found


CLAIMANT_HEADS = PERPETRATOR_HEADS | {
    "separatists", "anarchists", "nationalists", "radicals", "islamists", "activists", "dissidents",
    "loyalists", "republicans", "supremacists",
}  # fmt: skip
# Plural heads that describe a movement ("Fulani militants"); "a Palestinian gunman" is one attacker.
DESCRIBED_GROUPS = frozenset(h for h in CLAIMANT_HEADS if h.endswith("s") and h not in ATTACKER_NOUNS) | {
    "herdsmen", "tribesmen", "clansmen", "militiamen", "vigilantes",
}  # fmt: skip
HEDGES = PERPETRATOR_DESCRIPTIONS | {"alleged", "presumed", "presumably", "purported", "reported"}
MAX_CLAIMANT_MODIFIERS = 3
ANAPHORIC_GROUP_RE = re.compile(
    r"\b(?:the|this|that) (?:\w+ )?(?:organi[sz]ation|group|movement|militia|outfit)\b(?:'s)?(?: \w+){0,2} "
    r"(?:claimed|claims|has claimed|had claimed|took|said it)"
)
ANTECEDENT_REACH = 80
MODIFIER_SUFFIX_RE = re.compile(
    r"-(?:linked|affiliated|aligned|allied|backed|inspired|led|style|controlled)\b", re.I
)


def step_perpetrator(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """Armed groups named in the clause and their role: claimed it, did it, or was blamed for it.
    A claim by "the organization" or "the group" is the claim of the group last named before it;
    a claim by an organisation the gazetteer does not know keeps its name as written."""
    clause = candidate.clause
    text = clause_text(candidate, article)
    candidate.no_claim = bool(NO_CLAIM_RE.search(text))
    for match in article.actors_in(clause.start, clause.end):
        if _modifier(article, match):
            continue
        start = article.token_at_char(match.start)
        end = article.token_at_char(match.end - 1) + 1
        role = _role(article, candidate, start, end)
        if role is not None:
            candidate.actors.append((match.actor, match.surface, role))
    if any(role == "claim" for _, _, role in candidate.actors):
        return
    candidate.unknown_claimants = _unknown_claimants(article, candidate)
    if not candidate.unknown_claimants and ANAPHORIC_GROUP_RE.search(text):
        antecedent = _last_named_before(article, clause.end)
        if antecedent is not None:
            candidate.actors.append((antecedent.actor, antecedent.surface, "claim"))
    if not candidate.actors and not candidate.unknown_claimants:
        candidate.unlisted = _described_agents(article, candidate) or _unknown_blamed(article, candidate)


def _modifier(article: Article, match: ActorMatch) -> bool:
    """The name qualifies something else: "al-Qaeda-linked group", "ISIS-affiliated channels"."""
    return bool(MODIFIER_SUFFIX_RE.match(article.text, match.end))


def _last_named_before(article: Article, token: int) -> ActorMatch | None:
    """The group "the group" refers to: the last one named before, as a group rather than as a
    modifier when both are there."""
    limit = article.doc[min(token, len(article.doc) - 1)].idx
    floor = article.doc[max(0, token - ANTECEDENT_REACH)].idx
    named = [m for m in article.actors if floor <= m.start < limit]
    plain = [m for m in named if not _modifier(article, m)]
    return (plain or named)[-1] if named else None


# --- a toll implied by a series --------------------------------------------------------------------

SERIES_RE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|latest) (?:[\w-]+ ){0,3}(?:to be |to have been |)"
    r"(?:killed|assassinated|murdered|shot dead)\b"
)


def step_series_toll(candidate: Candidate, article: Article, _: list[Candidate]) -> None:
    """A series implies a toll: in "X is the second cleric to be killed ..., after the bombing of
    August 11", the recalled event killed at least one."""
    clause = candidate.clause
    if not clause.recalled or any(s.kind == "killed" for s in candidate.statements):
        return
    before = article.span_text(clause.sentence.start, clause.start).lower()
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
    step_perpetrator,
    step_place,
    step_target,
)


def build_candidates(article: Article, triggered: list[tuple[Clause, Trigger]]) -> list[Candidate]:
    """Run every step, in order, on each triggered clause; then settle namesakes across clauses."""
    built: list[Candidate] = []
    for clause, trigger in triggered:
        candidate = Candidate(clause, trigger.index, trigger.kind, trigger.statements, trigger.definite)
        for step in CANDIDATE_STEPS:
            article.attempt(step, candidate, article, built)
        built.append(candidate)
    article.attempt(settle_namesakes, built, article)
    return built
