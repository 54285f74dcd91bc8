"""Short wire-style reports generated for load tests: many distinct events in many countries, each
told by several outlets in their own words and figures, 80-150 words, as real feeds deliver them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

PLACES = (
    ("Kabul", "Afghanistan"),
    ("Jalalabad", "Afghanistan"),
    ("Peshawar", "Pakistan"),
    ("Quetta", "Pakistan"),
    ("Mogadishu", "Somalia"),
    ("Kismayo", "Somalia"),
    ("Maiduguri", "Nigeria"),
    ("Baghdad", "Iraq"),
    ("Mosul", "Iraq"),
    ("Gao", "Mali"),
    ("Ouagadougou", "Burkina Faso"),
    ("Diffa", "Niger"),
    ("Beni", "Democratic Republic of the Congo"),
    ("Pemba", "Mozambique"),
    ("Sanaa", "Yemen"),
    ("Idlib", "Syria"),
)
GROUPS = (
    ("Islamic State", ("Afghanistan", "Iraq", "Syria", "Pakistan")),
    ("al-Shabaab", ("Somalia",)),
    ("Boko Haram", ("Nigeria", "Niger")),
    ("Jama'at Nusrat al-Islam wal-Muslimin", ("Mali", "Burkina Faso", "Niger")),
    ("Allied Democratic Forces", ("Democratic Republic of the Congo",)),
    ("Tehrik-i-Taliban Pakistan", ("Pakistan",)),
    ("Islamic State Mozambique Province", ("Mozambique",)),
    ("Houthis", ("Yemen",)),
    ("Hayat Tahrir al-Sham", ("Syria",)),
)
ATTACKS = (
    ("a car bomb exploded near", "the blast", "bombing"),
    ("a suicide bomber blew himself up at", "the explosion", "bombing"),
    ("gunmen opened fire on", "the shooting", "armed attack"),
    ("militants stormed", "the assault", "raid"),
)
TARGETS = (
    "a police checkpoint",
    "a crowded market",
    "an army base",
    "a mosque during Friday prayers",
    "a bus station",
    "a hotel used by officials",
    "a district government office",
    "a camp for displaced families",
)
OUTLETS = ("Reuters", "AFP", "AP", "Al Jazeera", "BBC", "Xinhua", "Anadolu")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Event:
    number: int
    city: str
    country: str
    group: str
    attack: tuple[str, str, str]
    target: str
    day: int
    month: str
    year: int
    killed: int
    wounded: int


def _event(number: int, rng: random.Random) -> Event:
    city, country = PLACES[number % len(PLACES)]
    groups = [name for name, countries in GROUPS if country in countries] or ["unidentified gunmen"]
    return Event(
        number=number,
        city=city,
        country=country,
        group=rng.choice(groups),
        attack=rng.choice(ATTACKS),
        target=rng.choice(TARGETS),
        day=rng.randint(1, 28),
        month=rng.choice(MONTHS),
        year=rng.randint(2019, 2024),
        killed=rng.randint(2, 60),
        wounded=rng.randint(0, 90),
    )


def _report(event: Event, version: int, rng: random.Random) -> str:
    """One outlet's story: its own headline, wording and (sometimes revised) figures."""
    verb, noun, kind = event.attack
    outlet = OUTLETS[(event.number + version) % len(OUTLETS)]
    killed = event.killed + rng.choice((0, 0, 1, 2)) * (version % 2)
    date = f"{event.day} {event.month} {event.year}"
    official = rng.choice(("a police spokesman", "the governor", "a security official", "a doctor"))
    openings = (
        f"{event.city}, {event.country} ({outlet}) - At least {killed} people were killed and "
        f"{event.wounded} wounded on {date} when {verb} {event.target} in {event.city}, officials said.",
        f"{killed} dead as {verb} {event.target} in {event.country}'s {event.city}. ({outlet}) - The attack "
        f"happened on {date}, leaving {event.wounded} people injured, according to {official}.",
        f"({outlet}) Attackers struck {event.target} in {event.city}, {event.country}, on {date}: {verb} the "
        f"site, killing {killed} and wounding {event.wounded}, {official} told reporters.",
    )
    claims = (
        f"The {event.group} claimed responsibility for {noun} in a statement.",
        f"No group immediately said it carried out {noun}, but officials blamed the {event.group}.",
        f"{event.group} said on its channels that its fighters carried out the {kind}.",
    )
    middles = (
        f"Witnesses described panic as ambulances rushed the injured to hospitals across {event.city}.",
        f"Security forces sealed off the area and began searching nearby streets, {official} said.",
        "Hospital staff appealed for blood donations as families gathered outside the emergency ward.",
        f"It was the deadliest such attack in {event.city} this year, residents told {outlet}.",
    )
    background = (
        f"{event.city} has seen repeated attacks on civilians and security forces in recent months.",
        f"Analysts say the {event.group} has stepped up attacks around {event.city} since {event.year - 1}.",
        f"The road linking {event.city} to the rest of {event.country} had reopened only weeks earlier.",
    )
    closing = (
        f"The government condemned the {kind} and promised to hunt down those responsible.",
        f"The United Nations mission in {event.country} called the attack a grave violation.",
        "Officials warned that the toll could rise as several of the wounded were in critical condition.",
    )
    sentences = [
        openings[version % len(openings)],
        claims[(event.number + version) % len(claims)],
        *rng.sample(middles, 2),
        background[(event.number + version) % len(background)],
        closing[version % len(closing)],
    ]
    return " ".join(sentences) + "\n"


def generate_reports(
    count: int, reports_per_event: int = 5, originals: int = 3, seed: int = 7
) -> list[tuple[str, Event, str]]:
    """``count`` reports as (name ``eventNNNN-rK``, the event, text), ``reports_per_event`` per
    event: ``originals`` written by different outlets, the rest syndicated copies of them (the same
    story republished by another site under its own credit line), as wire copy spreads."""
    rng = random.Random(seed)
    reports = []
    stories: dict[tuple[int, int], str] = {}
    for index in range(count):
        number, version = divmod(index, reports_per_event)
        event = _event(number, random.Random(seed * 100_003 + number))
        if version < originals:
            text = stories[number, version] = _report(event, version, rng)
        else:
            site = OUTLETS[(number + version) % len(OUTLETS)]
            text = f"Republished from {site} wire copy.\n" + stories[number, version % originals]
        reports.append((f"event{number:04d}-r{version}", event, text))
    return reports


def write_reports(
    folder: Path, count: int, reports_per_event: int = 5, originals: int = 3, seed: int = 7
) -> list[Path]:
    """The reports of ``generate_reports`` as files ``<name>.txt`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, _, text in generate_reports(count, reports_per_event, originals, seed):
        path = folder / f"{name}.txt"
        path.write_text(text)
        paths.append(path)
    return paths
