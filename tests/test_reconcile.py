"""The reconciler's claims and the failure list/retry, on SQLite and PostgreSQL migrated by Alembic."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, delete
from sqlmodel import Session, SQLModel

from services.pipeline.failures import REJECTED, failed_articles, retry_failed
from services.pipeline.reconcile import reconcile, stuck_articles
from services.pipeline.transitions import advance, record_failure
from services.storage.compression import compress
from services.storage.db import get_engine
from services.storage.tables import Article, EventMentionRow, Stage, utcnow
from tests.services_env import migrated_database

TIMEOUT = timedelta(minutes=15)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with migrated_database(request.param, tmp_path_factory.mktemp("db")) as url:
        yield get_engine(url)


@pytest.fixture()
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        session.execute(delete(EventMentionRow))
        session.execute(delete(Article))
        session.commit()
        yield session


def add(session: Session, stage: Stage, age: timedelta = timedelta(hours=1), **fields: object) -> int:
    article = Article(stage=stage, stage_changed_at=utcnow() - age, **fields)  # type: ignore[arg-type]
    session.add(article)
    session.commit()
    return article.id  # type: ignore[return-value]


def test_migrations_match_the_tables(engine: Engine) -> None:
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), SQLModel.metadata) == []


def test_stuck_articles_are_old_non_terminal_ones_oldest_first(session: Session) -> None:
    oldest = add(session, Stage.CLEANED, timedelta(hours=3))
    older = add(session, Stage.QUEUED, timedelta(hours=2))
    add(session, Stage.ENRICHED, timedelta(minutes=1))
    for stage in (Stage.STORED, Stage.DUPLICATE, Stage.SKIPPED, Stage.FAILED):
        add(session, stage, timedelta(days=1))

    assert stuck_articles(session, TIMEOUT, 10) == [(oldest, Stage.CLEANED), (older, Stage.QUEUED)]
    assert stuck_articles(session, TIMEOUT, 1) == [(oldest, Stage.CLEANED)]
    assert stuck_articles(session, TIMEOUT, 10, [Stage.QUEUED]) == [(older, Stage.QUEUED)]


def test_each_stuck_stage_goes_back_to_the_queue_of_its_stage_once_per_timeout(session: Session) -> None:
    ids = {
        stage: add(session, stage) for stage in (Stage.QUEUED, Stage.FETCHED, Stage.CLEANED, Stage.ENRICHED)
    }

    resend = reconcile(session, TIMEOUT, 10, max_redeliveries=3)

    assert sorted(resend) == sorted(
        [
            (ids[Stage.QUEUED], "ingest"),
            (ids[Stage.FETCHED], "ingest"),
            (ids[Stage.CLEANED], "enrich"),
            (ids[Stage.ENRICHED], "store"),
        ]
    )
    assert reconcile(session, TIMEOUT, 10, max_redeliveries=3) == []
    session.expire_all()
    assert {session.get(Article, i).redeliveries for i in ids.values()} == {1}  # type: ignore[union-attr]


def test_only_the_given_stages_are_reconciled(session: Session) -> None:
    add(session, Stage.QUEUED)
    cleaned = add(session, Stage.CLEANED)
    assert reconcile(session, TIMEOUT, 10, 3, [Stage.CLEANED]) == [(cleaned, "enrich")]


def test_an_article_stuck_through_every_redelivery_fails_with_the_reason(session: Session) -> None:
    article_id = add(session, Stage.CLEANED, redeliveries=3)

    assert reconcile(session, TIMEOUT, 10, max_redeliveries=3) == []

    session.expire_all()
    article = session.get(Article, article_id)
    assert article is not None
    assert article.stage == Stage.FAILED
    assert article.last_error == "stuck in stage cleaned after 3 re-deliveries"


def test_moving_on_starts_the_redelivery_count_again(session: Session) -> None:
    article_id = add(session, Stage.CLEANED, redeliveries=2)
    assert advance(session, article_id, [Stage.CLEANED], Stage.ENRICHED)
    session.commit()
    session.expire_all()
    assert session.get(Article, article_id).redeliveries == 0  # type: ignore[union-attr]


def test_concurrent_reconcilers_never_send_the_same_article_twice(session: Session, engine: Engine) -> None:
    for _ in range(40):
        add(session, Stage.CLEANED)

    def one_reconciler(_: int) -> list[tuple[int, str]]:
        with Session(engine) as own:
            return reconcile(own, TIMEOUT, 100, 3)

    with ThreadPoolExecutor(4) as pool:
        sent = [item for batch in pool.map(one_reconciler, range(4)) for item in batch]
    assert len(sent) == 40
    assert len(set(sent)) == 40


def test_failures_show_how_far_each_article_got(session: Session) -> None:
    rejected = add(
        session, Stage.FAILED, timedelta(minutes=5), url="http://exa mple/", last_error="invalid URL"
    )
    queued = add(session, Stage.FAILED, timedelta(minutes=4), raw_text="words", last_error="boom")
    fetched = add(
        session,
        Stage.FAILED,
        timedelta(minutes=3),
        url="https://example.org/a",
        canonical_url="https://example.org/a",
        raw_html=compress("<p>x</p>"),
        attempts=5,
        last_error="vigil.ingest.article: cleaning broke",
    )
    cleaned = add(session, Stage.FAILED, timedelta(minutes=2), text="text", external_id="doc-1")
    enriched = add(session, Stage.FAILED, timedelta(minutes=1), text="text")
    session.add(EventMentionRow(article_id=enriched, ordinal=0, data={}, evidence=""))
    session.commit()
    add(session, Stage.STORED, text="text")

    failures = failed_articles(session)

    assert [(f.article_id, f.reached) for f in failures] == [
        (enriched, Stage.ENRICHED),
        (cleaned, Stage.CLEANED),
        (fetched, Stage.FETCHED),
        (queued, Stage.QUEUED),
        (rejected, REJECTED),
    ]
    by_id = {f.article_id: f for f in failures}
    assert (by_id[fetched].attempts, by_id[fetched].reason) == (5, "vigil.ingest.article: cleaning broke")
    assert by_id[cleaned].external_id == "doc-1"
    assert by_id[rejected].url == "http://exa mple/"
    assert [f.article_id for f in failed_articles(session, limit=2)] == [enriched, cleaned]


def test_retry_resumes_from_the_text_when_kept_and_resets_the_counts(session: Session) -> None:
    with_text = add(session, Stage.FAILED, text="text", attempts=5, last_error="x")
    without_text = add(session, Stage.FAILED, raw_text="words", attempts=2, last_error="y")
    rejected = add(session, Stage.FAILED, last_error="empty")
    stored = add(session, Stage.STORED, text="text")

    resumed, errors = retry_failed(session, [with_text, without_text, rejected, stored, 999_999])

    assert resumed == [(with_text, "enrich"), (without_text, "ingest")]
    assert [(e.input, e.reason) for e in errors] == [
        (f"article {rejected}", "the input was rejected (empty); retrying cannot help"),
        (f"article {stored}", "not failed (it is stored)"),
        ("article 999999", "no such article"),
    ]
    session.expire_all()
    article = session.get(Article, with_text)
    assert article is not None
    assert (article.stage, article.attempts, article.last_error) == (Stage.CLEANED, 0, None)
    assert session.get(Article, without_text).stage == Stage.QUEUED  # type: ignore[union-attr]


def test_retry_all_takes_every_retryable_failure_and_fails_again_from_zero(session: Session) -> None:
    first = add(session, Stage.FAILED, text="text")
    second = add(session, Stage.FAILED, raw_text="words")
    add(session, Stage.FAILED, last_error="rejected input")

    resumed, errors = retry_failed(session, None)

    assert (resumed, errors) == ([(first, "enrich"), (second, "ingest")], [])
    assert failed_articles(session)[0].reached == REJECTED
    assert not record_failure(session, first, "again", permanent=False, max_attempts=2)
    assert record_failure(session, first, "again", permanent=False, max_attempts=2)
