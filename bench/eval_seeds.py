"""Score ``vigil extract seeds/*.txt`` against the hand-annotated gold (``make eval``).

Runs the extract command's own code path (read file, clean, analyse, merge) and compares, per
gold incident and field, what was expected with what was found; then the must-not-extract checks
and the entity groups. The issue's bar:

- every field of the primary incidents matches;
- at least 8 of the 10 incidents are found with their killed and wounded figures;
- nothing listed in ``must_not_extract`` appears;
- every entity group resolves to one entity.

The exit code is 1 when the bar is not met. ``VIGIL_GOLD`` overrides the gold file's path.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from services.cleaning import read_input_file
from services.cleaning.payload import clean_payload
from services.config import get_settings
from services.pipeline.extract import extract, to_document
from services.schema import Document, ExtractionResult, Figure, Incident
from tests.gold import SEED_INCIDENTS
from vigil.render import csv_row

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MIN_FOUND_WITH_FIGURES = 8
SCORED_FIELDS = (
    "event_type", "suicide", "date", "date_precision", "country_code", "admin1", "city", "perpetrator",
    "claimed", "target_type", "target_name_contains", "weapon_types", "killed", "wounded", "sources",
)  # fmt: skip


@dataclass
class FieldResult:
    name: str
    expected: Any
    found: Any
    ok: bool


@dataclass
class IncidentResult:
    key: str
    primary: bool
    matched: Incident | None
    fields: list[FieldResult] = field(default_factory=list)

    @property
    def all_ok(self) -> bool:
        return self.matched is not None and all(f.ok for f in self.fields)

    @property
    def figures_ok(self) -> bool:
        return self.matched is not None and all(f.ok for f in self.fields if f.name in {"killed", "wounded"})


def run_extract(paths: list[Path]) -> ExtractionResult:
    """What ``vigil extract PATH...`` computes for these files."""
    settings = get_settings()
    documents = []
    for path in paths:
        kind, content = read_input_file(path, settings)
        documents.append(to_document(path.stem, clean_payload(kind, content)))
    return extract(documents)


# --- comparing one value ---------------------------------------------------------------------------


def figure_matches(expected: Any, found: Figure) -> bool:
    """int: exact best value; {min, max}: the best value lies in the range; {value, min, max}: the
    whole hedged figure; null: no figure."""
    if expected is None:
        return found.value is None
    if isinstance(expected, int):
        return found.value == expected
    if "value" in expected:
        return (found.value, found.min, found.max) == (expected["value"], expected["min"], expected["max"])
    low, high = expected.get("min"), expected.get("max")
    return (
        found.value is not None
        and (low is None or found.value >= low)
        and (high is None or found.value <= high)
    )


def text_matches(expected: Any, found: str | None) -> bool:
    """A string or any of a list of strings, compared without case; null expects null."""
    if expected is None:
        return found is None
    options = expected if isinstance(expected, list) else [expected]
    return found is not None and found.lower() in {str(o).lower() for o in options}


def _value(incident: Incident, name: str) -> Any:
    """The found value of a gold field: the export's flat row, with figures and lists kept whole."""
    row = csv_row(incident) | {
        "target_name_contains": incident.target.name,
        "weapon_types": sorted(incident.weapon_types),
        "killed": incident.killed,
        "wounded": incident.wounded,
        "sources": sorted(s.document_id for s in incident.sources),
    }
    return row[name]


def field_ok(name: str, expected: Any, found: Any) -> bool:
    if name in {"killed", "wounded"}:
        return figure_matches(expected, found)
    if name == "target_name_contains":
        return found is not None and expected.lower() in found.lower()
    if name == "weapon_types":
        return sorted(expected) == found
    if name == "sources":
        return sorted(expected) == found
    if isinstance(expected, bool) or expected is None:
        return expected == found
    return text_matches(expected, found)


def _shown(value: Any) -> str:
    if isinstance(value, Figure):
        if value.value is None and value.min is None and value.max is None:
            return "null"
        return f"{value.value} [{value.min}..{value.max}]"
    return json.dumps(value) if not isinstance(value, str) else value


# --- matching gold incidents to found ones ----------------------------------------------------------


def match_score(gold: dict[str, Any], found: Incident) -> int:
    """How well a found incident fits a gold one; 0 means it cannot be that incident."""
    if "country_code" in gold and found.location.country_code != gold["country_code"]:
        return 0
    shared = set(gold["sources"]) & {s.document_id for s in found.sources}
    if not shared:
        return 0
    score = 2 * len(shared)
    for name in ("city", "date", "target_type", "event_type"):
        if name in gold and field_ok(name, gold[name], _value(found, name)):
            score += 2
    for name in ("killed", "wounded"):
        if name in gold and field_ok(name, gold[name], _value(found, name)):
            score += 1
    return score


def match_incidents(gold: list[dict[str, Any]], found: list[Incident]) -> list[Incident | None]:
    """One found incident per gold incident, best pairs first, never reused."""
    pairs = sorted(
        ((match_score(g, f), gi, fi) for gi, g in enumerate(gold) for fi, f in enumerate(found)),
        reverse=True,
    )
    chosen: dict[int, Incident] = {}
    used: set[int] = set()
    for score, gi, fi in pairs:
        if score > 0 and gi not in chosen and fi not in used:
            chosen[gi] = found[fi]
            used.add(fi)
    return [chosen.get(i) for i in range(len(gold))]


def score_incidents(gold: list[dict[str, Any]], found: list[Incident]) -> list[IncidentResult]:
    results = []
    for expected, matched in zip(gold, match_incidents(gold, found), strict=True):
        result = IncidentResult(expected["key"], bool(expected.get("primary")), matched)
        for name in SCORED_FIELDS:
            if name not in expected:
                continue
            value = _value(matched, name) if matched else None
            ok = matched is not None and field_ok(name, expected[name], value)
            result.fields.append(FieldResult(name, expected[name], value, ok))
        if matched is not None:
            result.fields.append(
                FieldResult("primary", result.primary, matched.primary, matched.primary == result.primary)
            )
        results.append(result)
    return results


# --- must not extract, per-source figures, entity groups ----------------------------------------------


def must_not_extract(
    checks: list[dict[str, Any]], result: ExtractionResult, matched: dict[str, Incident | None]
) -> list[tuple[str, bool]]:
    evidence = [e.evidence for d in result.documents for e in d.events] + [
        s.evidence for i in result.incidents for s in i.sources
    ]
    outcomes = []
    for check in checks:
        if "text_contains" in check:
            needle = check["text_contains"].lower()
            ok = not any(needle in text.lower() for text in evidence)
            outcomes.append((f"no event from '{check['text_contains']}'", ok))
        else:
            incident = matched.get(check["incident"])
            bad = check["killed_not"]
            figures = [incident.killed, *(s.killed for s in incident.sources)] if incident else []
            ok = incident is not None and all(f.value != bad and f.max != bad for f in figures)
            outcomes.append((f"{check['incident']}: killed never {bad}", ok))
    return outcomes


def per_source(
    gold: list[dict[str, Any]], matched: dict[str, Incident | None]
) -> list[tuple[str, str, str, str, bool]]:
    rows = []
    for expected in gold:
        incident = matched.get(expected["key"])
        for doc_id, figures in expected.get("per_source", {}).items():
            source = (
                next((s for s in incident.sources if s.document_id == doc_id), None) if incident else None
            )
            for kind in ("killed", "wounded"):
                found = getattr(source, kind) if source else None
                ok = found is not None and figure_matches(figures[kind], found)
                rows.append(
                    (expected["key"], doc_id[:3], kind, f"{_shown(figures[kind])} / {_shown(found)}", ok)
                )
    return rows


def entity_groups(
    groups: dict[str, Any], documents: list[Document]
) -> list[tuple[str, str, list[str], bool]]:
    """Each gold group: every spelling found among the label's mentions or canonical names (a text
    may only write "Kunduz Province" for the entity Kunduz), all under one canonical."""
    rows = []
    for label, label_groups in groups.items():
        if label == "about":
            continue
        canonical_of: dict[str, set[str]] = {}
        for document in documents:
            for entity in document.entities:
                if entity.label == label:
                    for spelling in {*entity.mentions, entity.canonical}:
                        canonical_of.setdefault(spelling.lower(), set()).add(entity.canonical)
        for spellings in label_groups:
            found = [canonical_of.get(s.lower(), set()) for s in spellings]
            canonicals = set().union(*found)
            ok = all(found) and len(canonicals) == 1
            missing = [s for s, f in zip(spellings, found, strict=True) if not f]
            detail = sorted(canonicals) + ([f"missing: {', '.join(missing)}"] if missing else [])
            rows.append((label, " / ".join(spellings), detail, ok))
    return rows


# --- report ------------------------------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "[green]ok[/green]" if ok else "[red]MISS[/red]"


def report(gold_path: Path, console: Console) -> bool:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = run_extract(sorted(SEEDS.glob("*.txt")))
    scored = score_incidents(gold["incidents"], result.incidents)
    matched = {r.key: r.matched for r in scored}

    table = Table(title="Incidents: expected vs found", show_lines=False)
    for column in ("incident", "field", "expected", "found", ""):
        table.add_column(column, overflow="fold")
    for r in scored:
        if r.matched is None:
            table.add_row(r.key, "-", "found", "nothing", _mark(False), end_section=True)
            continue
        for i, f in enumerate(r.fields):
            last = i == len(r.fields) - 1
            table.add_row(
                r.key if i == 0 else "",
                f.name,
                _shown(f.expected),
                _shown(f.found),
                _mark(f.ok),
                end_section=last,
            )
    console.print(table)

    sources = Table(title="Per-source figures (expected / found)")
    for column in ("incident", "doc", "kind", "expected / found", ""):
        sources.add_column(column)
    for key, doc, kind, text, ok in per_source(gold["incidents"], matched):
        sources.add_row(key, doc, kind, text, _mark(ok))
    console.print(sources)

    checks = must_not_extract(gold["must_not_extract"], result, matched)
    entities = entity_groups(gold["entities"], result.documents)
    misc = Table(title="Must not extract / entity groups")
    for column in ("check", "detail", ""):
        misc.add_column(column, overflow="fold")
    for text, ok in checks:
        misc.add_row("must not extract", text, _mark(ok))
    for label, spellings, detail, ok in entities:
        misc.add_row(f"entity {label}", f"{spellings} -> {'; '.join(detail)}", _mark(ok))
    console.print(misc)

    primaries = [r for r in scored if r.primary]
    field_total = sum(len(r.fields) for r in scored)
    field_ok_count = sum(f.ok for r in scored for f in r.fields)
    found_with_figures = sum(r.figures_ok for r in scored)
    bar = {
        "every field of the primary incidents": all(r.all_ok for r in primaries),
        f"at least {MIN_FOUND_WITH_FIGURES} of {len(scored)} incidents found with figures": found_with_figures
        >= MIN_FOUND_WITH_FIGURES,
        "nothing in must_not_extract": all(ok for _, ok in checks),
        "every entity group one entity": all(ok for *_, ok in entities),
    }
    totals = Table(title="Totals")
    totals.add_column("measure")
    totals.add_column("value")
    totals.add_row("incidents found", f"{sum(r.matched is not None for r in scored)}/{len(scored)}")
    totals.add_row("found with killed and wounded right", f"{found_with_figures}/{len(scored)}")
    totals.add_row("fields right", f"{field_ok_count}/{field_total}")
    totals.add_row("incidents extracted", str(len(result.incidents)))
    totals.add_row("entity groups one entity", f"{sum(ok for *_, ok in entities)}/{len(entities)}")
    for name, ok in bar.items():
        totals.add_row(f"bar: {name}", _mark(ok))
    console.print(totals)
    return all(bar.values())


def main() -> int:
    gold_path = Path(os.environ.get("VIGIL_GOLD") or SEED_INCIDENTS)
    console = Console(width=160)
    return 0 if report(gold_path, console) else 1


if __name__ == "__main__":
    sys.exit(main())
