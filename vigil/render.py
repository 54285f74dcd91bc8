"""Incidents for people (a table) and for other programs (JSON, CSV, GeoJSON)."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from services.schema import Figure, Incident

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A table piped to a file or a test is read at the width of a wide terminal.
PIPED_WIDTH = 120
CSV_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "event_type",
    "attack_subtype",
    "success",
    "suicide",
    "country_code",
    "country",
    "admin1",
    "admin2",
    "city",
    "lat",
    "lon",
    "specificity",
    "perpetrator",
    "attackers",
    "claimed",
    "target_type",
    "target_name",
    "weapon_types",
    "weapons",
    "victims",
    "killed",
    "killed_min",
    "killed_max",
    "perpetrators_killed",
    "wounded",
    "wounded_min",
    "wounded_max",
    "primary",
    "sources",
    "source_urls",
    "summary",
)


def figure_text(figure: Figure) -> str:
    if figure.value is not None:
        return str(figure.value)
    if figure.min is not None or figure.max is not None:
        return (
            f"{figure.min if figure.min is not None else '?'}-{figure.max if figure.max is not None else '?'}"
        )
    return ""


def place_text(incident: Incident) -> str:
    location = incident.location
    parts = [location.city or location.admin2 or location.name, location.country]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def incidents_table(incidents: Sequence[Incident]) -> Table:
    """A few lines per incident, so that at 80 columns every value is whole: each column's
    header names its lines (the id, to ask the API for the sources, then the date and the
    source count; the type, then the weapons; ...). Only place, target and perpetrator wrap."""
    table = Table(title=f"{len(incidents)} incidents", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("incident\ndate, sources", no_wrap=True)
    table.add_column("type\nweapons", no_wrap=True)
    table.add_column("place\ntarget", overflow="fold", ratio=1)
    table.add_column("perpetrator\nclaimed", overflow="fold", ratio=1)
    table.add_column("killed\nwounded", no_wrap=True, justify="right")
    for incident in incidents:
        sources = f"{len(incident.sources)} source{'s' if len(incident.sources) != 1 else ''}"
        table.add_row(
            _lines(
                incident.id, incident.date or "undated", sources + (", primary" if incident.primary else "")
            ),
            _lines(incident.event_type, *incident.weapon_types),
            _lines(place_text(incident), target_text(incident)),
            _lines(
                incident.perpetrator.name if incident.perpetrator else "", CLAIMED.get(incident.claimed, "")
            ),
            _lines(figure_text(incident.killed), figure_text(incident.wounded)),
        )
    return table


CLAIMED = {True: "claimed", False: "not claimed"}


def _lines(*parts: str) -> Text:
    """A cell of one line per part, an unknown one left blank so that each line stays under its
    header; plain text, so names are never read as markup."""
    return Text("\n".join(parts).rstrip("\n"))


def target_text(incident: Incident) -> str:
    target = incident.target
    if target.name:
        return f"{target.type}: {target.name}" if target.type != "unknown" else target.name
    return target.type if target.type != "unknown" else ""


def cell_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: a string starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return would be run as a formula (``=HYPERLINK(...)``,
    ``+cmd|...``), so it gets a leading ``'``, which spreadsheets read as "text follows".
    Strings come from clients (their own ids) and from article text; numbers are ours and pass as
    they are, and booleans are written ``true``/``false`` as JSON and most tools read them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(columns: Sequence[str], rows: Iterable[dict[str, object]]) -> Iterator[str]:
    """Every CSV Vigil writes goes through here, so every cell passes ``cell_safe``; one piece
    per row, so that an export streams."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({name: cell_safe(value) for name, value in row.items()})
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def write_csv(columns: Sequence[str], rows: Iterable[dict[str, object]]) -> str:
    return "".join(csv_lines(columns, rows))


def incidents_csv(incidents: Sequence[Incident]) -> str:
    return write_csv(CSV_COLUMNS, (csv_row(incident) for incident in incidents))


def csv_row(incident: Incident) -> dict[str, object]:
    """The flat fields of an incident, as they are (GeoJSON properties use them raw too);
    ``write_csv`` makes them safe for spreadsheets."""
    location = incident.location
    return {
        "id": incident.id,
        "date": incident.date,
        "date_precision": incident.date_precision,
        "event_type": incident.event_type,
        "attack_subtype": incident.attack_subtype,
        "success": incident.success,
        "suicide": incident.suicide,
        "country_code": location.country_code,
        "country": location.country,
        "admin1": location.admin1,
        "admin2": location.admin2,
        "city": location.city,
        "lat": location.lat,
        "lon": location.lon,
        "specificity": location.specificity,
        "perpetrator": incident.perpetrator.name if incident.perpetrator else None,
        "attackers": ";".join(incident.attackers),
        "claimed": incident.claimed,
        "target_type": incident.target.type,
        "target_name": incident.target.name,
        "weapon_types": ";".join(incident.weapon_types),
        "weapons": ";".join(incident.weapons),
        "victims": ";".join(f"{v.name} ({v.fate})" for v in incident.victims),
        "killed": incident.killed.value,
        "killed_min": incident.killed.min,
        "killed_max": incident.killed.max,
        "perpetrators_killed": incident.perpetrators_killed.value,
        "wounded": incident.wounded.value,
        "wounded_min": incident.wounded.min,
        "wounded_max": incident.wounded.max,
        "primary": incident.primary,
        "sources": ";".join(s.document_id for s in incident.sources),
        "source_urls": ";".join(s.url for s in incident.sources if s.url),
        "summary": incident.summary,
    }


def incidents_json(incidents: Sequence[Incident]) -> str:
    return json.dumps(
        {"incidents": [i.model_dump(mode="json") for i in incidents]}, indent=2, ensure_ascii=False
    )


def incidents_geojson(incidents: Sequence[Incident]) -> str:
    """A FeatureCollection that opens in QGIS or kepler.gl: the CSV columns as flat
    properties, a point where the place is known and a null geometry where it is not."""
    features = [geojson_feature(incident) for incident in incidents]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def geojson_feature(incident: Incident) -> dict[str, object]:
    location = incident.location
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": (
            {"type": "Point", "coordinates": [location.lon, location.lat]}
            if location.lat is not None and location.lon is not None
            else None
        ),
        "properties": csv_row(incident),
    }


def print_incidents(incidents: Sequence[Incident], fmt: str, console: Console | None = None) -> None:
    # Rich reads COLUMNS itself when no width is given: a terminal's width, or one set on purpose.
    wide = sys.stdout.isatty() or "COLUMNS" in os.environ
    console = console or Console(width=None if wide else PIPED_WIDTH)
    if fmt == "table":
        console.print(incidents_table(incidents))
    else:
        print(incidents_csv(incidents) if fmt == "csv" else incidents_json(incidents), end="")
