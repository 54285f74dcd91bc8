"""Kombu's Redis transport, hardened against junk on a queue and against a Redis that refuses
writes.

Kombu decodes the envelope of each message it pops in the worker's event loop, where any error
is fatal: one list item that is not a kombu JSON envelope (pushed by hand or by a broken client)
stops the whole worker with "Unrecoverable error", and a restarted worker would be fine only
because the item is gone. Here such an item is logged and dropped, and the loop goes on. Errors
in a well-formed envelope's body (bad JSON, a pickle, an unknown task name) never get here:
Celery logs, acknowledges and discards those itself.

A Redis whose memory is full (``maxmemory-policy noeviction``) refuses every write that could
grow it, and kombu writes on its own while it consumes: the copy of each delivered message in the
"unacked" set, and the mutex of the sweep that restores unacknowledged messages. Either refusal
would end the worker with "Unrecoverable error", the first also losing the message it had just
popped. Here a message that cannot be recorded as unacknowledged is still delivered (if the worker
dies holding it, the reconciler re-sends its article from the database), and a sweep that cannot
take its mutex waits for the next one. Since Redis refuses everything inside MULTI when full, acks
and queue sizes go outside a transaction, and a queue already bound is declared again without
writing its binding.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kombu.transport import redis, virtual
from kombu.transport.virtual import Empty
from redis.exceptions import OutOfMemoryError

log = logging.getLogger(__name__)

# What a malformed envelope raises while kombu decodes it (JSONDecodeError and UnicodeDecodeError
# are ValueErrors; a JSON value of the wrong shape gives the others).
MALFORMED = (ValueError, KeyError, TypeError, AttributeError)


class QoS(redis.QoS):
    @contextmanager
    def pipe_or_acquire(self, pipe: Any = None, client: Any = None) -> Iterator[Any]:
        """Redis refuses every command inside MULTI while its memory is full, even the deletions
        of an ack that would free some. The unacknowledged copy's index entry and payload need no
        transaction: a restore that finds an entry without its payload just drops the entry."""
        if pipe is not None:
            yield pipe
            return
        with self.channel.conn_or_acquire(client) as connection:
            yield connection.pipeline(transaction=False)

    def append(self, message: Any, delivery_tag: str) -> None:
        try:
            super().append(message, delivery_tag)
        except OutOfMemoryError:
            log.warning(
                "Redis refuses writes (memory full): message %s runs without an unacknowledged copy; "
                "if this worker dies holding it, the reconciler re-sends its article",
                delivery_tag,
            )
            virtual.QoS.append(self, message, delivery_tag)

    def restore_visible(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().restore_visible(*args, **kwargs)
        except OutOfMemoryError:
            log.warning("Redis refuses writes (memory full): unacknowledged messages restored later")


class Channel(redis.Channel):
    QoS = QoS

    def _size(self, queue: str) -> int:
        """Kombu reads the lengths of a queue's priority lists in a MULTI transaction, and Redis
        refuses every queued command of a transaction while its memory is full: a plain pipeline
        reads the same lengths and keeps queue sizes readable (for the reconciler too)."""
        with self.conn_or_acquire() as client, client.pipeline(transaction=False) as pipe:
            for priority in self.priority_steps:
                pipe.llen(self._q_for_pri(queue, priority))
            return sum(pipe.execute())

    def _queue_bind(self, exchange: str, routing_key: str, pattern: str, queue: str) -> None:
        """Every declaration of a queue (each publish, each worker start) re-adds its binding, a
        write; with Redis full, a binding already in place is as good as one just written."""
        try:
            super()._queue_bind(exchange, routing_key, pattern, queue)
        except OutOfMemoryError:
            member = self.sep.join([routing_key or "", pattern or "", queue or ""])
            with self.conn_or_acquire() as client:
                if not client.sismember(self.keyprefix_queue % (exchange,), member):
                    raise

    def _brpop_read(self, **options: Any) -> bool:
        try:
            return bool(super()._brpop_read(**options))
        except MALFORMED as exc:
            log.error("dropped a malformed message (not a kombu JSON envelope) from a queue: %r", exc)
            raise Empty() from exc


class Transport(redis.Transport):
    Channel = Channel
