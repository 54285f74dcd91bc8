"""The `vigil` command as a user runs it: embedded run, extract, bad inputs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from services.schema import ExtractionResult
from tests.fetch_support import loopback_env
from tests.services_env import ROOT, run_vigil, service_env

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _run(args: list[str], cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """As a user runs it: no broker, the default SQLite store in ``cwd``."""
    env = service_env("sqlite:///vigil.db", None, "", **extra_env)
    env.pop("VIGIL_DATABASE_URL")
    return run_vigil(env, *args, cwd=cwd)


def test_make_run_command_without_broker_prints_both_incidents(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    result = _run(["run", "seeds"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "vigil.db").exists()
    assert "2022-09-05" in result.stdout and "2022-12-02" in result.stdout
    assert "Kabul" in result.stdout
    # Article 001 has no publication date: its "on Friday" resolves against the embassy attack's day,
    # which the store already holds from the other reports.
    assert "2022-09-02" in result.stdout


@pytest.fixture(scope="module")
def extracted() -> ExtractionResult:
    result = _run(["extract", *map(str, SEEDS)], ROOT)
    assert result.returncode == 0, result.stderr
    return ExtractionResult.model_validate(json.loads(result.stdout))


def test_extract_prints_the_schema(extracted: ExtractionResult) -> None:
    assert [d.id for d in extracted.documents] == [p.stem for p in SEEDS]
    assert all(d.text and d.entities for d in extracted.documents)
    assert any(i.date == "2022-09-05" and len(i.sources) == 5 for i in extracted.incidents)


def test_bad_inputs_get_one_error_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "missing.txt"
    bad_url = "http://exa mple.com/x"
    result = _run(["extract", str(empty), str(SEEDS[1]), str(binary), str(missing), bad_url], ROOT)

    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(error_lines) == 4, result.stderr
    for name in (str(empty), str(binary), str(missing), bad_url):
        assert sum(name in line for line in error_lines) == 1, (name, error_lines)
    output = ExtractionResult.model_validate(json.loads(result.stdout))
    assert [d.id for d in output.documents] == [SEEDS[1].stem]
    assert {e.input for e in output.errors} == {str(empty), str(binary), str(missing), bad_url}


def test_extract_jsonl_reports_bad_lines(tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    good = {"id": "a1", "text": SEEDS[2].read_text(), "published": "2022-09-06"}
    jsonl.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x"}) + "\n")
    result = _run(["extract", "--jsonl", str(jsonl)], ROOT)
    output = ExtractionResult.model_validate(json.loads(result.stdout))
    assert [d.id for d in output.documents] == ["a1"]
    assert output.documents[0].published == "2022-09-06"
    assert {e.input for e in output.errors} == {f"{jsonl}:2", f"{jsonl}:3"}


def test_extract_saved_page_and_urls_through_the_safe_fetcher(tmp_path: Path, news_site: HTTPServer) -> None:
    page = ROOT / "tests" / "pages" / "harbour_gazette_market_blast.html"
    expected = json.loads((page.parent / "expected.json").read_text())["pages"][page.name]
    news_site.expect_request("/blast").respond_with_data(page.read_bytes(), content_type="text/html")
    served = news_site.url_for("/blast")
    metadata = "http://169.254.169.254/latest/meta-data/"
    result = _run(["extract", str(page), served, metadata], tmp_path, **loopback_env(news_site.port))

    output = ExtractionResult.model_validate(json.loads(result.stdout))
    assert len(output.documents) == 2, result.stderr
    saved, fetched = output.documents
    for document in (saved, fetched):
        assert document.title == expected["title"]
        assert document.published == expected["published"]
        assert all(passage in document.text for passage in expected["keep"])
        assert not any(furniture in document.text for furniture in expected["drop"])
    assert fetched.url == served
    [refused] = output.errors
    assert refused.input == metadata and "refused address" in refused.reason
    assert f"error: {metadata}: refused address" in result.stderr
