"""What the GTD and ACLED rows both need from an incident: its date in parts, one number for
a hedged figure, and the sources by URL."""

from __future__ import annotations

from services.schema import Figure, Incident

SOURCE_SEPARATOR = "; "


def date_parts(incident: Incident) -> tuple[int, int, int]:
    """Year, month and day, 0 where the date does not say (GTD's convention for an unknown
    month or day); a date is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    parts = [int(part) for part in (incident.date or "").split("-") if part] + [0, 0, 0]
    return parts[0], parts[1], parts[2]


def count(figure: Figure) -> int | None:
    """The best value, else the lower bound of a hedged one ("at least 5"), as both datasets
    count conservatively; None when no report gives a number."""
    return figure.value if figure.value is not None else figure.min


def source_list(incident: Incident) -> str:
    """Every report by its URL, or by its document id when it came without one."""
    return SOURCE_SEPARATOR.join(source.url or source.document_id for source in incident.sources)
