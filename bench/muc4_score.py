"""The MUC-4 template metric (Du, Rush and Cardie 2021, "GTT"), as SOURCE.md of the corpus states it.

Within a document, predicted templates are aligned one-to-one with gold templates so that the
number of matched fillers is largest; a pair whose incident types differ cannot align. The incident
type is one slot of its own. A predicted filler is right when its normalised text equals one of the
mentions of a gold entity of that slot, and each gold entity is found at most once. Counts are
micro-averaged over slots and documents; unaligned predicted templates count every filler as a false
positive, unaligned gold templates every entity as a miss.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
SLOTS = ("incident_type", *ROLES)
ARTICLES = {"a", "an", "the"}
PUNCTUATION_RE = re.compile(r"[^\w\s]")

GoldEntity = list[str]  # the normalised mentions of one entity


def normalise(text: str) -> str:
    """Lower case, punctuation and the articles dropped, spaces collapsed."""
    words = PUNCTUATION_RE.sub(" ", text.lower()).split()
    return " ".join(w for w in words if w not in ARTICLES)


@dataclass(frozen=True)
class Template:
    incident_type: str
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Counts:
    """True positives, predicted and gold fillers of one slot."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_template(raw: dict) -> tuple[str, dict[str, list[GoldEntity]]]:
    """A corpus template as its type and, per role, its entities' normalised mentions."""
    roles = {role: [[normalise(text) for text, _ in entity] for entity in raw[role]] for role in ROLES}
    return raw["incident_type"], roles


def _matches(predicted: Sequence[str], gold: list[GoldEntity]) -> int:
    """Gold entities found by distinct predicted fillers (a small bipartite matching)."""
    fillers = list(dict.fromkeys(normalise(p) for p in predicted if normalise(p)))
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j, mentions in enumerate(gold):
            if j in seen or fillers[i] not in mentions:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(assign(i, set()) for i in range(len(fillers)))


def _fillers(template: Template, role: str) -> list[str]:
    return list(dict.fromkeys(n for p in template.roles.get(role, ()) if (n := normalise(p))))


def _pair_counts(predicted: Template | None, gold: tuple[str, dict] | None) -> dict[str, Counts]:
    counts = {slot: Counts() for slot in SLOTS}
    if predicted is not None:
        counts["incident_type"].predicted = 1
        for role in ROLES:
            counts[role].predicted = len(_fillers(predicted, role))
    if gold is not None:
        counts["incident_type"].gold = 1
        for role in ROLES:
            counts[role].gold = len(gold[1][role])
    if predicted is not None and gold is not None:
        counts["incident_type"].tp = 1
        for role in ROLES:
            counts[role].tp = _matches(_fillers(predicted, role), gold[1][role])
    return counts


def score_document(predicted: Sequence[Template], gold: Sequence[tuple[str, dict]]) -> dict[str, Counts]:
    """Per-slot counts of one document under the best one-to-one alignment (by total matches)."""
    pairs = {
        (i, j): _pair_counts(p, g)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if p.incident_type == g[0]
    }
    best: dict[int, tuple[int, tuple[tuple[int, int], ...]]] = {0: (0, ())}
    for i in range(len(predicted)):
        grown = dict(best)
        for used, (total, chosen) in best.items():
            for j in range(len(gold)):
                if used & (1 << j) or (i, j) not in pairs:
                    continue
                gain = sum(c.tp for c in pairs[i, j].values())
                key = used | (1 << j)
                if key not in grown or grown[key][0] < total + gain:
                    grown[key] = (total + gain, (*chosen, (i, j)))
        best = grown
    _, chosen = max(best.values(), key=lambda v: v[0])
    totals = {slot: Counts() for slot in SLOTS}
    aligned_p, aligned_g = {i for i, _ in chosen}, {j for _, j in chosen}
    parts = [pairs[pair] for pair in chosen]
    parts += [_pair_counts(p, None) for i, p in enumerate(predicted) if i not in aligned_p]
    parts += [_pair_counts(None, g) for j, g in enumerate(gold) if j not in aligned_g]
    for part in parts:
        for slot in SLOTS:
            totals[slot].add(part[slot])
    return totals
