"""DATE spans resolved against the publication date, with their precision kept."""

from __future__ import annotations

from datetime import date

import pytest

from services.extraction.dates import ResolvedDate, infer_published, resolve_date, year_for_weekday

MON_5_SEP = date(2022, 9, 5)
WED_7_SEP = date(2022, 9, 7)
MON_5_DEC = date(2022, 12, 5)
THU_2_JAN = date(2025, 1, 2)


@pytest.mark.parametrize(
    ("span", "published", "value", "precision"),
    [
        ("Friday", MON_5_DEC, "2022-12-02", "day"),
        ("on Friday", MON_5_SEP, "2022-09-02", "day"),
        ("Monday", MON_5_SEP, "2022-09-05", "day"),
        ("last Monday", MON_5_SEP, "2022-08-29", "day"),
        ("Tuesday", WED_7_SEP, "2022-09-06", "day"),
        ("Monday morning", WED_7_SEP, "2022-09-05", "day"),
        ("next Friday", WED_7_SEP, "2022-09-09", "day"),
        ("Sunday, December 4, 2022", MON_5_DEC, "2022-12-04", "day"),
        ("5 September", MON_5_DEC, "2022-09-05", "day"),
        ("September 5", MON_5_DEC, "2022-09-05", "day"),
        ("Dec. 4", MON_5_DEC, "2022-12-04", "day"),
        ("the 4th of December", MON_5_DEC, "2022-12-04", "day"),
        ("August 11", WED_7_SEP, "2022-08-11", "day"),
        ("December 30", THU_2_JAN, "2024-12-30", "day"),
        ("August 15, 2021", WED_7_SEP, "2021-08-15", "day"),
        ("15 August 2021", None, "2021-08-15", "day"),
        ("2022-12-05", None, "2022-12-05", "day"),
        ("yesterday", WED_7_SEP, "2022-09-06", "day"),
        ("two days ago", WED_7_SEP, "2022-09-05", "day"),
        ("October 2021", MON_5_DEC, "2021-10", "month"),
        ("September", MON_5_DEC, "2022-09", "month"),
        ("early August", WED_7_SEP, "2022-08", "month"),
        ("the end of April", WED_7_SEP, "2022-04", "month"),
        ("November", WED_7_SEP, "2021-11", "month"),
        ("August of last year", WED_7_SEP, "2021-08", "month"),
        ("last month", WED_7_SEP, "2022-08", "month"),
        ("August 2021", None, "2021-08", "month"),
        ("this year", WED_7_SEP, "2022", "year"),
        ("last year", WED_7_SEP, "2021", "year"),
        ("2019", None, "2019", "year"),
        ("mid-2021", None, "2021", "year"),
        ("12/05/2022", None, "2022-12-05", "day"),
    ],
)
def test_resolve_date(span: str, published: date | None, value: str, precision: str) -> None:
    assert resolve_date(span, published) == ResolvedDate(value, precision)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "span",
    [
        "Two days",
        "the past months",
        "recent months",
        "less than a month",
        "the same month",
        "the same day",
        "a few days",
        "the past 24 hours",
        "the holy month of Ramadan",
        "the 1990s",
        "",
        "last week",
    ],
)
def test_durations_and_vague_spans_give_nothing(span: str) -> None:
    assert resolve_date(span, WED_7_SEP) is None


@pytest.mark.parametrize("span", ["Friday", "on Monday", "September 5", "last year", "early August"])
def test_relative_spans_need_a_publication_date(span: str) -> None:
    assert resolve_date(span, None) is None


@pytest.mark.parametrize(
    ("span", "context", "value"),
    [
        ("Monday September 5", "since August 15, 2021", "2022-09-05"),
        ("Monday September 5", "elections of 2020", "2022-09-05"),
        ("Friday, March 13", "in 2015 and 2019", "2020-03-13"),
        ("Tuesday 11 September", "the 2001 attacks", "2001-09-11"),
    ],
)
def test_weekday_fixes_the_year_without_publication_date(span: str, context: str, value: str) -> None:
    resolved = resolve_date(span, None, context)
    assert resolved is not None and resolved.value == value and resolved.precision == "day"


def test_year_for_weekday_prefers_the_year_after_the_text_years() -> None:
    assert year_for_weekday(9, 5, 0, [2021], date(2030, 1, 1)) == 2022
    assert year_for_weekday(9, 5, 0, [], date(2023, 1, 1)) == 2022
    assert year_for_weekday(2, 30, 0, [2021], date(2030, 1, 1)) is None


def test_resolved_date_start() -> None:
    assert ResolvedDate("2022-09", "month").start == date(2022, 9, 1)
    assert ResolvedDate("2021", "year").start == date(2021, 1, 1)
    assert ResolvedDate.of(date(2022, 9, 5), "month").value == "2022-09"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (" date 2022-12-05 A statement broadcast on Sunday said ...", date(2022, 12, 5)),
        ("Published: March 3, 2021\nGunmen attacked ...", date(2021, 3, 3)),
        ("Updated 14 July 2019 Police said ...", date(2019, 7, 14)),
        ("Tuesday, 8 June 2021 - Officials said ...", date(2021, 6, 8)),
        (
            "Headline\n\nTwo days after the suicide attack perpetrated on Monday September 5, the "
            "tension was palpable. Since August 15, 2021, the Taliban rule.",
            date(2022, 9, 7),
        ),
        (
            "A week after the bombing of Sunday, April 21, 2019 in Colombo, churches stayed shut.",
            date(2019, 4, 28),
        ),
        ("The day after the March 15, 2019 shootings, the city mourned.", date(2019, 3, 16)),
        ("Gunmen killed six people on Monday in Kabul.", None),
        ("Clashes erupted in August 2021 and again in 2022.", None),
        ("", None),
    ],
)
def test_infer_published(text: str, published: date | None) -> None:
    assert infer_published(text) == published


def test_infer_published_reads_only_the_opening() -> None:
    text = "Gunmen attacked a bus.\n" + "Filler sentence. " * 60 + "date 2020-01-01"
    assert infer_published(text) is None
