"""Embedded mode: a real Celery worker in this process, on kombu's in-memory
transport, so `vigil run` goes through exactly the tasks a deployment runs
(not task_always_eager, which would skip routing, serialisation and acks).

Those queues die with the process, and no reconciler runs here: an article an earlier run left
mid-pipeline (killed, or stopped by "database or disk is full") has no message anywhere, so each
run starts by sending every unfinished article back to the queue of its stage. The claim counts as
a re-delivery, so an article that stops every run it is in is failed after
``VIGIL_MAX_REDELIVERIES`` runs rather than resumed forever."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from celery.contrib.testing.worker import start_worker
from celery.signals import setup_logging

from services.config import get_settings
from services.pipeline.reconcile import reconcile
from services.pipeline.stages import QUEUES
from services.storage.db import session_scope
from workers import publish
from workers.app import MAINTENANCE_QUEUE, app, queue_name

# Every unfinished article, however many: one claim each, in one statement.
RESUME_ALL = 2**31 - 1


def _keep_logging(**_: object) -> None:
    """Connected while the embedded worker starts: the command running it has set up logging,
    and Celery's own setup would reset the root logger to the worker's level (the command's -v
    and its piped progress lines were lost) and give ``celery.task`` a handler of its own. Any
    receiver of ``setup_logging`` makes Celery leave logging alone."""


@contextmanager
def embedded_worker() -> Iterator[None]:
    settings = get_settings()
    queues = [queue_name(settings, name) for name in (*QUEUES, MAINTENANCE_QUEUE)]
    setup_logging.connect(_keep_logging)
    try:
        with start_worker(
            app,
            pool="solo",
            concurrency=1,
            queues=queues,
            perform_ping_check=False,
            loglevel="WARNING",
            shutdown_timeout=30,
        ):
            _resume_unfinished()
            yield
    finally:
        setup_logging.disconnect(_keep_logging)


def _resume_unfinished() -> None:
    with session_scope() as session:
        resend = reconcile(session, timedelta(0), RESUME_ALL, get_settings().max_redeliveries)
    for article_id, queue in resend:
        publish.enqueue_stage(queue, article_id)
