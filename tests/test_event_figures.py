"""Tolls as a terrorism database codes them, and numbers that are neither tolls nor dates."""

from __future__ import annotations

import pytest

from services.pipeline.extract import extract
from services.schema import Document, EventMention


def _event(text: str, title: str | None = None) -> EventMention | None:
    document = Document(id="f", text=text, title=title, published="2023-06-10")
    events = extract([document]).documents[0].events
    return events[0] if events else None


@pytest.mark.parametrize(
    ("text", "killed", "perpetrators"),
    [
        (
            "Three guards and two attackers were killed when militants stormed a hotel in Mogadishu.",
            5,
            2,
        ),
        (
            "Four men and two of the attackers died when gunmen raided a village in Zamfara, Nigeria.",
            6,
            2,
        ),
        ("A bomb killed nine shoppers at a market in Baghdad, Iraq. The bomber also died.", 10, 1),
        ("Gunmen killed six farmers in Kaduna, Nigeria, on Monday.", 6, None),
        (
            "A suicide bomber struck a police post in Kismayo, Somalia. At least five people, including "
            "the attacker, died in the blast, and eight others were injured.",
            5,
            1,
        ),
        (
            "Militants stormed a hotel in Bamako, Mali. Eleven people, among them three gunmen, were killed.",
            11,
            3,
        ),
    ],
)
def test_attackers_deaths_count_in_the_total_and_apart(
    text: str, killed: int, perpetrators: int | None
) -> None:
    event = _event(text)
    assert event is not None
    assert event.killed.value == killed
    assert event.perpetrators_killed.value == perpetrators


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen killed a local councillor and his bodyguard in Michoacan, Mexico, on Sunday.", 2),
        ("Assailants shot dead the village chief, his wife and two sons in Ituri, Congo.", 4),
        ("Militants killed the district governor in Helmand, Afghanistan.", 1),
        ("Gunmen shot dead Deputy Mayor Carlos Ruiz outside his office in Guerrero, Mexico.", 1),
    ],
)
def test_victims_named_without_numerals_are_counted(text: str, killed: int) -> None:
    event = _event(text)
    assert event is not None and event.killed.value == killed


def test_the_headline_repeats_the_body_figures_it_does_not_add_to_them() -> None:
    title = "Five dead, nine hurt in Kano bus station bombing"
    body = (
        "A bomb tore through a bus station in Kano, Nigeria, on Friday, killing five travellers. Nine others "
        "were wounded, police said."
    )
    event = _event(f"{title}\n\n{body}", title=title)
    assert event is not None and (event.killed.value, event.wounded.value) == (5, 9)


def test_a_dateline_day_is_not_a_toll() -> None:
    event = _event(
        "KABUL, June 9 - A roadside bomb struck a minibus in Kabul, Afghanistan, killing two passengers."
    )
    assert event is not None and event.killed.value == 2


def test_a_street_named_for_a_date_is_not_the_date() -> None:
    event = _event("Gunmen attacked a checkpoint on 26 July avenue in Aden, Yemen, killing two soldiers.")
    assert event is not None and event.date is None


@pytest.mark.parametrize(
    "text",
    [
        "Police shot dead a suspected armed robber in Lagos, Nigeria, on Saturday.",
        "Officers killed two wanted bandits in a shootout in Katsina, Nigeria, police said.",
    ],
)
def test_security_forces_killing_suspects_is_no_attack(text: str) -> None:
    assert _event(text) is None


def test_an_intercepted_bomber_is_an_attack_that_failed() -> None:
    event = _event(
        "A suicide bomber was intercepted and shot dead by soldiers before he could reach a mosque in Borno."
    )
    assert event is not None and event.event_type == "bombing" and event.success is False


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("Gunmen abducted 25 students from a boarding school in Kebbi, Nigeria, on Thursday.", 25),
        ("Three aid workers were kidnapped near Gao, Mali, their employer said.", 3),
        ("Gunmen killed five people in Jos, Nigeria.", None),
    ],
)
def test_how_many_were_kidnapped(text: str, taken: int | None) -> None:
    event = _event(text)
    assert event is not None and event.kidnapped.value == taken
