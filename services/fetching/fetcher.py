"""The one way Vigil reads a URL: every hop checked, every address pinned, every byte bounded.

Nothing else in the code base may fetch (never ``trafilatura.fetch_url`` or
``feedparser.parse(url)``): they would skip the address checks, the caps and robots.txt.
"""

from __future__ import annotations

import ssl
from collections.abc import Collection
from dataclasses import dataclass, replace
from urllib.parse import urljoin

import httpcore

from services.config import Settings, get_settings
from services.fetching.addresses import resolve_target
from services.fetching.content import (
    ACCEPT_ENCODING,
    ALLOWED_KINDS,
    ARTICLE_KINDS,
    parse_content_type,
    read_body,
)
from services.fetching.deadline import Deadline, DeadlineExceeded
from services.fetching.errors import FetchError, printable
from services.fetching.politeness import HostThrottle
from services.fetching.robots import ROBOTS_MAX_BYTES, RobotRules, RobotsCache
from services.fetching.statuses import REDIRECTS, status_error
from services.fetching.transport import open_response
from services.fetching.urls import ParsedTarget, check_url

Headers = list[tuple[str, str]]


@dataclass(frozen=True)
class FetchedPage:
    requested_url: str
    final_url: str  # after redirects, normalised; the base for relative links
    status: int  # 2xx, or 304 (then body is empty and content_type "")
    content_type: str  # lower-case MIME type without parameters
    charset: str | None  # from the Content-Type header only; the cleaner may sniff the body
    body: bytes  # decoded (gzip/deflate removed), at most settings.fetch_max_bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


SHARED_THROTTLE = HostThrottle()
SHARED_ROBOTS = RobotsCache()


class Fetcher:
    """Settings plus the per-process politeness state (host clock, robots cache).

    By default the state is shared by every ``Fetcher`` in the process; tests pass fresh ones.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        throttle: HostThrottle | None = None,
        robots: RobotsCache | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self.throttle = throttle or SHARED_THROTTLE
        self.robots = robots or SHARED_ROBOTS

    def fetch(
        self,
        url: str,
        kinds: Collection[str] = ARTICLE_KINDS,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchedPage:
        """Raises ``FetchError`` (``permanent`` or not) naming ``url`` and the reason."""
        conditional: Headers = []
        if etag:
            conditional.append(("If-None-Match", etag))
        if last_modified:
            conditional.append(("If-Modified-Since", last_modified))
        deadline = Deadline(self.settings.fetch_deadline)
        return self._follow(
            url,
            kinds,
            deadline,
            conditional,
            self.settings.fetch_max_bytes,
            self.settings.fetch_respect_robots,
        )

    def _follow(
        self,
        url: str,
        kinds: Collection[str],
        deadline: Deadline,
        extra_headers: Headers,
        max_bytes: int,
        obey_robots: bool,
    ) -> FetchedPage:
        current = url
        for hop in range(self.settings.fetch_max_redirects + 1):
            try:
                target = check_url(current, self.settings)
                delay = self.settings.fetch_host_delay
                if obey_robots:
                    rules = self._robots_rules(target, deadline)
                    if not rules.allows(self.settings.user_agent, target.url):
                        raise FetchError(
                            target.url, "disallowed by robots.txt", permanent=True, kind="robots"
                        )
                    delay = max(delay, rules.crawl_delay(self.settings.user_agent))
                outcome = self._exchange(target, kinds, deadline, extra_headers, max_bytes, delay)
            except FetchError as exc:
                where = f"after redirect to {printable(current)}: " if hop else ""
                raise FetchError(url, where + exc.reason, exc.permanent, exc.retry_after, exc.kind) from None
            if isinstance(outcome, FetchedPage):
                return replace(outcome, requested_url=url)
            current = urljoin(target.url, outcome)
        limit = self.settings.fetch_max_redirects
        raise FetchError(url, f"more than {limit} redirects", permanent=True, kind="redirects")

    def _robots_rules(self, target: ParsedTarget, deadline: Deadline) -> RobotRules:
        def load() -> bytes | None:
            robots_url = f"{target.origin}/robots.txt"
            try:
                return self._follow(robots_url, ALLOWED_KINDS, deadline, [], ROBOTS_MAX_BYTES, False).body
            except FetchError as exc:
                if exc.permanent:
                    return None
                reason = f"robots.txt unreachable ({exc.reason}); retry later"
                raise FetchError(target.url, reason, False, exc.retry_after, "robots") from None

        return self.robots.rules(target.origin, load)

    def _exchange(
        self,
        target: ParsedTarget,
        kinds: Collection[str],
        deadline: Deadline,
        extra_headers: Headers,
        max_bytes: int,
        delay: float,
    ) -> FetchedPage | str:
        """One request: the page, or the Location of a redirect."""
        settings = self.settings
        headers = [
            ("User-Agent", settings.user_agent),
            ("Accept", ", ".join(sorted(kinds))),
            ("Accept-Encoding", ACCEPT_ENCODING),
            ("Connection", "close"),
            *extra_headers,
        ]
        try:
            addresses = resolve_target(target, settings, deadline.bound(settings.fetch_connect_timeout))
            self.throttle.wait(target.host, delay, deadline, target.url)
            with open_response(target, addresses, headers, settings, deadline) as response:
                return _read(target, response, kinds, max_bytes)
        except DeadlineExceeded as exc:
            raise FetchError(target.url, str(exc), permanent=False, kind="timeout") from None
        except httpcore.TimeoutException as exc:
            raise _timeout_error(target, exc, deadline, settings) from None
        except httpcore.ConnectError as exc:
            raise _connect_error(target, exc) from None
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            reason = f"connection to {target.host} broke: {exc or type(exc).__name__}"
            raise FetchError(target.url, reason, permanent=False, kind="network") from None


def _read(
    target: ParsedTarget, response: httpcore.Response, kinds: Collection[str], max_bytes: int
) -> FetchedPage | str:
    headers = {
        name.decode("latin-1").lower(): value.decode("utf-8", errors="replace")
        for name, value in response.headers
    }
    status = response.status
    if status in REDIRECTS:
        location = headers.get("location", "").strip()
        if not location:
            raise FetchError(target.url, f"HTTP {status} redirect without Location", kind="redirects")
        return location
    validators = {"etag": headers.get("etag"), "last_modified": headers.get("last-modified")}
    if status == 304:
        return FetchedPage(target.url, target.url, 304, "", None, b"", **validators)
    if not 200 <= status < 300:
        raise status_error(target.url, status, headers.get("retry-after"))
    mime, charset = parse_content_type(headers.get("content-type"))
    if mime not in kinds:
        expected = ", ".join(sorted(kinds))
        reason = f"content type {mime or '(missing)'!r} not accepted (expected {expected})"
        raise FetchError(target.url, reason, permanent=True, kind="content_type")
    encoding = headers.get("content-encoding")
    declared = headers.get("content-length", "")
    if encoding in (None, "identity") and declared.isdigit() and int(declared) > max_bytes:
        reason = f"body of {declared} bytes exceeds the {max_bytes}-byte cap"
        raise FetchError(target.url, reason, permanent=True, kind="too_large")
    body = read_body(target.url, response.iter_stream(), encoding, max_bytes)
    return FetchedPage(target.url, target.url, status, mime, charset, body, **validators)


def _timeout_error(
    target: ParsedTarget, exc: httpcore.TimeoutException, deadline: Deadline, settings: Settings
) -> FetchError:
    if deadline.expired():
        reason = f"overall deadline of {deadline.seconds:g} s exceeded"
    elif isinstance(exc, httpcore.ConnectTimeout):
        reason = f"connecting to {target.host} timed out after {settings.fetch_connect_timeout:g} s"
    else:
        reason = f"no data from {target.host} for {settings.fetch_read_timeout:g} s"
    return FetchError(target.url, reason, permanent=False, kind="timeout")


def _connect_error(target: ParsedTarget, exc: httpcore.ConnectError) -> FetchError:
    """A bad certificate or TLS setup will not fix itself; a refused connection may."""
    cause = exc.args[0] if exc.args else None  # httpcore wraps the OSError it caught as the sole arg
    if isinstance(cause, ssl.SSLError):
        detail = getattr(cause, "verify_message", None) or getattr(cause, "reason", None) or cause
        return FetchError(target.url, f"TLS with {target.host} failed: {detail}", permanent=True, kind="tls")
    return FetchError(target.url, f"cannot connect to {target.host}: {exc}", permanent=False, kind="connect")


def fetch(
    url: str,
    settings: Settings | None = None,
    kinds: Collection[str] = ARTICLE_KINDS,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchedPage:
    """``Fetcher(settings).fetch(...)`` with the process-wide politeness state."""
    return Fetcher(settings).fetch(url, kinds, etag=etag, last_modified=last_modified)
