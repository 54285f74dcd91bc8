"""Turning command-line arguments into work items, with one clear error per bad input
so the rest of the batch goes on."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from services.cleaning import InputRejected, check_text_payload, read_input_file
from services.cleaning.payload import PayloadKind
from services.cleaning.validation import EXTENSIONS, unstorable
from services.config import Settings
from services.fetching import FetchError, check_acceptable_url
from services.schema import InputError


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


def read_inputs(
    args: list[str], jsonl: str | None, settings: Settings, published: str | None = None
) -> tuple[list[WorkItem], list[InputError]]:
    """The arguments, then the JSONL file's lines; ``published`` dates the payloads that carry
    no date of their own (a URL's date is read from its page)."""
    items, errors = read_arguments(args, settings, published)
    if jsonl:
        more, bad = read_jsonl(Path(jsonl), settings, published)
        items, errors = [*items, *more], [*errors, *bad]
    return items, errors


def read_arguments(
    args: list[str], settings: Settings, published: str | None = None
) -> tuple[list[WorkItem], list[InputError]]:
    """Paths (files, or folders of files with any suffix a single file may have) and URLs, in the
    order given."""
    items: list[WorkItem] = []
    errors: list[InputError] = []
    for arg in args:
        if looks_like_url(arg):
            try:
                check_acceptable_url(arg)
                items.append(UrlInput(arg))
            except FetchError as exc:
                errors.append(InputError(input=arg, reason=exc.reason))
            continue
        path = Path(arg)
        files = _folder_files(path) if path.is_dir() else [path]
        if not files:
            errors.append(InputError(input=arg, reason=f"no {', '.join(EXTENSIONS)} files in this folder"))
        for file in files:
            try:
                if file.suffix.lower() == ".jsonl":
                    raise InputRejected(str(file), "a JSONL file: pass it as --jsonl FILE")
                kind, content = read_input_file(file, settings)
                items.append(Payload(str(file), kind, content, file.stem, published=published))
            except InputRejected as exc:
                errors.append(InputError(input=str(file), reason=exc.reason))
    return items, errors


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONS)


def read_jsonl(
    path: Path, settings: Settings, published: str | None = None
) -> tuple[list[WorkItem], list[InputError]]:
    """One JSON object a line: ``id``, ``text`` or ``html``, optional ``url`` and ``published``
    (``published`` when the line has none).

    Each line stands alone: one that is not UTF-8, not JSON (or nested past what the parser can
    follow), or not a valid record is an error named ``FILE:LINE`` and the others go on."""
    items: list[WorkItem] = []
    errors: list[InputError] = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [InputError(input=str(path), reason=f"cannot read: {exc.strerror or exc}")]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        name = f"{path}:{number}"
        try:
            items.append(_payload_from_record(name, _json_line(raw), settings, published))
        except (ValueError, InputRejected) as exc:
            errors.append(InputError(input=name, reason=getattr(exc, "reason", None) or str(exc)))
    return items, errors


def _json_line(raw: bytes) -> object:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})") from None
    try:
        return json.loads(line)
    except RecursionError:
        raise ValueError("not JSON: nested too deeply") from None
    except ValueError as exc:
        raise ValueError(f"not JSON: {exc}") from None


def _payload_from_record(name: str, record: object, settings: Settings, published: str | None) -> Payload:
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    kind: PayloadKind = "html" if record.get("html") else "text"
    raw = record.get(kind)
    if not isinstance(raw, str):
        raise ValueError("needs a string 'text' or 'html'")
    doc_id, url, day = record.get("id"), record.get("url"), record.get("published")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, str | int)):
        raise ValueError("'id' must be a string or a number")
    if url is not None and not isinstance(url, str):
        raise ValueError("'url' must be a string")
    for field, value in (("id", doc_id), ("url", url), ("published", day)):
        problem = unstorable(value) if isinstance(value, str) else None
        if problem:
            raise ValueError(f"'{field}' {problem}")
    content = check_text_payload(raw, name, settings.payload_limit(kind))
    return Payload(
        name,
        kind,
        content,
        str(doc_id or hashlib.sha256(content.encode()).hexdigest()[:16]),
        url,
        iso_day(day) or published,
    )


def iso_day(value: object) -> str | None:
    """``published`` as the day it names, as the API takes it: an ISO 8601 date or date-time."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("'published' must be an ISO 8601 date string, such as \"2022-09-05\"")
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        raise ValueError(f"'published' is not an ISO 8601 date or date-time: {value[:40]!r}") from None
