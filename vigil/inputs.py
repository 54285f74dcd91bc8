"""Turning command-line arguments into work items, with one clear error per bad input
so the rest of the batch goes on."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from services.cleaning import InputRejected, check_text_payload, read_input_file
from services.cleaning.payload import PayloadKind
from services.config import Settings
from services.fetching import FetchError, check_url
from services.schema import InputError

SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class Payload:
    name: str
    kind: PayloadKind
    content: str
    doc_id: str
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class UrlInput:
    url: str

    @property
    def doc_id(self) -> str:
        return hashlib.sha256(self.url.encode()).hexdigest()[:16]


WorkItem = Payload | UrlInput


def looks_like_url(arg: str) -> bool:
    return "://" in arg or arg.lower().startswith(("http:", "https:", "www."))


def read_arguments(args: list[str], settings: Settings) -> tuple[list[WorkItem], list[InputError]]:
    """Paths (files or folders of .txt/.html) and URLs, in the order given."""
    items: list[WorkItem] = []
    errors: list[InputError] = []
    for arg in args:
        if looks_like_url(arg):
            try:
                check_url(arg)
                items.append(UrlInput(arg))
            except FetchError as exc:
                errors.append(InputError(input=arg, reason=exc.reason))
            continue
        path = Path(arg)
        for file in sorted(p for p in path.iterdir() if p.suffix in SUFFIXES) if path.is_dir() else [path]:
            try:
                kind, content = read_input_file(file, settings)
                items.append(Payload(str(file), kind, content, file.stem))
            except InputRejected as exc:
                errors.append(InputError(input=str(file), reason=exc.reason))
    return items, errors


def read_jsonl(path: Path, settings: Settings) -> tuple[list[WorkItem], list[InputError]]:
    """One JSON object a line: ``id``, ``text`` or ``html``, optional ``url`` and ``published``."""
    items: list[WorkItem] = []
    errors: list[InputError] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [], [InputError(input=str(path), reason=f"cannot read: {exc}")]
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        name = f"{path}:{number}"
        try:
            items.append(_payload_from_record(name, json.loads(line), settings))
        except (ValueError, InputRejected) as exc:
            errors.append(InputError(input=name, reason=getattr(exc, "reason", None) or str(exc)))
    return items, errors


def _payload_from_record(name: str, record: object, settings: Settings) -> Payload:
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    kind: PayloadKind = "html" if record.get("html") else "text"
    raw = record.get(kind)
    if not isinstance(raw, str):
        raise ValueError("needs a string 'text' or 'html'")
    content = check_text_payload(raw, name, settings.payload_limit(kind))
    doc_id = str(record.get("id") or hashlib.sha256(content.encode()).hexdigest()[:16])
    return Payload(name, kind, content, doc_id, record.get("url"), record.get("published"))
