"""HTTP on top of httpcore with the connection pinned to the addresses we already checked.

httpcore's pluggable network backend is the seam: ``connect_tcp`` ignores DNS entirely and dials only
the checked IPs (no second lookup, so no DNS rebinding), while the request keeps the real host for
the Host header, SNI and certificate verification. Every stream operation is bounded by the
fetch's ``Deadline``. Proxies are never consulted: nothing here reads the environment.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import certifi
import httpcore

from services.config import Settings
from services.fetching.addresses import IPAddress
from services.fetching.deadline import Deadline
from services.fetching.urls import ParsedTarget


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.bound(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.bound(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._deadline.bound(timeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    def __init__(self, host: str, addresses: Sequence[IPAddress], deadline: Deadline) -> None:
        self._host = host
        self._addresses = addresses
        self._deadline = deadline
        self._tcp = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if host != self._host:
            raise httpcore.ConnectError(f"host {host} was not checked")
        failure: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in self._addresses:
            try:
                stream = self._tcp.connect_tcp(
                    str(address), port, self._deadline.bound(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        raise failure


@lru_cache(maxsize=4)
def _ssl_context(ca_bundle: str) -> ssl.SSLContext:
    """Verification on (CERT_REQUIRED, check_hostname) against the host name we were given."""
    return ssl.create_default_context(cafile=ca_bundle or certifi.where())


@contextmanager
def open_response(
    target: ParsedTarget,
    addresses: Sequence[IPAddress],
    headers: list[tuple[str, str]],
    settings: Settings,
    deadline: Deadline,
) -> Iterator[httpcore.Response]:
    """One GET on a fresh connection (no pooling across hosts sharing an IP)."""
    pool = httpcore.ConnectionPool(
        ssl_context=_ssl_context(settings.fetch_ca_bundle),
        network_backend=_PinnedBackend(target.host, addresses, deadline),
        max_connections=1,
        max_keepalive_connections=0,
        retries=0,
        http1=True,
        http2=False,
    )
    url = httpcore.URL(
        scheme=target.scheme.encode(),
        host=target.host.encode(),
        port=target.port,
        target=target.target.encode(),
    )
    timeouts = {
        "connect": settings.fetch_connect_timeout,
        "read": settings.fetch_read_timeout,
        "write": settings.fetch_read_timeout,
        "pool": settings.fetch_connect_timeout,
    }
    all_headers = [("Host", target.host_header), *headers]
    with pool, pool.stream("GET", url, headers=all_headers, extensions={"timeout": timeouts}) as response:
        yield response
