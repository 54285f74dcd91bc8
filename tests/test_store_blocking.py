"""The store's candidate query never leaves out an incident the merge rules would accept.

Blocking means: an incident is compared with a mention when their windows overlap
(``merging.blocking_window``). To keep merging cost flat as the store grows, the query reaches
those windows through one index range per date precision and also leaves out, in the database,
incidents of another region or town or of an incompatible type; a condition stricter than
``same_incident`` would silently split one event into two incidents. Many stored incidents and
mentions, close to and far from one another on every one of those keys, are checked on SQLite
and PostgreSQL against ``same_incident`` itself.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from services.merging import add_source, blocking_window, same_incident
from services.schema import EventMention, Location, Perpetrator, Target
from services.storage.db import session_scope
from services.storage.incidents import MAX_CANDIDATES, candidates, load_incident, save_incident
from services.storage.tables import Article, IncidentRow, Stage
from tests.services_env import migrated_database

TOWNS = (  # (admin1, city, lat, lon): two towns 0.15 degrees apart count as one place
    ("Kabul", "Kabul", 34.53, 69.17),
    ("Kabul", "Paghman", 34.59, 68.95),
    ("Kabul", "Kabul suburb", 34.68, 69.17),
    ("Nangarhar", "Jalalabad", 34.43, 70.45),
    ("Nangarhar", None, None, None),
    (None, None, None, None),
    ("Kabul", "Qala-e Now", None, None),
)
TYPES = ("bombing", "armed_assault", "kidnapping", "armed_clash", "unknown")
DAY = date(2022, 9, 5)
STORED = 150  # fewer than the candidate cap in any one country


def _mention(rng: random.Random, number: int) -> tuple[EventMention, str]:
    """A mention and its report's publication day, drawn so that many pairs agree."""
    admin1, city, lat, lon = rng.choice(TOWNS)
    day = DAY + timedelta(days=rng.randint(-40, 40))
    precision = rng.choice(("day", "day", "day", "month", "year", None))
    value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4], None: None}
    published = (day + timedelta(days=rng.randint(0, 3))).isoformat()
    mention = EventMention(
        event_type=rng.choice(TYPES),
        date=value[precision],
        date_precision=precision,
        location=Location(
            country_code=rng.choice(("AF", "AF", "AF", "PK")),
            admin1=admin1,
            city=city,
            lat=lat,
            lon=lon,
            precision="city" if city else ("admin1" if admin1 else "country"),
        ),
        target=Target(type=rng.choice(("police", "religious", "private_citizens")), name=None),
        perpetrator=rng.choice((None, Perpetrator(name="Taliban"), Perpetrator(name="Islamic State"))),
        killed={"value": rng.choice((None, 3, 5))},
        primary=rng.random() < 0.7,
        evidence=f"sentence {number}",
    )
    return mention, published


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with migrated_database(request.param, tmp_path) as url:
        yield url


def _save(session: Session, mention: EventMention, published: str, name: str) -> None:
    """A stored article whose one mention is a new incident."""
    article = Article(input_hash=name, published=published, stage=Stage.STORED)
    session.add(article)
    session.flush()
    incident = add_source(None, mention, f"doc-{name}", None)
    window = blocking_window(incident, published)
    save_incident(session, incident, article.id, incident.sources[0], window)  # type: ignore[arg-type]


def _store(session: Session, rng: random.Random, count: int) -> None:
    for number in range(count):
        mention, published = _mention(rng, number)
        _save(session, mention, published, f"stored-{number}")


def test_every_incident_the_rules_would_merge_is_a_candidate(database: str) -> None:
    rng = random.Random(11)
    with session_scope(database) as session:
        _store(session, rng, STORED)
    merges = excluded = 0
    with session_scope(database) as session:
        stored = {row.id: (load_incident(session, row.id), row) for row in session.exec(select(IncidentRow))}  # type: ignore[misc]
        for number in range(300):
            mention, published = _mention(rng, 1000 + number)
            country, start, end = window = blocking_window(mention, published)
            found = {c.row_id for c in candidates(session, window, mention)}
            assert len(found) < MAX_CANDIDATES  # the cap, not the conditions, would leave some out
            accepted = {
                row_id
                for row_id, (known, row) in stored.items()
                if row.country_code == country
                and row.date_start <= end  # type: ignore[operator]
                and row.date_end >= start  # type: ignore[operator]
                and same_incident(known, mention)
            }
            assert accepted <= found, (mention, accepted - found)
            merges += len(accepted)
            excluded += len(stored) - len(found)
    # The check means something only if many pairs merge and the query still leaves most out.
    assert merges > 300
    assert excluded > 300 * STORED // 2


def test_an_undated_incident_waits_only_weeks_before_its_report(database: str) -> None:
    """With a publication day, an undated incident's window is bounded, so it is no candidate
    for a report about a day a year later (it was one, for every report, before)."""
    rng = random.Random(3)
    mention, _ = _mention(rng, 0)
    undated = mention.model_copy(update={"date": None, "date_precision": None})
    with session_scope(database) as session:
        _save(session, undated, "2022-09-07", "undated")
    with session_scope(database) as session:
        row = session.get(IncidentRow, 1)
        assert row is not None and (row.date_start, row.date_end) == ("2022-08-05", "2022-09-09")
        near = mention.model_copy(update={"date": "2022-09-01", "date_precision": "day"})
        later = mention.model_copy(update={"date": "2023-09-01", "date_precision": "day"})
        assert [c.row_id for c in candidates(session, blocking_window(near), near)] == [1]
        assert candidates(session, blocking_window(later), later) == []
