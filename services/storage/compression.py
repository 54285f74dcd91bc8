"""Raw HTML is kept compressed so articles can be re-cleaned when the extractor improves."""

from __future__ import annotations

import zlib


def compress(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), level=6)


def decompress(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")
