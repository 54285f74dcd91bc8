"""Canonical URLs, content hashes and SimHash near-duplicates, in memory and through the band index
on SQLite and the real PostgreSQL."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, delete, select

from services.cleaning import clean_html, clean_text
from services.dedup import (
    NEAR_DUPLICATE_DISTANCE,
    PROBE_RADIUS,
    SIMHASH_BANDS,
    canonical_url,
    content_hash,
    hamming,
    simhash,
    simhash_bands,
    simhash_probes,
)
from services.storage.db import get_engine
from services.storage.duplicates import find_duplicate, index_simhash, near_duplicate_candidates
from services.storage.tables import Article, SimhashBand, Stage
from tests.services_env import migrated_database

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {path.stem[:3]: clean_text(path.read_text("utf-8")).text for path in ROOT.glob("seeds/*.txt")}
PAGES = {
    path.stem: article.text
    for path in sorted((ROOT / "tests" / "pages").glob("*.html"))
    if (article := clean_html(path.read_bytes())).is_english
}
LONG_SEEDS = {key: text for key, text in SEEDS.items() if len(text.split()) >= 350}


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://WWW.Example.COM:443/News/Story/?utm_source=x&b=2&a=1#comments",
         "https://www.example.com/News/Story?a=1&b=2"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com/", "http://example.com/"),
        ("http://example.com:8080/a/", "http://example.com:8080/a"),
        ("https://example.com/a?fbclid=XYZ&gclid=1&id=5&mc_cid=9&_ga=2.1", "https://example.com/a?id=5"),
        ("https://example.com/a?utm_medium=rss&UTM_Campaign=feed&ref=twitter", "https://example.com/a"),
        ("https://example.com/a?gallery=2&global=1", "https://example.com/a?gallery=2&global=1"),
        ("https://example.com/a?page=2&page=1", "https://example.com/a?page=1&page=2"),
        ("https://example.com/a?b=&a=1", "https://example.com/a?a=1&b="),
        ("https://example.com//world///story", "https://example.com/world/story"),
        ("https://example.com/path with space", "https://example.com/path%20with%20space"),
        ("https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"),
        ("  https://example.com/a\n", "https://example.com/a"),
        ("https://example.com./a", "https://example.com/a"),
        ("https://user:secret@example.com/a", "https://example.com/a"),
        ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
    ],
)  # fmt: skip
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical
    assert canonical_url(canonical) == canonical


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/a",
        "example.com/a",
        "https:///a",
        "javascript:alert(1)",
        "https://example.com:99999/",
    ],
)
def test_canonical_url_rejects_non_web_urls(url: str) -> None:
    with pytest.raises(ValueError, match=r"https?|port"):
        canonical_url(url)


def test_content_hash_ignores_case_and_spacing_only() -> None:
    text = SEEDS["002"]
    assert content_hash(text) == content_hash("  " + text.upper().replace(" ", "\n\t "))
    assert content_hash(text) != content_hash(text.replace("four Afghans", "five Afghans"))
    assert len(content_hash(text)) == 64


def test_simhash_is_a_signed_int64() -> None:
    values = [simhash(text) for text in [*SEEDS.values(), *PAGES.values()]]
    assert all(-(2**63) <= value < 2**63 for value in values)
    assert any(value < 0 for value in values) and any(value > 0 for value in values)
    assert simhash(SEEDS["000"]) == simhash(SEEDS["000"])
    assert simhash("") == 0


def test_hamming_and_bands() -> None:
    assert hamming(-1, 0) == 64
    assert hamming(-1, 2**64 - 1) == 0
    assert hamming(0b1011, 0b0001) == 2
    value = simhash(SEEDS["001"])
    bands = simhash_bands(value)
    assert [band for band, _ in bands] == [0, 1, 2, 3]
    assert all(0 <= part < 2**16 for _, part in bands)
    assert sum(part << (16 * band) for band, part in bands) == value % 2**64
    with pytest.raises(ValueError):
        simhash_bands(value, bands=3)


def test_probes_find_every_pair_within_the_threshold() -> None:
    """Pigeonhole guarantee, checked on random pairs at every distance up to the threshold."""
    assert NEAR_DUPLICATE_DISTANCE <= SIMHASH_BANDS * (PROBE_RADIUS + 1) - 1
    assert [len(values) for _, values in simhash_probes(0)] == [1 + 16 + 120] * 4
    rng = random.Random(5)
    for distance in range(NEAR_DUPLICATE_DISTANCE + 1):
        for _ in range(100):
            stored = rng.getrandbits(64)
            query = stored ^ sum(1 << bit for bit in rng.sample(range(64), distance))
            probes = dict(simhash_probes(query))
            assert any(part in probes[band] for band, part in simhash_bands(stored)), (stored, query)


def wire_copy(text: str, rng: random.Random) -> str:
    """What a syndicating site makes of a wire story: its own headline and byline, a few words changed,
    a credit line at the end."""
    lines = text.splitlines()
    body = lines[1:] if len(lines[0].split()) < 20 else lines
    words = "\n".join(body).split(" ")
    for index in rng.sample(range(len(words)), 3):
        words[index] = rng.choice(["the", "officials", "reported", "on", "Monday"])
    return "\n".join(
        ["Wire story gets its own headline on a partner site", "By Staff Writer", " ".join(words),
         "The Associated Press contributed to this report."]
    )  # fmt: skip


@pytest.mark.parametrize("key", sorted(LONG_SEEDS))
def test_wire_copies_are_near_duplicates(key: str) -> None:
    rng = random.Random(key)
    for _ in range(5):
        copy = clean_text(wire_copy(LONG_SEEDS[key], rng)).text
        assert content_hash(copy) != content_hash(LONG_SEEDS[key])
        assert hamming(simhash(copy), simhash(LONG_SEEDS[key])) <= NEAR_DUPLICATE_DISTANCE


def test_different_articles_are_not_near_duplicates() -> None:
    """Seeds 001 and 002 tell the same event from the same agency copy, in different words."""
    texts = {**SEEDS, **PAGES}
    hashes = {key: simhash(text) for key, text in texts.items()}
    distances = {(a, b): hamming(hashes[a], hashes[b]) for a, b in itertools.combinations(texts, 2)}
    assert {pair: d for pair, d in distances.items() if d <= NEAR_DUPLICATE_DISTANCE} == {}
    assert distances[("001", "002")] > 2 * NEAR_DUPLICATE_DISTANCE


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with migrated_database(request.param, tmp_path_factory.mktemp("db")) as url:
        yield get_engine(url)


@pytest.fixture()
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        session.exec(delete(SimhashBand))  # type: ignore[call-overload]
        session.exec(delete(Article))  # type: ignore[call-overload]
        session.commit()
        yield session


def store(session: Session, text: str, stage: Stage = Stage.CLEANED, duplicate_of: int | None = None) -> int:
    """An article as the ingest stage leaves it: hashes set, band keys indexed unless a duplicate."""
    article = Article(text=text, content_hash=content_hash(text), simhash=simhash(text), stage=stage,
                      duplicate_of=duplicate_of)  # fmt: skip
    session.add(article)
    session.flush()
    assert article.id is not None
    if duplicate_of is None:
        index_simhash(session, article.id, simhash(text))
    session.commit()
    return article.id


def check(session: Session, article_id: int) -> int | None:
    article = session.get(Article, article_id)
    assert article is not None and article.content_hash is not None and article.simhash is not None
    return find_duplicate(session, article.content_hash, article.simhash, exclude_id=article_id)


def test_exact_duplicate_found_by_content_hash(session: Session) -> None:
    original = store(session, SEEDS["002"])
    other = store(session, SEEDS["003"])
    copy = store(session, SEEDS["002"].upper())
    assert check(session, copy) == original
    assert check(session, other) is None
    assert check(session, original) is None


def test_near_duplicate_found_through_bands(session: Session) -> None:
    original = store(session, SEEDS["001"])
    store(session, SEEDS["002"])
    copy = store(session, clean_text(wire_copy(SEEDS["001"], random.Random(1))).text)
    assert check(session, copy) == original


def test_only_earlier_articles_count_as_originals(session: Session) -> None:
    first = store(session, SEEDS["000"])
    second = store(session, SEEDS["000"] + "\nThe Associated Press contributed to this report.")
    assert check(session, second) == first
    assert check(session, first) is None


def test_duplicate_of_a_duplicate_leads_to_the_original(session: Session) -> None:
    original = store(session, SEEDS["004"])
    copy_text = clean_text(wire_copy(SEEDS["004"], random.Random(2))).text
    first_copy = store(session, copy_text, Stage.DUPLICATE, duplicate_of=original)
    second_copy = store(session, copy_text)
    assert check(session, second_copy) == original
    assert first_copy != original


def test_failed_or_skipped_articles_are_not_originals(session: Session) -> None:
    store(session, SEEDS["003"], Stage.FAILED)
    store(session, SEEDS["003"], Stage.SKIPPED)
    retry = store(session, SEEDS["003"])
    assert check(session, retry) is None


def test_index_simhash_is_idempotent_and_signed(session: Session) -> None:
    article = store(session, SEEDS["001"])
    negative = -(2**63) + 12345
    index_simhash(session, article, negative)
    index_simhash(session, article, negative)
    session.commit()
    own_rows = select(SimhashBand.band, SimhashBand.value).where(SimhashBand.article_id == article)
    rows = session.exec(own_rows).all()
    assert sorted((row.band, row.value) for row in rows) == simhash_bands(negative)


def random_article(rng: random.Random, vocabulary: list[str]) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(150))


def test_lsh_finds_the_copy_among_thousands_with_band_look_ups_only(session: Session, engine: Engine) -> None:
    rng = random.Random(11)
    vocabulary = sorted({word for text in SEEDS.values() for word in text.split()})
    texts = [random_article(rng, vocabulary) for _ in range(2_000)]
    texts.insert(1_234, SEEDS["001"])
    articles = [Article(text=t, content_hash=content_hash(t), simhash=simhash(t), stage=Stage.CLEANED)
                for t in texts]  # fmt: skip
    session.add_all(articles)
    session.flush()
    session.add_all(
        SimhashBand(article_id=article.id, band=band, value=value)
        for article in articles
        for band, value in simhash_bands(article.simhash)  # type: ignore[arg-type]
    )
    session.commit()
    original = articles[1_234].id
    copy = store(session, clean_text(wire_copy(SEEDS["001"], rng)).text)
    copy_simhash = session.get(Article, copy).simhash  # type: ignore[union-attr]

    statements: list[str] = []

    def record(_connection: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement.lower())

    event.listen(engine, "before_cursor_execute", record)
    try:
        found = check(session, copy)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert found == original
    candidates = near_duplicate_candidates(session, copy_simhash, copy)  # type: ignore[arg-type]
    assert original in candidates
    assert len(candidates) < 0.03 * len(texts), len(candidates)
    article_reads = [s for s in statements if "from articles" in s and "articles.id =" not in s]
    assert len(article_reads) == 2
    assert all("content_hash =" in s or "articles.id in" in s for s in article_reads), article_reads
