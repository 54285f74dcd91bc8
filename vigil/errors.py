"""How the command tells a user what went wrong: one line per problem, naming the cause and
what to run, never a traceback for a state of the setup (no broker, no tables, a server down)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from services.schema import InputError

err = Console(stderr=True)
# The public task name that ``workers.tasks`` puts before a stored failure reason.
TASK_PREFIX = re.compile(r"^vigil\.[a-z_]+\.[a-z_]+: ")


class UserError(Exception):
    """A problem with the setup that the user fixes; its message is the whole explanation."""


def print_error(message: str, subject: str | None = None, label: str = "[red]error[/red]") -> None:
    # Names and reasons may quote the input: never read as markup.
    text = f"{escape(subject)}: {escape(message)}" if subject else escape(message)
    err.print(f"{label}: {text}", highlight=False, soft_wrap=True)


def report_errors(errors: Sequence[InputError]) -> None:
    for error in errors:
        print_error(error.reason, error.input)


def require_store() -> None:
    """Before a command reads or writes the store (and before a missing SQLite file is created)."""
    from services.storage.db import store_problem

    problem = store_problem()
    if problem:
        raise UserError(problem)


def require_broker(without_one: str, probe: bool = True) -> None:
    """Before a command sends work for other processes: ``without_one`` says what to do instead."""
    from workers.publish import broker_problem

    problem = broker_problem(probe)
    if problem:
        raise UserError(f"{problem}: {without_one}")


def outage(exc: BaseException) -> str | None:
    """The database or the broker failing mid-command, as one line; None for anything else."""
    from kombu.exceptions import OperationalError as BrokerError
    from sqlalchemy.exc import OperationalError as DatabaseError

    from services.storage.db import database_unreachable

    if isinstance(exc, DatabaseError):
        return database_unreachable(exc)
    if isinstance(exc, BrokerError):
        return f"cannot reach the broker: {exc}"
    return None


def failure_reason(name: str, reason: str) -> str:
    """A stored reason shown beside its input. The store keeps the task that failed (Flower and
    the API show it) but the stage is its own column here; and a fetch error names the URL it
    could not fetch, which is the input's own name unless a redirect took it elsewhere."""
    return TASK_PREFIX.sub("", reason, count=1).removeprefix(f"cannot fetch {name}: ")
