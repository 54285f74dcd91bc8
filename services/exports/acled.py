"""ACLED's columns, and its event types for Vigil's, in one table."""

from __future__ import annotations

from services.exports.fields import count, date_parts, source_list
from services.schema import Incident

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"
BATTLES = "Battles"
# Vigil's attack subtype or, failing that, its event type -> ACLED (event_type, sub_event_type).
# A subtype says how the violence was done, which is what ACLED's sub-event types tell apart;
# an attack on armed forces is a battle (see ``ARMED_TARGETS``).
ACLED_EVENTS: dict[str, tuple[str, str]] = {
    "suicide_bombing": (REMOTE, "Suicide bomb"),
    "air_strike": (REMOTE, "Air/drone strike"),
    "drone_strike": (REMOTE, "Air/drone strike"),
    "shelling": (REMOTE, "Shelling/artillery/missile attack"),
    "rocket_attack": (REMOTE, "Shelling/artillery/missile attack"),
    "mortar_attack": (REMOTE, "Shelling/artillery/missile attack"),
    "grenade_attack": (REMOTE, "Grenade"),
    "roadside_bomb": (REMOTE, "Remote explosive/landmine/IED"),
    "vehicle_bomb": (REMOTE, "Remote explosive/landmine/IED"),
    "bombing": (REMOTE, "Remote explosive/landmine/IED"),
    "armed_assault": (CIVILIANS, "Attack"),
    "assassination": (CIVILIANS, "Attack"),
    "unarmed_assault": (CIVILIANS, "Attack"),
    "kidnapping": (CIVILIANS, "Abduction/forced disappearance"),
    "hostage_taking": (CIVILIANS, "Abduction/forced disappearance"),
    "hijacking": (CIVILIANS, "Abduction/forced disappearance"),
    "facility_attack": ("Strategic developments", "Looting/property destruction"),
    "armed_clash": (BATTLES, "Armed clash"),
}
# Targets that fight back: ACLED codes an armed attack on them as a battle, not violence
# against civilians.
ARMED_TARGETS = frozenset({"military", "police", "non_state_militia"})
ARMED_CLASH = ACLED_EVENTS["armed_clash"]
# GTD specificity -> ACLED geo_precision (1 the place itself, 2 near it or its district,
# 3 only the province or a larger area).
GEO_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
# ACLED time_precision: 1 the day, 3 the month (or only the year).
TIME_PRECISION = {"day": 1, "month": 3, "year": 3}


def acled_event(incident: Incident) -> tuple[str | None, str | None]:
    """ACLED's event and sub-event type; both blank for a type Vigil could not tell."""
    if incident.event_type in ("armed_assault", "assassination") and incident.target.type in ARMED_TARGETS:
        return ARMED_CLASH
    return ACLED_EVENTS.get(incident.attack_subtype or "") or ACLED_EVENTS.get(
        incident.event_type, (None, None)
    )


def acled_row(incident: Incident) -> dict[str, object]:
    """One ACLED row. ``event_date`` is the first day of a month- or year-precise date, as ACLED
    dates such events with a coarser ``time_precision``; an unreported toll is 0, as ACLED has it."""
    year, month, day = date_parts(incident)
    location = incident.location
    event_type, sub_event_type = acled_event(incident)
    unidentified = (
        f"Unidentified Armed Group ({location.country})" if location.country else "Unidentified Armed Group"
    )
    return {
        "event_id_cnty": incident.id,
        "event_date": f"{year:04d}-{max(month, 1):02d}-{max(day, 1):02d}" if year else None,
        "year": year or None,
        "time_precision": TIME_PRECISION.get(incident.date_precision or ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": incident.perpetrator.name if incident.perpetrator else unidentified,
        "actor2": incident.target.name,
        "country": location.country,
        "admin1": location.admin1,
        "admin2": location.admin2,
        "location": location.city or location.admin2 or location.admin1 or location.country,
        "latitude": location.lat,
        "longitude": location.lon,
        "geo_precision": GEO_PRECISION.get(location.specificity or 0),
        "source": source_list(incident),
        "notes": incident.summary,
        "fatalities": count(incident.killed) or 0,
    }
