"""`vigil failures`: the articles that ended without incidents, and why."""

from __future__ import annotations

import argparse

from services.pipeline.failures import failed_articles
from services.storage.db import session_scope
from vigil.errors import failure_reason, require_store


def cmd_failures(args: argparse.Namespace) -> int:
    """Failed and skipped articles, newest first: how far each got, its attempts and the reason."""
    require_store()
    with session_scope() as session:
        failures = failed_articles(session, args.limit, with_skipped=True)
    print("id\treached\tattempts\tinput\treason")
    for failure in failures:
        name = failure.url or failure.external_id or ""
        reason = failure_reason(name, failure.reason)
        print(f"{failure.article_id}\t{failure.reached}\t{failure.attempts}\t{name}\t{reason}")
    return 0
