"""The `vigil` command at its input boundaries, as a user runs it: a JSONL file whose bad lines
each get one error and whose good lines (extreme dates included) come out, a page that declares
a charset nobody knows, and CSV cells that a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

from pytest_httpserver import HTTPServer

from services.cleaning.validation import decode_page
from services.config import Settings
from services.fetching.fetcher import FetchedPage
from services.schema import ExtractionResult, Figure, Incident, Location, Source
from services.storage.db import get_engine, migrate, session_scope
from services.storage.incidents import save_incident
from services.storage.tables import Article
from tests.fetch_support import loopback_env
from tests.services_env import run_vigil, service_env

REPORT = (
    "Gunmen attacked a police checkpoint in Herat on Monday, killing two officers, officials said. "
    "Yesterday a bomb exploded in a market in Kabul, killing three people. Last month militants "
    "stormed a village near Kandahar."
)


def _vigil(cwd: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = service_env(f"sqlite:///{cwd / 'vigil.db'}", None, "", **extra_env)
    return run_vigil(env, *args, cwd=cwd)


def test_extract_jsonl_one_error_per_bad_line_and_the_rest_come_out(tmp_path: Path) -> None:
    good = [
        {"id": "plain", "text": REPORT, "published": "2022-09-06"},
        {"id": "first-day", "text": REPORT, "published": "0001-01-01"},
        {"id": "last-day", "text": REPORT, "published": "9999-12-31"},
        {
            "id": "ago",
            "text": REPORT + " A bombing killed five people 3000 years ago.",
            "published": "2022-09-06",
        },
        {"id": "far", "text": REPORT + " Another came 99999999999 days ago.", "published": "2022-09-06"},
    ]
    bad = {
        "not an ISO 8601 date": {"id": "b1", "text": REPORT, "published": "last Tuesday"},
        "'published' must be": {"id": "b2", "text": REPORT, "published": 2022},
        "'url' must be a string": {"id": "b3", "text": REPORT, "url": 5},
        "lone surrogate": {"id": "b4", "text": "Gunmen attacked \ud800 a checkpoint in Herat."},
        "'id' contains a lone surrogate": {"id": "b5-\udc80", "text": REPORT},
    }
    lines = [json.dumps(r).encode() for r in good[:2]]
    lines += [json.dumps(r).encode() for r in bad.values()]
    lines += [b"[" * 100_000 + b"]" * 100_000, b'{"id": "b6", "text": "caf\xe9 bombing"}']
    lines += [json.dumps(r).encode() for r in good[2:]]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_bytes(b"\n".join(lines) + b"\n")
    reasons = [*bad, "nested too deeply", "not UTF-8 (byte 0xe9"]

    result = _vigil(tmp_path, "extract", "--jsonl", str(jsonl))
    assert result.returncode == 0, result.stderr
    output = ExtractionResult.model_validate(json.loads(result.stdout))
    assert [d.id for d in output.documents] == [r["id"] for r in good]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == len(reasons), result.stderr
    for number, (line, reason) in enumerate(zip(errors, reasons, strict=True), start=3):
        assert line.startswith(f"error: {jsonl}:{number}: "), line
        assert reason in line, (reason, line)
    assert {e.input for e in output.errors} == {f"{jsonl}:{n}" for n in range(3, 3 + len(reasons))}
    assert output.incidents


def test_an_unknown_declared_charset_is_read_by_detection() -> None:
    body = "<html><body><p>Le café a été détruit par l'explosion à Genève.</p></body></html>"
    for charset in ("bogus", "base64", "idna"):
        page = FetchedPage(
            "https://example.org/a", "https://example.org/a", 200, "text/html", charset, body.encode()
        )
        assert decode_page(page, Settings()) == ("html", body)


def test_extract_a_page_with_charset_bogus(tmp_path: Path, news_site: HTTPServer) -> None:
    page = f"<html><head><title>Herat attack</title></head><body><p>{REPORT}</p></body></html>"
    news_site.expect_request("/bogus").respond_with_data(
        page.encode(), headers={"Content-Type": "text/html; charset=bogus"}
    )
    served = news_site.url_for("/bogus")
    result = _vigil(tmp_path, "extract", served, **loopback_env(news_site.port))
    assert result.returncode == 0, result.stderr
    output = ExtractionResult.model_validate(json.loads(result.stdout))
    assert [d.url for d in output.documents] == [served] and not output.errors
    assert "Herat" in output.documents[0].text


def test_incidents_csv_escapes_formulas(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'vigil.db'}"
    migrate(database_url)
    formula = '=HYPERLINK("https://evil.example","click")'
    incident = Incident(
        id="inc-1",
        event_type="bombing",
        date="2022-09-05",
        date_precision="day",
        location=Location(country_code="AF", city="@SUM(A1)"),
        killed=Figure.exact(1),
        sources=[Source(document_id=formula, killed=Figure.exact(1), evidence="x")],
        summary="+cmd|' /C calc'!A0",
    )
    with session_scope(database_url) as session:
        article = Article(external_id=formula, raw_text="x", stage="stored")
        session.add(article)
        session.flush()
        save_incident(session, incident, article.id, incident.sources[0], ("AF", "2022-09-05", "2022-09-05"))  # type: ignore[arg-type]
    get_engine(database_url).dispose()

    result = _vigil(tmp_path, "incidents", "--format", "csv")
    assert result.returncode == 0, result.stderr
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["sources"] == "'" + formula
    assert row["city"] == "'@SUM(A1)"
    assert row["summary"] == "'+cmd|' /C calc'!A0"
    assert row["killed"] == "1"
