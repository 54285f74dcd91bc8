"""The incident contract of SCHEMA.md as pydantic models.

Every output path (extract command, store export, HTTP API) serialises these
models, so the contract is enforced by the code that produces it rather than
by a separate validator.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.taxonomy import EVENT_TYPE_NAMES

EventType = Literal[EVENT_TYPE_NAMES]  # services/taxonomy.py, in GTD order
TargetType = Literal[
    "diplomatic",
    "religious",
    "educational",
    "government",
    "military",
    "police",
    "private_citizens",
    "business",
    "journalists_media",
    "ngo",
    "transportation",
    "utilities",
    "telecommunication",
    "tourists",
    "non_state_militia",
    "other",
    "unknown",
]
WeaponType = Literal["explosives", "firearms", "incendiary", "melee", "chemical", "vehicle", "unknown"]
VictimFate = Literal["killed", "wounded", "kidnapped", "targeted"]
DatePrecision = Literal["day", "month", "year"]
SCHEMA_VERSION = 2
EntityLabel = Literal["PERSON", "ORG", "GPE", "DATE"]


class Contract(BaseModel):
    """Base for contract models: unknown keys are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


class Figure(Contract):
    """A casualty count: best value plus the range when the text hedges."""

    value: int | None = None
    min: int | None = None
    max: int | None = None

    @classmethod
    def exact(cls, n: int) -> Figure:
        return cls(value=n, min=n, max=n)

    def is_known(self) -> bool:
        return self.value is not None or self.min is not None or self.max is not None


class Location(Contract):
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = Field(default=None, description="the district (GeoNames admin2) holding the place")
    city: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Literal["city", "admin2", "admin1", "country"] | None = None
    specificity: int | None = Field(
        default=None,
        ge=1,
        le=5,
        description="as GTD codes it: 1 the town's own point, 2 a town at its district's or "
        "province's point, 3 a district, 4 a province, 5 the country only",
    )
    name: str | None = Field(default=None, description="the place as written in the text")

    @property
    def town_point(self) -> tuple[float, float] | None:
        """The town's own coordinates; None for a village placed at its province's point, which
        must not make two villages of one province the same place."""
        if self.city is None or self.lat is None or self.lon is None or self.specificity not in (None, 1):
            return None
        return self.lat, self.lon


PLACE_PRECISION_RANK = {"city": 4, "admin2": 3, "admin1": 2, "country": 1, None: 0}
"""How precise a location is, for choosing among a clause's places and among a merge's reports."""


class Perpetrator(Contract):
    name: str
    mentions: list[str] = Field(default_factory=list)


class Victim(Contract):
    """A person harmed or aimed at, as the text names or describes them ("the imam", "a judge")."""

    name: str
    fate: VictimFate = "targeted"
    role: str | None = None


class Target(Contract):
    type: TargetType = "unknown"
    name: str | None = None


class Source(Contract):
    document_id: str
    url: str | None = None
    killed: Figure = Field(default_factory=Figure)
    wounded: Figure = Field(default_factory=Figure)
    evidence: str = ""


class EventFields(Contract):
    """Fields shared by a per-document event mention and a merged incident."""

    event_type: EventType = "unknown"
    attack_subtype: str | None = Field(
        default=None, description='what happened within the type: "shelling", "drone_strike", "car_bomb" ...'
    )
    success: bool | None = Field(
        default=None, description="false for a defused, intercepted or failed attack"
    )
    suicide: bool | None = None
    date: str | None = None
    date_precision: DatePrecision | None = None
    location: Location = Field(default_factory=Location)
    perpetrator: Perpetrator | None = None
    attackers: list[str] = Field(
        default_factory=list, description='the individual perpetrators as the text calls them ("two gunmen")'
    )
    claimed: bool | None = None
    target: Target = Field(default_factory=Target)
    victims: list[Victim] = Field(default_factory=list)
    weapon_types: list[WeaponType] = Field(default_factory=list)
    weapons: list[str] = Field(default_factory=list, description='the weapons as written ("mortar rounds")')
    killed: Figure = Field(
        default_factory=Figure,
        description="everyone killed, the attackers included, as a terrorism database counts",
    )
    perpetrators_killed: Figure = Field(
        default_factory=Figure, description="how many of the killed were attackers"
    )
    wounded: Figure = Field(default_factory=Figure)
    kidnapped: Figure = Field(default_factory=Figure, description="people kidnapped or taken hostage")
    primary: bool = False
    date_text: str | None = Field(
        default=None, description="the date as written; a month and day without a year still rule out merges"
    )


class EventMention(EventFields):
    """One event as one document reports it, with the sentence(s) it came from."""

    evidence: str = ""


class Incident(EventFields):
    id: str
    sources: list[Source] = Field(default_factory=list)
    summary: str = ""


class Entity(Contract):
    label: EntityLabel
    canonical: str
    mentions: list[str] = Field(default_factory=list)
    count: int = 0


class Document(Contract):
    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    text: str = ""
    entities: list[Entity] = Field(default_factory=list)
    events: list[EventMention] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="rules that failed on this document; its other fields still stand"
    )


class ExtractionResult(Contract):
    schema_version: int = Field(default=SCHEMA_VERSION, description="SCHEMA.md's version of this shape")
    documents: list[Document] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    errors: list[InputError] = Field(default_factory=list)


class InputError(Contract):
    """A rejected input: which one and why, so a batch can go on without it."""

    input: str
    reason: str


ExtractionResult.model_rebuild()
