"""The gold copied into ``tests/gold`` is the shared contract, byte for byte."""

from __future__ import annotations

import pytest

from tests.gold import GOLD_DIR, SHARED_GOLD_DIR


@pytest.mark.parametrize("name", ["SCHEMA.md", "seed_incidents.json"])
def test_the_copy_matches_the_shared_gold(name: str) -> None:
    shared = SHARED_GOLD_DIR / name
    if not shared.exists():
        pytest.skip(f"{shared} is not beside this clone")
    assert (GOLD_DIR / name).read_bytes() == shared.read_bytes()
