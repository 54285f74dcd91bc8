"""Shared by the fetcher and feed tests (a plugin named in ``conftest.py``): local servers, their
fixtures, and the settings that let us reach them.

The test seam is explicit: loopback is allowed only on the ports of the servers a test started
(``fetch_loopback_ports``), so a redirect to any other loopback port is refused exactly as in
production, where ``fetch_allow_loopback`` is never set.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from services.config import Settings
from services.fetching import Fetcher, HostThrottle, RobotsCache

FIXTURES = Path(__file__).parent / "fetch_fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def local_settings(*ports: int, **overrides: object) -> Settings:
    """Short timeouts and no politeness delay keep the tests fast; robots.txt is still obeyed."""
    values: dict[str, object] = {
        "fetch_allow_loopback": True,
        "fetch_loopback_ports": ",".join(map(str, ports)),
        "fetch_allowed_ports": ",".join(map(str, (80, 443, *ports))),
        "fetch_connect_timeout": 1.0,
        "fetch_read_timeout": 1.0,
        "fetch_deadline": 3.0,
        "fetch_host_delay": 0.0,
        "fetch_max_bytes": 200_000,
        "fetch_retry_base": 0.01,
        "fetch_retry_cap": 0.05,
        "fetch_respect_robots": True,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def fresh_fetcher(settings: Settings) -> Fetcher:
    """Its own host clock and robots cache, so no test sees another's robots.txt."""
    return Fetcher(settings, throttle=HostThrottle(), robots=RobotsCache())


def loopback_env(*ports: int) -> dict[str, str]:
    """The environment form of the loopback seam, for processes: the fetcher may reach these
    local ports and no other loopback address."""
    return {
        "VIGIL_FETCH_ALLOW_LOOPBACK": "true",
        "VIGIL_FETCH_LOOPBACK_PORTS": ",".join(map(str, ports)),
        "VIGIL_FETCH_ALLOWED_PORTS": ",".join(map(str, (80, 443, *ports))),
    }


@contextmanager
def running_server(**kwargs: object) -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True, **kwargs)  # type: ignore[arg-type]
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


def serve_no_robots(server: HTTPServer) -> None:
    """A missing robots.txt means everything is allowed."""
    server.expect_request("/robots.txt").respond_with_data("not found", status=404)


def requests_to(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


@pytest.fixture(scope="module")
def news_site_module() -> Iterator[HTTPServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def news_site(news_site_module: HTTPServer) -> Iterator[HTTPServer]:
    """The module's server with no handlers but a missing robots.txt, and an empty log."""
    news_site_module.clear()
    serve_no_robots(news_site_module)
    yield news_site_module
    news_site_module.clear()
