"""The hand-annotated gold for the seed articles, copied from ``../shared/gold`` (where the
contract lives) so that a clone on its own can run the tests and ``make eval``;
``tests/test_gold_copy.py`` fails when the copy and the shared original differ."""

from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent
SEED_INCIDENTS = GOLD_DIR / "seed_incidents.json"
SHARED_GOLD_DIR = GOLD_DIR.parents[2] / "shared" / "gold"
