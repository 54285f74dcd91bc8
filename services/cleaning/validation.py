"""Checks on untrusted text payloads and input files before anything tries to read them as articles.

Every rejection names the input and the reason, and is a permanent error: the same bytes will fail
the same way again, so the caller records it and goes on with the rest of the batch.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from services.cleaning.payload import PayloadKind
from services.config import Settings
from services.errors import PermanentError
from services.fetching.fetcher import FetchedPage

EXTENSIONS: dict[str, PayloadKind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
}
MAX_BYTES_PER_CHAR = 4
MAX_CONTROL_RATIO = 0.01
ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
)


class InputRejected(PermanentError):
    """``str()`` is "<input>: <reason>"; ``reason`` alone is kept for storing on the article."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


SURROGATES_RE = re.compile("[\ud800-\udfff]")


def unstorable(value: str) -> str | None:
    """Why ``value`` cannot be stored or sent on as text, or None: a NUL (PostgreSQL text refuses
    it) or a lone surrogate (not Unicode: it has no UTF-8 form). Every input boundary asks this
    of the strings it accepts, so the store never meets them."""
    if "\x00" in value:
        return "contains a NUL character"
    found = SURROGATES_RE.search(value)
    if found:
        return f"contains a lone surrogate (U+{ord(found.group()):04X}), not valid Unicode"
    return None


def storable(value: str) -> str:
    """``value`` with NUL and lone surrogates written as escapes, for recording what a rejected
    input was without tripping over the very characters it was rejected for."""
    return value.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def check_text_payload(data: bytes | str, name: str, max_chars: int) -> str:
    """The payload as text, or InputRejected if it is empty, binary, undecodable or too long."""
    if isinstance(data, bytes):
        if len(data) > max_chars * MAX_BYTES_PER_CHAR:
            raise _too_large(name, len(data), max_chars)
        data = _decode(data, name)
    if not data:
        raise InputRejected(name, "empty")
    if not data.strip():
        raise InputRejected(name, "only whitespace, no text")
    if "\x00" in data:
        raise InputRejected(name, "binary content (NUL characters), not text")
    not_text = unstorable(data)  # a lone surrogate, the NUL being caught above as binary content
    if not_text:
        raise InputRejected(name, not_text)
    controls = sum(unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS for char in data)
    if controls > MAX_CONTROL_RATIO * len(data):
        raise InputRejected(name, f"binary content ({controls:,} control characters), not text")
    if len(data) > max_chars:
        raise InputRejected(name, f"too long: {len(data):,} characters, over the limit of {max_chars:,}")
    return data


def read_input_file(path: Path, settings: Settings) -> tuple[PayloadKind, str]:
    """Text or HTML file content by extension; a saved page carries markup, hence its own limit."""
    name = str(path)
    if not path.exists():
        raise InputRejected(name, "no such file")
    if path.is_dir():
        raise InputRejected(name, "is a directory, not a file")
    if not path.is_file():
        raise InputRejected(name, "not a regular file")
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        suffix, expected = path.suffix or "(none)", ", ".join(EXTENSIONS)
        raise InputRejected(name, f"unsupported file type '{suffix}' (expected one of {expected})")
    limit = settings.payload_limit(kind)
    try:
        size = path.stat().st_size
        if size > limit * MAX_BYTES_PER_CHAR:
            raise _too_large(name, size, limit)
        data = path.read_bytes()
    except OSError as error:
        raise InputRejected(name, f"cannot be read ({error.strerror or error})") from error
    return kind, check_text_payload(data, name, limit)


def _too_large(name: str, size: int, max_chars: int) -> InputRejected:
    return InputRejected(name, f"too large: {size:,} bytes, over the limit of {max_chars:,} characters")


def _decode(data: bytes, name: str) -> str:
    """UTF-8 first (most of the web), a byte-order mark if present, else the likeliest charset."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputRejected(name, f"undecodable {encoding} text ({error.reason})") from error
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            raise InputRejected(name, f"binary content ({kind}), not text")
    if b"\x00" in data:
        raise InputRejected(name, "binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        guess = from_bytes(data).best()
    if guess is None:
        raise InputRejected(name, "undecodable: not UTF-8 and no other character set fits")
    return str(guess)


def decode_page(page: FetchedPage, settings: Settings) -> tuple[PayloadKind, str]:
    """A fetched body as a payload: the declared charset when there is one, else detection (which
    also rejects binary bodies); plain text stays text, with the text limit, anything else is
    cleaned as HTML."""
    kind: PayloadKind = "text" if page.content_type.startswith("text/plain") else "html"
    body = _declared(page.body, page.charset) if page.charset else page.body
    return kind, check_text_payload(body, page.final_url, settings.payload_limit(kind))


def _declared(body: bytes, charset: str) -> str | bytes:
    """The body in its declared charset; a charset Python does not know (``charset=bogus``), or a
    codec that is no text encoding (``base64``, ``idna``), counts as none declared: the bytes go
    to detection, as the same page without the parameter would."""
    try:
        return body.decode(charset, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return body
