"""Reports of no violent incident give none: sport, figures of speech, disease, accidents,
disasters, fiction and games, trials, threats and plans; real attacks worded alike still count."""

from __future__ import annotations

import pytest

from services.pipeline.extract import extract
from services.schema import Document

NO_INCIDENT = [
    "The winger took a shot at goal in stoppage time, but the keeper tipped it over and the derby ended 0-0.",
    "Holders Celtic bombed out of the Scottish Cup on Sunday after a shock defeat at Dundee.",
    "The captain exploded into life after the break and his team cruised to a 4-1 league win.",
    "Never baked bread? Give it a shot: the recipe below takes only an hour, says chef Ana Ruiz in Lisbon.",
    "My landlord went off on me when I asked about the broken heating, the tenant told the council in Leeds.",
    "The agency's moon shot plan to land astronauts by 2030 will cost billions, officials in Houston said.",
    "Both ministers attacked the government's budget proposal during a stormy session of parliament in Rome.",
    "The senator attacked her rival's record on immigration at a rally in Phoenix on Friday.",
    "A cholera outbreak has killed 31 people in three provinces of Zambia, the health ministry said.",
    "A measles epidemic killed at least 40 children in the east of the country, doctors in Kinshasa said.",
    "A passenger plane crashed into a hillside near Pokhara, killing 68 people on board.",
    "A minibus plunged off a mountain road in Bolivia on Saturday, killing 14 people and injuring 9.",
    "Fire broke out in a crowded market in Dhaka overnight, killing six traders; a gas leak was blamed.",
    "Severe thunderstorms killed five people and flattened hundreds of homes across Bihar on Tuesday.",
    "In the film, a band of soldiers ambush an enemy patrol and blow up a bridge in 1944 Italy.",
    "The new video game lets players storm a fortress and detonate explosives to breach its walls.",
    "A man pleaded guilty in Ohio on Monday to threatening to bomb a school; no one was hurt.",
    "Police said the teenager had planned to attack a concert in Vienna before he was arrested at home.",
    "Troops fired rockets and mortars during a live-fire exercise near the border on Wednesday.",
]


@pytest.mark.parametrize("text", NO_INCIDENT)
def test_no_violent_incident_gives_none(text: str) -> None:
    events = extract([Document(id="n", text=text, published="2024-04-10")]).documents[0].events
    assert events == [], f"{text!r} -> {[e.event_type for e in events]}"


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Gunmen storm a hotel in Mogadishu, killing at least five guests.", "armed_assault"),
        ("Armed men stormed a police post in Tillaberi, Niger, killing three officers.", "armed_assault"),
        ("A car bomb exploded outside a bank in Kirkuk, Iraq, on Monday, killing two guards.", "bombing"),
        ("An explosive device went off near a bus station in Quetta, Pakistan, wounding seven.", "bombing"),
        ("A man drove his car into a crowd at a market in Nice, France, killing four.", "unarmed_assault"),
        ("Militants set fire to a school in Borno state, Nigeria, overnight.", "facility_attack"),
    ],
)
def test_attacks_worded_like_the_tempting_phrases_still_count(text: str, event_type: str) -> None:
    events = extract([Document(id="a", text=text, published="2024-04-10")]).documents[0].events
    assert events and events[0].event_type == event_type
