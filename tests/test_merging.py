"""Merging rules: pure functions over contract models, no tagger and no database."""

from __future__ import annotations

import random
from datetime import date

from services.merging import (
    add_source,
    agreement,
    blocking_window,
    can_merge,
    date_span,
    dates_compatible,
    merge_documents,
    month_day,
    places_compatible,
    same_incident,
    summarise_figures,
    summary_line,
    targets_compatible,
)
from services.schema import Document, EventMention, Figure, Location, Perpetrator, Target

KABUL = Location(country_code="AF", country="Afghanistan", admin1="Kabul", city="Kabul", lat=34.53, lon=69.17,
                 precision="city")  # fmt: skip
HERAT = Location(country_code="AF", country="Afghanistan", admin1="Herat", city="Herat", lat=34.35, lon=62.2,
                 precision="city")  # fmt: skip
AFGHANISTAN = Location(country_code="AF", country="Afghanistan", precision="country")


def mention(**fields: object) -> EventMention:
    base: dict[str, object] = {
        "event_type": "bombing",
        "date": "2022-09-05",
        "date_precision": "day",
        "location": KABUL,
        "target": Target(type="diplomatic", name="Russian embassy"),
        "killed": Figure.exact(6),
        "evidence": "A suicide bomber struck near the Russian embassy in Kabul.",
    }
    return EventMention.model_validate(base | fields)


def test_date_spans_cover_their_precision() -> None:
    assert date_span("2022-09-05") == (date(2022, 9, 5), date(2022, 9, 5))
    assert date_span("2022-02") == (date(2022, 2, 1), date(2022, 2, 28))
    assert date_span("2021") == (date(2021, 1, 1), date(2021, 12, 31))
    assert date_span(None) is None


def test_dates_compatible_with_tolerance_and_precision() -> None:
    assert dates_compatible(mention(), mention(date="2022-09-06"))
    assert not dates_compatible(mention(), mention(date="2022-09-12"))
    assert dates_compatible(mention(), mention(date="2022-09", date_precision="month"))
    assert not dates_compatible(mention(), mention(date="2022-05", date_precision="month"))
    assert dates_compatible(mention(), mention(date=None, date_precision=None))


def test_a_month_and_day_without_year_still_rule_out_other_months() -> None:
    assert month_day("after the suicide bombing of August 11") == (8, 11)
    assert month_day("5 September") == (9, 5)
    assert month_day("on Friday") is None
    undated = mention(date=None, date_precision=None, date_text="August 11")
    assert not dates_compatible(undated, mention(date="2022-05", date_precision="month"))
    assert dates_compatible(undated, mention(date="2022-08-11"))


def test_places_contradict_by_country_region_or_city() -> None:
    assert places_compatible(KABUL, AFGHANISTAN)
    assert not places_compatible(KABUL, HERAT)
    assert not places_compatible(KABUL, Location(country_code="PK", precision="country"))
    written = Location(country_code="AF", city="Kabul", precision="city")
    assert places_compatible(KABUL, written)


def test_targets_differ_by_kind_or_by_named_owner() -> None:
    russian, pakistani = (
        Target(type="diplomatic", name="Russian embassy"),
        Target(type="diplomatic", name="Pakistani embassy"),
    )
    assert not targets_compatible(russian, pakistani)
    assert targets_compatible(russian, Target(type="diplomatic", name="diplomatic mission"))
    assert targets_compatible(Target(type="religious"), Target(type="educational"))
    assert not targets_compatible(Target(type="religious"), russian)
    assert targets_compatible(Target(type="private_citizens"), russian)


def test_same_incident_needs_no_contradiction_and_positive_agreement() -> None:
    vague = mention(date=None, date_precision=None, date_text="Monday", killed=Figure())
    assert same_incident(mention(), vague)
    assert not same_incident(mention(), mention(date="2022-12-02"))
    assert not same_incident(
        mention(), mention(location=HERAT, target=Target(type="religious", name="mosque"))
    )
    bare = mention(location=AFGHANISTAN, target=Target(), event_type="unknown", killed=Figure(), date=None,
                   date_precision=None)  # fmt: skip
    assert not same_incident(bare, bare.model_copy())
    other_group = mention(perpetrator=Perpetrator(name="Taliban"))
    assert not same_incident(mention(perpetrator=Perpetrator(name="Islamic State")), other_group)


def _random_mention(rng: random.Random) -> EventMention:
    precision = rng.choice(("day", "month", "year", None))
    value = {"day": "2022-09-05", "month": "2022-09", "year": "2022", None: None}[precision]
    return mention(
        event_type=rng.choice(("bombing", "armed_assault", "unknown")),
        date=value,
        date_precision=precision,
        location=rng.choice((KABUL, HERAT, AFGHANISTAN, Location(city="Kabul", country_code="AF"))),
        target=rng.choice((mention().target, Target(type="police"), Target())),
        killed=rng.choice((Figure.exact(6), Figure.exact(2), Figure())),
        perpetrator=rng.choice((None, Perpetrator(name="Taliban"), Perpetrator(name="Islamic State"))),
    )


def test_no_report_agrees_with_another_more_than_with_itself() -> None:
    rng = random.Random(5)
    pairs = [(_random_mention(rng), _random_mention(rng)) for _ in range(2000)]
    assert all(agreement(a, b) <= agreement(a, a) for a, b in pairs)
    assert any(agreement(a, b) == agreement(a, a) >= 3 for a, b in pairs if a != b)
    assert all(not same_incident(a, b) for a, b in pairs if not can_merge(a))


def test_a_year_in_a_country_with_nothing_else_can_never_merge() -> None:
    trend = mention(event_type="unknown", date="2024", date_precision="year", location=AFGHANISTAN,
                    target=Target(type="private_citizens"), killed=Figure())  # fmt: skip
    assert not can_merge(trend)
    assert can_merge(trend.model_copy(update={"killed": Figure.exact(6), "target": mention().target}))
    assert can_merge(mention())


def test_blocking_window_is_the_date_span_with_tolerance() -> None:
    assert blocking_window(mention()) == ("AF", "2022-09-03", "2022-09-07")
    assert blocking_window(mention(date="2022-09", date_precision="month")) == (
        "AF",
        "2022-08-30",
        "2022-10-02",
    )
    undated = mention(date=None, date_precision=None, primary=True)
    assert blocking_window(undated, reference="2022-09-07") == ("AF", "2022-08-05", "2022-09-09")
    assert blocking_window(undated) == ("AF", "0001-01-01", "9999-12-31")
    recalled = mention(date=None, date_precision=None, primary=False)
    assert blocking_window(recalled, reference="2022-09-07") == ("AF", "2021-09-04", "2022-09-09")


def test_incident_figures_summarise_the_sources() -> None:
    assert summarise_figures([Figure.exact(12), Figure(), Figure.exact(10)]) == Figure(
        value=10, min=10, max=12
    )
    assert summarise_figures([Figure.exact(6), Figure.exact(6), Figure.exact(2)]) == Figure(
        value=6, min=2, max=6
    )
    assert summarise_figures([Figure.exact(6), Figure(value=4, min=4)]).max is None
    assert summarise_figures([Figure(value=30, max=30)]) == Figure(value=30, min=None, max=30)
    assert summarise_figures([Figure()]) == Figure()


def test_add_source_creates_then_sharpens_and_is_idempotent() -> None:
    first = mention(date=None, date_precision=None, weapon_types=["explosives"], wounded=Figure(),
                    perpetrator=Perpetrator(name="Islamic State", mentions=["IS"]), claimed=True)  # fmt: skip
    incident = add_source(None, first, "doc-a", None)
    assert incident.id.startswith("inc_") and [s.document_id for s in incident.sources] == ["doc-a"]
    second = mention(wounded=Figure.exact(12), perpetrator=Perpetrator(name="ISKP", mentions=["IS-K"]))
    merged = add_source(incident, second, "doc-b", "https://example.org/b")
    assert merged.id == incident.id
    assert (merged.date, merged.date_precision) == ("2022-09-05", "day")
    assert merged.perpetrator is not None and merged.perpetrator.name == "Islamic State Khorasan Province"
    assert merged.claimed is True and merged.weapon_types == ["explosives"]
    assert [s.wounded.value for s in merged.sources] == [None, 12]
    again = add_source(merged, second.model_copy(update={"killed": Figure.exact(5)}), "doc-b", None)
    assert [s.document_id for s in again.sources] == ["doc-a", "doc-b"]
    assert again.killed == Figure(value=5, min=5, max=6)
    assert "Russian embassy" in again.summary and "Kabul" in again.summary


def test_summary_line_reads_type_target_place_date_toll() -> None:
    line = summary_line(mention(suicide=True, wounded=Figure(value=10, min=10, max=12)))
    assert line == (
        "suicide bombing on Russian embassy in Kabul, Afghanistan on 2022-09-05: 6 killed, 10 (10-12) wounded"
    )


def test_merge_documents_keeps_one_document_from_merging_with_itself() -> None:
    twin = mention(evidence="Another blast at the same embassy the same day.")
    documents = [
        Document(id="a", events=[mention(primary=True), twin]),
        Document(id="b", events=[mention(primary=True, killed=Figure.exact(2))]),
    ]
    incidents = merge_documents(documents)
    assert sorted(len(i.sources) for i in incidents) == [1, 2]
    assert incidents[0].primary


def test_undated_reports_are_anchored_on_their_main_event() -> None:
    dated = Document(id="a", published="2022-09-07", events=[mention(primary=True)])
    undated = Document(
        id="b",
        events=[
            mention(primary=True, date=None, date_precision=None, date_text="Monday"),
            mention(
                date=None,
                date_precision=None,
                date_text="Friday",
                location=HERAT,
                target=Target(type="religious", name="mosque"),
                killed=Figure.exact(18),
            ),
        ],
    )
    incidents = merge_documents([dated, undated])
    herat = next(i for i in incidents if i.location.city == "Herat")
    assert (herat.date, herat.date_precision) == ("2022-09-02", "day")
    assert len(next(i for i in incidents if i.primary).sources) == 2
