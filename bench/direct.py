"""The corpus through the stage functions called one after another in this process: register,
ingest, enrich, store, each in its own unit of work on PostgreSQL, exactly as the tasks call them
but with no broker, no serialisation and no worker. Its throughput is what the distributed run
is compared with, and the same run gives the CPU and wall milliseconds of each step."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine, select

import services.extraction.analyse
import services.pipeline.enrich
import services.pipeline.ingest
import services.pipeline.store
from bench.corpus import CorpusItem
from bench.stage_clock import StageClock
from services.pipeline.enrich import enrich_article
from services.pipeline.ingest import ingest_article
from services.pipeline.register import Registration, register_payload, register_url
from services.pipeline.store import store_article
from services.storage.db import session_scope
from services.storage.tables import Article, IncidentRow, IncidentSourceRow, Stage

log = logging.getLogger(__name__)

# (module, name the stage calls, step label): the steps inside store, and inside all three stages.
STORE_STEPS = (
    (services.pipeline.store, "candidates", "candidates"),
    (services.pipeline.store, "same_incident", "merging"),
    (services.pipeline.store, "add_source", "merging"),
)
STEPS = (
    (services.pipeline.ingest, "fetch", "fetch"),
    (services.pipeline.ingest, "clean_payload", "clean"),
    (services.pipeline.enrich, "analyse", "analyse"),
    (services.extraction.analyse, "tag", "tagging"),
    (services.extraction.analyse, "analyse_entities", "entities"),
    (services.extraction.analyse, "extract_events", "events"),
    *STORE_STEPS,
)
# Report rows: a step, or a stage minus the steps measured inside it.
ROWS: dict[str, tuple[str, ...]] = {
    "register": ("register",),
    "fetch": ("fetch",),
    "clean": ("clean",),
    "ingest: dedup + db": ("ingest", "-fetch", "-clean"),
    "tagging (spaCy)": ("tagging",),
    "entities": ("entities",),
    "event rules": ("events",),
    "analyse: rest": ("analyse", "-tagging", "-entities", "-events"),
    "enrich: db": ("enrich", "-analyse"),
    "merging": ("merging",),
    "store: candidates": ("candidates",),
    "store: db": ("store", "-merging", "-candidates"),
}
GROUPS = {
    "fetch+clean": ("fetch", "clean"),
    "tagging": ("tagging",),
    "event extraction": ("entities", "events", "analyse", "-tagging", "-entities", "-events"),
    "merging": ("merging",),
    "storing": ("register", "ingest", "-fetch", "-clean", "enrich", "-analyse", "store", "-merging"),
}


def submit(session: Session, item: CorpusItem, base_url: str) -> Registration:
    """What ``vigil.ingest.url`` / ``vigil.ingest.text`` do before anything is queued."""
    if item.kind == "url":
        return register_url(session, item.url(base_url), source="bench")
    return register_payload(
        session, item.content, item.kind, external_id=item.id, published=item.published, source="bench"
    )


@dataclass
class DirectRun:
    articles: int
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    clock: StageClock = field(default_factory=StageClock)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def ms(self, terms: Sequence[str], source: dict[str, float]) -> float:
        total = sum(-source[t[1:]] if t.startswith("-") else source[t] for t in terms)
        return 1000 * total / self.articles

    def steps(self) -> dict[str, dict[str, float]]:
        return {
            row: {
                "cpu_ms": round(self.ms(terms, self.clock.cpu), 2),
                "wall_ms": round(self.ms(terms, self.clock.wall), 2),
            }
            for row, terms in ROWS.items()
        }

    def groups(self) -> dict[str, float]:
        return {name: round(self.ms(terms, self.clock.cpu), 2) for name, terms in GROUPS.items()}


def process(item: CorpusItem, database_url: str, base_url: str, clock: StageClock) -> None:
    """One article through every stage, each in its own unit of work, as the workers do."""
    with clock.measure("register"), session_scope(database_url) as session:
        registration = submit(session, item, base_url)
    if registration.stage != Stage.QUEUED:
        return
    article_id = registration.article_id
    with clock.measure("ingest"), session_scope(database_url) as session:
        ready = ingest_article(session, article_id)
    if ready:
        with clock.measure("enrich"), session_scope(database_url) as session:
            ready = enrich_article(session, article_id)
    if ready:
        with clock.measure("store"), session_scope(database_url) as session:
            store_article(session, article_id)


def run_direct(items: Sequence[CorpusItem], database_url: str, base_url: str) -> DirectRun:
    """Every item in order; an article that fails is counted by its error and the run goes on."""
    run = DirectRun(len(items))
    with run.clock.watching(STEPS):
        started, cpu = time.perf_counter(), time.thread_time()
        for item in items:
            try:
                process(item, database_url, base_url, run.clock)
            except Exception as exc:
                log.warning("%s: %s", item.id, exc)
                run.errors[type(exc).__name__] += 1
        run.seconds, run.cpu_seconds = time.perf_counter() - started, time.thread_time() - cpu
    return run


def store_counts(database_url: str) -> dict[str, object]:
    """Where the articles ended up, and how many incidents and sources the store holds."""
    engine = create_engine(database_url, poolclass=NullPool)
    with Session(engine) as session:
        stages = dict(session.exec(select(Article.stage, func.count()).group_by(Article.stage)).all())
        incidents = session.exec(select(func.count()).select_from(IncidentRow)).one()
        sources = session.exec(select(func.count()).select_from(IncidentSourceRow)).one()
    engine.dispose()
    return {"stages": stages, "incidents": incidents, "incident_sources": sources}
