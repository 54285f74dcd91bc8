"""Armed groups no gazetteer holds, known by the shape of their names and the abbreviations the text
gives them. Every group named here is invented, so only the rule can find it."""

from __future__ import annotations

import pytest

from services.extraction.case import for_tagging
from services.extraction.group_names import find_groups
from services.pipeline.extract import extract
from services.schema import Document


def _groups(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.actor.canonical) for m in find_groups(for_tagging(text))]


def _perpetrator(text: str) -> str | None:
    events = extract([Document(id="g", text=text, published="2024-02-12")]).documents[0].events
    assert events, text
    return events[0].perpetrator.name if events[0].perpetrator else None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Red Dawn Revolutionary Movement said it planted the device.",
            "Red Dawn Revolutionary Movement",
        ),
        ("Fighters of the Kivu Popular Liberation Front crossed the river.", "Kivu Popular Liberation Front"),
        (
            "A statement from the Sahel Patriotic Resistance Army was read out.",
            "Sahel Patriotic Resistance Army",
        ),
        (
            "The Front for the Liberation of Northern Ubanga denied it.",
            "Front for the Liberation of Northern Ubanga",
        ),
        ("The Mujahideen Brigades of Tarkan issued a video.", "Mujahideen Brigades of Tarkan"),
        ("Police named the Anarchist Cells of Solidarity as suspects.", "Anarchist Cells of Solidarity"),
        # the gazetteer knows a "National Liberation Army"; this one is another group
        ("The Zapata National Liberation Army claimed it.", "Zapata National Liberation Army"),
    ],
)
def test_a_name_shaped_like_an_armed_groups_is_one(text: str, name: str) -> None:
    assert (text[text.index(name) : text.index(name) + len(name)], name) in _groups(text)


def test_an_upper_case_name_is_found_and_written_as_a_name() -> None:
    text = "REBELS OF THE UBANGA PATRIOTIC LIBERATION FRONT ATTACKED THE TOWN ON MONDAY, POLICE SAID."
    assert [canonical for _, canonical in _groups(text)] == ["Ubanga Patriotic Liberation Front"]


@pytest.mark.parametrize(
    "text",
    [
        "Revolutionary ideas spread; the liberation movement of the 1960s grew into a popular front.",
        "The resistance movement held a rally, and the national army paraded.",
        "The Armed Forces and the National Guard opened the Freedom Bridge.",
        "US troops and UN peacekeepers met NATO commanders.",
        "A popular uprising against the army began in the capital.",
    ],
)
def test_words_of_struggle_alone_make_no_group(text: str) -> None:
    assert _groups(text) == []


def test_an_abbreviation_in_brackets_names_the_group_again() -> None:
    text = (
        "The Tarkan Islamic Resistance Front (TIRF) is little known. Officials said the TIRF had grown, "
        "and TIRF fighters were seen near the border."
    )
    found = _groups(text)
    assert [s for s, _ in found] == ["Tarkan Islamic Resistance Front", "TIRF", "TIRF", "TIRF"]
    assert {c for _, c in found} == {"Tarkan Islamic Resistance Front"}


def test_an_abbreviation_before_fighters_names_a_group_everywhere_in_the_text() -> None:
    text = "ZRM rebels shelled the camp. Later the ZRM said it had withdrawn."
    assert _groups(text) == [("ZRM", "ZRM"), ("ZRM", "ZRM")]


def test_a_bracketed_abbreviation_the_gazetteer_knows_names_its_group() -> None:
    assert (
        _groups("The Army of National Liberation (ELN) said so.")[0][1]
        == "National Liberation Army (Colombia)"
    )


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "Gunmen from the Kivu Popular Liberation Front killed six villagers near Beni, Congo, on Sunday.",
            "Kivu Popular Liberation Front",
        ),
        (
            "A bomb exploded at a bus station in Kano, Nigeria, killing four people. The Sahel Patriotic "
            "Resistance Army claimed responsibility.",
            "Sahel Patriotic Resistance Army",
        ),
        (
            "URBAN GUERRILLAS OF THE MORAVA REVOLUTIONARY LIBERATION FRONT (MRLF) BLEW UP A POWER PYLON IN "
            "SAN MIGUEL, EL SALVADOR, ON TUESDAY. THE MRLF SAID IT WOULD GO ON.",
            "Morava Revolutionary Liberation Front",
        ),
        ("ZRM rebels killed three soldiers in an ambush near Gao, Mali, on Friday.", "ZRM"),
    ],
)
def test_a_group_known_by_its_names_shape_is_the_perpetrator(text: str, perpetrator: str) -> None:
    assert _perpetrator(text) == perpetrator
