"""The Celery application: queues, routing by public task name, delivery settings."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from celery import Celery
from kombu import Queue

from services.config import Settings, get_settings
from services.pipeline.stages import QUEUES

MAINTENANCE_QUEUE = "maintenance"

# SIGQUIT (compose's stop_signal) gives running tasks this long to finish, then puts the rest back
# on the queue; compose's stop_grace_period (45 s) is longer, so Docker never SIGKILLs mid-task.
SOFT_SHUTDOWN_SECONDS = 20
# Beat only asks which feeds are due; each feed keeps its own interval in the database.
FEED_CHECK_SECONDS = 60


def queue_name(settings: Settings, base: str) -> str:
    """Queue names carry an optional prefix so test runs and tenants never collide."""
    return f"{settings.queue_prefix}{base}"


def create_app(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("vigil", broker=settings.broker_url or "memory://localhost/", include=["workers.tasks"])
    if urlsplit(settings.broker_url or "").scheme in {"redis", "rediss"}:
        # Kombu's Redis transport, but junk pushed onto a queue is dropped, not fatal to the worker.
        app.conf.broker_transport = "workers.transport:Transport"
    queues = [Queue(queue_name(settings, name)) for name in (*QUEUES, MAINTENANCE_QUEUE)]
    app.conf.update(
        task_queues=queues,
        task_default_queue=queue_name(settings, QUEUES[0]),
        task_routes={f"vigil.{name}.*": {"queue": queue_name(settings, name)} for name in QUEUES}
        | {
            "vigil.feeds.*": {"queue": queue_name(settings, MAINTENANCE_QUEUE)},
            "vigil.maintenance.*": {"queue": queue_name(settings, MAINTENANCE_QUEUE)},
        },
        # JSON only: a message from another system can never execute code on ours.
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        task_ignore_result=True,
        # Ack after the work is committed, so a message is only gone once its stage is done.
        task_acks_late=True,
        # A pool process that dies mid-task (OOM killer, segfault) has its message requeued at once
        # rather than acked as failed; the stages are idempotent, so running it again is safe.
        task_reject_on_worker_lost=True,
        # One message at a time per process: a crash loses nothing that waits in a local buffer,
        # and a long task never holds back messages that an idle process could take.
        worker_prefetch_multiplier=1,
        # Redis has no acks: a delivered message sits in an "unacked" set and goes back to its queue
        # after visibility_timeout, which covers a whole worker killed at once (no parent left to
        # requeue). It must exceed the hard time limit plus the longest queue wait (ETA retries wait
        # in a worker too), or a running task would be delivered a second time. The restore sweep
        # runs every unacked_restore_interval seconds, scanning every time (throttle 1).
        broker_transport_options={
            "visibility_timeout": settings.visibility_timeout,
            "unacked_restore_interval": max(1, min(60, settings.visibility_timeout // 10)),
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        # Keep reconnecting while Redis is down (a restart, a failover) instead of exiting.
        broker_connection_max_retries=None,
        # After a lost connection, running late-ack tasks can no longer be acked and will be
        # delivered again; cancel them rather than let them finish twice.
        worker_cancel_long_running_tasks_on_connection_loss=True,
        # A task past the soft limit gets SoftTimeLimitExceeded, which the stage policy records on
        # the article as a transient failure (retried, then failed at the attempt cap). The hard
        # limit kills a process stuck where the exception cannot reach (inside C code); its message
        # is acked, and the article, still in its stage, is re-sent by the reconciler (at most
        # max_redeliveries times).
        task_soft_time_limit=settings.task_soft_time_limit,
        task_time_limit=settings.task_time_limit,
        worker_soft_shutdown_timeout=SOFT_SHUTDOWN_SECONDS,
        worker_enable_soft_shutdown_on_idle=True,
        # Events let Flower show every task by its public name, queue, runtime and failure.
        worker_send_task_events=True,
        task_send_sent_event=True,
        task_track_started=True,
        worker_hijack_root_logger=False,
        beat_schedule={
            "poll-due-feeds": {"task": "vigil.feeds.poll_due", "schedule": FEED_CHECK_SECONDS},
            # A tick that waited longer than the interval is dropped: the next one does its work.
            "reconcile-stuck-articles": {
                "task": "vigil.maintenance.reconcile",
                "schedule": settings.reconcile_interval_seconds,
                "options": {"expires": settings.reconcile_interval_seconds},
            },
        },
    )
    return app


def idle_queues(bases: Iterable[str], settings: Settings | None = None) -> set[str]:
    """The queues among ``bases`` with no message waiting (messages a worker holds don't count),
    asked over one pooled broker connection."""
    settings = settings or get_settings()
    with app.pool.acquire(block=True) as connection:
        channel = connection.default_channel
        return {
            base
            for base in bases
            if not channel.queue_declare(queue=queue_name(settings, base)).message_count
        }


def check_broker_writable(timeout: float, settings: Settings | None = None) -> None:
    """Raises unless the broker takes a write now: reachable is not enough, since a Redis with its
    memory full answers every read and refuses every message."""
    settings = settings or get_settings()
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=timeout)
        connection.default_channel.client.set(f"{settings.queue_prefix}vigil:write-probe", "1", ex=60)


app = create_app()
