"""The attack-type table is the one home of each type: every part of a type is there, and every
reader agrees with it."""

from __future__ import annotations

from typing import get_args

from services.extraction.events.lexicon import SUBTYPE_CUES, TYPE_CUES
from services.schema import EventType
from services.taxonomy import ATTACK_TYPES, BY_NAME, GTD_ORDER, types_compatible


def test_the_schema_vocabulary_is_the_table() -> None:
    assert get_args(EventType) == GTD_ORDER == tuple(t.name for t in ATTACK_TYPES)


def test_every_type_but_unknown_has_cues_and_every_cue_a_type() -> None:
    cued = {name for name, _ in TYPE_CUES}
    assert cued == set(GTD_ORDER) - {"unknown"}
    assert all(cues for _, cues in TYPE_CUES)


def test_every_attack_type_maps_to_gtd_and_muc4() -> None:
    for attack_type in ATTACK_TYPES:
        not_an_attack = attack_type.name == "armed_clash"
        assert (attack_type.gtd is None) == not_an_attack, attack_type.name
        assert (attack_type.muc is None) == not_an_attack, attack_type.name


def test_compatibility_is_symmetric_and_names_known_types() -> None:
    for attack_type in ATTACK_TYPES:
        for other in attack_type.also:
            assert other in BY_NAME, other
            assert attack_type.name in BY_NAME[other].also, (attack_type.name, other)
    assert types_compatible("bombing", "unknown") and not types_compatible("bombing", "kidnapping")


def test_subtypes_have_cues() -> None:
    assert all(cues for _, cues in SUBTYPE_CUES)
    assert len({name for name, _ in SUBTYPE_CUES}) == len(SUBTYPE_CUES)
