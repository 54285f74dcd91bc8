"""`vigil run`, `enqueue`, `failures` and `incidents` as a user runs them, each with a database of
its own: folders of any single-file suffix, JSONL and --published, the closing summary, skipped and
failed articles shown once with their reason, and a table that fits 80 columns."""

from __future__ import annotations

import base64
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
import redis
from sqlmodel import Session, create_engine, select

from services.schema import Figure, Incident, Location, Source
from services.storage.db import get_engine, migrate, session_scope
from services.storage.incidents import save_incident
from services.storage.tables import Article
from tests.services_env import ROOT, postgres_database, redis_namespace, run_vigil, service_env

NIGERIA = "Gunmen killed four farmers in Benue state, Nigeria, on Monday, police said.\n"
FRENCH = (
    "Des hommes armés ont tué quatre agriculteurs dans l'État de Benue, au Nigeria, lundi, a indiqué "
    "la police. Les assaillants sont arrivés à moto et ont ouvert le feu sur les villageois.\n"
)
KABUL = (ROOT / "seeds" / "002_bca8d86e48a8e810.txt").read_text()
JSONL = [
    {"id": "herat-1", "text": "A bomb exploded in a market in Herat on Tuesday, killing three people, "
     "officials said.", "published": "2023-05-02"},
    {"id": "kandahar-1", "text": "Militants stormed a police post in Kandahar on Sunday, killing five "
     "officers, the governor said."},
]  # fmt: skip
REFUSED = "http://localhost/x"  # valid, but the fetcher refuses loopback: the article fails
NOT_ENGLISH = "language 'fr' is not supported; only English ('en') articles are enriched"


def _vigil(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Embedded, on ``vigil.db`` in ``folder``; output captured, as when piped."""
    return run_vigil(service_env(f"sqlite:///{folder / 'vigil.db'}", None, "", **env), *args, cwd=folder)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("run")
    reports = folder / "reports"
    reports.mkdir()
    (reports / "benue.md").write_text(NIGERIA)
    (reports / "benue-fr.md").write_text(FRENCH)
    (reports / "kabul.text").write_text(KABUL)
    (reports / "kabul-again.txt").write_text(KABUL)  # the same input twice: one article
    (folder / "batch.jsonl").write_text("".join(json.dumps(line) + "\n" for line in JSONL))
    result = _vigil(folder, "run", "reports", REFUSED, "--jsonl", "batch.jsonl", "--published", "2024-03-04")
    return folder, result


def test_run_takes_md_and_text_folders_jsonl_and_published(
    batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    folder, result = batch
    with sqlite3.connect(folder / "vigil.db") as db:
        rows = dict(db.execute("SELECT external_id, published FROM articles WHERE external_id IS NOT NULL"))
    # --published dates the files and the JSONL line without a date; a line's own date wins.
    assert rows == {
        "benue": "2024-03-04",
        "benue-fr": "2024-03-04",
        "kabul-again": "2024-03-04",
        "herat-1": "2023-05-02",
        "kandahar-1": "2024-03-04",
    }, result.stderr
    incidents = json.loads(_vigil(folder, "incidents", "--format", "json").stdout)["incidents"]
    by_city = {i["location"]["city"] or i["location"]["name"]: i for i in incidents}
    assert by_city["Herat"]["date"].startswith("2023-05")
    assert by_city["Kandahar"]["date"].startswith("2024-03")


def test_run_sums_up_and_shows_each_skipped_and_failed_article_once(
    batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    folder, result = batch
    assert result.returncode == 1, result.stderr  # an input was rejected
    lines = result.stderr.splitlines()
    # localhost is refused when the input is read, not after a fetch: no article is made for it.
    assert lines[-1] == "5 articles: 4 stored, 0 duplicate, 1 skipped, 0 failed; 1 inputs rejected", lines
    # Piped, progress lines stand in for the progress bar.
    assert "5 of 5 articles done" in result.stderr
    failed = [line for line in lines if "refused address" in line]
    assert failed == [f"error: {REFUSED}: refused address 127.0.0.1 for host localhost (loopback)"], lines
    assert "vigil.ingest" not in result.stderr
    skipped = [line for line in lines if line.startswith("skipped: ")]
    assert skipped == [f"skipped: benue-fr: {NOT_ENGLISH}"]

    listing = _vigil(folder, "failures")
    assert listing.returncode == 0, listing.stderr
    rows = {tuple(line.split("\t")[1:]) for line in listing.stdout.splitlines()[1:]}
    assert rows == {("skipped", "0", "benue-fr", NOT_ENGLISH)}


def test_a_short_english_report_from_nigeria_is_stored(
    batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    folder, _ = batch
    with sqlite3.connect(folder / "vigil.db") as db:
        assert db.execute("SELECT stage, language FROM articles WHERE external_id = 'benue'").fetchone() == (
            "stored",
            "en",
        )
    incidents = json.loads(_vigil(folder, "incidents", "--format", "json").stdout)["incidents"]
    nigeria = [i for i in incidents if i["location"]["country_code"] == "NG"]
    assert len(nigeria) == 1 and nigeria[0]["killed"]["value"] == 4, incidents


def test_the_incidents_table_fits_80_columns_with_id_claim_target_and_weapon(
    batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    folder, _ = batch
    incidents = json.loads(_vigil(folder, "incidents", "--format", "json").stdout)["incidents"]
    table = _vigil(folder, "incidents", COLUMNS="80")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, table.stdout
    assert "…" not in table.stdout
    words = table.stdout.split()
    for incident in incidents:
        assert incident["id"] in words
        assert incident["event_type"] in words
        assert all(weapon in words for weapon in incident["weapon_types"])
    kabul = next(i for i in incidents if i["location"]["city"] == "Kabul")
    assert kabul["claimed"] is True and "claimed" in words
    assert kabul["target"]["type"] + ":" in words and "embassy" in words


def test_verbose_run_keeps_the_library_lines_and_prints_each_line_once(tmp_path: Path) -> None:
    (tmp_path / "benue.md").write_text(NIGERIA)
    result = _vigil(tmp_path, "-v", "run", "benue.md")
    assert result.returncode == 0, result.stderr
    # -v reaches Celery's own loggers (the embedded worker used to reset the level).
    assert "INFO celery.app.trace: Task vigil.store.article" in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == len(set(lines)), result.stderr  # no second handler repeating every line
    assert lines[-1] == "1 articles: 1 stored, 0 duplicate, 0 skipped, 0 failed"


def _incident(public_id: str, day: str | None) -> Incident:
    return Incident(
        id=public_id,
        event_type="bombing",
        date=day,
        date_precision="day" if day else None,
        location=Location(country_code="AF", city="Kabul"),
        killed=Figure.exact(1),
        sources=[Source(document_id=public_id, killed=Figure.exact(1), evidence="x")],
    )


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_undated_incidents_come_last_on_every_database(kind: str, tmp_path: Path) -> None:
    def listed(url: str) -> list[str]:
        result = run_vigil(service_env(url, None, ""), "incidents", "--format", "csv", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return [line.split(",")[0] for line in result.stdout.splitlines()[1:]]

    def store(url: str) -> list[str]:
        migrate(url)
        # The undated one first, so storage order alone would not put it last.
        for public_id, day in (("inc_undated", None), ("inc_old", "2021-01-02"), ("inc_new", "2023-04-05")):
            with session_scope(url) as session:
                article = Article(external_id=public_id, raw_text="x", stage="stored")
                session.add(article)
                session.flush()
                incident = _incident(public_id, day)
                window = ("AF", day or "0001-01-01", day or "9999-12-31")
                save_incident(session, incident, article.id, incident.sources[0], window)  # type: ignore[arg-type]
        try:
            return listed(url)
        finally:
            get_engine(url).dispose()

    if kind == "sqlite":
        order = store(f"sqlite:///{tmp_path / 'vigil.db'}")
    else:
        with postgres_database() as url:
            order = store(url)
    assert order == ["inc_new", "inc_old", "inc_undated"]


def test_enqueue_takes_jsonl_and_published_and_queues_each_article_once(tmp_path: Path) -> None:
    (tmp_path / "benue.md").write_text(NIGERIA)
    (tmp_path / "batch.jsonl").write_text("".join(json.dumps(line) + "\n" for line in JSONL))
    with postgres_database() as url, redis_namespace() as (broker_url, prefix):
        migrate(url)
        env = service_env(url, broker_url, prefix)
        args = ["enqueue", "benue.md", "--jsonl", "batch.jsonl", "--published", "2024-03-04"]
        result = run_vigil(env, *args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        with Session(create_engine(url)) as session:
            articles = session.exec(select(Article.id, Article.external_id, Article.published)).all()
        assert {(e, p) for _, e, p in articles} == {
            ("benue", "2024-03-04"),
            ("herat-1", "2023-05-02"),
            ("kandahar-1", "2024-03-04"),
        }
        raw = redis.Redis.from_url(broker_url).lrange(f"{prefix}ingest", 0, -1)
        queued = sorted(json.loads(base64.b64decode(json.loads(m)["body"]))[0][0] for m in raw)
        assert queued == sorted(article_id for article_id, _, _ in articles)

        bad = run_vigil(env, "enqueue", "--published", "last Tuesday", "benue.md", cwd=tmp_path)
        assert bad.returncode == 2 and "not an ISO 8601 date" in bad.stderr, bad.stderr
