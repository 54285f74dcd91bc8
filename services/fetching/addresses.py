"""Which addresses we may connect to, and resolving a host exactly once.

Everything is decided on the RESOLVED address: the OS resolver turns ``0x7f000001``, ``2130706433``,
``0177.0.0.1`` and ``127.1`` into 127.0.0.1, so checking the spelling would miss them. IPv6 forms
that carry an IPv4 address (NAT64, 6to4, Teredo) are judged by the address they carry; IPv4-mapped
addresses are always refused (no public site is reached that way, and it hides loopback). The tables
are written out here rather than taken from ``ipaddress`` flags, whose lists change between Python
versions.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from collections.abc import Iterable
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network
from typing import Any, TypeVar

from services.config import Settings, get_settings
from services.fetching.errors import FetchError
from services.fetching.urls import ParsedTarget, check_url, parse_ports

IPAddress = IPv4Address | IPv6Address
Net = TypeVar("Net", IPv4Network, IPv6Network)


def _table(kind: type[Net], rows: Iterable[tuple[str, str]]) -> tuple[tuple[Net, str], ...]:
    return tuple((kind(net), label) for net, label in rows)


_V4_REFUSED = _table(
    IPv4Network,
    (
        ("0.0.0.0/8", "unspecified ('this network')"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "carrier-grade NAT (shared)"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local (cloud metadata)"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignment"),
        ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "6to4 relay anycast (deprecated)"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("255.255.255.255/32", "broadcast"),
        ("240.0.0.0/4", "reserved"),
    ),
)

# Checked in order, before the "must be global unicast 2000::/3" rule, so each gets its own label.
_V6_REFUSED = _table(
    IPv6Network,
    (
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("64:ff9b:1::/48", "local-use NAT64"),
        ("100::/64", "discard-only"),
        ("2001:db8::/32", "documentation"),
        ("2001::/23", "IETF protocol assignment"),
        ("3fff::/20", "documentation"),
        ("fc00::/7", "unique-local"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local (deprecated)"),
        ("ff00::/8", "multicast"),
    ),
)
_GLOBAL_UNICAST = IPv6Network("2000::/3")
_NAT64 = IPv6Network("64:ff9b::/96")
_LOOPBACK_V4 = IPv4Network("127.0.0.0/8")
_LOOPBACK_V6 = IPv6Address("::1")
_LOCALHOST = IPv4Address("127.0.0.1")
_NOT_FOUND = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}\.?$")


def refusal_reason(address: IPAddress | str) -> str | None:
    """Why ``address`` is not a public address we may connect to, or None when it is."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, IPv4Address):
        return _first_match(ip, _V4_REFUSED)
    if ip.ipv4_mapped is not None:
        inner = refusal_reason(ip.ipv4_mapped)
        return f"IPv4-mapped form of {ip.ipv4_mapped}" + (f", which is {inner}" if inner else "")
    if ip in _NAT64:
        return _embedded_reason("NAT64", IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip.sixtofour is not None:
        return _embedded_reason("6to4", ip.sixtofour)
    if ip.teredo is not None:
        server, client = ip.teredo
        return _embedded_reason("Teredo server", server) or _embedded_reason("Teredo client", client)
    label = _first_match(ip, _V6_REFUSED)
    if label is None and ip not in _GLOBAL_UNICAST:
        label = "reserved (outside global unicast 2000::/3)"
    return label


def is_public_address(address: IPAddress | str) -> bool:
    return refusal_reason(address) is None


def is_loopback(ip: IPAddress) -> bool:
    return ip in _LOOPBACK_V4 if isinstance(ip, IPv4Address) else ip == _LOOPBACK_V6


def _first_match(ip: IPAddress, table: Iterable[tuple[IPv4Network | IPv6Network, str]]) -> str | None:
    return next((label for net, label in table if ip in net), None)


def _embedded_reason(form: str, embedded: IPv4Address) -> str | None:
    inner = refusal_reason(embedded)
    return None if inner is None else f"{form} form of {embedded}, which is {inner}"


def resolve_target(target: ParsedTarget, settings: Settings, timeout: float) -> tuple[IPAddress, ...]:
    """Every address of the host, all checked; the connection later uses only these.

    One refused address refuses the host: a name that mixes public and internal answers is a
    rebinding attempt, not a web site.
    """
    try:
        addresses = (ipaddress.ip_address(target.host),)
    except ValueError:
        addresses = _lookup(target, timeout)
    for ip in addresses:
        _check_address(ip, target, settings)
    return addresses


def check_acceptable_url(url: str, settings: Settings | None = None) -> ParsedTarget:
    """``check_url``, and a host whose spelling alone shows where it points (an address in any
    form the resolver reads, ``localhost`` and its subdomains) judged now, so an input that can
    only be refused later is refused when it is accepted. Names that need DNS are judged when
    fetched (``resolve_target``)."""
    settings = settings or get_settings()
    target = check_url(url, settings)
    ip = spelled_address(target.host)
    if ip is not None:
        _check_address(ip, target, settings)
    return target


def spelled_address(host: str) -> IPAddress | None:
    """The address a host name stands for without DNS: IP literals, the shorthand IPv4 forms
    (``127.1``, ``0x7f000001``, ``2130706433``) and ``localhost`` names (RFC 6761)."""
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return _LOCALHOST
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        pass
    if _NUMERIC_HOST.match(name):
        try:
            return IPv4Address(socket.inet_aton(name))
        except OSError:
            return None
    return None


def _check_address(ip: IPAddress, target: ParsedTarget, settings: Settings) -> None:
    """Refuse ``ip`` unless it is public, or loopback on a port the test seam opens."""
    loopback_ok = settings.fetch_allow_loopback and (
        not settings.fetch_loopback_ports or target.port in parse_ports(settings.fetch_loopback_ports)
    )
    if loopback_ok and is_loopback(ip):
        return
    reason = refusal_reason(ip)
    if reason is not None:
        raise FetchError(
            target.url,
            f"refused address {ip} for host {target.host} ({reason})",
            permanent=True,
            kind="refused_address",
        )


def _lookup(target: ParsedTarget, timeout: float) -> tuple[IPAddress, ...]:
    """getaddrinfo in a daemon thread, so a hung resolver cannot outlast the fetch deadline."""
    answers: list[tuple[Any, ...]] = []
    failures: list[Exception] = []
    done = threading.Event()

    def run() -> None:
        try:
            answers.extend(socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            failures.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name=f"resolve {target.host}", daemon=True).start()
    if not done.wait(timeout):
        raise FetchError(target.url, f"DNS lookup of {target.host} timed out", permanent=False, kind="dns")
    if failures:
        exc = failures[0]
        if isinstance(exc, socket.gaierror) and exc.errno in _NOT_FOUND:
            raise FetchError(target.url, f"host {target.host} not found", permanent=True, kind="dns")
        reason = f"DNS lookup of {target.host} failed: {exc}"
        raise FetchError(target.url, reason, permanent=False, kind="dns")
    addresses = tuple(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in answers))
    if not addresses:
        raise FetchError(target.url, f"host {target.host} has no address", permanent=True, kind="dns")
    return addresses
