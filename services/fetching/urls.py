"""URL checks done before any network work, so a bad URL fails with a reason and never reaches DNS.

The ``ParsedTarget`` returned here is the single source of truth for everything that follows (the
address check, the connection, the Host header, TLS): there is no second parser to disagree with.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import idna

from services.config import Settings, get_settings
from services.fetching.errors import FetchError

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_URL_CHARS = 4096
_SAFE_URL_CHARS = "/?%:@!$&'()*+,;=-._~"
_ASCII_HOST = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$")


@dataclass(frozen=True)
class ParsedTarget:
    scheme: str
    host: str  # ASCII (IDNA) name or bare IP literal, no brackets
    port: int
    target: str  # path and query for the request line, percent-encoded

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if DEFAULT_PORTS[self.scheme] == self.port else f"{host}:{self.port}"

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host_header}"

    @property
    def url(self) -> str:
        """Normalised: scheme and host lower-cased, default port and fragment dropped."""
        return f"{self.origin}{self.target}"


def parse_ports(value: str) -> frozenset[int]:
    return frozenset(int(part) for part in value.split(",") if part.strip())


def check_url(url: str, settings: Settings | None = None) -> ParsedTarget:
    """Raises a permanent ``FetchError`` naming what is wrong with ``url``."""
    allowed_ports = parse_ports((settings or get_settings()).fetch_allowed_ports)
    try:
        return _parse(url, allowed_ports)
    except ValueError as exc:
        raise FetchError(str(url), str(exc), permanent=True, kind="invalid_url") from None


def _parse(url: str, allowed: frozenset[int]) -> ParsedTarget:
    if not isinstance(url, str) or not url.strip():
        raise ValueError("empty URL")
    text = url.strip()
    if len(text) > MAX_URL_CHARS:
        raise ValueError(f"URL longer than {MAX_URL_CHARS} characters")
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        raise ValueError("URL contains whitespace or control characters")
    if "\ufffd" in text:
        raise ValueError("URL contains U+FFFD, a character its source could not encode")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError(f"scheme {scheme or '(none)'!r} not allowed (only http and https)")
    if "@" in parts.netloc:
        raise ValueError("credentials in the URL are not allowed")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise ValueError("invalid port") from None
    if port not in allowed:
        raise ValueError(f"port {port} not allowed (allowed: {', '.join(map(str, sorted(allowed)))})")
    path = quote(parts.path or "/", safe=_SAFE_URL_CHARS)
    query = quote(parts.query, safe=_SAFE_URL_CHARS)
    return ParsedTarget(scheme, _ascii_host(parts.hostname or ""), port, f"{path}?{query}" if query else path)


def _ascii_host(host: str) -> str:
    """IP literals as they are; names IDNA-encoded (UTS 46), so what we resolve is what we send."""
    if not host:
        raise ValueError("missing host")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError as exc:
            raise ValueError(f"invalid host name: {exc}") from None
    if not _ASCII_HOST.match(host) or len(host) > 253 or any(len(p) > 63 for p in host.split(".")):
        raise ValueError(f"invalid host name {host!r}")
    return host
