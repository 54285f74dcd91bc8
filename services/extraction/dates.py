"""Dates of events, resolved from the DATE spans the tagger found.

News gives dates relative to the day it was written ("on Friday", "last
year", "September 5"), so each span is resolved against the publication date,
keeping only as much precision as the words carry ("October 2021" is a month,
not the 1st of October). The common shapes are parsed directly; the rest go to
dateparser, whose parser is built once per reference date and whose answers
are cached, since it is slow and never run over a whole text.

With no publication date, a weekday written next to a day and month
("Monday September 5") fixes the year: the year near the others the text
mentions in which that day falls on that weekday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser

Precision = Literal["day", "month", "year"]

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
         ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]
    )
    for name in names
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "several": 3,
}  # fmt: skip
TOKEN_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d+(?:st|nd|rd|th)?|[a-z]+")
ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
AGO_RE = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago\b"
)
DURATION_RE = re.compile(
    r"^(?:the\s+)?(?:(?:past|last|next|first|previous|coming|recent)\s+)?(?:(?:\d+|a|an|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|several|few|a few|many|some|less than a|more than a|nearly a|over a)\s+"
    r"(?:hours?|days?|weeks?|months?|years?|decades?)|hours|days|weeks|months|years|decades)$"
)
NUMERIC_DATE_RE = re.compile(r"\d[/.]\d")
DECADE_RE = re.compile(r"\d0'?s\b")
VAGUE_WORDS = frozenset(
    {"same", "recent", "coming", "previous", "following", "that", "those", "these", "weekend"}
)
PERIOD_LABELS = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}
DIGIT_OR_NAME_RE = re.compile(
    r"\d|\b(?:" + "|".join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True)) + r")\b"
)
YEAR_SEARCH_SPAN = 6


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A calendar date as precise as the text: "2022-09-05", "2022-09" or "2022"."""

    value: str
    precision: Precision

    @property
    def start(self) -> date:
        """The first day the date covers."""
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])

    @classmethod
    def of(cls, day: date, precision: Precision = "day") -> ResolvedDate:
        value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]
        return cls(value, precision)


def _day(year: int, month: int, day: int) -> date | None:
    """The calendar day, or None when there is none (February 30th, year 0, year 10000)."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _shift(day: date | None, days: int) -> date | None:
    """``day`` moved by ``days``, or None past either end of the calendar: "99999999999 days ago"
    or "yesterday" of 0001-01-01 is no date, not an error."""
    try:
        return day + timedelta(days=days) if day is not None else None
    except OverflowError:
        return None


def _of(day: date | None, precision: Precision = "day") -> ResolvedDate | None:
    return ResolvedDate.of(day, precision) if day is not None else None


def _years_in(text: str) -> list[int]:
    return [int(y) for y in YEAR_RE.findall(text)]


def year_for_weekday(month: int, day: int, weekday: int, context_years: list[int], today: date) -> int | None:
    """The year in which month/day falls on weekday: nearest after the latest year the text names,
    else the most recent past one."""
    if context_years:
        anchor = max(context_years)
        candidates = [anchor + k for k in range(-YEAR_SEARCH_SPAN, YEAR_SEARCH_SPAN + 1)]
        candidates.sort(key=lambda y: (y < anchor, abs(y - anchor)))
    else:
        candidates = list(range(today.year, today.year - 2 * YEAR_SEARCH_SPAN, -1))
    for year in candidates:
        try:
            if date(year, month, day).weekday() == weekday:
                return year
        except ValueError:
            continue
    return None


def _past_year(month: int, day: int, reference: date) -> date | None:
    """month/day in the reference's year, or the year before if that would be after the reference."""
    for year in (reference.year, reference.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference:
            return candidate
    return None


def _tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower().replace("’", "'"))


def _parse(span: str, published: date | None, context_years: tuple[int, ...]) -> ResolvedDate | None:
    text = span.lower().strip()
    iso = ISO_RE.search(text)
    if iso:
        return _of(_day(int(iso[1]), int(iso[2]), int(iso[3])))
    if (
        DURATION_RE.match(text)
        or NUMERIC_DATE_RE.search(text)
        or DECADE_RE.search(text)
        or VAGUE_WORDS & set(_tokens(text))
    ):
        return None
    tokens = _tokens(text)
    month = next((MONTHS[t] for t in tokens if t in MONTHS and not (t == "may" and len(tokens) > 4)), None)
    weekday = next((WEEKDAYS[t] for t in tokens if t in WEEKDAYS), None)
    numbers = [int(re.sub(r"\D", "", t)) for t in tokens if t[0].isdigit()]
    year = next((n for n in numbers if 1000 <= n <= 2100), None)
    day = next((n for n in numbers if 1 <= n <= 31), None)
    relative_year = (
        -1 if "last year" in text or "previous year" in text else 0 if "this year" in text else None
    )
    if year is None and relative_year is not None and published:
        year = published.year + relative_year
    if month and day:
        if year:
            return _of(_day(year, month, day))
        if published:
            resolved = _past_year(month, day, published)
            return ResolvedDate.of(resolved) if resolved else None
        if weekday is not None:
            found = year_for_weekday(month, day, weekday, list(context_years), date.today())
            return _of(_day(found, month, day)) if found else None
        return None
    if month:
        if year:
            return _of(_day(year, month, 1), "month")
        if published:
            start = _day(published.year if month <= published.month else published.year - 1, month, 1)
            return _of(start, "month")
        return None
    if year and len(tokens) <= 3:
        return _of(_day(year, 1, 1), "year")
    if published is None:
        return None
    if weekday is not None:
        back = (published.weekday() - weekday) % 7
        if "next" in tokens or "coming" in tokens:
            return _of(_shift(published, (weekday - published.weekday()) % 7 or 7))
        return _of(_shift(published, -(back if "last" not in tokens or back else 7)))
    if relative_year is not None:
        return _of(_day(published.year + relative_year, 1, 1), "year")
    return _relative(text, published)


def _relative(text: str, published: date) -> ResolvedDate | None:
    if re.search(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", text):
        return ResolvedDate.of(published)
    if re.search(r"\byesterday\b|\blast night\b", text):
        return _of(_shift(published, -1))
    if re.search(r"\bthis month\b", text):
        return ResolvedDate.of(published, "month")
    if re.search(r"\blast month\b", text):
        return _of(_shift(published.replace(day=1), -1), "month")
    ago = AGO_RE.search(text)
    if ago:
        n = int(ago[1]) if ago[1].isdigit() else NUMBER_WORDS[ago[1]]
        unit = ago[2]
        if unit == "day":
            return _of(_shift(published, -n))
        if unit == "week":
            return _of(_shift(published, -7 * n))
        if unit == "month":
            month_index = published.year * 12 + published.month - 1 - n
            return _of(_day(month_index // 12, month_index % 12 + 1, 1), "month")
        return _of(_day(published.year - n, 1, 1), "year")
    return None


@lru_cache(maxsize=32)
def _dateparser(published: date | None) -> DateDataParser:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def warm_up_date_parser() -> None:
    """Have dateparser build its language and time-zone tables, which it otherwise builds while
    parsing its first date (about a second)."""
    _dateparser(None).get_date_data("5 September 2022")


@lru_cache(maxsize=16384)
def _resolve(span: str, published: date | None, context_years: tuple[int, ...]) -> ResolvedDate | None:
    own = _parse(span, published, context_years)
    lowered = span.lower()
    if own is not None or not DIGIT_OR_NAME_RE.search(lowered) or DECADE_RE.search(lowered):
        return own
    if published is None and not YEAR_RE.search(span):
        return None
    try:
        data = _dateparser(published).get_date_data(span)
    except (ValueError, OverflowError):  # its own arithmetic past the ends of the calendar
        return None
    if data is None or data.date_obj is None:
        return None
    return ResolvedDate.of(data.date_obj.date(), PERIOD_LABELS.get(data.period or "day", "day"))  # type: ignore[arg-type]


def resolve_date(span_text: str, published: date | None, context_text: str = "") -> ResolvedDate | None:
    """The date a DATE span means, relative to ``published``; None for durations and vague spans.

    ``context_text`` (the article) supplies the years that fix "Monday September 5"
    when there is no publication date.
    """
    span = " ".join(span_text.split())
    if not span:
        return None
    years = tuple(sorted(set(_years_in(context_text)))) if published is None else ()
    return _resolve(span, published, years)


LABELLED_DATE_RE = re.compile(
    r"^\W*(?:(?:date[d]?|published|posted|updated|last updated|first published)\s*(?:on)?[:\s]\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})\b",
    re.IGNORECASE,
)
DAYS_AFTER_RE = re.compile(
    r"\b(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?)\s+after\b"
    r"(?P<rest>[^.!?\n]*)",
    re.IGNORECASE,
)
DAY_AFTER_RE = re.compile(r"\b(?:the\s+)?day\s+after\b(?P<rest>[^.!?\n]*)", re.IGNORECASE)
ANCHOR_RE = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?(?:,?\s+\d{4})?)",
    re.IGNORECASE,
)
LEDE_CHARS = 600


def publication_day(published: str | None) -> date | None:
    """The day a stored publication timestamp names ("2022-09-05T08:00:00Z"), None when it is
    missing or unreadable."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def infer_published(text: str) -> date | None:
    """A publication date for a text with no metadata, from its opening lines only.

    Either a dateline or label at the very start ("date 2022-12-05", "Published
    March 3, 2021"), or a lede that dates itself from an event ("Two days after
    the attack on Monday September 5" is two days after that Monday).
    """
    head = text[:LEDE_CHARS]
    labelled = LABELLED_DATE_RE.match(head)
    if labelled:
        found = resolve_date(labelled.group("date"), None, text)
        if found and found.precision == "day":
            return found.start
    after = DAYS_AFTER_RE.search(head)
    offset = None
    if after:
        n = int(after["n"]) if after["n"].isdigit() else NUMBER_WORDS[after["n"].lower()]
        offset, rest = n * (7 if after["unit"].lower().startswith("week") else 1), after["rest"]
    else:
        day_after = DAY_AFTER_RE.search(head)
        if day_after:
            offset, rest = 1, day_after["rest"]
    if offset is None:
        return None
    for anchor in ANCHOR_RE.finditer(rest):
        found = resolve_date(anchor.group(), None, text)
        if found and found.precision == "day":
            return _shift(found.start, offset)
    return None
