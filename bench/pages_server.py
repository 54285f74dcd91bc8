"""A news site on loopback answering the corpus's URL items, so fetching is measured with a real
HTTP exchange through our own fetcher. Loopback is refused in production; the bench (and only the
bench) allows it for this server's port, the same seam the fetcher tests use."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

from bench.corpus import CorpusItem


class _Handler(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a thousand request lines would bury the figures."""


@contextmanager
def serve_pages(items: Sequence[CorpusItem]) -> Iterator[str]:
    """Serve the URL items' pages; yields the base URL (``http://127.0.0.1:PORT``)."""
    handler = type("PagesHandler", (_Handler,), {"pages": {}})
    handler.pages = {item.path: item.content.encode() for item in items if item.kind == "url" and item.path}
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fetch_settings(base_url: str) -> dict[str, str]:
    """Environment that lets the fetcher reach this server and nothing else on loopback. The
    per-host politeness delay is off: a real crawl spreads over many hosts, here every page
    comes from one."""
    port = base_url.rsplit(":", 1)[1]
    return {
        "VIGIL_FETCH_ALLOW_LOOPBACK": "true",
        "VIGIL_FETCH_LOOPBACK_PORTS": port,
        "VIGIL_FETCH_ALLOWED_PORTS": f"80,443,{port}",
        "VIGIL_FETCH_HOST_DELAY": "0",
    }
