"""Score extraction on the MUC-4 development corpus (``make eval``; ``python -m bench.eval_muc4``).

Each document of ``dev.json`` (TST1+TST2, the default) or ``train.json`` goes through the same
``analyse`` as every other path; each event it yields becomes one template, mapped to MUC-4's
incident types and role slots, and ``bench.muc4_score`` scores them against the hand-coded
templates. Printed: P/R/F1 per slot and overall, document-level incident detection, and the
incident-type confusion of each document's first gold template against its primary event.

Develop on ``--split train`` (``--limit``/``--offset`` take a slice); read ``dev`` only to measure.
The corpus sits in ``../shared/corpora/muc4-dev`` beside the clone (``VIGIL_MUC4`` overrides); when
it is absent the command says so and exits 0, so ``make eval`` still runs the seed score.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from bench.muc4_score import SLOTS, Counts, Template, gold_template, score_document
from services.extraction.analyse import analyse, warm_up
from services.extraction.events.figures import PERSON_NOUNS
from services.schema import Document, EventMention
from services.taxonomy import muc_type as taxonomy_muc_type

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "muc4-dev"
BATCH = 16


def muc_type(event: EventMention) -> str | None:
    """MUC-4's incident type of an event (services/taxonomy.py), None when MUC-4 has none."""
    return taxonomy_muc_type(event.event_type, "incendiary" in event.weapon_types)


# Bodies of armed men: people, not a physical target ("the infantry brigade", "army troops").
FORCES = {"army", "troops", "brigade", "battalion", "force", "forces", "patrol", "military", "police", "unit",
          "units", "regiment", "company", "detachment", "squad"}  # fmt: skip


def _people(name: str) -> bool:
    """MUC-4's Target slot holds physical targets; people (and bodies of armed men) go to Victim."""
    head = name.lower().split()[-1]
    return (
        head in PERSON_NOUNS
        or head.removesuffix("s") in PERSON_NOUNS
        or head.endswith("men")
        or head in FORCES
    )


def as_template(event: EventMention) -> Template:
    """One event as a MUC-4 template: its type and the text of each role's fillers."""
    organisation = event.perpetrator and (event.perpetrator.mentions or [event.perpetrator.name])[0]
    roles = {
        "PerpInd": tuple(event.attackers),
        "PerpOrg": (organisation,) if organisation else (),
        "Target": (event.target.name,) if event.target.name and not _people(event.target.name) else (),
        "Victim": tuple(v.name for v in event.victims),
        "Weapon": tuple(event.weapons),
    }
    return Template(muc_type(event) or "attack", roles)


def read_corpus(path: Path, offset: int, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return rows[offset : offset + limit if limit else None]


def predict(rows: Sequence[dict]) -> Iterable[tuple[dict, list[EventMention]]]:
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        documents = [Document(id=row["docid"], text=row["doctext"]) for row in batch]
        for row, document in zip(batch, analyse(documents), strict=True):
            yield row, [e for e in document.events if muc_type(e) is not None]


def _line(name: str, c: Counts) -> str:
    figures = f"{c.precision * 100:6.1f} {c.recall * 100:6.1f} {c.f1 * 100:6.1f}"
    return f"{name:<14} {figures}   {c.tp:5} {c.predicted:5} {c.gold:5}"


def evaluate(rows: Sequence[dict], out=sys.stdout) -> dict[str, float]:
    """Score and print; returns the headline figures."""
    slots = {slot: Counts() for slot in SLOTS}
    detection = Counts()
    confusion: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    for row, events in predict(rows):
        gold = [gold_template(t) for t in row["templates"]]
        predicted = [as_template(e) for e in events]
        for slot, counts in score_document(predicted, gold).items():
            slots[slot].add(counts)
        detection.add(
            Counts(tp=int(bool(gold) and bool(events)), predicted=int(bool(events)), gold=int(bool(gold)))
        )
        main = next((e for e in events if e.primary), events[0] if events else None)
        primary = (muc_type(main) or "none") if main else "none"
        confusion[(gold[0][0] if gold else "none", primary)] += 1
    elapsed = time.perf_counter() - started
    overall = Counts()
    for counts in slots.values():
        overall.add(counts)
    print(f"MUC-4 template F1 over {len(rows)} documents ({elapsed:.0f} s)", file=out)
    print(f"{'slot':<14} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>5} {'pred':>5} {'gold':>5}", file=out)
    for slot in SLOTS:
        print(_line(slot, slots[slot]), file=out)
    print(_line("overall", overall), file=out)
    print(_line("detection", detection) + "   (documents with an incident)", file=out)
    print("\nincident type: first gold template (rows) x primary event (columns)", file=out)
    kinds = sorted({k for pair in confusion for k in pair})
    print(f"{'':<22}" + "".join(f"{k[:10]:>11}" for k in kinds), file=out)
    for gold_kind in kinds:
        print(f"{gold_kind:<22}" + "".join(f"{confusion[gold_kind, k]:>11}" for k in kinds), file=out)
    figures = {slot: slots[slot].f1 for slot in SLOTS}
    figures |= {"overall_f1": overall.f1, "overall_p": overall.precision, "overall_r": overall.recall}
    return figures | {"detection_f1": detection.f1}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_muc4", description=__doc__)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    path = Path(os.environ.get("VIGIL_MUC4", DEFAULT_CORPUS)) / f"{args.split}.json"
    if not path.is_file():
        print(f"MUC-4 corpus not found at {path}: skipped (set VIGIL_MUC4 to its folder)")
        return 0
    warm_up()
    evaluate(read_corpus(path, args.offset, args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
