"""Text in one case is re-cased before tagging, so names are found in wire copy and lower-cased posts."""

from __future__ import annotations

import pytest

from services.extraction.case import for_tagging, one_case, restore_case
from services.pipeline.extract import extract
from services.schema import Document

MIXED = "Gunmen from the ELN blew up a section of an oil pipeline near Saravena, Colombia, police said."


def test_mixed_case_text_is_left_alone() -> None:
    assert not one_case(MIXED)
    assert for_tagging(MIXED) == MIXED


@pytest.mark.parametrize("text", [MIXED.upper(), MIXED.lower()])
def test_one_case_text_is_recased_in_place(text: str) -> None:
    restored = restore_case(text)
    assert one_case(text)
    assert len(restored) == len(text) and restored.lower() == text.lower()
    assert restored.startswith("Gunmen from the ELN blew up a section of an oil pipeline")
    assert "Colombia" in restored and "Saravena" in restored and "police said" in restored


@pytest.mark.parametrize(
    "text",
    [
        "TWO GUNMEN SHOT DEAD A JUDGE OUTSIDE HIS HOME IN THE CITY OF CALI, COLOMBIA, ON MONDAY.",
        "two gunmen shot dead a judge outside his home in the city of cali, colombia, on monday.",
    ],
)
def test_an_event_in_one_case_text_is_placed_and_typed(text: str) -> None:
    events = extract([Document(id="w", text=text, published="2022-03-09")]).documents[0].events
    assert events
    event = events[0]
    assert event.event_type == "assassination"
    assert event.location.country_code == "CO"
    assert event.date == "2022-03-07"


def test_ordinary_words_in_wire_copy_are_not_places() -> None:
    text = (
        "THE GARRISON COMMANDER SAID JUSTICE WOULD BE DONE AFTER GUERRILLAS ATTACKED A CAR NEAR THE NORTHERN "
        "TOWN OF SARAVENA IN ARAUCA, COLOMBIA, KILLING TWO SOLDIERS."
    )
    event = extract([Document(id="w", text=text)]).documents[0].events[0]
    assert event.location.country_code == "CO"


def test_the_tables_are_cut_once_into_a_small_cache_file(tmp_path) -> None:
    import gzip
    import json
    import subprocess
    import sys

    cache = tmp_path / "case.json.gz"
    subprocess.run([sys.executable, "-m", "services.extraction.case", str(cache)], check=True)
    with gzip.open(cache, "rt") as f:
        built = json.load(f)
    lower, upper = set(built["lower"]), set(built["upper"])
    assert {"the", "attack", "police"} <= lower and "colombia" not in lower
    assert {"nato", "fmln"} <= upper
    assert cache.stat().st_size < 2_000_000
