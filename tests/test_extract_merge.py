"""`vigil extract` merges as the store does: the report's publication day bounds the window of an
undated mention, so reports months apart stay separate incidents however alike they read."""

from __future__ import annotations

import pytest

from services.pipeline.extract import extract
from services.schema import Document

REPORTS = [
    (
        "A roadside bomb exploded near a police vehicle in Kandahar, Afghanistan, killing two policemen. "
        "The Taliban claimed responsibility.",
        "A bomb hidden at the roadside went off beside a police car in Kandahar city, Afghanistan, killing "
        "two officers. The Taliban claimed the attack.",
    ),
    (
        "Gunmen from Boko Haram attacked a church in Maiduguri, Nigeria, and killed three worshippers.",
        "Three worshippers were killed when Boko Haram gunmen opened fire on a church in Maiduguri, Nigeria.",
    ),
]


@pytest.mark.parametrize(("first", "second"), REPORTS)
def test_undated_reports_months_apart_stay_apart(first: str, second: str) -> None:
    result = extract(
        [
            Document(id="jan", text=first, published="2021-01-10"),
            Document(id="mar", text=second, published="2021-03-25"),
        ]
    )
    assert sorted(len(i.sources) for i in result.incidents) == [1, 1]


@pytest.mark.parametrize(("first", "second"), REPORTS)
def test_undated_reports_a_day_apart_merge(first: str, second: str) -> None:
    result = extract(
        [
            Document(id="one", text=first, published="2021-01-10"),
            Document(id="two", text=second, published="2021-01-11"),
        ]
    )
    assert [sorted(s.document_id for s in i.sources) for i in result.incidents] == [["one", "two"]]
