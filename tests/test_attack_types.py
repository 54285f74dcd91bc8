"""GTD attack types from the way reports word them, attributions, and attacks that failed."""

from __future__ import annotations

import pytest

from services.pipeline.extract import extract
from services.schema import Document, EventMention


def _primary(text: str) -> EventMention:
    events = extract([Document(id="t", text=text, published="2023-09-13")]).documents[0].events
    assert events, text
    return next(e for e in events if e.primary)


@pytest.mark.parametrize(
    ("text", "event_type", "subtype"),
    [
        (
            "Assailants attacked a border post in Tahoua, Niger, overnight, killing two guards.",
            "armed_assault",
            None,
        ),
        (
            "Militants stormed a village in Cabo Delgado, Mozambique, and killed seven men.",
            "armed_assault",
            None,
        ),
        (
            "Insurgents launched rockets at an air base in Anbar, Iraq, wounding two contractors.",
            "bombing",
            "rocket_attack",
        ),
        (
            "Artillery shelling struck a market in Donetsk, Ukraine, killing six shoppers.",
            "bombing",
            "shelling",
        ),
        ("An air strike hit a wedding party in Saada, Yemen, killing 21 guests.", "bombing", "air_strike"),
        (
            "Mortar rounds landed on a displacement camp near Goma, Congo, killing three children.",
            "bombing",
            "mortar_attack",
        ),
        (
            "A drone attack on a checkpoint in Idlib, Syria, killed two fighters on Sunday.",
            "bombing",
            "drone_strike",
        ),
        (
            "A minibus was blown up on a road outside Herat, Afghanistan, killing nine passengers.",
            "bombing",
            None,
        ),
        (
            "A mob stoned a police van in Karachi, Pakistan, injuring three constables.",
            "unarmed_assault",
            "stoning",
        ),
        (
            "Gunmen shot dead a provincial governor as he left a mosque in Ghazni, Afghanistan.",
            "assassination",
            None,
        ),
        ("A magistrate was killed by a bomb attached to his car in Quetta, Pakistan.", "assassination", None),
        ("Rebels sabotaged a gas pipeline near Arauca, Colombia, on Tuesday.", "facility_attack", None),
        (
            "Investigators said the fire that destroyed a church hall in Lyon, France, was deliberately set.",
            "facility_attack",
            None,
        ),
        (
            "Assailants killed a radio journalist outside her home in Tijuana, Mexico, on Monday.",
            "assassination",
            None,
        ),
    ],
)
def test_attack_type_and_subtype(text: str, event_type: str, subtype: str | None) -> None:
    event = _primary(text)
    assert event.event_type == event_type
    if subtype is not None:
        assert event.attack_subtype == subtype


def test_a_massacre_that_kills_an_official_is_no_assassination() -> None:
    event = _primary(
        "Gunmen killed 40 villagers, among them the village chief, in Zamfara, Nigeria, on Friday."
    )
    assert event.event_type == "armed_assault"


def test_an_attack_on_a_target_is_no_clash() -> None:
    event = _primary(
        "Rebels attacked an army outpost in Beni, Congo, and five soldiers died in the ensuing clash."
    )
    assert event.event_type == "armed_assault"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "A bomb wounded four policemen in Van, Turkey. Officials attributed the bombing to the PKK.",
            "Kurdistan Workers' Party",
        ),
        (
            "Gunmen killed five traders in Mopti, Mali. Local sources blamed the attack on JNIM.",
            "Jama'at Nusrat al-Islam wal-Muslimin",
        ),
        ("Attackers believed to be Boko Haram fighters raided Monguno, Nigeria, killing 12.", "Boko Haram"),
    ],
)
def test_attributions_name_the_perpetrator(text: str, group: str) -> None:
    event = _primary(text)
    assert event.perpetrator is not None and event.perpetrator.name == group
    assert event.claimed is not True


@pytest.mark.parametrize(
    "text",
    [
        "Bomb disposal experts defused an explosive device found outside a courthouse in Lahore, Pakistan.",
        "Soldiers foiled an attack on a base in Gao, Mali, when a car bomb failed to explode at the gate.",
    ],
)
def test_attempted_attacks_are_incidents_that_did_not_succeed(text: str) -> None:
    event = _primary(text)
    assert event.event_type == "bombing" and event.success is False


def test_a_successful_attack_says_so() -> None:
    assert _primary("A car bomb killed six people in Mogadishu, Somalia, on Tuesday.").success is True


def test_a_cause_told_as_another_event_lends_no_figure() -> None:
    event = _primary(
        "Gunmen killed three herders in Benue, Nigeria, in retaliation for a raid that killed 30 in May."
    )
    assert event.killed.value == 3


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Left-wing extremists claimed responsibility for an arson attack on a rail depot in Leipzig.",
            "Left-wing extremists",
        ),
        (
            "Baloch separatists claimed the bombing of a gas pipeline near Sui, Pakistan, on Sunday.",
            "Baloch separatists",
        ),
    ],
)
def test_described_claimants_are_kept_as_written(text: str, claimant: str) -> None:
    event = _primary(text)
    assert event.perpetrator is not None and event.perpetrator.name == claimant and event.claimed is True


def test_a_denial_is_not_a_claim() -> None:
    event = _primary("The ELN denied any role in a bombing that wounded nine soldiers in Arauca, Colombia.")
    assert event.claimed is not True


@pytest.mark.parametrize(
    ("text", "target_type"),
    [
        ("Gunmen shot dead a district councillor outside his office in Kunar, Afghanistan.", "government"),
        (
            "A bomb exploded in Police District 9 of Kabul, Afghanistan, killing three civilians.",
            "private_citizens",
        ),
        (
            "Insurgents ambushed the Civilian Joint Task Force near Bama, Nigeria, killing six militiamen.",
            "non_state_militia",
        ),
        (
            "A roadside bomb struck a car carrying a member of parliament in Ghazni, Afghanistan.",
            "government",
        ),
    ],
)
def test_target_types_from_the_words_for_the_people_hit(text: str, target_type: str) -> None:
    assert _primary(text).target.type == target_type


@pytest.mark.parametrize(
    "text",
    [
        "Two men on a scooter shot dead a district-level administrator outside a tea stall in Kandahar.",
        "Unknown assailants killed a provincial council member's spokesman near his office in Kirkuk, Iraq.",
        "Gunmen shot dead a local leader of an opposition party in Peshawar, Pakistan, late on Sunday.",
    ],
)
def test_one_prominent_person_killed_is_an_assassination_with_one_dead(text: str) -> None:
    event = _primary(text)
    assert (event.event_type, event.killed.value) == ("assassination", 1)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        (
            "Two mortar shells slammed into a market in Idlib, Syria, on Friday, wounding six shoppers.",
            "bombing",
        ),
        ("A rocket landed near the airport in Erbil, Iraq, late on Sunday; no one was hurt.", "bombing"),
        (
            "The district governor of Nad Ali, Abdul Rahim, and his bodyguard were shot dead outside a "
            "mosque in Helmand, Afghanistan.",
            "assassination",
        ),
        (
            "A prosecutor was wounded when gunmen fired at his car in Guayaquil, Ecuador. Police called it "
            "an attempted assassination.",
            "assassination",
        ),
    ],
)
def test_projectiles_that_hit_and_killings_of_officials(text: str, event_type: str) -> None:
    """Rockets and shells that land are attacks; an official killed in the passive, or an attack the
    text calls an assassination, is an assassination."""
    events = extract([Document(id="t", text=text, published="2024-05-01")]).documents[0].events
    assert events and events[0].event_type == event_type
