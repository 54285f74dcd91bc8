"""Armed-group and organisation gazetteer: resolution of names and scanning of raw text."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from services.extraction.actors import (
    all_actors,
    find_actors,
    gazetteer,
    most_specific,
    resolve_actor,
    resolve_organisation,
    same_family,
)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("IS", "Islamic State"),
        ("ISIS", "Islamic State"),
        ("ISIL", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("the Islamic State group", "Islamic State"),
        ("Islamic State Organization", "Islamic State"),
        ("Islamic State terrorist organization", "Islamic State"),
        ("ISIS's", "Islamic State"),
        ("IS-K", "Islamic State Khorasan Province"),
        ("ISIS-K", "Islamic State Khorasan Province"),
        ("ISIS Khorasan", "Islamic State Khorasan Province"),
        ("ISKP", "Islamic State Khorasan Province"),
        ("Islamic State - Khorasan Province", "Islamic State Khorasan Province"),
        ("ISWAP", "Islamic State West Africa Province"),
        ("Islamic State in the Greater Sahara", "Islamic State Sahel Province"),
        ("IS Mozambique", "Islamic State Mozambique Province"),
        ("Islamic State Somalia", "Islamic State Somalia Province"),
        ("al Qaida", "al-Qaeda"),
        ("Al-Qa'ida", "al-Qaeda"),
        ("AQAP", "al-Qaeda in the Arabian Peninsula"),
        ("al-Qaeda in the Islamic Maghreb", "al-Qaeda in the Islamic Maghreb"),
        ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("al-Shabab", "al-Shabaab"),
        ("Al Shabaab militants", "al-Shabaab"),
        ("Boko Haram", "Boko Haram"),
        ("the Taliban movement", "Taliban"),
        ("Taleban", "Taliban"),
        ("Pakistani Taliban", "Tehrik-i-Taliban Pakistan"),
        ("Tehreek-e-Taliban Pakistan", "Tehrik-i-Taliban Pakistan"),
        ("TTP", "Tehrik-i-Taliban Pakistan"),
        ("Houthi rebels", "Houthis"),
        ("Ansar Allah", "Houthis"),
        ("Hamas's", "Hamas"),
        ("Hizbullah", "Hezbollah"),
        ("Palestinian Islamic Jihad", "Palestinian Islamic Jihad"),
        ("Kurdistan Workers' Party", "Kurdistan Workers' Party"),
        ("PKK", "Kurdistan Workers' Party"),
        ("ELN", "National Liberation Army (Colombia)"),
        ("Ejército de Liberación Nacional", "National Liberation Army (Colombia)"),
        ("Segunda Marquetalia", "Segunda Marquetalia"),
        ("New People's Army", "New People's Army"),
        ("Abu Sayyaf Group", "Abu Sayyaf"),
        ("BRN", "Barisan Revolusi Nasional"),
        ("CPI (Maoist)", "Communist Party of India (Maoist)"),
        ("Naxalites", "Communist Party of India (Maoist)"),
        ("LeT", "Lashkar-e-Taiba"),
        ("Lashkar-e-Tayyiba", "Lashkar-e-Taiba"),
        ("Jaish-e-Muhammad", "Jaish-e-Mohammed"),
        ("Baloch Liberation Army", "Balochistan Liberation Army"),
        ("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham"),
        ("ADF", "Allied Democratic Forces"),
        ("M23 rebels", "March 23 Movement"),
        ("Wagner Group", "Wagner Group"),
        ("Arakan Army", "Arakan Army"),
        ("Karen National Liberation Army", "Karen National Liberation Army"),
        ("Cártel de Sinaloa", "Sinaloa Cartel"),
        ("CJNG", "Jalisco New Generation Cartel"),
        ("New IRA", "New IRA"),
        ("Lord's Resistance Army", "Lord's Resistance Army"),
        ("Lords Resistance Army", "Lord's Resistance Army"),
    ],
)
def test_resolve_actor_spellings(name: str, canonical: str) -> None:
    actor = resolve_actor(name)
    assert actor is not None, name
    assert actor.canonical == canonical


@pytest.mark.parametrize(
    "name",
    ["is", "Is", "the group", "Ministry of Interior", "Reuters", "United Nations", "Kabul", "", "militants"],
)
def test_resolve_actor_rejects_non_armed_or_unknown(name: str) -> None:
    assert resolve_actor(name) is None


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("AFP", "Agence France-Presse"),
        ("Reuters", "Reuters"),
        ("Doctors Without Borders", "Médecins Sans Frontières"),
    ],
)
def test_resolve_organisation(name: str, canonical: str) -> None:
    organisation = resolve_organisation(name)
    assert organisation is not None and organisation.canonical == canonical
    assert not organisation.armed


@pytest.mark.parametrize("alias", ["ISC", "AA", "PDF", "KIA", "IRA", "isis"])
def test_strict_resolution_refuses_ambiguous_aliases(alias: str) -> None:
    assert resolve_actor(alias) is not None
    assert resolve_actor(alias, strict=True) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Islamic State Organization (IS) claimed the attack. By this attack ISC signals its intent.",
            [
                ("Islamic State Organization", "Islamic State"),
                ("IS", "Islamic State"),
                ("ISC", "Islamic State Khorasan Province"),
            ],
        ),
        ("ISC shares rose on Monday after the merger.", []),
        ("Al-Shabaab fighters stormed a hotel in Mogadishu.", [("Al-Shabaab", "al-Shabaab")]),
        (
            "The Pakistani Taliban, or TTP, denied it.",
            [("Pakistani Taliban", "Tehrik-i-Taliban Pakistan"), ("TTP", "Tehrik-i-Taliban Pakistan")],
        ),
        ("A pro-Taliban cleric and anti-ISIS activists were present.", []),
        ("WHO IS BEHIND THE ATTACK\nNobody has claimed it.", []),
        (
            "The Arakan Army said AA fighters seized the post.",
            [("Arakan Army", "Arakan Army"), ("AA", "Arakan Army")],
        ),
        ("AA batteries were found at the scene.", []),
        ("Gunmen from the Islamic State group attacked.", [("Islamic State group", "Islamic State")]),
        ("ISIS-affiliated channels on Telegram posted it.", [("ISIS", "Islamic State")]),
        (
            "Attacks (ISIS-Khorasan) since the rule of the Taliban",
            [("ISIS-Khorasan", "Islamic State Khorasan Province"), ("Taliban", "Taliban")],
        ),
        (
            "Boko Haram and ISWAP clashed near Lake Chad.",
            [("Boko Haram", "Boko Haram"), ("ISWAP", "Islamic State West Africa Province")],
        ),
        (
            "ELN guerrillas and FARC dissidents fought in Cauca.",
            [("ELN", "National Liberation Army (Colombia)"), ("FARC dissidents", "FARC dissidents")],
        ),
        (
            "Houthi rebels fired missiles; Ansar Allah said so.",
            [("Houthi rebels", "Houthis"), ("Ansar Allah", "Houthis")],
        ),
        (
            "The Kurdistan Workers' Party (PKK) denied it.",
            [("Kurdistan Workers' Party", "Kurdistan Workers' Party"), ("PKK", "Kurdistan Workers' Party")],
        ),
        ("It is the Islamic State.\nIs it?", [("Islamic State", "Islamic State")]),
    ],
)
def test_find_actors_in_text(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.surface, m.actor.canonical) for m in find_actors(text)]
    assert found == expected
    for m in find_actors(text):
        assert text[m.start : m.end] == m.surface


def test_find_actors_can_include_organisations() -> None:
    text = "The UN and AFP reported that the Taliban denied it, Reuters said."
    assert [m.actor.canonical for m in find_actors(text)] == ["Taliban"]
    assert [m.actor.canonical for m in find_actors(text, include_organisations=True)] == [
        "United Nations",
        "Agence France-Presse",
        "Taliban",
        "Reuters",
    ]


def test_provinces_collapse_onto_their_root_but_stay_specific() -> None:
    iskp, islamic_state = resolve_actor("IS-K"), resolve_actor("ISIS")
    assert iskp is not None and islamic_state is not None
    assert iskp.root == islamic_state.root == "Islamic State"
    assert iskp.parent == "Islamic State"
    assert same_family(iskp, islamic_state)
    assert most_specific([islamic_state, iskp, islamic_state]) == iskp
    shabaab = resolve_actor("al-Shabaab")
    assert shabaab is not None and shabaab.affiliate_of == "al-Qaeda" and shabaab.root == "al-Shabaab"
    taliban = resolve_actor("Taliban")
    assert taliban is not None and not same_family(taliban, iskp)
    assert most_specific([]) is None


def test_gazetteer_covers_the_world() -> None:
    armed = [a for a in all_actors() if a.armed]
    assert len(armed) >= 100
    regions = " ".join(a.region or "" for a in armed)
    for region in [
        "Afghanistan",
        "Pakistan",
        "India",
        "Syria",
        "Iraq",
        "Yemen",
        "Somalia",
        "Sahel",
        "Nigeria",
        "Mozambique",
        "DR Congo",
        "Sudan",
        "Ethiopia",
        "Colombia",
        "Mexico",
        "Philippines",
        "Myanmar",
        "Thailand",
        "Turkey",
        "United Kingdom",
        "Spain",
        "Haiti",
        "Brazil",
        "Palestinian",
        "Peru",
    ]:
        assert region in regions, region
    for actor in armed:
        start, end = actor.active
        assert start is None or end is None or start <= end, actor.canonical
        assert actor.active_in(start or 2000) or end is not None


def test_no_unambiguous_alias_names_two_organisations() -> None:
    owners: dict[tuple[tuple[str, ...], bool], set[str]] = defaultdict(set)
    for key, entries in gazetteer()._index.items():
        for entry in entries:
            if not entry.ambiguous:
                owners[(key, entry.case_sensitive)].add(entry.actor.canonical)
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert clashes == {}


def test_canonical_names_are_unique() -> None:
    counts = Counter(a.canonical for a in all_actors())
    assert [name for name, n in counts.items() if n > 1] == []
