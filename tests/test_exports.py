"""`vigil export` and ``GET /v1/incidents:export`` as an analyst uses them: the command as a
subprocess and the API over HTTP, on a SQLite store of their own, every export read back (CSV
with the csv module, GeoJSON and JSON parsed) and the GTD and ACLED columns checked against the
lists below, written out here rather than imported, so that a renamed column fails.

Memory: an export holds one batch of incidents at a time, never the store. ``iter_incidents``
reads ``batch`` rows by the keyset (ids below the last one seen), builds their incidents, yields
them and drops the rows from the session before the next read; ``export_chunks`` turns each
incident into one piece of text that is written (or sent) before the next is made. So the
largest thing alive is one batch, whatever the store's size: ``test_an_export_holds_one_batch``
checks that the session never holds more than a batch, and the exports here cover more
incidents than one API page, so a page limit would show."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import httpx
import pytest

from services.exports.acled import ACLED_EVENTS
from services.exports.gtd import TARGET_TYPES, WEAPON_TYPES
from services.schema import (
    Figure,
    Incident,
    Location,
    Perpetrator,
    Source,
    Target,
    TargetType,
    WeaponType,
)
from services.storage.db import get_engine, migrate, session_scope
from services.storage.incidents import save_incident
from services.storage.queries import IncidentFilter, iter_incidents
from services.storage.tables import Article
from services.taxonomy import EVENT_TYPE_NAMES
from tests.deployment_env import free_port
from tests.services_env import ROOT, VIGIL, Process, run_vigil, service_env, wait_for
from vigil.render import incidents_csv

GTD_COLUMNS = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "success",
    "suicide",
    "attacktype1",
    "attacktype1_txt",
    "targtype1",
    "targtype1_txt",
    "target1",
    "gname",
    "claimed",
    "weaptype1",
    "weaptype1_txt",
    "weapdetail",
    "nkill",
    "nkillter",
    "nwound",
    "summary",
    "scite1",
    "dbsource",
]
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]
MANY = 120  # more than one API page (50)
REPORT_URL = "https://news.example.org/kabul-embassy"
FORMULA_ID = '=HYPERLINK("http://evil.example/x","click")'
FORMULA_GROUP = "+cmd|' /C calc'!A0"
TOKEN = "export-token"


def _plain(n: int) -> Incident:
    """Cheap, varied incidents: bombings with a day, armed assaults with a month."""
    day = n % 28 + 1
    return Incident(
        id=f"inc-{n:03d}",
        event_type="bombing" if n % 2 else "armed_assault",
        date=f"2023-03-{day:02d}" if n % 2 else "2023-04",
        date_precision="day" if n % 2 else "month",
        location=Location(country_code="NG", country="Nigeria", admin1="Borno", city="Maiduguri"),
        killed=Figure.exact(n % 7),
        sources=[Source(document_id=f"doc-{n}", url=f"https://news.example.org/{n}")],
        summary=f"incident {n}",
    )


SPECIAL = [
    Incident(
        id="inc-kabul",
        event_type="bombing",
        attack_subtype="suicide_bombing",
        success=True,
        suicide=True,
        claimed=True,
        date="2022-09-05",
        date_precision="day",
        location=Location(
            country_code="AF",
            country="Afghanistan",
            admin1="Kabul",
            admin2="Kabul",
            city="Kabul",
            lat=34.52813,
            lon=69.17233,
            specificity=1,
        ),
        perpetrator=Perpetrator(name="Islamic State Khorasan Province"),
        target=Target(type="diplomatic", name="Russian embassy"),
        weapon_types=["explosives"],
        weapons=["explosive vest"],
        killed=Figure(value=6, min=2, max=6),
        perpetrators_killed=Figure.exact(1),
        wounded=Figure(min=10),
        sources=[
            Source(document_id="kabul-a", url="https://news.example.org/kabul-a"),
            Source(document_id="kabul-b"),
        ],
        summary="suicide bombing on Russian embassy in Kabul",
    ),
    Incident(
        id=FORMULA_ID,
        event_type="armed_assault",
        date="2021",
        date_precision="year",
        location=Location(country_code="SO", country="Somalia", admin1="Banaadir", specificity=4),
        perpetrator=Perpetrator(name=FORMULA_GROUP),
        target=Target(type="police", name="@police post"),
        sources=[Source(document_id="-formula-doc", url="https://news.example.org/formula")],
        summary="=1+1",
    ),
    Incident(
        id="inc-undated",
        event_type="armed_clash",
        location=Location(country_code="ML", country="Mali"),
        sources=[Source(document_id="mali-report")],
    ),
]


@dataclass
class Store:
    url: str
    folder: Path
    incidents: list[Incident]

    def vigil(self, *args: str) -> str:
        """Run `vigil` on this store; fail with its stderr unless it succeeds."""
        result = run_vigil(service_env(self.url, None, ""), *args, cwd=self.folder)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""  # piped: no progress bar, no warnings mixed in
        return result.stdout

    def rows(self, fmt: str, *args: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(self.vigil("export", "--format", fmt, *args))))


def _store(url: str, incidents: list[Incident]) -> None:
    """Through the storage layer, as the pipeline's store stage writes them."""
    with session_scope(url) as session:
        for incident in incidents:
            article = Article(external_id=incident.sources[0].document_id, raw_text="x", stage="stored")
            session.add(article)
            session.flush()
            window = (incident.location.country_code, incident.date or "", incident.date or "")
            save_incident(session, incident, article.id, incident.sources[0], window)  # type: ignore[arg-type]
            for source in incident.sources[1:]:
                other = Article(external_id=source.document_id, raw_text=source.document_id, stage="stored")
                session.add(other)
                session.flush()
                save_incident(session, incident, other.id, source, window)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("exports")
    url = f"sqlite:///{folder / 'vigil.db'}"
    migrate(url)
    incidents = [_plain(n) for n in range(MANY)] + SPECIAL
    _store(url, incidents)
    yield Store(url, folder, incidents)
    get_engine(url).dispose()


def _by(rows: list[dict[str, str]], column: str) -> dict[str, dict[str, str]]:
    return {row[column]: row for row in rows}


def test_gtd_has_the_codebook_columns_and_codes(store: Store) -> None:
    rows = store.rows("gtd")
    assert list(rows[0]) == GTD_COLUMNS
    assert len(rows) == len(store.incidents)
    kabul = _by(rows, "eventid")["20220905-inc-kabul"]
    assert kabul | {"summary": ""} == {
        "eventid": "20220905-inc-kabul",
        "iyear": "2022",
        "imonth": "9",
        "iday": "5",
        "country_txt": "Afghanistan",
        "provstate": "Kabul",
        "city": "Kabul",
        "latitude": "34.52813",
        "longitude": "69.17233",
        "specificity": "1",
        "success": "1",
        "suicide": "1",
        "attacktype1": "3",
        "attacktype1_txt": "Bombing/Explosion",
        "targtype1": "7",
        "targtype1_txt": "Government (Diplomatic)",
        "target1": "Russian embassy",
        "gname": "Islamic State Khorasan Province",
        "claimed": "1",
        "weaptype1": "6",
        "weaptype1_txt": "Explosives",
        "weapdetail": "explosive vest",
        "nkill": "6",
        "nkillter": "1",
        "nwound": "10",  # "at least 10": the lower bound
        "summary": "",
        "scite1": "https://news.example.org/kabul-a; kabul-b",  # a report without a URL by its id
        "dbsource": "Vigil",
    }
    undated = _by(rows, "eventid")["00000000-inc-undated"]
    assert (undated["iyear"], undated["imonth"], undated["iday"]) == ("0", "0", "0")
    # GTD does not code a battle as an attack; its own codes for unknown where it has them.
    assert (undated["attacktype1"], undated["attacktype1_txt"]) == ("", "")
    assert (undated["gname"], undated["claimed"], undated["weaptype1_txt"]) == ("Unknown", "-9", "Unknown")
    assert undated["nkill"] == "" and undated["success"] == ""
    month = _by(rows, "eventid")["20230400-inc-000"]
    assert (month["iyear"], month["imonth"], month["iday"], month["attacktype1"]) == ("2023", "4", "0", "2")


def test_acled_has_its_columns_and_event_types(store: Store) -> None:
    rows = store.rows("acled")
    assert list(rows[0]) == ACLED_COLUMNS
    assert len(rows) == len(store.incidents)
    by_id = _by(rows, "event_id_cnty")
    kabul = by_id["inc-kabul"]
    assert kabul | {"notes": ""} == {
        "event_id_cnty": "inc-kabul",
        "event_date": "2022-09-05",
        "year": "2022",
        "time_precision": "1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Suicide bomb",
        "actor1": "Islamic State Khorasan Province",
        "actor2": "Russian embassy",
        "country": "Afghanistan",
        "admin1": "Kabul",
        "admin2": "Kabul",
        "location": "Kabul",
        "latitude": "34.52813",
        "longitude": "69.17233",
        "geo_precision": "1",
        "source": "https://news.example.org/kabul-a; kabul-b",
        "notes": "",
        "fatalities": "6",
    }
    assert (by_id["inc-000"]["event_type"], by_id["inc-000"]["sub_event_type"]) == (
        "Violence against civilians",
        "Attack",
    )
    assert (by_id["inc-000"]["event_date"], by_id["inc-000"]["time_precision"]) == ("2023-04-01", "3")
    undated = by_id["inc-undated"]
    assert (undated["event_type"], undated["sub_event_type"]) == ("Battles", "Armed clash")
    assert (undated["event_date"], undated["fatalities"], undated["location"]) == ("", "0", "Mali")
    assert undated["actor1"] == "Unidentified Armed Group (Mali)"
    assert undated["source"] == "mali-report"


def test_formula_looking_values_come_out_as_text_in_every_csv(store: Store) -> None:
    """An id a client chose and names from article text must never run in a spreadsheet."""
    acled = _by(store.rows("acled"), "actor1")["'" + FORMULA_GROUP]
    assert acled["event_id_cnty"] == "'" + FORMULA_ID
    assert acled["actor2"] == "'@police post" and acled["notes"] == "'=1+1"
    # An attack on the police is a battle in ACLED's terms.
    assert (acled["event_type"], acled["sub_event_type"]) == ("Battles", "Armed clash")
    gtd = _by(store.rows("gtd"), "gname")["'" + FORMULA_GROUP]
    assert gtd["eventid"] == "20210000-" + FORMULA_ID  # starts with the date: safe as it is
    assert gtd["target1"] == "'@police post" and gtd["summary"] == "'=1+1"
    native = _by(store.rows("csv"), "id")["'" + FORMULA_ID]
    assert native["perpetrator"] == "'" + FORMULA_GROUP and native["sources"] == "'-formula-doc"
    for rows in (store.rows("gtd"), store.rows("acled"), store.rows("csv")):
        for row in rows:
            # A number of ours stays a number: GTD's -9 for an unknown claim.
            assert not any(c.startswith(("=", "+", "-", "@")) and not _number(c) for c in row.values()), row


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_native_exports_carry_every_incident_and_its_sources(store: Store) -> None:
    document = json.loads(store.vigil("export", "--format", "json"))
    incidents = [Incident.model_validate(i) for i in document["incidents"]]
    assert sorted(i.id for i in incidents) == sorted(i.id for i in store.incidents)
    assert next(i for i in incidents if i.id == "inc-kabul").sources == SPECIAL[0].sources
    rows = store.rows("csv")
    assert len(rows) == len(store.incidents)
    assert _by(rows, "id")["inc-kabul"]["source_urls"] == "https://news.example.org/kabul-a"


def test_geojson_is_a_feature_collection(store: Store) -> None:
    collection = json.loads(store.vigil("export", "--format", "geojson"))
    assert set(collection) == {"type", "features"} and collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(store.incidents)
    for feature in collection["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"} and feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry is None or (
            geometry["type"] == "Point"
            and len(geometry["coordinates"]) == 2
            and all(isinstance(c, float) for c in geometry["coordinates"])
        )
        assert isinstance(feature["properties"], dict) and feature["properties"]["id"] == feature["id"]
    kabul = next(f for f in collection["features"] if f["id"] == "inc-kabul")
    assert kabul["geometry"]["coordinates"] == [69.17233, 34.52813]  # longitude first
    assert kabul["properties"]["source_urls"] == "https://news.example.org/kabul-a"


def test_filters_and_output_file(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "nigeria.csv"
    assert store.vigil("export", "--format", "acled", "--country", "ng", "--output", str(out)) == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == MANY and {r["country"] for r in rows} == {"Nigeria"}
    since = store.rows("gtd", "--since", "2023-04-01", "--event-type", "armed_assault")
    assert len(since) == MANY // 2 and {r["imonth"] for r in since} == {"4"}
    assert len(store.rows("gtd", "--min-killed", "6")) == len(
        [i for i in store.incidents if (i.killed.value or 0) >= 6]
    )
    missing = tmp_path / "no-such-folder" / "x.csv"
    refused = run_vigil(service_env(store.url, None, ""), "export", "--output", str(missing))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        f"error: {missing}: cannot write the export: No such file or directory"
    ]
    listed = store.vigil("incidents", "--format", "csv", "--perpetrator", FORMULA_GROUP)
    assert [r["id"] for r in csv.DictReader(io.StringIO(listed))] == ["'" + FORMULA_ID]


def test_progress_shows_only_on_a_terminal_and_never_in_the_export(store: Store) -> None:
    """Piped (every other test here) stderr stays empty; on a terminal the bar goes there."""
    controller, terminal = pty.openpty()
    env = service_env(store.url, None, "", TERM="xterm", COLUMNS="100")
    with subprocess.Popen(
        [VIGIL, "export", "--format", "acled"], env=env, stdout=subprocess.PIPE, stderr=terminal
    ) as process:
        os.close(terminal)
        stdout, _ = process.communicate(timeout=120)
    shown = b""
    with contextlib.suppress(OSError):  # the terminal's far end is gone: everything was read
        while chunk := os.read(controller, 65536):
            shown += chunk
    os.close(controller)
    assert process.returncode == 0, shown
    assert "exporting incidents" in shown.decode(errors="replace")
    assert list(csv.DictReader(io.StringIO(stdout.decode(), newline=""))) == store.rows("acled")


def test_an_export_holds_one_batch(store: Store) -> None:
    """The session never holds more rows than a batch, however many incidents it walks."""
    seen = 0
    largest = 0
    with session_scope(store.url) as session:
        for _ in iter_incidents(session, IncidentFilter(), batch=10):
            seen += 1
            largest = max(largest, len(session.identity_map))
    assert seen == len(store.incidents)
    assert largest <= 10


def test_every_vigil_type_has_a_gtd_and_acled_code() -> None:
    assert set(TARGET_TYPES) == set(get_args(TargetType))
    assert set(WEAPON_TYPES) == set(get_args(WeaponType))
    assert set(EVENT_TYPE_NAMES) - set(ACLED_EVENTS) == {"unknown"}


@pytest.fixture(scope="module")
def api(store: Store) -> Iterator[httpx.Client]:
    port = free_port()
    uvicorn = str(Path(sys.executable).with_name("uvicorn"))
    env = service_env(store.url, None, "", VIGIL_API_TOKENS=TOKEN)
    args = [uvicorn, "vigil.api.app:app", "--host", "127.0.0.1", "--port", str(port)]
    server = Process(args, env, store.folder / "api.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _answers(f"{base}/healthz") or server.popen.poll() is not None, 60, "API up")
        assert server.popen.poll() is None, server.output()
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30) as client:
            yield client
    finally:
        server.stop()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_the_api_streams_every_incident_as_a_download(api: httpx.Client, store: Store) -> None:
    with api.stream("GET", "/v1/incidents:export", params={"format": "gtd"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == 'attachment; filename="incidents-gtd.csv"'
        assert response.headers["x-incident-count"] == str(len(store.incidents))
        assert "content-length" not in response.headers  # streamed, not built whole
        body = response.read().decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == GTD_COLUMNS and len(rows) == len(store.incidents) > 50
    assert _by(rows, "gname")["'" + FORMULA_GROUP]["target1"] == "'@police post"

    acled = api.get("/v1/incidents:export", params={"format": "acled", "country": "AF"})
    assert [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(acled.text))] == ["inc-kabul"]
    geo = api.get("/v1/incidents:export", params={"format": "geojson"})
    assert geo.headers["content-type"] == "application/geo+json"
    assert len(geo.json()["features"]) == len(store.incidents)
    native = api.get("/v1/incidents:export")
    assert len(native.json()["incidents"]) == len(store.incidents)

    assert api.get("/v1/incidents:export", params={"format": "xml"}).status_code == 422
    assert httpx.get(f"{api.base_url}/v1/incidents:export").status_code == 401


def test_a_pipeline_run_exports_its_reports_urls(tmp_path: Path) -> None:
    """Reports through the real pipeline (`vigil run --jsonl`) come out with their URLs."""
    reports = tmp_path / "reports.jsonl"
    text = (ROOT / "seeds" / "002_bca8d86e48a8e810.txt").read_text()
    line = {"id": "kabul-report", "url": REPORT_URL, "published": "2022-09-06", "text": text}
    reports.write_text(json.dumps(line) + "\n")
    env = service_env("sqlite:///vigil.db", None, "")
    run = run_vigil(env, "run", "--jsonl", str(reports), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    result = run_vigil(env, "export", "--format", "gtd", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {row["scite1"] for row in rows} == {REPORT_URL}
    embassy = next(row for row in rows if row["target1"] == "Russian embassy")
    assert (embassy["iyear"], embassy["imonth"], embassy["country_txt"]) == ("2022", "9", "Afghanistan")
    assert (embassy["attacktype1_txt"], embassy["suicide"]) == ("Bombing/Explosion", "1")


def test_native_csv_writes_booleans_as_true_and_false() -> None:
    """Issue 15 (16): not Python's True/False."""
    incident = Incident(id="inc-b", event_type="bombing", suicide=True, success=False, claimed=True)
    (row,) = csv.DictReader(io.StringIO(incidents_csv([incident])))
    assert (row["suicide"], row["success"], row["claimed"]) == ("true", "false", "true")
