"""The pipeline's stage table, once: each queue an article passes through, the public task name
that runs it there, and which article stages wait on it. Routing (``workers/app.py``), publishing
(``workers/publish.py``), the reconciler and the failure retry all read this table, so adding a
stage is one row here plus its task."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from services.storage.tables import Stage

Queue = Literal["ingest", "enrich", "store"]


@dataclass(frozen=True, slots=True)
class PipelineStage:
    queue: Queue
    task: str
    """The public task name other systems may send by (``vigil.<queue>.article``)."""
    waiting: tuple[Stage, ...]
    """Article stages whose next step runs on this queue: what the reconciler re-sends here."""


PIPELINE: tuple[PipelineStage, ...] = (
    PipelineStage("ingest", "vigil.ingest.article", (Stage.QUEUED, Stage.FETCHED)),
    PipelineStage("enrich", "vigil.enrich.article", (Stage.CLEANED,)),
    PipelineStage("store", "vigil.store.article", (Stage.ENRICHED,)),
)
QUEUES: tuple[Queue, ...] = tuple(step.queue for step in PIPELINE)
TASK_OF_QUEUE: dict[Queue, str] = {step.queue: step.task for step in PIPELINE}
QUEUE_OF_STAGE: dict[Stage, Queue] = {stage: step.queue for step in PIPELINE for stage in step.waiting}
