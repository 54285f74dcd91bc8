"""A news site on loopback answering the corpus's URL items, so fetching is measured with a real
HTTP exchange through our own fetcher. Loopback is refused in production; the bench (and only the
bench) allows it for this server's port, the same seam the fetcher tests use."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from bench.corpus import CorpusItem
from tests.fetch_support import loopback_env, running_server, serve_no_robots


@contextmanager
def serve_pages(items: Sequence[CorpusItem]) -> Iterator[str]:
    """Serve the URL items' pages; yields the base URL (``http://127.0.0.1:PORT``). Quiet: a
    thousand request lines would bury the figures."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with running_server() as server:
        serve_no_robots(server)
        for item in items:
            if item.kind == "url" and item.path:
                server.expect_request(item.path).respond_with_data(
                    item.content, content_type="text/html; charset=utf-8"
                )
        yield f"http://127.0.0.1:{server.port}"


def fetch_settings(base_url: str) -> dict[str, str]:
    """Environment that lets the fetcher reach this server and nothing else on loopback. The
    per-host politeness delay is off: a real crawl spreads over many hosts, here every page
    comes from one."""
    return loopback_env(int(base_url.rsplit(":", 1)[1])) | {"VIGIL_FETCH_HOST_DELAY": "0"}
