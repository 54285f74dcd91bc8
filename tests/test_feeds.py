"""Feed parsing from bytes only, and conditional polling through the safe fetcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from services.feeds import FeedEntry, FeedError, FeedState, parse_feed, poll_feed
from services.fetching import FetchError
from tests.fetch_support import fixture_bytes, fresh_fetcher, local_settings

RSS = fixture_bytes("rss2.xml")
ATOM = fixture_bytes("atom.xml")
FEED_URL = "https://dailyledger.example/feeds/world.rss"


def test_rss2_entries_with_absolute_links_and_dates() -> None:
    assert parse_feed(RSS, FEED_URL) == [
        FeedEntry(
            url="https://dailyledger.example/world/africa/market-attack-2024-03-12",
            title="Gunmen kill four at market in northern town, police say",
            published="2024-03-12T14:05:00+00:00",
            entry_id="ledger-2024-03-12-0042",
        ),
        FeedEntry(
            url="https://dailyledger.example/world/middle-east/checkpoint-blast",  # relative link
            title="Car bomb near checkpoint wounds six",
            published="2024-03-12T09:30:00+00:00",  # +0200 in the feed
            entry_id="ledger-2024-03-12-0043",
        ),
        FeedEntry(  # no <link>, a permalink guid; the linkless and mailto: items are skipped
            url="https://dailyledger.example/world/asia/capital-clashes",
            title="Protesters clash with police in the capital",
            published=None,
            entry_id="https://dailyledger.example/world/asia/capital-clashes",
        ),
    ]


def test_atom_entries_resolved_against_xml_base() -> None:
    entries = parse_feed(ATOM, "https://wire.example/news/atom.xml")
    assert [(e.url, e.title, e.published, e.entry_id) for e in entries] == [
        (
            "https://wire.example/news/2024/03/12/convoy-ambush",
            "Ambush on convoy kills three soldiers",
            "2024-03-12T08:45:00+00:00",
            "tag:wire.example,2024:7781",
        ),
        (
            "https://wire.example/news/2024/03/12/aid-workers-freed",
            "Kidnapped aid workers & driver freed",  # an HTML title, made plain text
            "2024-03-12T13:20:00+00:00",  # only <updated>
            "tag:wire.example,2024:7790",
        ),
    ]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (fixture_bytes("malformed_feed.xml"), "malformed feed: "),
        (fixture_bytes("news_article.html"), "malformed feed: "),
        (b"", "not an RSS or Atom feed"),
        (b'{"items": []}', "malformed feed: "),
    ],
)
def test_not_a_feed_rejected_with_reason(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(body, FEED_URL)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"feed {FEED_URL}: ")


def test_body_naming_a_local_file_is_not_read(tmp_path: Path) -> None:
    """feedparser would open ``bytes`` that name a file; we hand it a stream, never a path."""
    planted = tmp_path / "planted.xml"
    planted.write_bytes(RSS)
    with pytest.raises(FeedError):
        parse_feed(str(planted).encode(), FEED_URL)


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>before &leak; after</title>'
        "<link>https://x.example/a</link></item></channel></rss>"
    ).encode()
    assert [entry.title for entry in parse_feed(body, FEED_URL)] == ["before after"]


def serve_conditionally(news_site: HTTPServer, path: str, body: bytes, content_type: str) -> None:
    """Like a real feed news_site: 304 when the client already has this version."""
    etag, stamp = '"feed-v1"', "Tue, 12 Mar 2024 16:00:00 GMT"

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag or request.headers.get("If-Modified-Since") == stamp:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type, headers={"ETag": etag, "Last-Modified": stamp})

    news_site.expect_request(path).respond_with_handler(handler)


def test_unchanged_feed_polled_again_returns_nothing(news_site: HTTPServer) -> None:
    serve_conditionally(news_site, "/world.rss", RSS, "application/rss+xml; charset=utf-8")
    fetcher = fresh_fetcher(local_settings(news_site.port))
    first = poll_feed(FeedState(news_site.url_for("/world.rss")), fetcher=fetcher)
    assert not first.not_modified
    assert [entry.entry_id for entry in first.entries] == [
        "ledger-2024-03-12-0042",
        "ledger-2024-03-12-0043",
        "https://dailyledger.example/world/asia/capital-clashes",
    ]
    assert first.entries[1].url == f"http://127.0.0.1:{news_site.port}/world/middle-east/checkpoint-blast"
    assert (first.etag, first.last_modified) == ('"feed-v1"', "Tue, 12 Mar 2024 16:00:00 GMT")

    by_etag = poll_feed(FeedState(first.feed_url, etag=first.etag), fetcher=fetcher)
    by_date = poll_feed(FeedState(first.feed_url, last_modified=first.last_modified), fetcher=fetcher)
    for again in (by_etag, by_date):
        assert (again.not_modified, again.entries) == (True, [])
    assert by_etag.etag == '"feed-v1"'
    assert by_date.last_modified == first.last_modified
    statuses = [response.status_code for request, response in news_site.log if request.path == "/world.rss"]
    assert statuses == [200, 304, 304]


def test_feed_without_validators_gives_the_same_entry_ids_each_time(news_site: HTTPServer) -> None:
    news_site.expect_request("/atom.xml").respond_with_data(ATOM, content_type="application/atom+xml")
    fetcher = fresh_fetcher(local_settings(news_site.port))
    polls = [poll_feed(FeedState(news_site.url_for("/atom.xml")), fetcher=fetcher) for _ in range(2)]
    assert polls[0].entries == polls[1].entries
    assert len(polls[0].entries) == 2
    assert polls[0].etag is None


def test_malformed_feed_fails_that_feed_only(news_site: HTTPServer) -> None:
    news_site.expect_request("/broken.xml").respond_with_data(
        fixture_bytes("malformed_feed.xml"), content_type="text/xml"
    )
    news_site.expect_request("/photo.rss").respond_with_data(bytes(32), content_type="image/png")
    serve_conditionally(news_site, "/world.rss", RSS, "application/rss+xml")
    fetcher = fresh_fetcher(local_settings(news_site.port))
    outcomes: list[str] = []
    for path in ("/broken.xml", "/photo.rss", "/world.rss"):
        try:
            outcomes.append(
                f"{len(poll_feed(FeedState(news_site.url_for(path)), fetcher=fetcher).entries)} entries"
            )
        except (FeedError, FetchError) as exc:
            outcomes.append(type(exc).__name__)
    assert outcomes == ["FeedError", "FetchError", "3 entries"]
