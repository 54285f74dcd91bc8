"""Short reports from many countries, attack types and phrasings, checked field by field.

Each ``tests/reports/NAME.txt`` goes through the extract command's path (clean, analyse, merge);
``NAME.json`` holds the publication date and the expected incidents, in the seed gold's value
conventions (a list accepts any of its values, ``{min, max}`` a range for the best figure,
``{value, min, max}`` the whole hedged figure). Only the fields listed are scored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.eval_seeds import score_incidents
from services.cleaning.payload import clean_payload
from services.extraction.analyse import analyse
from services.merging import merge_documents
from services.pipeline.extract import to_document
from services.schema import Incident

REPORTS = Path(__file__).parent / "reports"
NAMES = sorted(p.stem for p in REPORTS.glob("*.txt"))


def _expected(name: str) -> dict[str, Any]:
    return json.loads((REPORTS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def extracted(nlp: object) -> dict[str, list[Incident]]:
    """Every report analysed in one batch, merged per report."""
    documents = [
        to_document(
            name,
            clean_payload("text", (REPORTS / f"{name}.txt").read_text(encoding="utf-8")),
            published=_expected(name)["published"],
        )
        for name in NAMES
    ]
    return {d.id: merge_documents([d]) for d in analyse(documents)}


def test_enough_varied_reports() -> None:
    countries = {i.get("country_code") for n in NAMES for i in _expected(n)["incidents"]}
    assert len(NAMES) >= 40 and len(countries) >= 25


@pytest.mark.parametrize("name", NAMES)
def test_report(name: str, extracted: dict[str, list[Incident]]) -> None:
    expected = _expected(name)
    found = extracted[name]
    gold = [
        {"key": f"{name}#{i}", "sources": [name], **incident}
        for i, incident in enumerate(expected["incidents"])
    ]
    problems = [
        f"{r.key}: not found"
        if r.matched is None
        else f"{r.key}.{f.name}: expected {f.expected!r}, found {f.found!r}"
        for r in score_incidents(gold, found)
        for f in (r.fields if r.matched is not None else [None])  # type: ignore[list-item]
        if f is None or not f.ok
    ]
    if "incident_count" in expected and len(found) != expected["incident_count"]:
        problems.append(
            f"{len(found)} incidents, expected {expected['incident_count']}: {[i.summary for i in found]}"
        )
    assert not problems, "\n".join(problems)
