"""Event rules one at a time, each on a short text built to exercise it, through ``analyse``.

All texts are analysed in one batch (one ``nlp.pipe`` pass) by a module fixture, as the enrich
stage would; each test then reads the events of its own text.
"""

from __future__ import annotations

import pytest

from services.extraction.analyse import analyse
from services.schema import Document, EventMention

TEXTS: dict[str, tuple[str | None, str]] = {
    "tally": (
        "2023-01-10",
        "Islamic State has claimed responsibility for 224 attacks since the Taliban took power in "
        "August 2021, according to a monitoring group. Thousands of civilians have been killed in the "
        "region since 2020. Attacks on civilians in the province have risen sharply this year, and the "
        "number of people displaced has more than doubled since 2019. Drone attacks on villages have "
        "become more common over the past decade.",
    ),
    "coordinated": (
        "2023-06-01",
        "Drone attacks on 12 May hit three army bases in Borno State, the military said.",
    ),
    "navigation": (
        "2023-01-10",
        "Police said the investigation was continuing.\n\nLeave a Reply\n\nYour email address will not be "
        "published. Required fields are marked *\n\nPrevious post Shooting at a lake resort in Saskatchewan\n"
        "Next post Nearly 50 dead in China after a magnitude 6.6 earthquake",
    ),
    "background": (
        "2022-03-05",
        "A suicide bomber killed 57 people at a Shi'ite mosque in Peshawar on Friday, police said.\n\n"
        "It was the deadliest attack in the city since a bombing at a church in September 2013 killed "
        "80 people.",
    ),
    "claimed": (
        "2021-05-09",
        "A car bomb exploded outside a school in Kabul on Saturday, killing 12 people. The Taliban claimed "
        "responsibility for the attack.",
    ),
    "attributed": (
        "2021-05-09",
        "A car bomb exploded outside a school in Kabul on Saturday, killing 12 people. The government blamed "
        "the Taliban for the attack.",
    ),
    "disowned": (
        "2021-05-09",
        "A car bomb exploded outside a school in Kabul on Saturday, killing 12 people. No group has claimed "
        "the attack, and the Taliban denied involvement.",
    ),
    "response": (
        "2023-04-02",
        "Gunmen stormed a hotel in Mogadishu on Saturday, killing nine guests. The attackers were later shot "
        "dead by security forces.",
    ),
    "same_month": (
        "2023-12-01",
        "March 2023: a bomb at a market in Maiduguri killed 14 people.\n"
        "In the same month, gunmen killed 9 worshippers at a mosque in Kano.",
    ),
    "headline": (
        "2022-06-20",
        "Eight killed in Bamako market attack\n\nGunmen opened fire at a market in Bamako on Sunday, police "
        "said, and fled on motorbikes.",
    ),
    "dateline": (
        None,
        "date 2022-12-05 Gunmen attacked a police post in Bannu on Friday, killing three officers.",
    ),
    "clash": (
        "2022-08-15",
        "Clashes erupted between Taliban fighters and Islamic State militants in Jalalabad on Sunday, "
        "leaving at least 10 fighters dead.",
    ),
    "clock": (
        "1990-03-14",
        "At 2130 a bomb exploded outside the ministry in Lima, wounding two guards, police said.",
    ),
}


@pytest.fixture(scope="module")
def events(nlp: object) -> dict[str, list[EventMention]]:
    documents = [Document(id=key, published=published, text=text) for key, (published, text) in TEXTS.items()]
    return {d.id: d.events for d in analyse(documents)}


def test_tallies_of_many_attacks_are_not_events(events: dict[str, list[EventMention]]) -> None:
    assert events["tally"] == []


def test_plural_attacks_on_a_named_day_are_one_coordinated_event(
    events: dict[str, list[EventMention]],
) -> None:
    [event] = events["coordinated"]
    assert event.date == "2023-05-12"


def test_a_wire_copy_clock_time_is_no_year(events: dict[str, list[EventMention]]) -> None:
    [event] = events["clock"]
    assert event.primary and event.date != "2130"


def test_page_furniture_yields_nothing(events: dict[str, list[EventMention]]) -> None:
    assert events["navigation"] == []


def test_a_recalled_event_is_separate_and_keeps_its_own_toll(events: dict[str, list[EventMention]]) -> None:
    main, recalled = events["background"]
    assert main.primary and not recalled.primary
    assert (main.killed.value, recalled.killed.value) == (57, 80)
    assert (main.date, recalled.date) == ("2022-03-04", "2013-09")
    assert (main.target.type, recalled.target.type) == ("religious", "religious")


@pytest.mark.parametrize(("key", "claimed"), [("claimed", True), ("attributed", None), ("disowned", False)])
def test_claim_attribution_and_denial(
    events: dict[str, list[EventMention]], key: str, claimed: bool | None
) -> None:
    [event] = events[key]
    assert event.claimed is claimed
    assert (event.perpetrator.name if event.perpetrator else None) == (
        None if key == "disowned" else "Taliban"
    )


def test_killing_the_attackers_is_not_another_attack(events: dict[str, list[EventMention]]) -> None:
    [event] = events["response"]
    assert (event.event_type, event.killed.value, event.target.type) == ("armed_assault", 9, "business")


def test_the_same_month_takes_the_previous_event_month(events: dict[str, list[EventMention]]) -> None:
    dates = sorted((e.location.city, e.date, e.killed.value) for e in events["same_month"])
    assert dates == [("Kano", "2023-03", 9), ("Maiduguri", "2023-03", 14)]


def test_the_headline_adds_its_toll_to_the_body_event(events: dict[str, list[EventMention]]) -> None:
    [event] = events["headline"]
    assert (event.killed.value, event.location.city, event.date) == (8, "Bamako", "2022-06-19")


def test_a_dateline_dates_the_report_not_the_attack(events: dict[str, list[EventMention]]) -> None:
    [event] = events["dateline"]
    assert (event.date, event.target.type, event.killed.value) == ("2022-12-02", "police", 3)


def test_fighting_between_groups_is_a_clash(events: dict[str, list[EventMention]]) -> None:
    [event] = events["clash"]
    assert (event.event_type, event.perpetrator, event.killed.min) == ("armed_clash", None, 10)


def _events_of(text: str) -> list[EventMention]:
    return analyse([Document(id="t", text=text, published="2024-05-30")])[0].events


@pytest.mark.parametrize(
    ("text", "target", "killed", "wounded"),
    [
        (
            "Insurgents ambushed an army convoy outside Gao, Mali. Eleven soldiers were killed and four were "
            "wounded.",
            "military",
            11,
            4,
        ),
        (
            "Attackers raided a village in Ituri province, Congo, overnight. Twenty-two people were killed.",
            "private_citizens",
            22,
            None,
        ),
        (
            "Gunmen opened fire on a police checkpoint near Peshawar on Friday. Two officers and a passer-by "
            "were killed and six people were hurt.",
            "police",
            3,
            6,
        ),
    ],
)
def test_a_bare_toll_after_the_attack_is_that_attacks_toll(
    text: str, target: str, killed: int, wounded: int | None
) -> None:
    """ "N were killed" with no doer, date or place of its own counts for the attack just told."""
    [event] = _events_of(text)
    assert (event.target.type, event.killed.value, event.wounded.value) == (target, killed, wounded)


def test_a_toll_with_a_place_of_its_own_stays_another_event() -> None:
    events = _events_of(
        "Gunmen attacked a church in Owo, Nigeria, on Sunday. Separately, two soldiers were killed in "
        "Borno state."
    )
    assert len(events) == 2 and events[0].killed.value is None and events[1].killed.value == 2


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "A roadside bomb hit a bus in Peshawar, Pakistan, on Friday, killing four passengers. The "
            "Jamaat-ul-Ahrar claimed responsibility, saying the bombing avenged the killing of its chief "
            "two weeks ago.",
            "Jamaat-ul-Ahrar",
        ),
        (
            "Gunmen shot dead a shopkeeper in Sopore, Kashmir, on Tuesday. Police blamed Lashkar-e-Taiba for "
            "the killing.",
            "Lashkar-e-Taiba",
        ),
        (
            "A bomb went off at a bus stop in Yala, Thailand, on Monday, wounding three. Police said the "
            "attack was believed to be the work of the Patani Freedom Council.",
            "Patani Freedom Council",
        ),
    ],
)
def test_a_later_claim_or_blame_names_the_perpetrator_of_the_event_told(text: str, perpetrator: str) -> None:
    """The claim's own words of violence and the reason's date do not make another event; a group the
    gazetteer lacks that the text blames is kept as written."""
    [event] = _events_of(text)
    assert event.perpetrator is not None and event.perpetrator.name == perpetrator


@pytest.mark.parametrize(
    ("text", "killed", "attackers_killed"),
    [
        (
            "A bomber detonated his vest at a checkpoint in Mogadishu, Somalia, killing himself and two "
            "soldiers.",
            3,
            1,
        ),
        (
            "A would-be bomber was stopped at the gate of a church in Kaduna, Nigeria, and set off his "
            "explosives, killing only himself.",
            1,
            1,
        ),
        (
            "A roadside bomb exploded under a pickup in Kunar, Afghanistan, killing a technician and a "
            "driver.",
            2,
            None,
        ),
    ],
)
def test_the_bomber_killed_by_the_bomb_counts_and_one_of_each_trade_is_one(
    text: str, killed: int, attackers_killed: int | None
) -> None:
    [event] = _events_of(text)
    assert (event.killed.value, event.perpetrators_killed.value) == (killed, attackers_killed)
