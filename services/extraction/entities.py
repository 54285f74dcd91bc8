"""The entities of a batch of tagged documents, one per real-world thing.

spaCy's spans are a starting point, not the answer: it splits names at hyphens
("Mazar" of Mazar-i-Sharif), stops short of a final surname, labels people as
places ("Muttaqi" as GPE) and misses armed groups. So armed groups and known
organisations come from the gazetteer scan, spans are repaired, a one-word span
that is a surname of a person named in the batch becomes that person, places
are resolved with the countries the article is about, and every label's
mentions are grouped under one canonical name (people across the whole batch).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from services.extraction.actors import ActorMatch, resolve_organisation
from services.extraction.dates import ResolvedDate, infer_published, resolve_date
from services.extraction.group_names import find_groups
from services.extraction.people import clean_person_name, resolve_people
from services.extraction.places import countries_in, country_code_of, place_key, resolve_place
from services.extraction.word_class import guess_tag
from services.schema import Entity, Location

PLACE_LABELS = frozenset({"GPE", "LOC"})
MAYBE_PERSON_LABELS = frozenset({"GPE", "LOC", "ORG", "NORP"})
HYPHEN_TAIL_RE = re.compile(r"(?:-[^\W\d_][\w']*)+")
JUNK_ORG_RE = re.compile(
    r"^(?:[A-Z]{1,2}|GMT|UTC|[ECMP][SD]T|CET|IST|PKT|(?:pro|anti|ex|non)-.*|\W.*|.*\d.*)$"
)
LEADING_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
POSSESSIVE_RE = re.compile(r"['’]s?$")


@dataclass
class DocumentEntities:
    """What the entity layer learned about one document, for the event rules to reuse."""

    entities: list[Entity]
    published: date | None
    countries: list[str]
    actors: list[ActorMatch]
    people: dict[str, str] = field(default_factory=dict)
    places: dict[tuple[int, int], Location] = field(default_factory=dict)
    dates: dict[tuple[int, int], ResolvedDate] = field(default_factory=dict)


@dataclass
class _Mention:
    label: str
    start: int
    end: int
    surface: str
    key: str = ""


def _clean(text: str) -> str:
    return POSSESSIVE_RE.sub("", LEADING_ARTICLE_RE.sub("", " ".join(text.split()))).strip(" ,.;:\"'“”‘’()")


def _repaired(span: Span, text: str) -> tuple[int, int]:
    """Character bounds with a hyphenated tail ("Mazar" + "-i-Sharif") and a final surname added."""
    doc, start, end = span.doc, span.start_char, span.end_char
    tail = HYPHEN_TAIL_RE.match(text, end)
    if tail:
        end = tail.end()
    if span.label_ == "PERSON" and span.end < len(doc):
        nxt = doc[span.end]
        if nxt.idx >= end and nxt.is_title and not nxt.ent_type_ and guess_tag(nxt) == "NNP":
            end = nxt.idx + len(nxt.text)
    return start, end


def _overlaps(start: int, end: int, spans: Sequence[ActorMatch]) -> bool:
    return any(m.start < end and start < m.end for m in spans)


def _spacy_mentions(doc: Doc, text: str, actors: Sequence[ActorMatch]) -> list[_Mention]:
    """spaCy's spans worth keeping (``text`` is ``doc.text``, which spaCy rebuilds on every access)."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in MAYBE_PERSON_LABELS | {"PERSON", "DATE"}:
            continue
        start, end = _repaired(ent, text) if ent.label_ != "DATE" else (ent.start_char, ent.end_char)
        if ent.label_ != "DATE" and _overlaps(start, end, actors):
            continue
        previous = mentions[-1] if mentions else None
        if previous and previous.label == ent.label_ == "PERSON" and text[previous.end : start] == " ":
            previous.end, previous.surface = end, text[previous.start : end]
            continue
        mentions.append(_Mention(ent.label_, start, end, text[start:end]))
    return mentions


def _surnames(names: Sequence[str]) -> set[str]:
    words = set()
    for name in names:
        cleaned = clean_person_name(name)
        if cleaned and len(cleaned.split()) >= 2:
            words.add(cleaned.split()[-1].lower())
    return words


def analyse_entities(
    docs: Sequence[Doc], published: Sequence[date | None] | None = None
) -> list[DocumentEntities]:
    """Entities of each document; ``published`` (per document) anchors relative dates.

    Without a publication date one is inferred from the text where it dates
    itself (:func:`services.extraction.dates.infer_published`).
    """
    texts = [doc.text for doc in docs]
    dates_published = list(published) if published is not None else [None] * len(docs)
    dates_published = [p or infer_published(text) for p, text in zip(dates_published, texts, strict=True)]
    actors_by_doc = [find_groups(text, include_organisations=True) for text in texts]
    raw_by_doc = [
        _spacy_mentions(doc, text, actors)
        for doc, text, actors in zip(docs, texts, actors_by_doc, strict=True)
    ]
    surnames = _surnames([m.surface for raw in raw_by_doc for m in raw if m.label == "PERSON"])

    for raw in raw_by_doc:
        for m in raw:
            if m.label in MAYBE_PERSON_LABELS and _clean(m.surface).lower() in surnames:
                m.label = "PERSON"
    people_maps = resolve_people([[m.surface for m in raw if m.label == "PERSON"] for raw in raw_by_doc])

    results = []
    batch = zip(docs, texts, actors_by_doc, raw_by_doc, people_maps, dates_published, strict=True)
    for doc, text, actors, raw, people, day in batch:
        countries = countries_in(doc)
        result = DocumentEntities([], day, countries, [m for m in actors if m.actor.armed], people)
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for match in actors:
            groups[("ORG", match.actor.root)].append(match.surface)
        for m in raw:
            key = _classify(m, text, people, countries, day, result)
            if key is not None:
                groups[key].append(m.surface)
        result.entities = _entities(groups)
        results.append(result)
    _unify_place_names(results)
    return results


def _classify(
    m: _Mention,
    text: str,
    people: dict[str, str],
    countries: list[str],
    day: date | None,
    out: DocumentEntities,
) -> tuple[str, str] | None:
    """The (label, canonical) a spaCy mention belongs to, or None for junk."""
    if m.label == "PERSON":
        name = people.get(m.surface)
        return ("PERSON", name) if name else None
    if m.label == "DATE":
        resolved = resolve_date(m.surface, day, text)
        if resolved is None:
            return None
        out.dates[(m.start, m.end)] = resolved
        return ("DATE", resolved.value)
    cleaned = _clean(m.surface)
    if not cleaned:
        return None
    if m.label == "ORG":
        organisation = resolve_organisation(cleaned, strict=True)
        if organisation is not None:
            return ("ORG", organisation.root)
        if country_code_of(cleaned) is None and resolve_place(cleaned).precision not in ("country", "city"):
            return None if JUNK_ORG_RE.match(cleaned) else ("ORG", cleaned)
    if m.label == "NORP":
        return None
    location = resolve_place(cleaned, countries)
    if location.precision is None:
        words = cleaned.split()
        qualified = len(words) > 1 and country_code_of(words[0]) is not None
        return ("GPE", cleaned) if m.label == "GPE" and cleaned[:1].isupper() and not qualified else None
    out.places[(m.start, m.end)] = location
    return ("GPE", _place_name(location))


def _place_name(location: Location) -> str:
    return location.city or location.admin2 or location.admin1 or location.country or location.name or ""


def _entities(groups: dict[tuple[str, str], list[str]]) -> list[Entity]:
    entities = [
        Entity(label=label, canonical=canonical, mentions=list(dict.fromkeys(surfaces)), count=len(surfaces))  # type: ignore[arg-type]
        for (label, canonical), surfaces in groups.items()
    ]
    return sorted(entities, key=lambda e: -e.count)


def _unify_place_names(results: list[DocumentEntities]) -> None:
    """One spelling per city across the batch: the most used one ("Kiev" and "Kyiv" are one place)."""
    spellings: dict[tuple[float | None, float | None], Counter[str]] = defaultdict(Counter)
    for result in results:
        for location in result.places.values():
            if location.city:
                spellings[(location.lat, location.lon)][location.city] += 1
    chosen = {coords: counter.most_common(1)[0][0] for coords, counter in spellings.items()}
    renamed = {
        place_key(city): chosen[coords]
        for coords, counter in spellings.items()
        for city in counter
        if city != chosen[coords]
    }
    if not renamed:
        return
    for result in results:
        merged: dict[tuple[str, str], Entity] = {}
        for entity in result.entities:
            canonical = (
                renamed.get(place_key(entity.canonical), entity.canonical) if entity.label == "GPE" else None
            )
            key = (entity.label, canonical or entity.canonical)
            if key in merged:
                existing = merged[key]
                existing.mentions = list(dict.fromkeys(existing.mentions + entity.mentions))
                existing.count += entity.count
            else:
                merged[key] = entity.model_copy(update={"canonical": key[1]})
        result.entities = sorted(merged.values(), key=lambda e: -e.count)


def collect_entities(
    docs: Sequence[Doc], published: Sequence[date | None] | None = None
) -> list[list[Entity]]:
    """Per document, its entities (PERSON, ORG, GPE, DATE) with every mention grouped."""
    return [result.entities for result in analyse_entities(docs, published)]
