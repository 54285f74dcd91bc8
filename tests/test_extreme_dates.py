"""Dates at the ends of the calendar: a publication date of 0001-01-01 or 9999-12-31, "3000 years
ago", "99999999999 days ago". Arithmetic that leaves the calendar means "no date", never an
exception (which the stages would retry to the attempt cap, and which would end `vigil extract`)."""

from __future__ import annotations

from datetime import date

import pytest

from services.extraction.dates import infer_published, resolve_date
from services.merging import blocking_window, dates_compatible
from services.schema import EventFields

FIRST, LAST = date(1, 1, 1), date(9999, 12, 31)
SPANS = [
    "yesterday",
    "today",
    "Monday",
    "last Monday",
    "next Friday",
    "on Friday",
    "last month",
    "this month",
    "last year",
    "this year",
    "November",
    "December 30",
    "August of last year",
    "two days ago",
    "3 weeks ago",
    "13 months ago",
    "3000 years ago",
    "99999999999 days ago",
    "99999999999 weeks ago",
    "99999999999 months ago",
    "99999999999 years ago",
    "the day after tomorrow",
    "9999-12-31",
    "0001-01-01",
]


@pytest.mark.parametrize("published", [FIRST, LAST, date(2022, 9, 7)], ids=str)
@pytest.mark.parametrize("span", SPANS)
def test_extreme_dates_resolve_or_give_nothing(span: str, published: date) -> None:
    resolved = resolve_date(span, published)
    if resolved is not None:
        assert FIRST <= resolved.start <= LAST


def test_far_relative_dates_are_no_date() -> None:
    today = date(2022, 9, 7)
    assert resolve_date("3000 years ago", today) is None
    assert resolve_date("99999999999 days ago", today) is None
    assert resolve_date("yesterday", FIRST) is None
    assert resolve_date("next Friday", LAST) is None
    assert resolve_date("two days ago", today) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Published December 31, 9999. Gunmen attacked a village.",
        "Two days after the attack on Friday December 31, 9999, officials said.",
        "99999999999 days after the attack on Monday September 5, 2022, officials said.",
        "The day after the raid on Friday December 31 9999 the town was quiet.",
    ],
)
def test_inferred_publication_dates_stay_in_the_calendar(text: str) -> None:
    found = infer_published(text)
    assert found is None or FIRST <= found <= LAST


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "0001", "9999", "9999-12", "0001-01"])
def test_merging_windows_at_the_ends_of_the_calendar(day: str) -> None:
    fields = EventFields(event_type="bombing", date=day, date_precision="day" if len(day) == 10 else "year")
    undated = EventFields(event_type="bombing", date_text="December 31")
    _, start, end = blocking_window(fields, day)
    assert start <= end
    _, start, end = blocking_window(undated, day if len(day) == 10 else None)
    assert start <= end
    assert dates_compatible(fields, fields)
    assert dates_compatible(fields, undated) in (True, False)
