"""The HTTP API served by the compose ``api`` command (uvicorn) against a private
PostgreSQL database and Redis namespace: auth, validation, duplicates, pagination,
formats, feeds. No workers run here; enqueued messages are counted in Redis."""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
import redis

from services.schema import Figure, Incident, Location, Perpetrator, Source
from services.storage.db import get_engine, migrate, session_scope
from services.storage.incidents import save_incident
from services.storage.tables import Article
from tests.deployment_env import LocalStack, free_port, start_api
from tests.services_env import postgres_database, redis_namespace, service_env, table_counts

TOKEN, OTHER_TOKEN = "token-one", "token-two"


@dataclass
class Api:
    client: httpx.Client
    anonymous: httpx.Client
    database_url: str
    broker_url: str
    prefix: str

    def queued(self) -> int:
        """Messages waiting on our ingest queue."""
        return int(redis.Redis.from_url(self.broker_url).llen(f"{self.prefix}ingest"))

    def articles(self) -> int:
        """Article rows in the store."""
        with session_scope(self.database_url) as session:
            return table_counts(session)["articles"]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    with postgres_database() as database_url, redis_namespace() as (broker_url, prefix):
        migrate(database_url)
        env = service_env(
            database_url,
            broker_url,
            prefix,
            VIGIL_API_TOKENS=f"{TOKEN}, {OTHER_TOKEN}",
            VIGIL_API_MAX_BODY_BYTES="100000",
            VIGIL_API_MAX_BATCH="5",
        )
        stack = LocalStack.create(tmp_path_factory.mktemp("api"))
        server = start_api(stack, env)
        headers = {"Authorization": f"Bearer {TOKEN}"}
        try:
            with (
                httpx.Client(base_url=stack.api_url, headers=headers, timeout=30) as client,
                httpx.Client(base_url=stack.api_url, timeout=30) as anonymous,
            ):
                yield Api(client, anonymous, database_url, broker_url, prefix)
        finally:
            server.stop()
            get_engine(database_url).dispose()
            print(server.output())


def test_probes_and_docs_are_open(api: Api) -> None:
    assert api.anonymous.get("/healthz").json() == {"status": "ok"}
    ready = api.anonymous.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    for page in ("/docs", "/redoc"):
        html = api.anonymous.get(page)
        assert html.status_code == 200, page
        assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html.text)
        assert assets and all(asset.startswith("/") for asset in assets), (page, assets)
        for asset in assets:
            assert api.anonymous.get(asset).status_code == 200, asset


def test_readyz_reports_an_unreachable_broker(api: Api, tmp_path: Path) -> None:
    closed_port = free_port()
    env = service_env(
        api.database_url, f"redis://127.0.0.1:{closed_port}/0", api.prefix, VIGIL_API_TOKENS=TOKEN
    )
    stack = LocalStack.create(tmp_path)
    server = start_api(stack, env)
    try:
        ready = httpx.get(f"{stack.api_url}/readyz", timeout=30)
        assert ready.status_code == 503
        assert ready.json() == {
            "status": "unavailable",
            "database": "ok",
            "broker": "unavailable (OperationalError)",
        }
        assert str(closed_port) not in ready.text
        assert httpx.get(f"{stack.api_url}/healthz", timeout=30).status_code == 200
    finally:
        server.stop()


def test_every_v1_route_wants_a_valid_token(api: Api) -> None:
    paths = api.anonymous.get("/openapi.json").json()["paths"]
    routes = [
        (method.upper(), re.sub(r"\{\w+\}", "1", path))
        for path, methods in paths.items()
        if path.startswith("/v1/")
        for method in methods
    ]
    assert len(routes) == 10, routes
    for method, path in routes:
        missing = api.anonymous.request(method, path)
        assert missing.status_code == 401, (method, path, missing.text)
        assert missing.headers["www-authenticate"] == "Bearer"
        assert "missing bearer token" in missing.json()["detail"]
        wrong = api.anonymous.request(method, path, headers={"Authorization": f"Bearer {TOKEN}x"})
        assert wrong.status_code == 401, (method, path)
        assert wrong.json()["detail"] == "invalid bearer token"
    second = api.anonymous.get("/v1/feeds", headers={"Authorization": f"Bearer {OTHER_TOKEN}"})
    assert second.status_code == 200


def test_an_unmigrated_database_is_not_ready_and_names_vigil_migrate(api: Api, tmp_path: Path) -> None:
    with postgres_database() as bare_url:
        env = service_env(bare_url, api.broker_url, api.prefix, VIGIL_API_TOKENS=TOKEN)
        stack = LocalStack.create(tmp_path)
        server = start_api(stack, env)
        try:
            ready = httpx.get(f"{stack.api_url}/readyz", timeout=30)
            assert ready.status_code == 503, ready.text
            assert ready.json()["database"] == (
                "unavailable (the database has no Vigil tables: run `vigil migrate`)"
            )
            post = httpx.post(
                f"{stack.api_url}/v1/articles",
                json={"text": "Gunmen killed four farmers."},
                headers={"Authorization": f"Bearer {TOKEN}"},
                timeout=30,
            )
            assert post.status_code == 503, post.text
            assert post.json() == {"detail": "the database has no Vigil tables: run `vigil migrate`"}
        finally:
            server.stop()
            get_engine(bare_url).dispose()


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({}, 422, "give url, or text or html"),
        ({"text": "A report.", "html": "<p>A report.</p>"}, 422, "either text or html, not both"),
        ({"url": "https://example.com/a", "titel": "x"}, 422, "Extra inputs are not permitted"),
        ({"text": "A report.", "published": "last Tuesday"}, 422, "not an ISO 8601 date"),
        (
            {"url": "https://example.com/a", "published": "2022-09-05"},
            422,
            "published goes with text or html",
        ),
        ({"url": "ftp://example.com/a"}, 422, "scheme 'ftp' not allowed"),
        ({"url": 42}, 422, "Input should be a valid string"),
        ({"text": "   \n "}, 422, "no text"),
    ],
)
def test_bad_article_bodies_get_clear_errors(
    api: Api, body: dict[str, object], status: int, message: str
) -> None:
    response = api.client.post("/v1/articles", json=body)
    assert response.status_code == status, response.text
    assert message in response.text


def test_malformed_json_and_wrong_content_type(api: Api) -> None:
    broken = api.client.post(
        "/v1/articles", content=b'{"url": ', headers={"Content-Type": "application/json"}
    )
    assert broken.status_code == 422
    assert broken.json()["detail"][0]["msg"] == "JSON decode error"
    not_json = api.client.post("/v1/articles", content=b"url=x", headers={"Content-Type": "text/plain"})
    assert not_json.status_code == 415
    assert not_json.json() == {
        "detail": "send the body as JSON with Content-Type: application/json (got text/plain)"
    }


def test_a_body_without_content_type_is_read_as_json(api: Api) -> None:
    response = api.client.post("/v1/articles", content=b'{"text": "Gunmen killed four."}')
    assert "content-type" not in response.request.headers
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "queued"


@pytest.mark.parametrize("chunked", [False, True])
def test_a_body_over_the_cap_is_413_as_json(api: Api, chunked: bool) -> None:
    body = b'{"text": "' + b"x" * 150_000 + b'"}'
    content = iter([body[:50_000], body[50_000:]]) if chunked else body
    response = api.client.post("/v1/articles", content=content, headers={"Content-Type": "application/json"})
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"].startswith("Content Too Large")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/a",
        "http://localhost/a",
        "http://LOCALHOST./a",
        "http://api.localhost/a",
        "http://[::1]/a",
        "http://127.1/a",
        "http://2130706433/a",
        "http://0x7f000001/a",
        "http://0.0.0.0/a",
        "http://10.1.2.3/a",
        "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:127.0.0.1]/a",
    ],
)
def test_an_internal_address_is_refused_when_the_article_is_sent(api: Api, url: str) -> None:
    before = api.articles()
    response = api.client.post("/v1/articles", json={"url": url})
    assert response.status_code == 422, response.text
    assert "refused address" in response.json()["detail"][0]["msg"]
    batch = api.client.post("/v1/articles:batch", json={"articles": [{"url": url}]})
    assert batch.json()["results"][0]["status"] == "rejected", batch.text
    assert api.articles() == before


def test_a_rejected_article_leaves_no_row(api: Api) -> None:
    before = api.articles()
    for body in ({"url": "ftp://example.com/a"}, {"url": "http://example.com:8080/a"}, {"text": "  \n "}):
        response = api.client.post("/v1/articles", json=body)
        assert response.status_code == 422, (body, response.text)
    assert api.articles() == before


def test_errors_do_not_echo_the_input(api: Api) -> None:
    secret = "a-distinctive-input-string"
    response = api.client.post("/v1/articles", json={"text": 12, "source": secret * 20})
    assert response.status_code == 422
    assert secret not in response.text
    assert {tuple(e["loc"]) for e in response.json()["detail"]} == {("body", "text"), ("body", "source")}


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("countr=AF", 422, "Extra inputs are not permitted"),
        ("country=Afghanistan", 422, "String should match pattern"),
        ("event_type=riot", 422, "Input should be 'assassination'"),
        ("limit=0", 422, "greater than or equal to 1"),
        ("limit=501", 422, "less than or equal to 500"),
        ("min_killed=-1", 422, "greater than or equal to 0"),
        ("date_from=2022-13-01", 422, "valid date"),
        ("date_from=2022-09-06&date_to=2022-09-05", 422, "date_from is after date_to"),
        ("format=xml", 422, "Input should be 'json', 'csv' or 'geojson'"),
        ("cursor=not-a-cursor", 400, "not a cursor returned by this API"),
    ],
)
def test_bad_incident_queries_get_clear_errors(api: Api, query: str, status: int, message: str) -> None:
    response = api.client.get(f"/v1/incidents?{query}")
    assert response.status_code == status, response.text
    assert message in response.text


def test_a_known_url_returns_its_existing_article(api: Api) -> None:
    before = api.queued()
    first = api.client.post("/v1/articles", json={"url": "https://news.example.org/2022/09/05/kabul-blast"})
    again = api.client.post(
        "/v1/articles", json={"url": "https://NEWS.example.org/2022/09/05/kabul-blast?utm_source=feed"}
    )
    assert first.status_code == again.status_code == 202
    assert first.json() == {"id": first.json()["id"], "status": "queued", "created": True}
    assert again.json() == {"id": first.json()["id"], "status": "queued", "created": False}
    assert api.queued() == before + 2, "a known article still waiting is queued again, never a new row"

    status = api.client.get(f"/v1/articles/{first.json()['id']}").json()
    assert status["status"] == "queued" and status["attempts"] == 0 and status["reason"] is None
    assert status["url"] == "https://news.example.org/2022/09/05/kabul-blast" and status["source"] == "api"


def test_the_same_text_twice_is_one_article(api: Api) -> None:
    body = {
        "text": "Gunmen attacked a checkpoint in Herat on Monday.",
        "id": "herat-1",
        "published": "2022-10-03",
    }
    first, again = (api.client.post("/v1/articles", json=body).json() for _ in range(2))
    assert first["id"] == again["id"] and first["created"] and not again["created"]
    status = api.client.get(f"/v1/articles/{first['id']}").json()
    assert status["external_id"] == "herat-1"
    assert api.client.get("/v1/articles/987654").status_code == 404


def test_batch_rejects_bad_items_and_accepts_the_rest(api: Api) -> None:
    before = api.queued()
    items = [
        {"url": "https://news.example.org/a"},
        {"txt": "typo"},
        {"url": "http://exa mple.org/b"},
        {"html": "<html><body><p>Militants stormed a school in Borno state.</p></body></html>"},
    ]
    response = api.client.post("/v1/articles:batch", json={"articles": items})
    assert response.status_code == 202, response.text
    results = response.json()["results"]
    assert [r["index"] for r in results] == [0, 1, 2, 3]
    assert [r["status"] for r in results] == ["queued", "rejected", "rejected", "queued"]
    assert results[1]["id"] is None and "txt: Extra inputs are not permitted" in results[1]["error"]
    assert results[2]["id"] is None and "whitespace" in results[2]["error"]
    assert api.queued() == before + 2

    too_many = api.client.post("/v1/articles:batch", json={"articles": [items[0]] * 6})
    assert too_many.status_code == 422 and "at most 5 articles" in too_many.text
    assert api.client.post("/v1/articles:batch", json={"articles": []}).status_code == 422


# --- incidents: seeded straight into the store, read through the API ---

COUNTRIES = ("AF", "NG", "SO", "IQ")
TYPES = ("bombing", "armed_assault", "kidnapping")
GROUPS = ("Islamic State", "Boko Haram", None)


def _incident(n: int) -> Incident:
    """Varied incidents: day, month and year precision, unknown date and toll, no perpetrator."""
    if n % 10 == 3:
        when, precision = f"2022-{n % 12 + 1:02d}", "month"
    elif n % 10 == 7:
        when, precision = str(2020 + n % 3), "year"
    elif n == 11:
        when, precision = None, None
    else:
        when, precision = date.fromordinal(date(2022, 1, 1).toordinal() + 13 * n).isoformat(), "day"
    killed = Figure() if n % 5 == 4 else Figure.exact(n % 9)
    group = GROUPS[n % 3]
    source = Source(
        document_id=f"doc-{n}", url=f"https://news.example.org/{n}", killed=killed, evidence=f"Report {n}."
    )
    return Incident(
        id=f"inc-{n:02d}",
        event_type=TYPES[n % 3],  # type: ignore[arg-type]
        date=when,
        date_precision=precision,  # type: ignore[arg-type]
        location=Location(
            country_code=COUNTRIES[n % 4],
            city=f"City {n}",
            lat=None if n % 6 == 0 else 10.0 + n,
            lon=None if n % 6 == 0 else 40.0 + n,
        ),
        perpetrator=Perpetrator(name=group, mentions=[group]) if group else None,
        killed=killed,
        sources=[source],
        summary=f"incident {n}",
    )


def _store(database_url: str, incidents: list[Incident]) -> None:
    with session_scope(database_url) as session:
        for incident in incidents:
            article = Article(external_id=incident.sources[0].document_id, raw_text="x", stage="stored")
            session.add(article)
            session.flush()
            window = (incident.location.country_code, incident.date or "", incident.date or "")
            save_incident(session, incident, article.id, incident.sources[0], window)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def seeded(api: Api) -> list[Incident]:
    """Every incident stored so far, oldest first; a test that stores more appends them."""
    incidents = [_incident(n) for n in range(23)]
    _store(api.database_url, incidents)
    return incidents


def _walk(api: Api, params: dict[str, str | int]) -> list[str]:
    """Follow next_cursor to the end; every page but the last also links to the next one."""
    ids: list[str] = []
    cursor = None
    for _ in range(100):
        page = api.client.get("/v1/incidents", params=params | ({"cursor": cursor} if cursor else {}))
        assert page.status_code == 200, page.text
        body = page.json()
        ids += [incident["id"] for incident in body["incidents"]]
        cursor = body["next_cursor"]
        if cursor is None:
            assert "link" not in page.headers
            return ids
        assert f"cursor={cursor}" in page.headers["link"] and page.headers["link"].endswith('rel="next"')
    raise AssertionError("cursor never ended")


def test_cursor_walks_every_incident_once_newest_first(api: Api, seeded: list[Incident]) -> None:
    ids = _walk(api, {"limit": 4})
    assert ids == [i.id for i in reversed(seeded)]


def test_incidents_stored_during_a_walk_neither_repeat_nor_shift_it(api: Api, seeded: list[Incident]) -> None:
    expected = [i.id for i in reversed(seeded) if i.event_type == "bombing"]
    first = api.client.get("/v1/incidents", params={"limit": 5, "event_type": "bombing"}).json()
    late = _incident(24)
    assert late.event_type == "bombing"
    _store(api.database_url, [late])
    seeded.append(late)
    rest = _walk(api, {"limit": 5, "event_type": "bombing", "cursor": first["next_cursor"]})
    assert [i["id"] for i in first["incidents"]] + rest == expected
    assert _walk(api, {"limit": 5, "event_type": "bombing"}) == [late.id, *expected]


def _overlaps(when: str | None, start: date, end: date) -> bool:
    """Reference for the date filter: the incident's day, month or year overlaps [start, end]."""
    if when is None:
        return False
    year, month, day = (int(part) for part in (when + "-00-00").split("-")[:3])
    first = date(year, month or 1, day or 1)
    last = date(year, month or 12, day or calendar.monthrange(year, month or 12)[1])
    return first <= end and last >= start


@pytest.mark.parametrize(
    "filters",
    [
        {"country": "ng"},
        {"event_type": "kidnapping"},
        {"perpetrator": "Boko Haram"},
        {"min_killed": 5},
        {"date_from": "2022-04-01", "date_to": "2022-06-30"},
        {"date_from": "2022-09-30"},
        {"date_to": "2021-01-01"},
        {"country": "AF", "event_type": "bombing", "min_killed": 1},
    ],
)
def test_filters_match_a_reference(api: Api, seeded: list[Incident], filters: dict[str, str | int]) -> None:
    start = date.fromisoformat(str(filters.get("date_from", "0001-01-01")))
    end = date.fromisoformat(str(filters.get("date_to", "9999-12-31")))
    dated = "date_from" in filters or "date_to" in filters
    expected = [
        i.id
        for i in reversed(seeded)
        if i.location.country_code == str(filters.get("country", i.location.country_code)).upper()
        and i.event_type == filters.get("event_type", i.event_type)
        and (i.perpetrator.name if i.perpetrator else None) == filters.get("perpetrator", _name(i))
        and ("min_killed" not in filters or (i.killed.value or 0) >= int(filters["min_killed"]) > 0)
        and (not dated or _overlaps(i.date, start, end))
    ]
    assert expected, "each filter case should match something"
    assert _walk(api, filters | {"limit": 3}) == expected


def _name(incident: Incident) -> str | None:
    return incident.perpetrator.name if incident.perpetrator else None


def test_actors_list_canonical_names_parents_and_spellings(api: Api) -> None:
    listed = api.client.get("/v1/actors", params={"q": "iskp"})
    assert listed.status_code == 200, listed.text
    (khorasan,) = [a for a in listed.json() if a["name"] == "Islamic State Khorasan Province"]
    assert khorasan["parent"] == "Islamic State" and "ISKP" in khorasan["aliases"]
    everyone = api.client.get("/v1/actors").json()
    assert len(everyone) > 100 and {"Boko Haram", "Taliban"} <= {a["name"] for a in everyone}


@pytest.mark.parametrize("name", ["ISIS", "islamic state", "Daesh"])
def test_the_perpetrator_filter_takes_any_spelling_and_the_branches(
    api: Api, seeded: list[Incident], name: str
) -> None:
    branch = _incident(90).model_copy(
        update={"id": "inc-iskp", "perpetrator": Perpetrator(name="Islamic State Khorasan Province")}
    )
    if not any(i.id == branch.id for i in seeded):
        _store(api.database_url, [branch])
        seeded.append(branch)
    found = _walk(api, {"perpetrator": name, "limit": 50})
    assert "inc-iskp" in found
    assert all(
        _name(i) in {None, "Islamic State", "Islamic State Khorasan Province"} or i.id not in found
        for i in seeded
    )


def test_formats_by_parameter_or_accept_header(api: Api, seeded: list[Incident]) -> None:
    page = {"limit": 6}
    as_json = api.client.get("/v1/incidents", params=page)
    ids = [i["id"] for i in as_json.json()["incidents"]]
    assert as_json.headers["content-type"] == "application/json"

    for response in (
        api.client.get("/v1/incidents", params=page | {"format": "csv"}),
        api.client.get("/v1/incidents", params=page, headers={"Accept": "application/json;q=0.5, text/csv"}),
    ):
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [row["id"] for row in rows] == ids
        assert "link" in response.headers

    geo = api.client.get("/v1/incidents", params=page, headers={"Accept": "application/geo+json"})
    assert geo.headers["content-type"] == "application/geo+json"
    collection = geo.json()
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == ids
    by_id = {i.id: i for i in seeded}
    for feature in collection["features"]:
        location = by_id[feature["id"]].location
        point = {"type": "Point", "coordinates": [location.lon, location.lat]}
        assert feature["geometry"] == (point if location.lat is not None else None)
        assert feature["properties"]["country_code"] == location.country_code
    assert None in [f["geometry"] for f in collection["features"]]

    browser = api.client.get("/v1/incidents", params=page, headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.headers["content-type"] == "application/json"


def test_one_incident_with_its_sources(api: Api, seeded: list[Incident]) -> None:
    wanted = seeded[5]
    response = api.client.get(f"/v1/incidents/{wanted.id}")
    assert response.status_code == 200
    assert Incident.model_validate(response.json()) == wanted
    geo = api.client.get(f"/v1/incidents/{wanted.id}", params={"format": "geojson"}).json()
    assert [f["id"] for f in geo["features"]] == [wanted.id]
    row = next(csv.DictReader(io.StringIO(api.client.get(f"/v1/incidents/{wanted.id}?format=csv").text)))
    assert row["sources"] == wanted.sources[0].document_id
    missing = api.client.get("/v1/incidents/inc-none")
    assert missing.status_code == 404 and "inc-none" in missing.json()["detail"]


def test_feeds_are_added_once_listed_and_deleted(api: Api) -> None:
    url = "https://news.example.org/feeds/world.xml"
    created = api.client.post("/v1/feeds", json={"url": url, "interval_seconds": 600})
    assert created.status_code == 201, created.text
    feed = created.json()
    assert feed["url"] == url and feed["interval_seconds"] == 600 and feed["failures"] == 0
    again = api.client.post("/v1/feeds", json={"url": url})
    assert again.status_code == 200 and again.json()["id"] == feed["id"]
    assert [f["id"] for f in api.client.get("/v1/feeds").json()].count(feed["id"]) == 1

    bad = api.client.post("/v1/feeds", json={"url": "file:///etc/passwd"})
    assert bad.status_code == 422 and "scheme 'file' not allowed" in bad.text
    assert api.client.post("/v1/feeds", json={"url": url, "interval_seconds": 5}).status_code == 422

    assert api.client.delete(f"/v1/feeds/{feed['id']}").status_code == 204
    assert api.client.delete(f"/v1/feeds/{feed['id']}").status_code == 404
    assert feed["id"] not in [f["id"] for f in api.client.get("/v1/feeds").json()]


def test_openapi_documents_the_formats(api: Api) -> None:
    schema = api.anonymous.get("/openapi.json").json()
    content = schema["paths"]["/v1/incidents"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "text/csv", "application/geo+json"}
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_the_host_header_is_never_reflected(api: Api, seeded: list[Incident]) -> None:
    """A client's Host header must not reach the Link header or a redirect's Location (cache
    poisoning, links to another site): both are paths on this server."""
    forged = {"Host": "attacker.example"}
    page = api.client.get("/v1/incidents", params={"limit": 2}, headers=forged)
    assert page.status_code == 200, page.text
    link = page.headers["link"]
    assert "attacker.example" not in link, link
    assert link.startswith("</v1/incidents?") and link.endswith('>; rel="next"'), link
    follow = api.client.get(link[1 : link.index(">")])
    assert follow.status_code == 200 and follow.json()["incidents"], follow.text
    for path in ("/v1/incidents/", "/v1/feeds/", "/v1/articles/"):
        response = api.client.get(path, headers=forged, follow_redirects=False)
        assert "attacker.example" not in response.headers.get("location", ""), (path, response.headers)
        assert response.status_code in (404, 405), (path, response.status_code)
