"""Identity of articles: the same URL written differently, the same text, and near-copies of a text.

A wire story reaches us through many sites, each adding its own headline, byline and a few edits;
enriching every copy would count one event many times over and waste the enrich queue. SimHash
turns a text into 64 bits where similar texts differ in few bits; the bits cut into bands are the
keys of indexed look-ups, so near-copies are found without comparing against every article.

Measured with ``tests/test_dedup.py``'s syndicated copy (own headline and byline, three words
changed, a credit line added): copies of 350-700-word articles move 4-10 bits, copies of 150-300-word
ones up to 13 (those beyond the threshold are missed and enriched as a separate report), while
different articles about one event sit 24 or more bits apart (seeds 001 and 002, two renderings
of one agency story: 27). Exact band matches only guarantee finding pairs within
``bands - 1`` = 3 bits, too few for real copies, so a look-up also probes every band value within
``PROBE_RADIUS`` bits of the article's own: by pigeonhole, a pair at distance
``bands * (PROBE_RADIUS + 1) - 1`` = 11 or less has a band within the radius, so every pair within
``NEAR_DUPLICATE_DISTANCE`` is found, at the price of 137 keys per band (about 0.5-0.8% of
unrelated articles come back as candidates and are discarded by their Hamming distance).

URL canonicalisation is our own rather than courlan's: courlan drops any query parameter that
merely starts like a tracker ("gallery", "global"), and merging two distinct URLs into one loses an
article for good, while a tracker we miss only costs one fetch that the content hash then catches.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from itertools import combinations
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import numpy as np

BITS = 64
MASK = (1 << BITS) - 1
SIGN_BIT = 1 << (BITS - 1)
SHINGLE_WORDS = 3
SIMHASH_BANDS = 4
PROBE_RADIUS = 2
NEAR_DUPLICATE_DISTANCE = 11

DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PREFIXES = ("utm_", "mc_", "at_", "ns_", "pk_", "mtm_", "hsa_", "oly_", "vero_", "_hs")
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "igshid", "igsh", "li_fat_id", "mkt_tok", "_ga", "_gl", "ocid", "cmpid", "smid",
        "icid", "ncid", "spm", "xtor", "s_cid", "soc_src", "soc_trk", "wt.mc_id", "ref", "ref_src",
        "ref_url", "share", "sr_share", "rss",
    }
)  # fmt: skip
PATH_SAFE = "/%:@!$&'()*+,;=-._~"
WORD_RE = re.compile(r"\w+")
ESCAPE_RE = re.compile(r"%[0-9a-f]{2}")


def canonical_url(url: str) -> str:
    """One spelling per article URL: scheme and host lower-cased, default port, fragment, tracking
    parameters and a trailing slash dropped, remaining parameters sorted. ValueError if not http(s)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in DEFAULT_PORTS or not host:
        raise ValueError(f"{url!r}: not an http(s) URL with a host")
    try:
        port = parts.port
    except ValueError as error:
        raise ValueError(f"{url!r}: {error}") from error
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, _canonical_path(parts.path), _canonical_query(parts.query), ""))


def _canonical_path(path: str) -> str:
    path = quote(re.sub("/{2,}", "/", path), safe=PATH_SAFE)
    path = ESCAPE_RE.sub(lambda escape: escape[0].upper(), path)
    return path.rstrip("/") or "/"


def _canonical_query(query: str) -> str:
    params = [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if name.lower() not in TRACKING_PARAMS and not name.lower().startswith(TRACKING_PREFIXES)
    ]
    return urlencode(sorted(params))


def normalise_text(text: str) -> str:
    """Case and spacing differ between copies of one text without making it another text."""
    return " ".join(text.casefold().split())


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text: equal for exact copies."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def simhash(text: str) -> int:
    """64-bit SimHash over word shingles, as a signed int64 (fits a BigInteger column)."""
    words = WORD_RE.findall(text.casefold())
    if not words:
        return 0
    shingles = [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 1))]
    hashes = np.array([_hash64(shingle) for shingle in shingles], dtype=np.uint64)
    bits = (hashes[:, None] >> np.arange(BITS, dtype=np.uint64)) & np.uint64(1)
    majority = bits.sum(axis=0) * 2 > len(shingles)
    value = sum(1 << int(bit) for bit in np.flatnonzero(majority))
    return to_signed(value)


def _hash64(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "little")


def to_signed(value: int) -> int:
    """The same 64 bits read as a signed int64, in [-2**63, 2**63)."""
    value &= MASK
    return value - (1 << BITS) if value & SIGN_BIT else value


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two SimHashes (signed or unsigned forms alike)."""
    return ((a ^ b) & MASK).bit_count()


def simhash_bands(h: int, bands: int = SIMHASH_BANDS) -> list[tuple[int, int]]:
    """(band index, band value) pairs: the LSH keys under which an article is stored and looked up."""
    if bands <= 0 or BITS % bands:
        raise ValueError(f"bands must divide {BITS}, got {bands}")
    width = BITS // bands
    value = h & MASK
    return [(band, (value >> (band * width)) & ((1 << width) - 1)) for band in range(bands)]


def simhash_probes(
    h: int, bands: int = SIMHASH_BANDS, radius: int = PROBE_RADIUS
) -> list[tuple[int, list[int]]]:
    """For each band, every band value within ``radius`` bits of this SimHash's own: the keys that
    find all stored SimHashes within ``bands * (radius + 1) - 1`` bits."""
    masks = _flip_masks(BITS // bands, radius)
    return [(band, [value ^ mask for mask in masks]) for band, value in simhash_bands(h, bands)]


@lru_cache(maxsize=8)
def _flip_masks(width: int, radius: int) -> tuple[int, ...]:
    flipped = (bits for flips in range(radius + 1) for bits in combinations(range(width), flips))
    return tuple(sum(1 << bit for bit in bits) for bits in flipped)
