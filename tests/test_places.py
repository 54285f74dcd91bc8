"""Places resolved to country, admin1, city and coordinates; unknown places left as written."""

from __future__ import annotations

import pytest
from spacy.language import Language

from services.extraction.places import (
    countries_in,
    country_code_of,
    country_location,
    country_mentions,
    is_known_place,
    rank_countries,
    resolve_place,
)


@pytest.mark.parametrize(
    ("name", "preferred", "country_code", "admin1", "city", "precision"),
    [
        ("Kabul", (), "AF", "Kabul", "Kabul", "city"),
        ("Herat", ("AF",), "AF", "Herat", "Herat", "city"),
        ("Mazar-i-Sharif", ("AF",), "AF", "Balkh", "Mazar-i-Sharif", "city"),
        ("Imam Sahib", ("AF",), "AF", "Kunduz", "Imam Sahib", "city"),
        ("Kunduz Province", ("AF",), "AF", "Kunduz", None, "admin1"),
        ("Helmand", ("AF",), "AF", "Helmand", None, "admin1"),
        ("the Afghan capital", (), "AF", "Kabul", "Kabul", "city"),
        ("capital of Nigeria", (), "NG", "FCT", "Abuja", "city"),
        ("Afghanistan", (), "AF", None, None, "country"),
        ("Afghan", (), "AF", None, None, "country"),
        ("U.S.", (), "US", None, None, "country"),
        ("DRC", (), "CD", None, None, "country"),
        ("Burma", (), "MM", None, None, "country"),
        ("Maiduguri", ("NG",), "NG", "Borno", "Maiduguri", "city"),
        ("Borno State", ("NG",), "NG", "Borno", None, "admin1"),
        ("Borno", ("NG",), "NG", "Borno", None, "admin1"),
        ("North Kivu", ("CD",), "CD", "North Kivu", None, "admin1"),
        ("Sinaloa", ("MX",), "MX", "Sinaloa", None, "admin1"),
        ("Balkh", ("AF",), "AF", "Balkh", None, "admin1"),
        ("Kaduna", ("NG",), "NG", "Kaduna", "Kaduna", "city"),
        ("Eastern Province", ("SA",), "SA", "Eastern Province", None, "admin1"),
        ("Zamfara State", ("NG",), "NG", "Zamfara", None, "admin1"),
        ("Mogadishu", (), "SO", "Banaadir", "Mogadishu", "city"),
        ("Bunia", ("CD",), "CD", "Ituri", "Bunia", "city"),
        ("Peshawar", ("PK",), "PK", "Khyber Pakhtunkhwa", "Peshawar", "city"),
        ("Quetta", ("PK",), "PK", "Balochistan", "Quetta", "city"),
        ("Culiacán", ("MX",), "MX", "Sinaloa", "Culiacán", "city"),
        ("Kiev", (), "UA", "Kyiv City", "Kiev", "city"),
        ("Kyiv", (), "UA", "Kyiv City", "Kyiv", "city"),
        ("MOGADISHU", (), "SO", "Banaadir", "Mogadishu", "city"),
        ("Port-au-Prince", (), "HT", "Ouest", "Port-au-Prince", "city"),
        ("Marawi", ("PH",), "PH", "Autonomous Region in Muslim Mindanao", "Marawi", "city"),
        ("Sukma", ("IN",), "IN", "Chhattisgarh", "Sukma", "city"),
        ("Ma'rib", ("YE",), "YE", "Ma’rib", "Ma'rib", "city"),
        # a region under one of its other names, kept in the text's spelling
        ("Wardak province", ("AF",), "AF", "Wardak", None, "admin1"),
        ("Ghor", ("AF",), "AF", "Ghor", None, "admin1"),
        ("Sweida governorate", ("SY",), "SY", "Sweida", None, "admin1"),
    ],
)
def test_resolve_place(
    name: str,
    preferred: tuple[str, ...],
    country_code: str,
    admin1: str | None,
    city: str | None,
    precision: str,
) -> None:
    location = resolve_place(name, preferred)
    assert (location.country_code, location.admin1, location.city, location.precision) == (
        country_code,
        admin1,
        city,
        precision,
    )
    assert location.country
    if precision == "city":
        assert location.lat is not None and location.lon is not None


@pytest.mark.parametrize(
    ("name", "preferred", "country_code"),
    [
        ("Tripoli", ("LB",), "LB"),
        ("Tripoli", ("LY",), "LY"),
        ("Tripoli", (), "LY"),
        ("Hyderabad", ("PK",), "PK"),
        ("Hyderabad", ("IN",), "IN"),
        ("Paris", (), "FR"),
        ("Georgia", (), "GE"),
    ],
)
def test_preferred_countries_break_ties(name: str, preferred: tuple[str, ...], country_code: str) -> None:
    assert resolve_place(name, preferred).country_code == country_code


@pytest.mark.parametrize("name", ["North Waziristan", "AIPAC", "Catatumbo", "Zzyzxville"])
def test_unknown_places_stay_as_written(name: str) -> None:
    location = resolve_place(name, ("AF",))
    assert location.name == name
    assert location.precision is None and location.lat is None and location.country_code is None


@pytest.mark.parametrize("word", ["Coast", "First", "Queens", "Forest"])
def test_a_regions_alias_of_plain_words_is_no_place(word: str) -> None:
    """Tanzania's Pwani is "Coast Region" to GeoNames; prose saying "Coast" means no region."""
    assert resolve_place(word, ("TZ", "YE", "IE")).precision != "admin1"


def test_a_part_of_a_region_is_not_the_region() -> None:
    """GeoNames codes Jenin governorate inside the West Bank; "Jenin" is the town, not the West Bank."""
    assert resolve_place("Jenin", ("PS",)).city == "Jenin"


def test_is_known_place() -> None:
    assert is_known_place("Kabul") and is_known_place("Anantnag district") and is_known_place("Nigeria")
    assert not is_known_place("Zzyzxville") and not is_known_place("")


def test_a_district_only_matches_a_town_in_the_article_countries() -> None:
    assert resolve_place("Imam Sahib district", ("AF",)).city == "Imam Sahib"
    assert resolve_place("Palma district", ("AF",)).precision is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Nigerian", "NG"),
        ("Filipino", "PH"),
        ("Syria", "SY"),
        ("Türkiye", "TR"),
        ("UK", "GB"),
        ("Swiss", "CH"),
        ("Kabul", None),
        ("banana", None),
    ],
)
def test_country_code_of(name: str, code: str | None) -> None:
    assert country_code_of(name) == code


def test_countries_in_text_counts_names_and_demonyms() -> None:
    text = (
        "Nigerian troops repelled an attack in Borno. Nigeria's army said Chadian soldiers helped. "
        "The Nigerian government thanked Chad."
    )
    assert rank_countries(country_mentions(text)) == ["NG", "TD"]
    assert rank_countries(country_mentions("nothing here")) == []


def test_country_mentions_say_where_each_name_stands() -> None:
    """A clause takes the mentions inside it, so each offset must point at its name."""
    text = "Chadian soldiers helped. Later, in South Sudan, the Nigerian army said so."
    mentions = country_mentions(text)
    assert [(text[m.offset : m.offset + 5], m.code) for m in mentions] == [
        ("Chadi", "TD"),
        ("South", "SS"),
        ("Niger", "NG"),
    ]
    assert rank_countries(m for m in mentions if m.offset > text.index("Later")) == ["SS", "NG"]


def test_countries_in_doc_counts_places(nlp: Language) -> None:
    doc = nlp("Gunmen attacked a church in Kaduna, Nigeria, on Sunday. British and Nigerian police said.")
    assert countries_in(doc)[0] == "NG"
    assert "GB" in countries_in(doc)


def test_country_location() -> None:
    location = country_location("AF")
    assert (location.country_code, location.country, location.precision) == ("AF", "Afghanistan", "country")
    assert country_location("NL").country == "Netherlands"
    assert country_location("ZZ").country is None


def test_only_preferred_refuses_towns_elsewhere() -> None:
    assert resolve_place("Palma", ("MZ",)).country_code == "MZ"  # the district of Cabo Delgado
    assert resolve_place("Palma", ("PH",), only_preferred=True).precision is None
    assert resolve_place("Spain", ("MZ",), only_preferred=True).country_code == "ES"
    assert resolve_place("Kunduz", ("AF",), only_preferred=True).city == "Kunduz"
    assert resolve_place("Palma", (), only_preferred=True).country_code == "ES"


def test_countries_in_doc_resolves_towns_toward_named_countries(nlp: Language) -> None:
    doc = nlp("Fighting continued in Palma, officials in Mozambique said. Mozambique sent troops to Palma.")
    assert countries_in(doc) == ["MZ"]  # Palma is also a district of Cabo Delgado
    doc = nlp("Gunmen attacked a police post in Kabul on Monday. US troops had left Kabul in 2021.")
    assert countries_in(doc)[0] == "AF"
