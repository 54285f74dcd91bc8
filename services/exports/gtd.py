"""The GTD codebook's columns and codes for the fields Vigil has. Vigil's attack types name
their GTD ``attacktype1_txt`` in ``services/taxonomy.py``; the codebook's numbers for those
names, and its target and weapon types, live here."""

from __future__ import annotations

from services.exports.fields import count, date_parts, source_list
from services.schema import Incident
from services.taxonomy import BY_NAME

GTD_COLUMNS = (
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "success",
    "suicide",
    "attacktype1",
    "attacktype1_txt",
    "targtype1",
    "targtype1_txt",
    "target1",
    "gname",
    "claimed",
    "weaptype1",
    "weaptype1_txt",
    "weapdetail",
    "nkill",
    "nkillter",
    "nwound",
    "summary",
    "scite1",
    "dbsource",
)
# GTD codebook, "attacktype1": the code of each attacktype1_txt.
ATTACK_CODES = {
    "Assassination": 1,
    "Armed Assault": 2,
    "Bombing/Explosion": 3,
    "Hijacking": 4,
    "Hostage Taking (Barricade Incident)": 5,
    "Hostage Taking (Kidnapping)": 6,
    "Facility/Infrastructure Attack": 7,
    "Unarmed Assault": 8,
    "Unknown": 9,
}
# GTD codebook, "targtype1": Vigil's target type -> (code, targtype1_txt).
TARGET_TYPES = {
    "business": (1, "Business"),
    "government": (2, "Government (General)"),
    "police": (3, "Police"),
    "military": (4, "Military"),
    "diplomatic": (7, "Government (Diplomatic)"),
    "educational": (8, "Educational Institution"),
    "journalists_media": (10, "Journalists & Media"),
    "ngo": (12, "NGO"),
    "other": (13, "Other"),
    "private_citizens": (14, "Private Citizens & Property"),
    "religious": (15, "Religious Figures/Institutions"),
    "telecommunication": (16, "Telecommunication"),
    "non_state_militia": (17, "Terrorists/Non-State Militia"),
    "tourists": (18, "Tourists"),
    "transportation": (19, "Transportation"),
    "unknown": (20, "Unknown"),
    "utilities": (21, "Utilities"),
}
# GTD codebook, "weaptype1": Vigil's weapon type -> (code, weaptype1_txt).
WEAPON_TYPES = {
    "chemical": (2, "Chemical"),
    "firearms": (5, "Firearms"),
    "explosives": (6, "Explosives"),
    "incendiary": (8, "Incendiary"),
    "melee": (9, "Melee"),
    "vehicle": (10, "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"),
    "unknown": (13, "Unknown"),
}
# GTD codes "claimed" 1 yes, 0 no, -9 unknown.
CLAIMED = {True: 1, False: 0, None: -9}


def gtd_row(incident: Incident) -> dict[str, object]:
    """One GTD row: codebook names and codes; a field Vigil does not know is blank, except where
    the codebook has its own code for unknown (iyear/imonth/iday 0, claimed -9, types Unknown)."""
    year, month, day = date_parts(incident)
    location = incident.location
    attack = BY_NAME[incident.event_type].gtd
    target_code, target_txt = TARGET_TYPES[incident.target.type]
    weapon_code, weapon_txt = WEAPON_TYPES[_first_weapon(incident)]
    return {
        "eventid": f"{year:04d}{month:02d}{day:02d}-{incident.id}",
        "iyear": year,
        "imonth": month,
        "iday": day,
        "country_txt": location.country,
        "provstate": location.admin1,
        "city": location.city or location.admin2,
        "latitude": location.lat,
        "longitude": location.lon,
        "specificity": location.specificity,
        "success": _flag(incident.success),
        "suicide": _flag(incident.suicide),
        "attacktype1": ATTACK_CODES.get(attack or ""),
        "attacktype1_txt": attack,
        "targtype1": target_code,
        "targtype1_txt": target_txt,
        "target1": incident.target.name,
        "gname": incident.perpetrator.name if incident.perpetrator else "Unknown",
        "claimed": CLAIMED[incident.claimed],
        "weaptype1": weapon_code,
        "weaptype1_txt": weapon_txt,
        "weapdetail": "; ".join(incident.weapons),
        "nkill": count(incident.killed),
        "nkillter": count(incident.perpetrators_killed),
        "nwound": count(incident.wounded),
        "summary": incident.summary,
        "scite1": source_list(incident),
        "dbsource": "Vigil",
    }


def _first_weapon(incident: Incident) -> str:
    """GTD's first weapon is the main one; Vigil lists a report's weapons in the order found."""
    return next((w for w in incident.weapon_types if w != "unknown"), "unknown")


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)
