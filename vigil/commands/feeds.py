"""`vigil feeds`: the RSS/Atom feeds that beat polls."""

from __future__ import annotations

import argparse

from services.config import get_settings
from services.fetching import FetchError
from services.schema import InputError
from services.storage.db import session_scope
from services.storage.feeds import add_feed, list_feeds, remove_feed
from vigil.errors import report_errors, require_store


def cmd_feeds(args: argparse.Namespace) -> int:
    require_store()
    with session_scope() as session:
        if args.feeds_command == "add":
            interval = args.interval or get_settings().feed_default_interval
            for url in args.urls:
                try:
                    feed, created = add_feed(session, url, interval)
                except FetchError as exc:
                    report_errors([InputError(input=url, reason=exc.reason)])
                    return 1
                known = "" if created else " (already known)"
                print(f"feed {feed.id}: {feed.url} every {feed.interval_seconds}s{known}")
        elif args.feeds_command == "remove":
            if not remove_feed(session, args.feed_id):
                report_errors([InputError(input=str(args.feed_id), reason="no such feed")])
                return 1
        else:
            for feed in list_feeds(session):
                status = f"error: {feed.last_error}" if feed.last_error else "ok"
                next_poll = f"{feed.next_poll_at:%Y-%m-%d %H:%M}"
                print(f"{feed.id}\t{feed.url}\tevery {feed.interval_seconds}s\tnext {next_poll}\t{status}")
    return 0
