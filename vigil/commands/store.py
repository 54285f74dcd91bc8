"""`vigil incidents` and `vigil migrate`: reading the store and creating its tables."""

from __future__ import annotations

import argparse

from services.storage.db import migrate, session_scope, shown_url
from services.storage.queries import IncidentFilter, all_incidents
from vigil.errors import require_store
from vigil.render import print_incidents


def cmd_incidents(args: argparse.Namespace) -> int:
    require_store()
    with session_scope() as session:
        print_incidents(all_incidents(session, incident_filter(args)), args.format)
    return 0


def incident_filter(args: argparse.Namespace) -> IncidentFilter:
    """The filters of `vigil incidents` and `vigil export`, as the API's queries take them."""
    return IncidentFilter(
        date_from=args.since,
        date_to=args.until,
        country_code=args.country,
        event_type=args.event_type,
        perpetrator=args.perpetrator,
        min_killed=args.min_killed,
    )


def cmd_migrate(_: argparse.Namespace) -> int:
    migrate()
    print(f"{shown_url()}: at the newest migration")
    return 0
