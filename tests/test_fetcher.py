"""The safe fetcher against real local servers: each case ends as specified, the batch goes on."""

from __future__ import annotations

import gzip
import itertools
import random
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from pytest_httpserver.httpserver import HandlerType
from werkzeug import Request, Response

from services.fetching import (
    FEED_KINDS,
    FetchedPage,
    FetchError,
    HostThrottle,
    RobotsCache,
    backoff_delay,
    fetch_with_retries,
)
from services.fetching.content import read_body
from services.fetching.deadline import Deadline
from services.fetching.robots import MAX_CRAWL_DELAY, parse_robots
from services.fetching.statuses import parse_retry_after
from tests.fetch_support import (
    fixture_bytes,
    fresh_fetcher,
    local_settings,
    requests_to,
    running_server,
    serve_no_robots,
)

ARTICLE = fixture_bytes("news_article.html")
HTML = "text/html; charset=utf-8"


@pytest.fixture(scope="module")
def bystander() -> Iterator[HTTPServer]:
    """A second local server that redirects point at; it must never be reached."""
    with running_server() as server:
        yield server


def fetch(server: HTTPServer, path: str, **overrides: object) -> FetchedPage:
    return fresh_fetcher(local_settings(server.port, **overrides)).fetch(server.url_for(path))


def fetch_error(server: HTTPServer, path: str, **overrides: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(server, path, **overrides)
    return caught.value


# --- pages that succeed --------------------------------------------------------------------------


def test_news_page_with_its_metadata(news_site: HTTPServer) -> None:
    stamp = "Tue, 12 Mar 2024 14:05:00 GMT"
    news_site.expect_request("/world/market-attack").respond_with_data(
        ARTICLE, content_type=HTML, headers={"ETag": '"v7"', "Last-Modified": stamp}
    )
    page = fetch(news_site, "/world/market-attack")
    assert page.status == 200
    assert (page.content_type, page.charset) == ("text/html", "utf-8")
    assert page.body == ARTICLE
    assert (page.etag, page.last_modified) == ('"v7"', stamp)
    assert page.final_url == page.requested_url == news_site.url_for("/world/market-attack")
    request = news_site.log[-1][0]
    assert request.headers["User-Agent"].startswith("VigilBot/")
    assert request.headers["Host"] == f"127.0.0.1:{news_site.port}"


def test_gzip_encoded_page_is_decoded(news_site: HTTPServer) -> None:
    news_site.expect_request("/gz").respond_with_data(
        gzip.compress(ARTICLE), content_type=HTML, headers={"Content-Encoding": "gzip"}
    )
    assert fetch(news_site, "/gz").body == ARTICLE


def test_redirect_chain_followed_to_the_end(news_site: HTTPServer) -> None:
    news_site.expect_request("/short/42").respond_with_data("", status=301, headers={"Location": "/r/2"})
    news_site.expect_request("/r/2").respond_with_data(
        "", status=302, headers={"Location": news_site.url_for("/world/final")}
    )
    news_site.expect_request("/world/final").respond_with_data(ARTICLE, content_type=HTML)
    page = fetch(news_site, "/short/42")
    assert page.body == ARTICLE
    assert page.requested_url == news_site.url_for("/short/42")
    assert page.final_url == news_site.url_for("/world/final")


def test_redirect_loop_stops_at_the_limit(news_site: HTTPServer) -> None:
    news_site.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    error = fetch_error(news_site, "/loop", fetch_max_redirects=3)
    assert (error.permanent, error.kind) == (True, "redirects")
    assert "more than 3 redirects" in error.reason
    assert requests_to(news_site, "/loop") == 4


def test_conditional_request_answered_304_gives_empty_page(news_site: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v7"':
            return Response(status=304, headers={"ETag": '"v7"'})
        return Response(ARTICLE, content_type=HTML, headers={"ETag": '"v7"'})

    news_site.expect_request("/cond").respond_with_handler(handler)
    fetcher = fresh_fetcher(local_settings(news_site.port))
    first = fetcher.fetch(news_site.url_for("/cond"))
    again = fetcher.fetch(news_site.url_for("/cond"), etag=first.etag)
    assert (first.status, first.body) == (200, ARTICLE)
    assert (again.status, again.not_modified, again.body, again.etag) == (304, True, b"", '"v7"')


def test_proxy_environment_is_ignored(news_site: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    news_site.expect_request("/p").respond_with_data(ARTICLE, content_type=HTML)
    assert fetch(news_site, "/p").body == ARTICLE


# --- refused addresses and DNS rebinding ---------------------------------------------------------


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1:{other}/admin",
        "http://localhost:{other}/",
        "http://0x7f000001:{other}/",
        "http://2130706433:{other}/",
        "http://[::ffff:127.0.0.1]:{other}/",
        "http://[::1]:{other}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
    ],
)
def test_redirect_to_internal_address_refused(
    news_site: HTTPServer, bystander: HTTPServer, location: str
) -> None:
    bystander.clear()
    target = location.format(other=bystander.port)
    news_site.expect_request("/go").respond_with_data("", status=302, headers={"Location": target})
    error = fetch_error(news_site, "/go", fetch_allowed_ports=f"80,443,{news_site.port},{bystander.port}")
    assert (error.permanent, error.kind) == (True, "refused_address")
    assert error.url == news_site.url_for("/go")
    assert "after redirect to" in error.reason
    assert "refused address" in error.reason
    assert bystander.log == []


def test_dns_answer_is_used_once_no_rebinding(news_site: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The name resolves to the checked address first and to the metadata address afterwards;
    the fetch must connect to the first answer and never ask again."""
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host: str, port: object, *args: object, **kwargs: object) -> list:
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        lookups.append(host)
        address = "127.0.0.1" if len(lookups) == 1 else "169.254.169.254"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    news_site.expect_request("/news").respond_with_data(ARTICLE, content_type=HTML)
    settings = local_settings(news_site.port, fetch_respect_robots=False)
    page = fresh_fetcher(settings).fetch(f"http://rebind.test:{news_site.port}/news")
    assert page.body == ARTICLE
    assert lookups == ["rebind.test"]
    assert news_site.log[-1][0].headers["Host"] == f"rebind.test:{news_site.port}"


def test_host_with_any_internal_answer_refused(
    news_site: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = socket.getaddrinfo

    def mixed(host: str, port: object, *args: object, **kwargs: object) -> list:
        if host != "mixed.test":
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ("8.8.8.8", "10.0.0.7")]

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    with pytest.raises(FetchError, match=r"refused address 10\.0\.0\.7 for host mixed\.test \(private\)"):
        fresh_fetcher(local_settings(news_site.port)).fetch("http://mixed.test/")


# --- bounded bodies ------------------------------------------------------------------------------


def gzip_bomb(gib: int = 1) -> bytes:
    """``gib`` GiB of zeros as gzip, built in 1 MiB steps (never held uncompressed). Members of
    64 MiB are concatenated (RFC 1952 allows a series of members) to keep the build under a second."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    member = b"".join(packer.compress(zeros) for _ in range(64)) + packer.flush()
    return member * (16 * gib)


def test_gzip_bomb_stops_at_the_cap_with_little_memory(news_site: HTTPServer) -> None:
    bomb = gzip_bomb()
    assert len(bomb) < 2_000_000
    news_site.expect_request("/bomb").respond_with_data(
        bomb, content_type=HTML, headers={"Content-Encoding": "gzip"}
    )
    tracemalloc.start()
    try:
        error = fetch_error(news_site, "/bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (error.permanent, error.kind) == (True, "too_large")
    assert "larger than 200000 bytes after decoding" in error.reason
    assert peak < 20_000_000  # the bomb decodes to 1 GiB


def test_declared_body_over_cap_refused_before_reading(news_site: HTTPServer) -> None:
    news_site.expect_request("/big").respond_with_data(b"x" * 300_000, content_type="text/plain")
    error = fetch_error(news_site, "/big")
    assert (error.permanent, error.kind) == (True, "too_large")
    assert "body of 300000 bytes exceeds the 200000-byte cap" in error.reason


def test_streamed_body_over_cap_refused(news_site: HTTPServer) -> None:
    def endless(_: Request) -> Response:
        return Response((b"<p>news</p>" * 1000 for _ in range(10_000)), content_type=HTML)

    news_site.expect_request("/stream").respond_with_handler(endless)
    error = fetch_error(news_site, "/stream")
    assert (error.permanent, error.kind) == (True, "too_large")


def test_slow_trickle_body_stops_at_the_deadline(news_site: HTTPServer) -> None:
    def trickle(_: Request) -> Response:
        def drip() -> Iterator[bytes]:
            for _ in range(40):
                yield b"<"
                time.sleep(0.5)

        return Response(drip(), content_type=HTML)

    news_site.expect_request("/slow").respond_with_handler(trickle)
    started = time.monotonic()
    error = fetch_error(news_site, "/slow", fetch_deadline=1.5, fetch_read_timeout=5.0)
    elapsed = time.monotonic() - started
    assert (error.permanent, error.kind) == (False, "timeout")
    assert "overall deadline of 1.5 s exceeded" in error.reason
    assert elapsed < 2.2


@pytest.fixture
def header_trickler() -> Iterator[int]:
    """A raw server that never finishes its headers: one byte a second."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 200:
                if stop.wait(1.0):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()
    thread.join(2)


def test_slow_trickle_headers_stop_at_the_deadline(header_trickler: int) -> None:
    """Each read waits for less than the read timeout, so only the deadline can stop it, and it must
    cut the read that is in progress rather than wait for the next byte."""
    settings = local_settings(
        header_trickler, fetch_deadline=1.5, fetch_read_timeout=5.0, fetch_respect_robots=False
    )
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fresh_fetcher(settings).fetch(f"http://127.0.0.1:{header_trickler}/")
    assert (caught.value.permanent, caught.value.kind) == (False, "timeout")
    assert "overall deadline" in caught.value.reason
    assert time.monotonic() - started < 1.9


# --- refused content and HTTP errors -------------------------------------------------------------


def test_image_refused_by_type(news_site: HTTPServer) -> None:
    news_site.expect_request("/photo.png").respond_with_data(
        b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png"
    )
    error = fetch_error(news_site, "/photo.png")
    assert (error.permanent, error.kind) == (True, "content_type")
    assert "content type 'image/png' not accepted" in error.reason


def test_missing_content_type_refused(news_site: HTTPServer) -> None:
    untyped = Response(b"<p>x</p>")
    del untyped.headers["Content-Type"]
    news_site.expect_request("/untyped").respond_with_response(untyped)
    error = fetch_error(news_site, "/untyped")
    assert (error.permanent, error.kind) == (True, "content_type")
    assert "'(missing)'" in error.reason


def test_feed_types_only_when_asked(news_site: HTTPServer) -> None:
    news_site.expect_request("/feed").respond_with_data(
        fixture_bytes("rss2.xml"), content_type="application/rss+xml"
    )
    assert fetch_error(news_site, "/feed").kind == "content_type"
    fetcher = fresh_fetcher(local_settings(news_site.port))
    assert fetcher.fetch(news_site.url_for("/feed"), FEED_KINDS).content_type == "application/rss+xml"


def test_404_is_permanent(news_site: HTTPServer) -> None:
    news_site.expect_request("/gone").respond_with_data("no such page", status=404)
    error = fetch_error(news_site, "/gone")
    assert (error.permanent, error.kind, error.reason) == (True, "http_status", "HTTP 404 Not Found")
    assert str(error) == f"cannot fetch {news_site.url_for('/gone')}: HTTP 404 Not Found"


def test_500_is_transient_then_retries_succeed(news_site: HTTPServer) -> None:
    news_site.expect_request("/flaky", handler_type=HandlerType.ONESHOT).respond_with_data("oops", status=500)
    news_site.expect_request("/flaky", handler_type=HandlerType.ONESHOT).respond_with_data(
        ARTICLE, content_type=HTML
    )
    settings = local_settings(news_site.port)
    page = fetch_with_retries(
        news_site.url_for("/flaky"), settings, attempts=3, fetcher=fresh_fetcher(settings)
    )
    assert page.body == ARTICLE
    assert [response.status_code for request, response in news_site.log if request.path == "/flaky"] == [
        500,
        200,
    ]


def test_500_alone_is_transient(news_site: HTTPServer) -> None:
    news_site.expect_request("/down").respond_with_data("oops", status=503)
    error = fetch_error(news_site, "/down")
    assert (error.permanent, error.kind, error.retry_after) == (False, "http_status", None)


def test_429_carries_retry_after(news_site: HTTPServer) -> None:
    news_site.expect_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "7"})
    error = fetch_error(news_site, "/busy")
    assert (error.permanent, error.retry_after) == (False, 7.0)
    assert error.reason == "HTTP 429 Too Many Requests"


def test_long_retry_after_is_not_waited_in_process(news_site: HTTPServer) -> None:
    news_site.expect_request("/busy").respond_with_data("later", status=429, headers={"Retry-After": "3600"})
    settings = local_settings(news_site.port, fetch_retry_cap=7200.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="429"):
        fetch_with_retries(news_site.url_for("/busy"), settings, attempts=5, fetcher=fresh_fetcher(settings))
    assert time.monotonic() - started < 1.0
    assert requests_to(news_site, "/busy") == 1


def test_permanent_error_is_not_retried(news_site: HTTPServer) -> None:
    news_site.expect_request("/gone").respond_with_data("no", status=410)
    settings = local_settings(news_site.port)
    with pytest.raises(FetchError, match="410 Gone"):
        fetch_with_retries(news_site.url_for("/gone"), settings, attempts=3, fetcher=fresh_fetcher(settings))
    assert requests_to(news_site, "/gone") == 1


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://127.0.0.1:{port}/feed.xml", "scheme 'ftp' not allowed"),
        ("http://editor:secret@127.0.0.1:{port}/", "credentials in the URL are not allowed"),
        ("http://127.0.0.1:1/", "port 1 not allowed"),
        ("not a url", "whitespace"),
        ("//127.0.0.1:{port}/news", "scheme '(none)' not allowed"),
    ],
)
def test_invalid_urls_fail_before_any_request(news_site: HTTPServer, url: str, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        fresh_fetcher(local_settings(news_site.port)).fetch(url.format(port=news_site.port))
    assert (caught.value.permanent, caught.value.kind) == (True, "invalid_url")
    assert reason in caught.value.reason
    assert news_site.log == []


# --- robots.txt and politeness -------------------------------------------------------------------


def test_robots_disallow_respected_and_cached(news_site_module: HTTPServer) -> None:
    news_site_module.clear()
    news_site_module.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n", content_type="text/plain"
    )
    news_site_module.expect_request("/public/a").respond_with_data(ARTICLE, content_type=HTML)
    news_site_module.expect_request("/private/b").respond_with_data(ARTICLE, content_type=HTML)
    fetcher = fresh_fetcher(local_settings(news_site_module.port))
    assert fetcher.fetch(news_site_module.url_for("/public/a")).body == ARTICLE
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(news_site_module.url_for("/private/b"))
    assert (caught.value.permanent, caught.value.kind) == (True, "robots")
    assert "disallowed by robots.txt" in caught.value.reason
    assert requests_to(news_site_module, "/robots.txt") == 1
    assert requests_to(news_site_module, "/private/b") == 0
    ignoring = fresh_fetcher(local_settings(news_site_module.port, fetch_respect_robots=False))
    assert ignoring.fetch(news_site_module.url_for("/private/b")).body == ARTICLE


def test_robots_unreachable_fails_transiently(news_site_module: HTTPServer) -> None:
    news_site_module.clear()
    news_site_module.expect_request("/robots.txt").respond_with_data("down", status=503)
    news_site_module.expect_request("/a").respond_with_data(ARTICLE, content_type=HTML)
    with pytest.raises(FetchError) as caught:
        fresh_fetcher(local_settings(news_site_module.port)).fetch(news_site_module.url_for("/a"))
    assert (caught.value.permanent, caught.value.kind) == (False, "robots")
    assert "robots.txt unreachable (HTTP 503 Service Unavailable)" in caught.value.reason
    assert requests_to(news_site_module, "/a") == 0


def test_politeness_spaces_requests_to_one_host(news_site: HTTPServer) -> None:
    times: list[float] = []

    def stamp(_: Request) -> Response:
        times.append(time.monotonic())
        return Response(ARTICLE, content_type=HTML)

    news_site.expect_request("/n").respond_with_handler(stamp)
    fetcher = fresh_fetcher(local_settings(news_site.port, fetch_host_delay=0.3))
    for _ in range(3):
        fetcher.fetch(news_site.url_for("/n"))
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(gaps) == 2
    assert min(gaps) >= 0.28


def test_throttle_books_slots_and_refuses_waits_past_the_deadline() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = HostThrottle(clock=lambda: now[0], sleep=sleep)
    deadline = Deadline(30.0, clock=lambda: now[0])
    throttle.wait("a.example", 2.0, deadline, "http://a.example/1")
    throttle.wait("b.example", 2.0, deadline, "http://b.example/1")
    throttle.wait("a.example", 2.0, deadline, "http://a.example/2")
    assert slept == [2.0]
    with pytest.raises(FetchError) as caught:
        throttle.wait("a.example", 40.0, Deadline(1.0, clock=lambda: now[0]), "http://a.example/3")
    assert (caught.value.permanent, caught.value.kind, caught.value.retry_after) == (False, "politeness", 2.0)


def test_robots_crawl_delay_read_and_capped() -> None:
    agent = "VigilBot/0.1"
    assert parse_robots(b"User-agent: *\nCrawl-delay: 3\n").crawl_delay(agent) == 3.0
    assert parse_robots(b"User-agent: *\nCrawl-delay: 86400\n").crawl_delay(agent) == MAX_CRAWL_DELAY
    assert parse_robots(None).crawl_delay(agent) == 0.0
    assert parse_robots(None).allows(agent, "http://x.example/private/")


def test_robots_cache_expires_after_its_ttl() -> None:
    now = [0.0]
    loads: list[str] = []

    def load() -> bytes:
        loads.append("robots")
        return b"User-agent: *\nDisallow: /x/\n"

    cache = RobotsCache(ttl=100.0, clock=lambda: now[0])
    for moment in (0.0, 50.0, 99.0, 101.0):
        now[0] = moment
        assert not cache.rules("http://a.example", load).allows("VigilBot", "http://a.example/x/1")
    assert len(loads) == 2


# --- TLS: verification stays on the host name while the connection goes to the checked IP ----------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HTTPServer, Path]]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with running_server(ssl_context=context) as server:
        serve_no_robots(server)
        server.expect_request("/secure").respond_with_data(ARTICLE, content_type=HTML)
        yield server, cert


def test_tls_verified_against_the_host_name(tls_server: tuple[HTTPServer, Path]) -> None:
    server, cert = tls_server
    settings = local_settings(server.port, fetch_ca_bundle=str(cert))
    page = fresh_fetcher(settings).fetch(f"https://localhost:{server.port}/secure")
    assert page.body == ARTICLE
    with pytest.raises(FetchError) as by_ip:  # same server, but the certificate does not name the IP
        fresh_fetcher(settings).fetch(f"https://127.0.0.1:{server.port}/secure")
    assert (by_ip.value.permanent, by_ip.value.kind) == (True, "tls")
    with pytest.raises(FetchError) as untrusted:  # default trust store: self-signed is refused
        fresh_fetcher(local_settings(server.port)).fetch(f"https://localhost:{server.port}/secure")
    assert (untrusted.value.kind, untrusted.value.permanent) == ("tls", True)
    assert "certificate" in untrusted.value.reason


# --- a batch: every URL ends as specified, the failures cost the others nothing -----------------


def test_batch_keeps_going_past_every_failure(news_site: HTTPServer, bystander: HTTPServer) -> None:
    bystander.clear()
    news_site.expect_request("/a1").respond_with_data(ARTICLE, content_type=HTML)
    news_site.expect_request("/img").respond_with_data(bytes(64), content_type="image/jpeg")
    news_site.expect_request("/missing").respond_with_data("", status=404)
    news_site.expect_request("/evil").respond_with_data(
        "", status=302, headers={"Location": f"http://127.0.0.1:{bystander.port}/"}
    )
    news_site.expect_request("/bomb").respond_with_data(
        gzip_bomb(), content_type=HTML, headers={"Content-Encoding": "gzip"}
    )
    news_site.expect_request("/a2").respond_with_data(ARTICLE.replace(b"four", b"five"), content_type=HTML)
    news_site.expect_request("/feed.xml").respond_with_data(b"<rss/>", status=500)
    settings = local_settings(news_site.port, fetch_allowed_ports=f"80,443,{news_site.port},{bystander.port}")
    fetcher = fresh_fetcher(settings)
    batch = ["/a1", "/img", "/missing", "ftp://x/", "/evil", "/bomb", "/a2", "/feed.xml"]
    outcomes: dict[str, FetchedPage | FetchError] = {}
    for path in batch:
        url = path if "://" in path else news_site.url_for(path)
        try:
            outcomes[path] = fetcher.fetch(url)
        except FetchError as exc:
            outcomes[path] = exc

    def ended(path: str) -> tuple[str, bool | None]:
        outcome = outcomes[path]
        return ("ok", None) if isinstance(outcome, FetchedPage) else (outcome.kind, outcome.permanent)

    assert {path: ended(path) for path in batch} == {
        "/a1": ("ok", None),
        "/img": ("content_type", True),
        "/missing": ("http_status", True),
        "ftp://x/": ("invalid_url", True),
        "/evil": ("refused_address", True),
        "/bomb": ("too_large", True),
        "/a2": ("ok", None),
        "/feed.xml": ("http_status", False),
    }
    assert outcomes["/a2"].body == ARTICLE.replace(b"four", b"five")  # type: ignore[union-attr]
    assert bystander.log == []


# --- decoding ----------------------------------------------------------------------------------


def test_decoding_handles_what_servers_send() -> None:
    text = ARTICLE * 3
    packed = gzip.compress(text)
    assert read_body("u", [packed[i : i + 700] for i in range(0, len(packed), 700)], "gzip", 10**6) == text
    assert read_body("u", [packed + packed], "x-gzip", 10**6) == text + text  # two gzip members
    wrapped = zlib.compress(text)
    assert read_body("u", [wrapped[:1], wrapped[1:]], "deflate", 10**6) == text
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    bare = raw.compress(text) + raw.flush()
    assert read_body("u", [bare[:1], bare[1:]], "deflate", 10**6) == text  # raw deflate, split header
    assert read_body("u", [gzip.compress(gzip.compress(text))], "gzip, gzip", 10**6) == text
    assert read_body("u", [text], "identity", 10**6) == text


@pytest.mark.parametrize(
    ("chunks", "coding", "kind", "reason"),
    [
        ([b"\x1f\x8b\x08garbage"], "gzip", "encoding", "corrupt compressed body"),
        ([b"abc"], "br", "encoding", "unsupported Content-Encoding 'br'"),
        ([b"a" * 101], None, "too_large", "body larger than 100 bytes after decoding"),
    ],
)
def test_decoding_failures_are_permanent(
    chunks: list[bytes], coding: str | None, kind: str, reason: str
) -> None:
    with pytest.raises(FetchError) as caught:
        read_body("http://x.example/", chunks, coding, 100)
    assert (caught.value.permanent, caught.value.kind) == (True, kind)
    assert reason in caught.value.reason


# --- the retry policy ----------------------------------------------------------------------------


def test_backoff_is_full_jitter_within_an_exponential_window() -> None:
    rng = random.Random(7)
    for attempt, window in ((1, 2.0), (2, 4.0), (3, 8.0), (6, 64.0), (12, 300.0), (500, 300.0)):
        delays = [backoff_delay(attempt, base=2.0, cap=300.0, rng=rng) for _ in range(400)]
        assert all(0.0 <= d <= window for d in delays)
        assert max(delays) > 0.8 * window  # the whole window is used, not just its top
        assert min(delays) < 0.2 * window


def test_backoff_honours_retry_after_up_to_the_cap() -> None:
    rng = random.Random(3)
    assert all(backoff_delay(1, 30.0, base=2.0, cap=300.0, rng=rng) == 30.0 for _ in range(50))
    assert backoff_delay(1, 86_400.0, base=2.0, cap=300.0, rng=rng) == 300.0


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    in_a_minute = formatdate(time.time() + 60, usegmt=True)
    assert 55.0 <= (parse_retry_after(in_a_minute) or 0.0) <= 60.0
    assert parse_retry_after(formatdate(time.time() - 600, usegmt=True)) == 0.0
