"""Hostile feeds: a poisoned entry costs that entry alone (with a stored reason), never the poll,
and a feed's parsing cost stays bounded by what Vigil reads. A real worker polls a local feed
server into a private PostgreSQL database over the shared Redis."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from sqlmodel import select

from services.storage.tables import Article, Feed, Stage
from tests.fault_env import deployment
from tests.fetch_support import loopback_env, running_server, serve_no_robots
from tests.services_env import ROOT, VIGIL, redis_namespace, wait_for

pytestmark = pytest.mark.slow


def rss(*items: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        + b"".join(items)
        + b"</channel></rss>"
    )


def item(link: bytes, title: bytes = b"Gunmen attack a market", description: bytes = b"") -> bytes:
    return b"<item><title>" + title + b"</title><link>" + link + b"</link>" + description + b"</item>"


def test_a_poisoned_entry_costs_that_entry_only(tmp_path: Path) -> None:
    """A character reference to a lone surrogate made feedparser raise, so the poll raised: never
    recorded (no error, no backoff), and no entry after it registered, every minute, forever."""
    with running_server() as site, redis_namespace() as (broker_url, prefix):
        serve_no_robots(site)
        base = f"http://127.0.0.1:{site.port}".encode()
        body = rss(
            item(base + b"/first"),
            item(base + b"/surrogate&#xD800;link"),
            item(base + b"/nul&#0;link"),
            item(base + b"/last"),
        )
        site.expect_request("/feed.rss").respond_with_data(body, content_type="application/rss+xml")
        with deployment(broker_url, tmp_path, prefix, **loopback_env(site.port)) as run:
            run.worker("maintenance", "feeds")
            run.wait_ready(1)
            with run.session() as session:
                feed = Feed(url=f"http://127.0.0.1:{site.port}/feed.rss")
                session.add(feed)
                session.commit()
            run.client().send_task("vigil.feeds.poll", args=[feed.id])

            def polled() -> Feed | None:
                with run.session() as session:
                    found = session.get(Feed, feed.id)
                    return found if found and found.last_polled_at else None

            recorded = wait_for(polled, 60, "the poll recorded")
            assert (recorded.last_error, recorded.failures) == (None, 0)
            with run.session() as session:
                rows = session.exec(select(Article.url, Article.stage, Article.last_error)).all()
        by_path = {(url or "").rsplit("/", 1)[-1]: (stage, reason) for url, stage, reason in rows}
        assert by_path["first"] == (Stage.QUEUED, None)
        assert by_path["last"] == (Stage.QUEUED, None)
        bad = [reason for path, (stage, reason) in by_path.items() if "link" in path]
        assert len(bad) == 2 and all(reason for reason in bad), by_path
        assert all(stage == Stage.FAILED for path, (stage, _) in by_path.items() if "link" in path)


PARSE = """
import re, sys
from services.feeds import parse_feed
entries = parse_feed(open(sys.argv[1], "rb").read(), "https://wire.example/feed.rss")
# VmHWM is this program's own peak; ru_maxrss would carry over the forking pytest's peak.
peak_kb = re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)
print(len(entries), entries[-1].url, int(peak_kb) // 1024)
"""


def test_parsing_a_huge_description_costs_little(tmp_path: Path) -> None:
    """4.8 MB (under the 5 MB cap) with 1.6 M unclosed tags in one description took 138 s and
    951 MB in one poll; only link, title, id and dates are read from an entry."""
    feed = tmp_path / "huge.rss"
    feed.write_bytes(
        rss(
            item(
                b"https://wire.example/one",
                description=b"<description>" + b"<b>" * 1_600_000 + b"</description>",
            ),
            item(b"https://wire.example/two"),
        )
    )
    assert 4_500_000 < feed.stat().st_size < 5_000_000
    started = time.monotonic()
    result = subprocess.run(
        [str(Path(VIGIL).with_name("python")), "-c", PARSE, str(feed)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    count, last, peak_mb = result.stdout.split()
    assert (count, last) == ("2", "https://wire.example/two")
    assert elapsed < 10, elapsed
    assert int(peak_mb) < 300, peak_mb
