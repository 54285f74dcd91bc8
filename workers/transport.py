"""Kombu's Redis transport, hardened against junk on a queue.

Kombu decodes the envelope of each message it pops in the worker's event loop, where any error
is fatal: one list item that is not a kombu JSON envelope (pushed by hand or by a broken client)
stops the whole worker with "Unrecoverable error", and a restarted worker would be fine only
because the item is gone. Here such an item is logged and dropped, and the loop goes on. Errors
in a well-formed envelope's body (bad JSON, a pickle, an unknown task name) never get here:
Celery logs, acknowledges and discards those itself.
"""

from __future__ import annotations

import logging
from typing import Any

from kombu.transport import redis
from kombu.transport.virtual import Empty

log = logging.getLogger(__name__)

# What a malformed envelope raises while kombu decodes it (JSONDecodeError and UnicodeDecodeError
# are ValueErrors; a JSON value of the wrong shape gives the others).
MALFORMED = (ValueError, KeyError, TypeError, AttributeError)


class Channel(redis.Channel):
    def _brpop_read(self, **options: Any) -> bool:
        try:
            return bool(super()._brpop_read(**options))
        except MALFORMED as exc:
            log.error("dropped a malformed message (not a kombu JSON envelope) from a queue: %r", exc)
            raise Empty() from exc


class Transport(redis.Transport):
    Channel = Channel
