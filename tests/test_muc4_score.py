"""The MUC-4 template metric of bench.muc4_score on small hand-worked cases."""

from __future__ import annotations

from bench.muc4_score import Template, gold_template, normalise, score_document


def _gold(kind: str, **roles: list[list[str]]) -> tuple[str, dict]:
    raw = {"incident_type": kind, "PerpInd": [], "PerpOrg": [], "Target": [], "Victim": [], "Weapon": []}
    raw |= {role: [[(m, 0) for m in entity] for entity in entities] for role, entities in roles.items()}
    return gold_template(raw)


def test_normalise_drops_articles_punctuation_and_case() -> None:
    assert normalise('The  "Santo Tomas" farm.') == "santo tomas farm"
    assert normalise("an F.M.L.N. unit") == "f m l n unit"


def test_a_filler_matching_any_mention_of_an_entity_counts_once() -> None:
    gold = [_gold("bombing", PerpOrg=[["fmln", "farabundo marti national liberation front"]])]
    one = score_document(
        [Template("bombing", {"PerpOrg": ("the Farabundo Marti National Liberation Front",)})], gold
    )
    assert (one["PerpOrg"].tp, one["PerpOrg"].predicted, one["PerpOrg"].gold) == (1, 1, 1)
    assert one["incident_type"].tp == 1
    both = score_document(
        [Template("bombing", {"PerpOrg": ("FMLN", "Farabundo Marti National Liberation Front")})], gold
    )
    assert (both["PerpOrg"].tp, both["PerpOrg"].predicted) == (1, 2)


def test_templates_of_different_types_never_align() -> None:
    gold = [_gold("kidnapping", Victim=[["mayor"]])]
    counts = score_document([Template("attack", {"Victim": ("mayor",)})], gold)
    assert counts["Victim"].tp == 0 and counts["Victim"].predicted == 1 and counts["Victim"].gold == 1
    assert counts["incident_type"].tp == 0
    assert counts["incident_type"].predicted == 1 and counts["incident_type"].gold == 1


def test_alignment_picks_the_pairing_with_most_matches() -> None:
    gold = [
        _gold("attack", Target=[["bridge"]]),
        _gold("attack", Target=[["power line"]], Weapon=[["dynamite"]]),
    ]
    predicted = [Template("attack", {"Target": ("power line",), "Weapon": ("dynamite",)}), Template("attack")]
    counts = score_document(predicted, gold)
    assert counts["Target"].tp == 1 and counts["Weapon"].tp == 1
    assert counts["incident_type"].tp == 2
    assert counts["Target"].gold == 2


def test_a_document_without_templates_counts_predictions_as_false() -> None:
    counts = score_document([Template("bombing", {"Weapon": ("bomb",)})], [])
    assert counts["incident_type"].predicted == 1 and counts["Weapon"].predicted == 1
    assert all(c.tp == 0 and c.gold == 0 for c in counts.values())
