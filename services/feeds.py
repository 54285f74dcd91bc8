"""RSS/Atom parsing and conditional polling; storage of feeds and seen entries is the caller's.

feedparser only ever gets a ``BytesIO`` of bytes we fetched ourselves: given a string it fetches
URLs itself and opens anything else as a local path, and even plain ``bytes`` are first tried as a
file name. Fetching goes through ``services.fetching`` like every other URL.
"""

from __future__ import annotations

import html
import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from services.config import Settings
from services.errors import StageError
from services.fetching import FEED_KINDS, Fetcher
from services.fetching.errors import printable

_TAG = re.compile(r"<[^>]*>")
# Elements an entry may carry that Vigil never reads (only link, title, id and dates): their
# contents are dropped before parsing, since feedparser's cost grows faster than their markup.
_UNREAD = re.compile(rb"<(description|summary|content|content:encoded)(\s[^<>]{0,2000})?/?>", re.I)
# What is left is feed structure; a few hundred entries need a few thousand tags.
MAX_TAGS = 100_000
# A character reference to no character (NUL, a lone surrogate, past U+10FFFF) makes feedparser
# raise, failing the whole feed for one entry's link.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


class FeedError(StageError):
    """The bytes are not a usable feed. Permanent for this poll; the feed is polled again later."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason)
        self.url = url
        self.reason = reason

    def __str__(self) -> str:
        return f"feed {printable(self.url)}: {self.reason}"


@dataclass(frozen=True)
class FeedEntry:
    url: str  # absolute http(s) URL of the article
    title: str | None
    published: str | None  # ISO 8601 in UTC, from published or else updated
    entry_id: str  # the feed's id/guid, else the URL: the key for "seen before"


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FeedPoll:
    feed_url: str
    final_url: str
    not_modified: bool  # the server answered 304: nothing new, entries is empty
    entries: list[FeedEntry]
    etag: str | None  # to store for the next conditional request
    last_modified: str | None


def parse_feed(body: bytes, feed_url: str, content_type: str | None = None) -> list[FeedEntry]:
    """Entries in feed order, links made absolute against ``feed_url``; entries without an http(s)
    link are skipped. Raises ``FeedError`` when ``body`` is not a feed."""
    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    body = _valid_char_refs(_without_unread(body))
    if body.count(b"<") > MAX_TAGS:
        raise FeedError(feed_url, f"more than {MAX_TAGS:,} tags outside descriptions and contents")
    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except Exception as exc:  # feedparser's loose parser has more ways to fail than it catches
        raise FeedError(feed_url, f"malformed feed: {type(exc).__name__}: {exc}") from exc
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        reason = f"malformed feed: {problem}" if problem else "not an RSS or Atom feed"
        raise FeedError(feed_url, reason)
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for item in parsed.entries:
        url = _entry_url(item, feed_url)
        if url is None or url in seen:
            continue
        seen.add(url)
        entry_id = (item.get("id") or "").strip() or url
        entries.append(FeedEntry(url, _title(item), _published(item), entry_id))
    return entries


@lru_cache(maxsize=16)
def _closing_tag(name: bytes) -> re.Pattern[bytes]:
    """The closing tag of an unread element, compiled once per tag name, not once per element."""
    return re.compile(rb"</" + re.escape(name) + rb"\s*>", re.I)


def _without_unread(body: bytes) -> bytes:
    """The feed with each unread element emptied, in one pass (each closing tag is searched for
    from its opening on, and the next opening after it); an element never closed takes the rest."""
    kept, position = [], 0
    while match := _UNREAD.search(body, position):
        if match.group(0).endswith(b"/>"):
            kept.append(body[position : match.end()])
            position = match.end()
            continue
        kept.append(body[position : match.start()] + b"<" + match.group(1) + b"/>")
        closing = _closing_tag(match.group(1)).search(body, match.end())
        if closing is None:
            return b"".join(kept)
        position = closing.end()
    kept.append(body[position:])
    return b"".join(kept)


def _valid_char_refs(body: bytes) -> bytes:
    """Character references to no character become U+FFFD, which URL checks refuse."""

    def valid(match: re.Match[bytes]) -> bytes:
        hexadecimal, decimal = match.groups()
        code = int(hexadecimal, 16) if hexadecimal else int(decimal)
        return match.group(0) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"

    return _CHAR_REF.sub(valid, body)


def poll_feed(
    feed: FeedState, settings: Settings | None = None, *, fetcher: Fetcher | None = None
) -> FeedPoll:
    """A conditional GET with the stored validators. Raises ``FetchError`` or ``FeedError``."""
    fetcher = fetcher or Fetcher(settings)
    page = fetcher.fetch(feed.url, FEED_KINDS, etag=feed.etag, last_modified=feed.last_modified)
    etag = page.etag or feed.etag
    last_modified = page.last_modified or feed.last_modified
    if page.not_modified:
        return FeedPoll(feed.url, page.final_url, True, [], etag, last_modified)
    content_type = f"{page.content_type}; charset={page.charset}" if page.charset else page.content_type
    entries = parse_feed(page.body, page.final_url, content_type)
    return FeedPoll(feed.url, page.final_url, False, entries, page.etag, page.last_modified)


def _entry_url(item: Any, base: str) -> str | None:
    link = (item.get("link") or "").strip()
    if not link:
        return None
    url = urljoin(base, link)
    return url if urlsplit(url).scheme in ("http", "https") else None


def _title(item: Any) -> str | None:
    """Plain text: feeds may mark titles as HTML (``&amp;amp;``, ``<b>``)."""
    title = item.get("title") or ""
    if item.get("title_detail", {}).get("type") in ("text/html", "application/xhtml+xml"):
        title = html.unescape(_TAG.sub("", title))
    return " ".join(title.split()) or None


def _published(item: Any) -> str | None:
    stamp: time.struct_time | None = item.get("published_parsed") or item.get("updated_parsed")
    if stamp is None:
        return None
    try:
        return datetime(*stamp[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None
