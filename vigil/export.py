"""Every matching incident as one stream of text, in any export format, for `vigil export` and
``GET /v1/incidents:export`` alike. Pieces are yielded one incident at a time from an iterator
of incidents, so nothing here holds more than one incident."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from services.exports import ExportFormat
from services.exports.acled import ACLED_COLUMNS, acled_row
from services.exports.gtd import GTD_COLUMNS, gtd_row
from services.schema import Incident
from vigil.render import CSV_COLUMNS, csv_lines, csv_row, geojson_feature

MEDIA_TYPES: dict[ExportFormat, str] = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "gtd": "text/csv; charset=utf-8",
    "acled": "text/csv; charset=utf-8",
}
FILE_NAMES: dict[ExportFormat, str] = {
    "json": "incidents.json",
    "csv": "incidents.csv",
    "geojson": "incidents.geojson",
    "gtd": "incidents-gtd.csv",
    "acled": "incidents-acled.csv",
}
TABLES: dict[ExportFormat, tuple[tuple[str, ...], Callable[[Incident], dict[str, object]]]] = {
    "csv": (CSV_COLUMNS, csv_row),
    "gtd": (GTD_COLUMNS, gtd_row),
    "acled": (ACLED_COLUMNS, acled_row),
}


def export_chunks(fmt: ExportFormat, incidents: Iterable[Incident]) -> Iterator[str]:
    """The whole export as pieces of text: a CSV row, or one JSON incident or feature."""
    if fmt in TABLES:
        columns, row = TABLES[fmt]
        return csv_lines(columns, (row(incident) for incident in incidents))
    if fmt == "geojson":
        items = (geojson_feature(incident) for incident in incidents)
        return _json_array('{"type": "FeatureCollection", "features": [', items)
    return _json_array('{"incidents": [', (i.model_dump(mode="json") for i in incidents))


def _json_array(opening: str, items: Iterable[object]) -> Iterator[str]:
    """``opening``, the items one per line, and the closing brackets: valid JSON once whole."""
    yield opening
    separator = "\n"
    for item in items:
        yield separator + json.dumps(item, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"
