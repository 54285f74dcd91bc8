"""No word sits in two lists of the lexicon that contradict each other."""

from __future__ import annotations

import pytest

from services.extraction.events import lexicon as lx

TRIGGERS = set(lx.ATTACK_NOUNS) | set(lx.ATTACK_VERBS) | set(lx.KILL_VERBS)


@pytest.mark.parametrize(
    ("name", "words", "other_name", "other"),
    [
        ("NON_VIOLENT_CAUSES", set(lx.NON_VIOLENT_CAUSES), "triggers", TRIGGERS),
        ("NOT_REAL_CUES", set(lx.NOT_REAL_CUES), "triggers", TRIGGERS),
        ("SPORT_TERMS", set(lx.SPORT_TERMS), "triggers", TRIGGERS),
        ("ATTACKER_NOUNS", set(lx.ATTACKER_NOUNS), "RESPONDERS", set(lx.RESPONDERS)),
        ("CLAIM_PHRASES", set(lx.CLAIM_PHRASES), "NO_CLAIM_PHRASES", set(lx.NO_CLAIM_PHRASES)),
        ("CLAIM_PHRASES", set(lx.CLAIM_PHRASES), "ATTRIBUTION_PHRASES", set(lx.ATTRIBUTION_PHRASES)),
        ("PERPETRATOR_HEADS", set(lx.PERPETRATOR_HEADS), "RESPONDERS", set(lx.RESPONDERS)),
        ("INTENT_VERBS", set(lx.INTENT_VERBS), "triggers", TRIGGERS),
        ("TREND_VERBS", set(lx.TREND_VERBS), "triggers", TRIGGERS),
    ],
)
def test_contradicting_lists_share_no_word(name: str, words: set, other_name: str, other: set) -> None:
    assert not words & other, f"{sorted(words & other)} in both {name} and {other_name}"


def test_noun_only_vetoes_are_the_causes_that_are_also_attack_verbs() -> None:
    assert set(lx.NON_VIOLENT_NOUN_ONLY) <= TRIGGERS
    assert not set(lx.NON_VIOLENT_NOUN_ONLY) & set(lx.NON_VIOLENT_CAUSES)


def test_every_list_is_lower_case() -> None:
    lists = [lx.NON_VIOLENT_CAUSES, lx.FIGURATIVE_PHRASES, lx.NOT_REAL_CUES, lx.SPORT_TERMS, lx.WEAPON_HEADS,
             lx.PERPETRATOR_HEADS, lx.PROMINENT_ROLES, lx.ATTEMPT_CUES, TRIGGERS]  # fmt: skip
    assert all(word == word.lower() for words in lists for word in words)
