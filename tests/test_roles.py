"""Perpetrators, victims and weapons in the text's own words (the roles an analyst and MUC-4 ask for)."""

from __future__ import annotations

import pytest

from services.pipeline.extract import extract
from services.schema import Document, EventMention


def _event(text: str) -> EventMention:
    events = extract([Document(id="r", text=text, published="2023-05-10")]).documents[0].events
    assert events, text
    return events[0]


@pytest.mark.parametrize(
    ("text", "attackers"),
    [
        (
            "Two unidentified gunmen shot dead a shopkeeper in Karachi, Pakistan, on Monday.",
            ["Two unidentified gunmen"],
        ),
        ("Masked men abducted four engineers from a road near Kaduna, Nigeria.", ["Masked men"]),
        (
            "The convoy was ambushed by suspected rebels east of Beni, Congo, killing six soldiers.",
            ["suspected rebels"],
        ),
        (
            "A suicide bomber blew himself up at a mosque in Kunduz, Afghanistan, killing 20 worshippers.",
            ["suicide bomber"],
        ),
        ("Urban guerrillas set fire to three buses in Lima, Peru, on Tuesday night.", ["Urban guerrillas"]),
        ("JOS, Nigeria - Armed bandits raided a cattle market in Jos, killing four.", ["Armed bandits"]),
    ],
)
def test_individual_perpetrators_as_the_text_calls_them(text: str, attackers: list[str]) -> None:
    assert _event(text).attackers == attackers


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed two men in a market in Jos, Nigeria, on Sunday.",
        "A bomb killed three people at a bus stop in Mogadishu, Somalia.",
        "Troops repelled a terrorist attack on a base in Mali on Friday, killing four soldiers.",
        "Assailants ambushed a bus near Gao, Mali. At least six people were killed in the attack.",
        "Militants raided a village in Borno, Nigeria; three men died and two people were hurt in the raid.",
        "Five people have been killed in a bomb attack on a bus in Quetta, police said.",
    ],
)
def test_victims_and_patients_are_not_perpetrators(text: str) -> None:
    event = _event(text)
    assert not any(
        w in a.lower() for a in event.attackers for w in ("two men", "people", "soldiers", "terrorist")
    )


@pytest.mark.parametrize(
    ("text", "weapons"),
    [
        (
            "A powerful car bomb exploded outside a hotel in Baghdad, Iraq, killing nine.",
            ["powerful car bomb"],
        ),
        (
            "Militants fired mortar rounds and rockets at an army post in Helmand, Afghanistan.",
            ["mortar rounds", "rockets"],
        ),
        ("Attackers armed with machetes killed five villagers in Ituri, Congo.", ["machetes"]),
        ("Gunmen with AK-47 rifles stormed a school in Zamfara, Nigeria.", ["AK-47 rifles"]),
    ],
)
def test_weapons_as_written(text: str, weapons: list[str]) -> None:
    assert _event(text).weapons == weapons


@pytest.mark.parametrize(
    ("text", "name", "fate", "role"),
    [
        (
            "Gunmen shot dead judge Maria Lopez outside her home in Cali, Colombia, on Monday.",
            "Maria Lopez",
            "killed",
            "judge",
        ),
        (
            "Mayor Juan Perez was kidnapped by armed men in Huanta, Peru, police said.",
            "Juan Perez",
            "kidnapped",
            "mayor",
        ),
        (
            "A grenade attack wounded lawmaker Ahmed Salim in Mosul, Iraq, on Sunday.",
            "Ahmed Salim",
            "wounded",
            "lawmaker",
        ),
    ],
)
def test_named_victims_with_what_happened(text: str, name: str, fate: str, role: str) -> None:
    victims = _event(text).victims
    assert [(v.name, v.fate, v.role) for v in victims] == [(name, fate, role)]


@pytest.mark.parametrize(
    "text",
    [
        "Judge Maria Elena Suarez had received threats for months. On Monday gunmen shot dead Suarez outside "
        "her home in Cali, Colombia.",
        "Police said Maria Elena Suarez, a judge, was on her way to court. Gunmen shot Elena Suarez twice "
        "near a bakery in Cali, Colombia.",
    ],
)
def test_a_victim_named_in_full_once_is_named_in_full(text: str) -> None:
    assert [v.name for v in _event(text).victims] == ["Maria Elena Suarez"]


def test_a_speaker_is_not_a_victim() -> None:
    event = _event("Militants killed four policemen in Peshawar, Pakistan, spokesman Ali Khan said.")
    assert event.victims == []


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "Fighters from Boko Haram killed nine fishermen on the shores of Lake Chad near Baga on Sunday.",
            "Boko Haram",
        ),
        (
            "A roadside bomb wounded three policemen in Dantewada on Friday. Police blamed the banned "
            "CPI (Maoist) for the explosion.",
            "Communist Party of India (Maoist)",
        ),
        (
            "Gunmen abducted six aid workers near Gao on Monday. Jama'at Nusrat al-Islam wal-Muslimin, the "
            "largest alliance of jihadist factions in the country, claimed the kidnapping on Tuesday.",
            "Jama'at Nusrat al-Islam wal-Muslimin",
        ),
        (
            "Gunmen stormed a checkpoint near Mosul, Iraq, on Friday, killing four soldiers. Islamic State "
            "said in a statement on its channel that three of its fighters had carried out the raid.",
            "Islamic State",
        ),
        (
            "A bomb wrecked a railway bridge near Quetta, Pakistan. The Balochistan Liberation Army said "
            "late on Sunday it had planted the device.",
            "Balochistan Liberation Army",
        ),
    ],
)
def test_the_group_behind_members_brackets_appositions_and_statements(text: str, perpetrator: str) -> None:
    (incident,) = extract([Document(id="g", text=text, published="2023-05-10")]).incidents
    assert incident.perpetrator is not None and incident.perpetrator.name == perpetrator


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "Eleven farm workers were abducted by guerrillas of the Shining Path near Huancayo, Peru, "
            "on Monday.",
            "Shining Path",
        ),
        (
            "A power station outside Arauca was blown up overnight by members of the national liberation "
            "army, the army said.",
            "National Liberation Army (Colombia)",
        ),
        (
            "The judge was shot dead in Culiacan on Friday by hitmen from the Sinaloa cartel, police said.",
            "Sinaloa Cartel",
        ),
    ],
)
def test_members_of_a_group_named_as_the_agent(text: str, perpetrator: str) -> None:
    event = _event(text)
    assert event.perpetrator is not None and event.perpetrator.name == perpetrator


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "Suspected Fulani herdsmen attacked a farming village in Plateau state, Nigeria, killing nine.",
            "Fulani herdsmen",
        ),
        (
            "Two soldiers were shot dead by Tuareg rebels near Kidal, Mali, on Sunday.",
            "Tuareg rebels",
        ),
        (
            "Police blamed the blast at a pipeline in Sui, Balochistan, on Baloch separatists.",
            "Baloch separatists",
        ),
        (
            "Right-wing extremists set fire to a refugee shelter in Saxony overnight, police said.",
            "Right-wing extremists",
        ),
    ],
)
def test_a_perpetrator_described_by_who_they_are(text: str, perpetrator: str) -> None:
    """No group named, but the text says who the attackers are: kept as written."""
    event = _event(text)
    assert event.perpetrator is not None and event.perpetrator.name == perpetrator


@pytest.mark.parametrize(
    "text",
    [
        "Armed militants attacked a village in Benue state, Nigeria, killing seven.",
        "A Somali gunman opened fire on a bus in Nairobi, Kenya, wounding four passengers.",
        "Unidentified rebels ambushed a convoy near Beni, Congo, on Monday.",
        "KANDAHAR - Suspected insurgents shelled a district centre in Kandahar, Afghanistan, overnight.",
    ],
)
def test_a_look_or_one_attacker_is_not_a_described_group(text: str) -> None:
    assert _event(text).perpetrator is None


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "Supporters of the Kanda Youth League attacked a sit-in at a college in Sylhet, Bangladesh, "
            "injuring 12 students.",
            "Kanda Youth League",
        ),
        (
            "Gunmen of the Black Hills Brigade ambushed a bus near Idlib, Syria, killing four.",
            "Black Hills Brigade",
        ),
        (
            "A power pylon was blown up near Khuzdar, Pakistan, on Monday. Police suspected the Makran "
            "Defence Front, which has carried out similar attacks in the district.",
            "Makran Defence Front",
        ),
    ],
)
def test_a_band_the_gazetteer_lacks_named_as_doer_or_blamed(text: str, perpetrator: str) -> None:
    event = _event(text)
    assert event.perpetrator is not None and event.perpetrator.name == perpetrator


def test_a_states_own_forces_are_not_an_armed_group() -> None:
    assert _event("Soldiers of the Nigerian Army attacked a village in Zamfara, Nigeria.").perpetrator is None


def test_a_group_whose_members_were_attacked_is_not_the_perpetrator() -> None:
    event = _event("Soldiers killed four fighters of the Shining Path in a raid near Ayacucho, Peru.")
    assert event.perpetrator is None


@pytest.mark.parametrize(
    ("text", "kind", "word"),
    [
        ("A bomb wrecked the offices of a telephone company in Cali, Colombia, on Monday", None, "telephone"),
        (
            "Rebels blew up a bridge on the main road near Ayacucho, Peru, on Tuesday.",
            "transportation",
            "bridge",
        ),
        (
            "Saboteurs dynamited two high-voltage towers outside Lima, Peru, overnight, cutting power.",
            "utilities",
            "towers",
        ),
        (
            "A car bomb exploded outside a hotel in Mogadishu, Somalia, killing five guests.",
            "business",
            "hotel",
        ),
        ("Gunmen shot dead a judge at his home in Kabul, Afghanistan, on Sunday.", "government", "judge"),
        (
            "A grenade was thrown at the Imam Hussain Mosque in Karbala, Iraq, wounding two worshippers.",
            "religious",
            "mosque",
        ),
    ],
)
def test_physical_targets_and_whose_they_are(text: str, kind: str | None, word: str) -> None:
    event = _event(text)
    assert event.target.name and word in event.target.name.lower()
    assert kind is None or event.target.type == kind


@pytest.mark.parametrize(
    "text",
    [
        "Assailants opened fire on a minibus in Imam Sahib district, Kunduz province, Afghanistan.",
        "Gunmen attacked a checkpoint in Police Lines area of Quetta, Pakistan, killing a guard.",
    ],
)
def test_a_target_word_inside_an_untagged_place_name_is_no_target(text: str) -> None:
    event = _event(text)
    assert event.event_type != "assassination"
    assert event.target.name is None or event.target.name.split()[0] not in {"Imam", "Police"}
