"""Choosing and producing the response format of incident reads: JSON (SCHEMA.md),
CSV, or GeoJSON, by ``?format=`` or else by the Accept header."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, get_args

from fastapi import Response

from services.schema import Incident
from vigil.api.models import Format
from vigil.export import MEDIA_TYPES as EXPORT_MEDIA_TYPES
from vigil.render import incidents_csv, incidents_geojson

MEDIA_TYPES: dict[Format, str] = {fmt: EXPORT_MEDIA_TYPES[fmt] for fmt in get_args(Format)}
OPENAPI_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/geo+json": {"schema": {"type": "object"}},
        }
    }
}
EXPORT_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/geo+json": {"schema": {"type": "object"}},
        }
    }
}


def negotiate(requested: Format | None, accept: str | None) -> Format:
    """``requested`` wins; otherwise the supported media range with the highest q in
    Accept (ties go to the earlier one), and JSON when none is supported."""
    if requested:
        return requested
    chosen: Format = "json"
    chosen_quality = 0.0
    for media_range in (accept or "").split(","):
        media, _, params = media_range.partition(";")
        fmt = next((f for f, t in MEDIA_TYPES.items() if t.split(";")[0] == media.strip().lower()), None)
        quality = _quality(params)
        if fmt is not None and quality > chosen_quality:
            chosen, chosen_quality = fmt, quality
    return chosen


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def incidents_response(
    fmt: Format, incidents: Sequence[Incident], json_body: str, headers: dict[str, str] | None = None
) -> Response:
    """``json_body`` is the JSON envelope the caller built (a page or one incident)."""
    if fmt == "csv":
        body = incidents_csv(incidents)
    elif fmt == "geojson":
        body = incidents_geojson(incidents)
    else:
        body = json_body
    return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)
