"""``vigil actors`` lists the armed groups a perpetrator filter understands (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

VIGIL = Path(sys.executable).with_name("vigil")


def _actors(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VIGIL), "actors", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_a_search_lists_the_groups_with_their_parent_and_spellings() -> None:
    done = _actors("--search", "iswap")
    assert done.returncode == 0, done.stderr
    assert "Islamic State West Africa Province" in done.stdout and "Islamic State" in done.stdout


def test_a_search_that_finds_nothing_exits_1() -> None:
    done = _actors("--search", "no such group anywhere")
    assert done.returncode == 1 and "0 armed groups" in done.stdout
