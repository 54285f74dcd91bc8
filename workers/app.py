"""The Celery application: queues, routing by public task name, delivery settings."""

from __future__ import annotations

from celery import Celery
from kombu import Queue

from services.config import Settings, get_settings

STAGE_QUEUES = ("ingest", "enrich", "store")
MAINTENANCE_QUEUE = "maintenance"

# Longest task (a slow fetch or a very long article) plus the longest plausible
# wait in a backed-up queue; a message unacknowledged for longer is redelivered.
VISIBILITY_TIMEOUT = 3600
SOFT_TIME_LIMIT = 240
HARD_TIME_LIMIT = 300
# Beat only asks which feeds are due; each feed keeps its own interval in the database.
FEED_CHECK_SECONDS = 60


def queue_name(settings: Settings, base: str) -> str:
    """Queue names carry an optional prefix so test runs and tenants never collide."""
    return f"{settings.queue_prefix}{base}"


def create_app(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("vigil", broker=settings.broker_url or "memory://", include=["workers.tasks"])
    queues = [Queue(queue_name(settings, name)) for name in (*STAGE_QUEUES, MAINTENANCE_QUEUE)]
    app.conf.update(
        task_queues=queues,
        task_default_queue=queue_name(settings, "ingest"),
        task_routes={f"vigil.{name}.*": {"queue": queue_name(settings, name)} for name in STAGE_QUEUES}
        | {
            "vigil.feeds.*": {"queue": queue_name(settings, MAINTENANCE_QUEUE)},
            "vigil.maintenance.*": {"queue": queue_name(settings, MAINTENANCE_QUEUE)},
        },
        # JSON only: a message from another system can never execute code on ours.
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        task_ignore_result=True,
        # Ack after the work is committed; a worker killed mid-task gets its message redelivered.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # One message at a time per process: a crash loses nothing that waits in a local buffer.
        worker_prefetch_multiplier=1,
        broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
        broker_connection_retry_on_startup=True,
        # A lost broker connection would redeliver running tasks anyway; cancel them rather than
        # let them finish twice.
        worker_cancel_long_running_tasks_on_connection_loss=True,
        task_soft_time_limit=SOFT_TIME_LIMIT,
        task_time_limit=HARD_TIME_LIMIT,
        # Soft shutdown lets running tasks finish on SIGTERM; compose's stop grace period is longer.
        worker_soft_shutdown_timeout=20,
        worker_enable_soft_shutdown_on_idle=True,
        # Events let Flower show every task by its public name, queue, runtime and failure.
        worker_send_task_events=True,
        task_send_sent_event=True,
        task_track_started=True,
        worker_hijack_root_logger=False,
        beat_schedule={
            "poll-due-feeds": {"task": "vigil.feeds.poll_due", "schedule": FEED_CHECK_SECONDS},
        },
    )
    return app


app = create_app()
