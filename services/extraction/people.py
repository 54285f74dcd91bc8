"""People named in a batch of articles, grouped when they are one person.

Reports transliterate names differently ("Abdul Nafi Takor" / "Abdul Nafy
Takor" / "Abdul Nafi Thakur", "Sergei" / "Sergey Lavrov"), prefix titles
("Mullah Amir Khan Muttaqi") and shorten to a surname ("Lavrov"). Exact string
matching would split one person into several entities, so names are compared
word by word on a transliteration-tolerant form with rapidfuzz, and a lone
surname joins the full name it ends, preferring names in the same article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

TITLES = frozenset((
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "president", "vice",
    "prime", "minister", "foreign", "interior", "defence", "defense", "secretary", "secretary-general",
    "general", "gen", "lt", "lieutenant", "colonel", "col", "major", "maj", "captain", "capt", "sergeant",
    "sgt", "commander", "cmdr", "admiral", "adm", "brigadier", "governor", "gov", "senator", "sen", "rep",
    "representative", "mayor", "judge", "justice", "king", "queen", "prince", "princess", "sheikh",
    "shaikh", "sheik", "mullah", "mulla", "maulvi", "mawlawi", "maulana", "mawlana", "mufti", "imam",
    "ayatollah", "haji", "hajji", "hadji", "hafiz", "qari", "pastor", "father", "fr", "rev", "reverend",
    "bishop", "archbishop", "pope", "cardinal", "rabbi", "sultan", "emir", "chief", "acting", "deputy",
    "spokesman", "spokeswoman", "spokesperson", "inspector", "superintendent", "officer", "constable",
    "detective", "agent", "ambassador", "envoy", "chairman", "chairwoman", "commissioner", "director",
    "analyst", "researcher", "journalist", "correspondent", "former", "late",
))  # fmt: skip
STRIP_CHARS = " \t\n\"'“”‘’,.;:()[]"
SUFFIXES = frozenset({"jr", "sr", "ii", "iii"})
TOKEN_SPLIT_RE = re.compile(r"[\s\-‐–]+")
POSSESSIVE_RE = re.compile(r"['’]s?$")
VALID_TOKEN_RE = re.compile(r"^[^\W\d_][^\W\d_'’.]*\.?$")
DIGRAPHS = (
    ("ph", "f"),
    ("kh", "k"),
    ("th", "t"),
    ("dh", "d"),
    ("gh", "g"),
    ("ck", "k"),
    ("q", "k"),
    ("y", "i"),
)
DOUBLE_RE = re.compile(r"(.)\1+")
VOWELS_RE = re.compile(r"[aeiou]")
MAX_NAME_WORDS = 6
SAME_SKELETON_RATIO = 70.0
TYPO_RATIO = 90.0


def clean_person_name(surface: str) -> str | None:
    """The name without titles, possessive or stray punctuation; None when it cannot be a name."""
    cleaned: list[str] = []
    for word in surface.strip(STRIP_CHARS).split():
        if not cleaned and word.lower().rstrip(".") in TITLES:
            continue
        cleaned.append(word)
    if cleaned:
        cleaned[-1] = POSSESSIVE_RE.sub("", cleaned[-1])
        if cleaned[-1].lower().rstrip(".") in SUFFIXES and len(cleaned) > 1:
            cleaned = cleaned[:-1]
    tokens = [t for w in cleaned for t in TOKEN_SPLIT_RE.split(w) if t]
    if not tokens or len(tokens) > MAX_NAME_WORDS:
        return None
    if not all(VALID_TOKEN_RE.match(t) for t in tokens) or not any(t[0].isupper() for t in tokens):
        return None
    return " ".join(cleaned)


@lru_cache(maxsize=8192)
def _normal(token: str) -> str:
    """Lowercase, accent-free, common transliteration digraphs and doubled letters folded."""
    token = unicodedata.normalize("NFKD", token.lower())
    token = "".join(c for c in token if c.isalpha() and not unicodedata.combining(c))
    for digraph, single in DIGRAPHS:
        token = token.replace(digraph, single)
    return DOUBLE_RE.sub(r"\1", token)


@lru_cache(maxsize=8192)
def _skeleton(normal: str) -> str:
    return normal[:1] + VOWELS_RE.sub("", normal[1:])


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(_normal(t) for t in TOKEN_SPLIT_RE.split(name) if t)


def same_token(a: str, b: str) -> bool:
    """Two normalised words are one name written two ways ("takor"/"takur", "sergei"/"sergei")."""
    if a == b:
        return True
    ratio = fuzz.ratio(a, b)
    return ratio >= TYPO_RATIO or (ratio >= SAME_SKELETON_RATIO and _skeleton(a) == _skeleton(b))


def _same_words(a: Sequence[str], b: Sequence[str]) -> bool:
    return len(a) == len(b) and all(same_token(x, y) for x, y in zip(a, b, strict=True))


def same_person(a: str, b: str) -> bool:
    """Full names that are one person: same words up to spelling, or one extends the other."""
    ta, tb = _tokens(a), _tokens(b)
    if len(ta) < 2 or len(tb) < 2:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == len(long_):
        return _same_words(short, long_)
    return _same_words(short, long_[: len(short)]) or _same_words(short, long_[-len(short) :])


def resolve_people(mentions_by_doc: Sequence[Sequence[str]]) -> list[dict[str, str]]:
    """For each document, its person surfaces mapped to one canonical name per real person.

    Surfaces that are not plausible names are left out of the mapping.
    """
    cleaned_by_doc = [{s: c for s in doc if (c := clean_person_name(s))} for doc in mentions_by_doc]
    counts: Counter[str] = Counter(c for doc in cleaned_by_doc for c in doc.values())
    full = [n for n in counts if len(_tokens(n)) >= 2]
    parent = {n: n for n in full}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    tokens = {n: _tokens(n) for n in full}
    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            if _same_words(tokens[a], tokens[b]):
                parent[find(a)] = find(b)
    for a in sorted(full, key=lambda n: len(tokens[n])):
        longer = {find(b) for b in full if len(tokens[b]) > len(tokens[a]) and same_person(a, b)}
        if len(longer) == 1:
            parent[find(a)] = longer.pop()
    clusters: dict[str, list[str]] = defaultdict(list)
    for n in full:
        clusters[find(n)].append(n)
    canonical = {}
    for members in clusters.values():
        best = _representative(members, counts)
        canonical.update(dict.fromkeys(members, best))

    results = []
    for doc in cleaned_by_doc:
        local = {canonical[c] for c in doc.values() if c in canonical}
        mapping = {}
        for surface, name in doc.items():
            mapping[surface] = canonical.get(name) or _attach_single(name, local, canonical) or name
        results.append(mapping)
    return results


def _representative(members: list[str], counts: Counter[str]) -> str:
    """Most written form; ties go to the spelling closest to all the others."""

    def score(name: str) -> tuple[int, float, int]:
        closeness = sum(fuzz.ratio(_tokens_joined(name), _tokens_joined(o)) for o in members)
        return counts[name], closeness, len(name)

    return max(members, key=score)


def _tokens_joined(name: str) -> str:
    return " ".join(_tokens(name))


def _attach_single(name: str, local: set[str], canonical: dict[str, str]) -> str | None:
    """A one-word mention joins the unique full name ending with it, in its own article first,
    then in the batch; a first name alone ("Sergei") joins only a name of its own article."""
    tokens = _tokens(name)
    if len(tokens) != 1:
        return None
    word = tokens[0]
    for position, pool in ((-1, local), (-1, set(canonical.values())), (0, local)):
        hits = {n for n in pool if same_token(_tokens(n)[position], word)}
        if len(hits) == 1:
            return hits.pop()
        if hits:
            return None
    return None
