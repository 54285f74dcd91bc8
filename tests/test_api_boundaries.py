"""Input boundaries of the HTTP API, in process (FastAPI's TestClient) against a private
PostgreSQL database, which refuses what SQLite would swallow (NUL, integers past int4/int8).
Bad input is a 4xx naming the field, never a 500; an unreachable database is a 503 with
Retry-After. Enqueued messages are recorded instead of sent: no broker is needed here."""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from services.config import get_settings
from services.pipeline.register import register_payload, register_url
from services.schema import Figure, Incident, Location, Source
from services.storage.db import get_engine, migrate, session_scope
from services.storage.incidents import save_incident
from services.storage.tables import Article
from tests.deployment_env import free_port
from vigil.api import deps, routes_articles
from vigil.api.app import create_app
from workers import publish

TOKEN = "boundary-token"
HEADERS = {"Authorization": f"Bearer {TOKEN}"}
INT4_MAX, INT8_MAX = 2**31 - 1, 2**63 - 1
GOOD_TEXT = "Gunmen attacked a police checkpoint in Herat on Monday, killing two officers."


@dataclass
class Api:
    client: TestClient
    database_url: str
    queued: list[int] = field(default_factory=list)

    def post_json(self, path: str, body: Any) -> Any:
        """The body as ASCII JSON, so a lone surrogate travels as the escape ``\\ud800``,
        as any JSON client may send it."""
        return self.client.post(
            path, content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )


def _session_for(url: str):  # type: ignore[no-untyped-def]
    def get_session() -> Iterator[Any]:
        with session_scope(url) as session:
            yield session

    return get_session


@pytest.fixture(scope="module")
def api() -> Iterator[Api]:
    from tests.services_env import postgres_database

    with postgres_database() as database_url, pytest.MonkeyPatch.context() as patch:
        migrate(database_url)
        patch.setenv("VIGIL_API_TOKENS", TOKEN)
        patch.setenv("VIGIL_DATABASE_URL", database_url)
        # Configured but never used: enqueue_stage is recorded below.
        patch.setenv("VIGIL_BROKER_URL", "redis://127.0.0.1:1/0")
        get_settings.cache_clear()
        app = create_app()
        app.dependency_overrides[deps.get_session] = _session_for(database_url)
        recorded = Api(TestClient(app, headers=HEADERS, raise_server_exceptions=False), database_url)
        patch.setattr(publish, "enqueue_stage", lambda _stage, article_id: recorded.queued.append(article_id))
        try:
            with recorded.client:
                yield recorded
        finally:
            get_settings.cache_clear()
            get_engine(database_url).dispose()


def _fields(response: Any) -> set[tuple[Any, ...]]:
    return {tuple(error["loc"]) for error in response.json()["detail"]}


# --- item 3: what used to be a 500 ---


@pytest.mark.parametrize(
    ("path", "field_name"),
    [
        ("/v1/incidents?perpetrator=Boko%00Haram", "perpetrator"),
        ("/v1/incidents?event_type=bomb%00ing", "event_type"),
        ("/v1/incidents?country=A%00", "country"),
        (f"/v1/incidents?min_killed={INT4_MAX + 1}", "min_killed"),
        (f"/v1/incidents?min_killed={INT8_MAX + 1}", "min_killed"),
        (f"/v1/articles/{INT4_MAX + 1}", "article_id"),
        (f"/v1/articles/{INT8_MAX + 1}", "article_id"),
        ("/v1/incidents/inc%00-1", "public_id"),
    ],
)
def test_bad_reads_are_422_naming_the_field(api: Api, path: str, field_name: str) -> None:
    response = api.client.get(path)
    assert response.status_code == 422, response.text
    assert field_name in {loc[-1] for loc in _fields(response)}, response.text


@pytest.mark.parametrize("feed_id", [INT4_MAX + 1, INT8_MAX + 1, 0])
def test_feed_ids_past_the_column_are_422(api: Api, feed_id: int) -> None:
    response = api.client.delete(f"/v1/feeds/{feed_id}")
    assert response.status_code == 422, response.text
    assert ("path", "feed_id") in _fields(response)


def _cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor", [_cursor("v1:¹"), _cursor("v1:٣"), _cursor(f"v1:{INT4_MAX + 1}"), _cursor(f"v1:{INT8_MAX + 1}")]
)
def test_bad_cursors_are_400(api: Api, cursor: str) -> None:
    response = api.client.get("/v1/incidents", params={"cursor": cursor})
    assert response.status_code == 400, response.text
    assert ("query", "cursor") in _fields(response)


@pytest.mark.parametrize(
    ("body", "field_name"),
    [
        ({"url": "https://news.example.org/a\x00b"}, "url"),
        ({"text": GOOD_TEXT, "id": "doc\x00-1"}, "id"),
        ({"text": GOOD_TEXT, "source": "wire\x00"}, "source"),
        ({"text": GOOD_TEXT, "url": "https://news.example.org/\x00"}, "url"),
        ({"text": "Gunmen attacked \ud800 a checkpoint."}, "text"),
        ({"html": "<p>Gunmen attacked \udfff a checkpoint.</p>"}, "html"),
        ({"text": GOOD_TEXT, "id": "doc-\ud83d"}, "id"),
        ({"url": "https://news.example.org/\udc80"}, "url"),
    ],
)
def test_bad_article_fields_are_422_naming_the_field(api: Api, body: dict[str, str], field_name: str) -> None:
    response = api.post_json("/v1/articles", body)
    assert response.status_code == 422, response.text
    assert ("body", field_name) in _fields(response), response.text


def test_a_batch_with_a_bad_item_applies_every_good_one(api: Api) -> None:
    items = [
        {"text": "Militants stormed a school in Borno state on Friday.", "id": "batch-good-1"},
        {"text": "Gunmen attacked a market in Gao.", "id": "batch-\x00-bad"},
        {"url": "https://news.example.org/batch-good-2"},
    ]
    before = list(api.queued)
    response = api.post_json("/v1/articles:batch", {"articles": items})
    assert response.status_code == 202, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["queued", "rejected", "queued"]
    assert results[1]["id"] is None and results[1]["error"].startswith("id: ")
    assert "NUL" in results[1]["error"]
    assert api.queued[len(before) :] == [results[0]["id"], results[2]["id"]]
    with session_scope(api.database_url) as session:
        stored = session.exec(select(Article.external_id).where(Article.source == "api")).all()
    assert "batch-good-1" in stored and not any("bad" in (s or "") for s in stored)


def test_a_value_the_database_refuses_rejects_only_its_item(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a value get past the checks and be refused by PostgreSQL, that item alone is rolled
    back and rejected; the items around it are registered and queued."""
    real = routes_articles.register_payload

    def poisoned(session: Any, content: str, kind: str, **fields: Any) -> Any:
        if fields.get("external_id") == "poison":
            session.add(Article(external_id="poison\x00", raw_text=content))
            session.flush()
        return real(session, content, kind, **fields)

    monkeypatch.setattr(routes_articles, "register_payload", poisoned)
    items = [{"text": f"Gunmen attacked a bus in Mandera, killing {n} people.", "id": i} for n, i in
             [(3, "around-1"), (4, "poison"), (5, "around-2")]]  # fmt: skip
    before = len(api.queued)
    results = api.post_json("/v1/articles:batch", {"articles": items}).json()["results"]
    assert [r["status"] for r in results] == ["queued", "rejected", "queued"], results
    assert "database refused" in results[1]["error"]
    assert api.queued[before:] == [results[0]["id"], results[2]["id"]]
    with session_scope(api.database_url) as session:
        ids = set(session.exec(select(Article.external_id)).all())
    assert {"around-1", "around-2"} <= ids and not any((i or "").startswith("poison") for i in ids)


def test_registration_records_unstorable_metadata_as_a_failed_article(api: Api) -> None:
    """Callers that skip the API's checks (tasks sent by name, the CLI) get a failed article
    with the reason, the bad characters escaped, instead of an exception from the database."""
    with session_scope(api.database_url) as session:
        by_id = register_payload(session, GOOD_TEXT, "text", external_id="nul\x00id", source="task")
        by_url = register_url(session, "https://news.example.org/\x00", source="task")
        by_source = register_url(session, "https://news.example.org/fine", source="sur\udc80")
    assert by_id.stage == by_url.stage == by_source.stage == "failed"
    assert by_id.error == "id: contains a NUL character"
    assert "control characters" in (by_url.error or "")
    assert "source: contains a lone surrogate (U+DC80)" in (by_source.error or "")
    with session_scope(api.database_url) as session:
        assert session.get(Article, by_id.article_id).external_id == "nul\\x00id"  # type: ignore[union-attr]


# --- item 4: CSV cells that a spreadsheet would run as formulas ---

FORMULAS = ('=HYPERLINK("https://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx")


def test_csv_cells_never_start_a_formula(api: Api) -> None:
    incident = Incident(
        id="inc-formula",
        event_type="bombing",
        date="2022-09-05",
        date_precision="day",
        location=Location(country_code="AF", city=FORMULAS[3]),
        killed=Figure.exact(2),
        sources=[Source(document_id=FORMULAS[0], killed=Figure.exact(2), evidence="x")],
        summary=FORMULAS[1],
    )
    with session_scope(api.database_url) as session:
        article = Article(external_id=FORMULAS[0], raw_text="x", stage="stored")
        session.add(article)
        session.flush()
        save_incident(session, incident, article.id, incident.sources[0], ("AF", "2022-09-05", "2022-09-05"))  # type: ignore[arg-type]
    response = api.client.get("/v1/incidents/inc-formula", params={"format": "csv"})
    assert response.status_code == 200, response.text
    row = next(csv.DictReader(io.StringIO(response.text)))
    assert row["sources"] == "'" + FORMULAS[0]
    assert row["summary"] == "'" + FORMULAS[1]
    assert row["city"] == "'" + FORMULAS[3]
    for value in row.values():
        assert not value or value[0] not in "=+-@\t\r", row


# --- item 13: the database down ---


def test_database_down_is_503_with_retry_after(api: Api) -> None:
    app = create_app()
    app.dependency_overrides[deps.get_session] = _session_for(
        f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none?connect_timeout=2"
    )
    with TestClient(app, headers=HEADERS, raise_server_exceptions=False) as down:
        for method, path, body in [
            ("GET", "/v1/incidents", None),
            ("GET", "/v1/incidents/inc-1", None),
            ("GET", "/v1/articles/1", None),
            ("POST", "/v1/articles", {"url": "https://news.example.org/down"}),
            ("POST", "/v1/articles:batch", {"articles": [{"url": "https://news.example.org/down-2"}]}),
            ("GET", "/v1/feeds", None),
            ("POST", "/v1/feeds", {"url": "https://news.example.org/feed.xml"}),
            ("DELETE", "/v1/feeds/1", None),
        ]:
            response = down.request(method, path, json=body)
            assert response.status_code == 503, (method, path, response.text)
            assert int(response.headers["retry-after"]) > 0
            assert "database" in response.json()["detail"]


# --- fuzz: no input makes a 500 ---

# Surrogates cannot travel in a URL's query (it is UTF-8); they are fuzzed in JSON bodies.
# The characters and numbers that used to make 500s are drawn often.
EDGE_CHARS = st.sampled_from(["\x00", "¹", "٣", "=", "%", "\u202e", "\n"])
query_text = st.text(st.one_of(EDGE_CHARS, st.characters(exclude_categories=["Cs"])), max_size=30)
any_text = st.text(
    st.one_of(EDGE_CHARS, st.characters(codec=None), st.characters(categories=["Cs"])), max_size=30
)
big_ints = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70), st.sampled_from([2**31 - 1, 2**31, 2**63, -(2**63) - 1])
)
FUZZ = settings(
    max_examples=25, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
)


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["date_from", "date_to", "country", "event_type", "perpetrator", "min_killed", "limit", "cursor"]
        ),
        st.one_of(query_text, big_ints.map(str)),
        max_size=4,
    )
)
def test_fuzz_incident_queries_never_500(api: Api, params: dict[str, str]) -> None:
    response = api.client.get("/v1/incidents", params=params)
    assert response.status_code in (200, 400, 422), (params, response.text)


@FUZZ
@given(article_id=st.one_of(big_ints.map(str), query_text), public_id=query_text)
def test_fuzz_ids_never_500(api: Api, article_id: str, public_id: str) -> None:
    for response in (
        api.client.get(f"/v1/articles/{_path(article_id)}"),
        api.client.delete(f"/v1/feeds/{_path(article_id)}"),
        api.client.get(f"/v1/incidents/{_path(public_id)}"),
    ):
        assert response.status_code < 500, (article_id, public_id, response.text)


def _path(segment: str) -> str:
    from urllib.parse import quote

    return quote(segment, safe="") or "x"


@FUZZ
@given(
    body=st.dictionaries(
        st.sampled_from(["url", "text", "html", "id", "published", "source"]),
        st.one_of(any_text, big_ints, st.none(), st.lists(st.integers(), max_size=2)),
        max_size=4,
    )
)
def test_fuzz_article_bodies_never_500(api: Api, body: dict[str, Any]) -> None:
    one = api.post_json("/v1/articles", body)
    assert one.status_code in (202, 422), (body, one.text)
    batch = api.post_json("/v1/articles:batch", {"articles": [body, {"text": GOOD_TEXT}]})
    assert batch.status_code == 202, (body, batch.text)
    assert batch.json()["results"][1]["status"] == "queued"
