"""Entities of tagged documents: one entity per real-world thing, across a batch."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from services.extraction.entities import DocumentEntities, analyse_entities, collect_entities
from services.schema import Entity
from tests.gold import SEED_INCIDENTS

ROOT = Path(__file__).resolve().parent.parent
GOLD = SEED_INCIDENTS


def _analyse(
    nlp: Language, texts: list[str], published: list[date | None] | None = None
) -> list[DocumentEntities]:
    return analyse_entities(list(nlp.pipe(texts)), published)


def _holding(entities: list[Entity], label: str, surface: str) -> set[str]:
    return {
        e.canonical
        for e in entities
        if e.label == label and (surface in e.mentions or surface == e.canonical)
    }


@pytest.fixture(scope="module")
def seed_results(nlp: Language) -> list[DocumentEntities]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return _analyse(nlp, texts)


def _gold_groups() -> list[tuple[str, list[str]]]:
    groups = json.loads(GOLD.read_text(encoding="utf-8"))["entities"]
    return [(label, group) for label, lists in groups.items() if label != "about" for group in lists]


@pytest.mark.skipif(not GOLD.exists(), reason="gold file not beside the repository")
@pytest.mark.parametrize(("label", "group"), _gold_groups())
def test_every_gold_group_is_one_entity(
    seed_results: list[DocumentEntities], label: str, group: list[str]
) -> None:
    canonicals = set()
    for result in seed_results:
        for surface in group:
            canonicals |= _holding(result.entities, label, surface)
    assert len(canonicals) == 1, (group, canonicals)


@pytest.mark.skipif(not GOLD.exists(), reason="gold file not beside the repository")
def test_gold_groups_are_distinct_entities(seed_results: list[DocumentEntities]) -> None:
    owners: dict[tuple[str, str], int] = {}
    for index, (label, group) in enumerate(_gold_groups()):
        for result in seed_results:
            for surface in group:
                for canonical in _holding(result.entities, label, surface):
                    assert owners.setdefault((label, canonical), index) == index, (group, canonical)


def test_seed_documents_learn_dates_countries_and_actors(seed_results: list[DocumentEntities]) -> None:
    first, last = seed_results[0], seed_results[-1]
    assert first.published == date(2022, 9, 7) and last.published == date(2022, 12, 5)
    assert seed_results[1].published is None
    assert all(result.countries[0] == "AF" for result in seed_results)
    assert {m.actor.root for m in first.actors} == {"Islamic State", "Taliban"}
    assert "2022-12-02" in {d.value for d in last.dates.values()}
    assert any(loc.admin1 == "Kunduz" and loc.precision == "admin1" for loc in last.places.values())


def test_reports_from_elsewhere(nlp: Language) -> None:
    texts = [
        "Nigerian troops killed 12 Boko Haram fighters near Maiduguri, Borno State, on Tuesday, army "
        "spokesman Onyema Nwachukwu said. Nwachukwu added that ISWAP fighters fled toward Lake Chad.",
        "Gunmen from the Jalisco New Generation Cartel (CJNG) attacked a police convoy in Michoacán on "
        "Monday, killing 13 officers, Governor Silvano Aureoles said. The CJNG later posted a video.",
        "Al-Shabaab militants stormed a hotel in Mogadishu, Somalia, on Friday. The Somali government said "
        "Al Shabaab fighters held hostages. AFP and Reuters reported the siege, and the UN condemned it. "
        "President Hassan Sheikh Mohamud vowed revenge.",
    ]
    results = _analyse(nlp, texts, [date(2021, 3, 4), date(2021, 12, 14), date(2022, 8, 21)])
    nigeria, mexico, somalia = (r.entities for r in results)

    assert _holding(nigeria, "PERSON", "Nwachukwu") == {"Onyema Nwachukwu"}
    assert _holding(nigeria, "ORG", "Boko Haram") == {"Boko Haram"}
    assert _holding(nigeria, "ORG", "ISWAP") == {"Islamic State"}
    assert _holding(nigeria, "GPE", "Maiduguri") == {"Maiduguri"}
    assert _holding(nigeria, "DATE", "Tuesday") == {"2021-03-02"}
    assert results[0].countries[0] == "NG"

    cartel = _holding(mexico, "ORG", "CJNG")
    assert (
        cartel
        == _holding(mexico, "ORG", "Jalisco New Generation Cartel")
        == {"Jalisco New Generation Cartel"}
    )
    assert next(e for e in mexico if e.canonical == "Jalisco New Generation Cartel").count == 3
    assert _holding(mexico, "PERSON", "Silvano Aureoles") == {"Silvano Aureoles"}
    assert results[1].countries[0] == "MX"

    assert _holding(somalia, "ORG", "Al Shabaab") == _holding(somalia, "ORG", "Al-Shabaab") == {"al-Shabaab"}
    assert _holding(somalia, "ORG", "UN") == {"United Nations"}
    assert _holding(somalia, "GPE", "Mogadishu") == {"Mogadishu"}
    assert _holding(somalia, "DATE", "Friday") == {"2022-08-19"}
    assert _holding(somalia, "PERSON", "Hassan Sheikh Mohamud") == {"Hassan Sheikh Mohamud"}


def test_split_and_mislabelled_names_are_repaired(nlp: Language) -> None:
    texts = [
        "A bomb hit a mosque in the city of Mazar-i-Sharif. Researcher Fadl Al-Qaher Qazi said so.",
        "Foreign Minister Sergey Lavrov spoke with Amir Khan Muttaqi. Muttaqi assured Lavrov of security.",
    ]
    first, second = (r.entities for r in _analyse(nlp, texts))
    assert _holding(first, "GPE", "Mazar-i-Sharif") == {"Mazar-i-Sharif"}
    assert _holding(first, "PERSON", "Fadl Al-Qaher Qazi") == {"Fadl Al-Qaher Qazi"}
    muttaqi = [e for e in second if e.canonical == "Amir Khan Muttaqi"]
    assert len(muttaqi) == 1 and muttaqi[0].label == "PERSON" and muttaqi[0].count >= 2
    assert [e.label for e in second if e.canonical == "Sergey Lavrov"] == ["PERSON"]


def test_junk_is_kept_out(nlp: Language) -> None:
    [entities] = collect_entities(
        list(
            nlp.pipe(
                ["The blast at 10:50 am (620 GMT) went unclaimed, pro-Taliban clerics said for two days."]
            )
        )
    )
    assert not [e for e in entities if e.canonical in {"GMT", "pro-Taliban", "Taliban"}]
    [embassy] = collect_entities([nlp("An explosion hit the Russian Embassy in Kabul.")])
    assert [e.canonical for e in embassy if e.label == "GPE"] == ["Kabul"]
    assert not [e for e in entities if e.label == "DATE"]


def test_empty_batch_and_empty_document(nlp: Language) -> None:
    assert collect_entities([]) == []
    assert collect_entities([nlp("")]) == [[]]
