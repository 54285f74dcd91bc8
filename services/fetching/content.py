"""What a response may contain and how much of it we read.

The size cap applies to DECODED bytes, and decompression is pulled piece by piece with a bounded
output size, so a gzip bomb costs at most the cap in memory and a little CPU before it is refused.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from services.fetching.errors import FetchError

ARTICLE_KINDS = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_KINDS = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/plain",
    }
)
ALLOWED_KINDS = ARTICLE_KINDS | FEED_KINDS
ACCEPT_ENCODING = "gzip, deflate"

_PIECE = 64 * 1024
_GZIP_WBITS = 16 + zlib.MAX_WBITS


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``text/html; charset="UTF-8"`` → (``text/html``, ``utf-8``); missing → (``""``, None)."""
    if not value:
        return "", None
    mime, *params = value.split(";")
    charset = None
    for param in params:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset" and raw.strip().strip("\"'"):
            charset = raw.strip().strip("\"'").lower()
    return mime.strip().lower(), charset


def read_body(url: str, chunks: Iterable[bytes], content_encoding: str | None, limit: int) -> bytes:
    """The decoded body, or a permanent ``FetchError`` once it passes ``limit`` bytes."""
    decoded: Iterable[bytes] = chunks
    for coding in reversed([c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]):
        if coding in ("gzip", "x-gzip"):
            decoded = _inflate(decoded, gzip=True)
        elif coding == "deflate":
            decoded = _inflate(_with_head(decoded, 2), gzip=False)
        elif coding != "identity":
            raise FetchError(url, f"unsupported Content-Encoding {coding!r}", permanent=True, kind="encoding")
    body = bytearray()
    try:
        for piece in decoded:
            body += piece
            if len(body) > limit:
                raise FetchError(
                    url, f"body larger than {limit} bytes after decoding", permanent=True, kind="too_large"
                )
    except zlib.error as exc:
        raise FetchError(url, f"corrupt compressed body: {exc}", permanent=True, kind="encoding") from None
    return bytes(body)


def _inflate(chunks: Iterable[bytes], gzip: bool) -> Iterator[bytes]:
    """gzip (several members allowed) or deflate (zlib-wrapped or raw: servers send both)."""
    inflater: zlib._Decompress | None = None
    for chunk in chunks:
        data = chunk
        while data:
            if inflater is None:
                inflater = zlib.decompressobj(_GZIP_WBITS if gzip else _deflate_wbits(data))
            yield from _pieces(inflater, data)
            if not inflater.eof:
                break
            if not gzip:
                return
            data, inflater = inflater.unused_data, None


def _pieces(inflater: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    """Everything ``data`` inflates to, never more than one piece in memory at a time."""
    while True:
        out = inflater.decompress(data, _PIECE)
        if out:
            yield out
        data = inflater.unconsumed_tail
        if inflater.eof or (not data and len(out) < _PIECE):
            return


def _with_head(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The same bytes, the first chunk holding at least ``size`` of them (to sniff a header)."""
    rest = iter(chunks)
    head = b""
    for chunk in rest:
        head += chunk
        if len(head) >= size:
            break
    if head:
        yield head
    yield from rest


def _deflate_wbits(first: bytes) -> int:
    """RFC 9110 deflate is zlib-wrapped; many servers send raw deflate instead."""
    wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
    return zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS
