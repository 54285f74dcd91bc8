"""`vigil worker`: a Celery worker for some of the queues, on the configured broker only."""

from __future__ import annotations

import argparse

from services.config import get_settings
from vigil.errors import require_broker


def cmd_worker(args: argparse.Namespace) -> int:
    # Without a broker Celery would fall back to an in-memory transport that no other process
    # can send to: a worker that waits forever for work it can never receive. A broker or a
    # database that is down is waited for instead, as a deployment starting up needs.
    require_broker("a worker needs the Redis its senders use (`vigil run` needs no worker)", probe=False)
    from workers.app import app, queue_name

    queues = ",".join(queue_name(get_settings(), q.strip()) for q in args.queues.split(","))
    argv = [
        "worker",
        "--queues",
        queues,
        "--loglevel",
        args.loglevel,
        "--concurrency",
        str(args.concurrency),
        "--hostname",
        args.hostname or f"{args.queues.replace(',', '-')}@%h",
        # Mingle syncs revoked task ids and gossip elects leaders, neither of which Vigil uses;
        # their startup writes would end a worker started while Redis refuses writes.
        "--without-mingle",
        "--without-gossip",
    ]
    app.worker_main(argv)
    return 0
