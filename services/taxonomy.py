"""The attack types, once: the schema's vocabulary, the GTD hierarchy the rules and merging rank
by, which types reports of one event may give differently, and how each maps to the GTD
codebook and MUC-4. The cues that recognise a type in text live in
``services/extraction/events/lexicon.py`` (``TYPE_CUES``), keyed by these names;
``tests/test_taxonomy.py`` fails when a type lacks any of its parts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class AttackType:
    name: str
    gtd: str | None
    """GTD codebook ``attacktype1_txt`` (None: GTD does not code it as an attack)."""
    muc: str | None
    """MUC-4 incident type (None: not a MUC-4 incident)."""
    also: frozenset[str] = field(default_factory=frozenset)
    """Types another report of the same event may plausibly give instead."""


# In GTD's hierarchy order: when a report gives two, the earlier one wins.
ATTACK_TYPES: tuple[AttackType, ...] = (
    AttackType(
        "assassination", "Assassination", "attack", frozenset({"bombing", "armed_assault", "unarmed_assault"})
    ),
    AttackType("hijacking", "Hijacking", "attack", frozenset({"hostage_taking", "kidnapping"})),
    AttackType(
        "kidnapping",
        "Hostage Taking (Kidnapping)",
        "kidnapping",
        frozenset({"hostage_taking", "hijacking", "armed_assault"}),
    ),
    AttackType(
        "hostage_taking",
        "Hostage Taking (Barricade Incident)",
        "kidnapping",
        frozenset({"kidnapping", "armed_assault", "hijacking", "bombing"}),
    ),
    AttackType(
        "bombing",
        "Bombing/Explosion",
        "bombing",
        frozenset({"assassination", "hostage_taking", "armed_assault"}),
    ),
    AttackType(
        "armed_assault",
        "Armed Assault",
        "attack",
        frozenset(
            {"assassination", "hostage_taking", "kidnapping", "bombing", "armed_clash", "facility_attack"}
        ),
    ),
    AttackType("unarmed_assault", "Unarmed Assault", "attack", frozenset({"assassination"})),
    AttackType("facility_attack", "Facility/Infrastructure Attack", "arson", frozenset({"armed_assault"})),
    AttackType("armed_clash", None, None, frozenset({"armed_assault"})),
    AttackType("unknown", "Unknown", "attack"),
)
BY_NAME = {t.name: t for t in ATTACK_TYPES}
GTD_ORDER = tuple(t.name for t in ATTACK_TYPES)
EVENT_TYPE_NAMES = GTD_ORDER


def types_compatible(a: str, b: str) -> bool:
    """Two reports' types can be one event's: the same, one unknown, or plausibly confused."""
    return a == b or "unknown" in (a, b) or b in BY_NAME[a].also


def muc_type(name: str, incendiary: bool) -> str | None:
    """The MUC-4 incident type: a facility attack is arson only when set by fire."""
    if name == "facility_attack" and not incendiary:
        return "attack"
    return BY_NAME[name].muc
