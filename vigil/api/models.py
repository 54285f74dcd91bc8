"""Request and response bodies of the HTTP API. Incidents themselves are the
contract models of ``services.schema``; only the envelopes are defined here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from services.cleaning.validation import unstorable
from services.config import FEED_MAX_INTERVAL, FEED_MIN_INTERVAL
from services.exports import ExportFormat
from services.schema import EventType, Incident
from services.storage.queries import IncidentFilter
from services.storage.tables import Stage
from vigil.inputs import iso_day

Format = Literal["json", "csv", "geojson"]
# Ids and counts are PostgreSQL ``integer`` columns: a larger number can match nothing, and
# PostgreSQL would refuse to compare it rather than say so.
MAX_INT = 2**31 - 1


def _storable(value: str) -> str:
    problem = unstorable(value)
    if problem:
        raise ValueError(problem)
    return value


# Text from a client: no NUL, no lone surrogate (the store and the queue could not hold it).
Text = Annotated[str, AfterValidator(_storable)]


class Body(BaseModel):
    """Unknown keys are an error: a misspelt field must not be silently ignored."""

    model_config = ConfigDict(extra="forbid")


class ArticleIn(Body):
    url: Text | None = Field(default=None, description="the article's address; fetched by the workers")
    text: Text | None = Field(default=None, description="the article as plain text")
    html: Text | None = Field(default=None, description="the article page as HTML")
    id: Text | None = Field(default=None, max_length=200, description="your id for it, kept as document_id")
    published: Text | None = Field(default=None, description="ISO 8601 date or date-time, with text/html")
    source: Text | None = Field(default=None, max_length=200, description="who sends it (default 'api')")

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        return iso_day(value)

    @model_validator(mode="after")
    def _one_payload(self) -> ArticleIn:
        if self.text is not None and self.html is not None:
            raise ValueError("give either text or html, not both")
        if self.url is None and self.text is None and self.html is None:
            raise ValueError("give url, or text or html (with an optional url)")
        if self.published is not None and self.text is None and self.html is None:
            raise ValueError("published goes with text or html; for a bare url it is read from the page")
        return self


class ArticleAccepted(BaseModel):
    id: int
    status: Stage
    created: bool = Field(description="false when the article was already known (same URL or content)")


class ArticleBatch(Body):
    articles: list[dict[str, Any]] = Field(
        min_length=1, description="objects shaped like the body of POST /v1/articles, checked one by one"
    )


class BatchItem(BaseModel):
    index: int
    id: int | None = None
    status: Stage | Literal["rejected"]
    created: bool = False
    error: str | None = None


class BatchAccepted(BaseModel):
    results: list[BatchItem]


class ArticleStatusOut(BaseModel):
    id: int
    status: Stage
    reason: str | None = Field(description="why it failed, was skipped, or the last transient error")
    attempts: int
    duplicate_of: int | None
    url: str | None
    external_id: str | None
    source: str | None
    created_at: datetime
    updated_at: datetime = Field(description="when the status last changed")
    incidents: list[str] = Field(description="public ids of the incidents this article reports")


class IncidentFilters(Body):
    """The filters of a page and of an export; every one is optional."""

    date_from: date | None = Field(default=None, description="incidents on or after (YYYY-MM-DD)")
    date_to: date | None = Field(default=None, description="incidents on or before (YYYY-MM-DD)")
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2")
    event_type: EventType | None = None
    perpetrator: Text | None = Field(default=None, max_length=200, description="canonical name, exact")
    min_killed: int | None = Field(default=None, ge=0, le=MAX_INT)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")
        return self

    def incident_filter(self) -> IncidentFilter:
        return IncidentFilter(
            date_from=self.date_from,
            date_to=self.date_to,
            country_code=self.country,
            event_type=self.event_type,
            perpetrator=self.perpetrator,
            min_killed=self.min_killed,
        )


class IncidentQuery(IncidentFilters):
    limit: int = Field(default=50, ge=1, le=500)
    cursor: Text | None = Field(default=None, max_length=100, description="next_cursor of the previous page")
    format: Format | None = Field(default=None, description="overrides the Accept header")


class ExportQuery(IncidentFilters):
    format: ExportFormat = Field(
        default="json", description="native json, csv or geojson, or gtd or acled CSV"
    )


class IncidentList(BaseModel):
    incidents: list[Incident]
    next_cursor: str | None = Field(description="pass as cursor for the next page; null on the last")


class FeedIn(Body):
    url: Text
    interval_seconds: int | None = Field(
        default=None,
        ge=FEED_MIN_INTERVAL,
        le=FEED_MAX_INTERVAL,
        description="poll interval (default VIGIL_FEED_DEFAULT_INTERVAL)",
    )


class FeedOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    interval_seconds: int
    last_polled_at: datetime | None
    next_poll_at: datetime
    last_error: str | None
    failures: int
    created_at: datetime
