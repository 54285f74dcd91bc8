"""Places an analyst can map: place chains resolved together, villages the gazetteer lacks kept as
written at their division's point, namesakes abroad refused, and GTD specificity (issue 13).

The chains are written from the styles news uses, one or more per country (31 countries); the
sentence tests exercise each kind of miss through the whole extraction."""

from __future__ import annotations

import json

import pytest

from services.extraction.places import resolve_chain, resolve_place
from services.pipeline.extract import extract
from services.schema import Document, Location
from vigil.render import incidents_geojson


@pytest.mark.parametrize(
    ("names", "country", "admin1", "town"),
    [
        (["Sangin district", "Helmand province"], "AF", "Helmand", "Sangin"),
        (["Tuz Khurmatu", "Salahuddin province"], "IQ", "Salah ad Din", "Tuz Khurmatu"),
        (["Mukalla", "Hadramawt"], "YE", "Muhafazat Hadramaout", "Mukalla"),
        (["Afgoye", "Lower Shabelle region"], "SO", "Lower Shabeelle", "Afgoye"),
        (["Gwoza", "Borno State"], "NG", "Borno", "Gwoza"),
        (["Djibo", "Soum province"], "BF", "Sahel", "Djibo"),
        (["Ayorou", "Tillaberi region"], "NE", "Tillabéri", "Ayorou"),
        (["Beni", "North Kivu province"], "CD", "Nord Kivu", "Beni"),
        (["Bunia", "Ituri"], "CD", "Ituri", "Bunia"),
        (["Mocimboa da Praia", "Cabo Delgado"], "MZ", "Cabo Delgado", "Mocimboa da Praia"),
        (["Mpeketoni", "Lamu county"], "KE", "Lamu", "Mpeketoni"),
        (["Gimbi", "Oromia region"], "ET", "Oromiya", "Gimbi"),
        (["El Geneina", "West Darfur"], "SD", "Western Darfur", "El Geneina"),
        (["Tame", "Arauca department"], "CO", "Arauca", "Tame"),
        (["Aguililla", "Michoacan"], "MX", "Michoacán", "Aguililla"),
        (["Pichari", "Cusco region"], "PE", "Cuzco", "Pichari"),
        (["Marawi", "Lanao del Sur"], "PH", "Autonomous Region in Muslim Mindanao", "Marawi"),
        (["Tak Bai", "Narathiwat province"], "TH", "Narathiwat", "Tak Bai"),
        (["Myawaddy", "Kayin State"], "MM", "Kayin", "Myawaddy"),
        (["Cizre", "Sirnak province"], "TR", "Şırnak", "Cizre"),
        (["Kramatorsk", "Donetsk region"], "UA", "Donetsk", "Kramatorsk"),
        (["Sopore", "Baramulla district", "Jammu and Kashmir"], "IN", "Jammu and Kashmir", "Sopore"),
        (["Pulwama", "Kashmir"], "IN", "Jammu and Kashmir", "Pulwama"),
        (["Poso", "Central Sulawesi"], "ID", "Central Sulawesi", "Poso"),
        (["Omagh", "County Tyrone"], "GB", "Northern Ireland", "Omagh"),
        (["Hermel", "Baalbek-Hermel"], "LB", "Baalbek-Hermel", "Hermel"),
        (["Jenin", "West Bank"], "PS", "West Bank", "Jenin"),
        (["Kidal", "northern Mali"], "ML", "Kidal", "Kidal"),
        (["Dhamar", "Yemen"], "YE", "Dhamār", "Dhamar"),
        (["Quetta", "Balochistan"], "PK", "Balochistan", "Quetta"),
        (["Atlanta", "Georgia"], "US", "Georgia", "Atlanta"),
        (["Tbilisi", "Georgia"], "GE", None, "Tbilisi"),
        (["Saravena", "Arauca"], "CO", "Arauca", "Saravena"),
        (["Aybak", "Samangan province"], "AF", "Samangan", "Aybak"),
        (["Hit", "Anbar province"], "IQ", "Al Anbar", "Hit"),  # the article kept or dropped
        (["Raqqa", "Raqqa governorate"], "SY", "Ar-Raqqah", "Raqqa"),
    ],
)
def test_a_chain_resolves_the_smallest_place_inside_the_larger(
    names: list[str], country: str, admin1: str | None, town: str
) -> None:
    location = resolve_chain(names)
    assert (location.country_code, location.city) == (country, town)
    assert location.admin1 == admin1
    assert location.lat is not None and location.precision == "city"


@pytest.mark.parametrize(
    ("names", "country", "admin1", "village"),
    [
        (["Mir Ali", "North Waziristan"], "PK", "Khyber Pakhtunkhwa", "Mir Ali"),
        (["Maarat al-Numan", "Idlib province"], "SY", "Idlib", "Maarat al-Numan"),
        (["Boni", "Mopti region"], "ML", "Mopti", "Boni"),
        (["Kolofata", "Far North region", "Cameroon"], "CM", "Far North", "Kolofata"),
        (["Sheikh Zuweid", "North Sinai"], "EG", "North Sinai", "Sheikh Zuweid"),
        (["Deh Bala village", "Nangarhar province"], "AF", "Nangarhar", "Deh Bala"),
        (["Qaraqosh town", "Nineveh"], "IQ", "Nineveh", "Qaraqosh"),
        (["Kanyabayonga", "North Kivu"], "CD", "Nord Kivu", "Kanyabayonga"),
    ],
)
def test_a_village_the_gazetteer_lacks_is_kept_at_its_division_point(
    names: list[str], country: str, admin1: str, village: str
) -> None:
    location = resolve_chain(names)
    assert (location.country_code, location.admin1, location.city) == (country, admin1, village)
    assert location.specificity in (1, 2)
    if location.specificity == 2:
        assert location.lat is not None and location.town_point is None


@pytest.mark.parametrize(
    ("text", "country", "town"),
    [
        (
            "Gunmen torched a dozen huts in Kalagbe village under Bassa district of Plateau state, Nigeria, "
            "on Sunday.",
            "NG",
            "Kalagbe",
        ),
        (
            "A shopkeeper was shot dead in Dogripora village of Pulwama district on Friday, police said.",
            "IN",
            "Dogripora",
        ),
        (
            "Insurgents beheaded two men in a raid on Nkonga village in Macomia district, Cabo Delgado, "
            "Mozambique.",
            "MZ",
            "Nkonga",
        ),
        (
            "Separatists kidnapped a headmaster in Kumba, the main town of the South-West region of "
            "Cameroon, on Monday.",
            "CM",
            "Kumba",
        ),
        (
            "Gunmen stormed the offices of a charity in Maiduguri, Borno state, Nigeria, killing two guards.",
            "NG",
            "Maiduguri",
        ),
    ],
)
def test_a_village_named_with_its_kind_or_a_town_with_its_description(
    text: str, country: str, town: str
) -> None:
    """ "X village under/of/in Y district", "the attack on X village", "X, the main town of the Y
    region" and "the offices of Z in X" place the event in X."""
    [event] = extract([Document(id="v", text=text, published="2024-05-01")]).documents[0].events
    assert (event.location.country_code, event.location.city) == (country, town)


def test_a_chain_is_never_read_as_a_namesake_abroad() -> None:
    """ "Sui, Balochistan": Sui is the Pakistani town the province holds, not China's namesake."""
    text = "A gas pipeline was blown up in Sui, Balochistan, on Friday, officials said."
    [event] = extract([Document(id="s", text=text, published="2024-05-01")]).documents[0].events
    assert (event.location.country_code, event.location.city) == ("PK", "Sui")


def test_a_district_is_placed_at_its_town_or_its_own_point() -> None:
    """GTD's specificity 3: the district, at the point of the town it is named after if any."""
    named_after_town = resolve_place("Nad Ali district", ["AF"])
    assert (named_after_town.admin1, named_after_town.city, named_after_town.specificity) == (
        "Helmand",
        "Nad Ali",
        3,
    )
    district = resolve_place("Musahi district", ["AF"])
    assert (district.admin1, district.admin2, district.precision) == ("Kabul", "Musahi", "admin2")
    assert district.lat is not None


def test_districts_are_shown_without_generic_words() -> None:
    assert resolve_place("Tak Bai district", ["TH"]).admin2 == "Tak Bai"  # GeoNames: "Amphoe Tak Bai"
    assert resolve_place("Poso", ["ID"]).admin2 == "Poso"  # "Kabupaten Poso"


def test_a_town_in_a_local_government_area_of_a_state() -> None:
    location = _location(
        "Bandits raided Kagara, a town in the Rafi local government area of Niger state, on Sunday, "
        "killing four vigilantes, police said."
    )
    assert (location.country_code, location.admin1, location.city) == ("NG", "Niger", "Kagara")


@pytest.mark.parametrize(
    ("name", "preferred", "country"),
    [
        ("Sarkh", ("AF",), None),  # an alternate spelling of a town in Chad
        ("Bergen", ("IQ",), "NO"),  # a city of 100,000 under its own name may still be meant
        ("Mirzakhil", ("AF",), None),
    ],
)
def test_a_namesake_abroad_needs_strong_evidence(name: str, preferred: tuple[str, ...], country: str) -> None:
    assert resolve_place(name, preferred).country_code == country


def test_specificity_follows_the_gtd_codebook() -> None:
    assert resolve_place("Kandahar", ["AF"]).specificity == 1
    assert resolve_place("Kandahar province", ["AF"]).specificity == 4
    assert resolve_place("Afghanistan").specificity == 5
    province = resolve_place("Ghazni province", ["AF"])
    assert province.lat is not None and province.lon is not None


def _location(text: str) -> Location:
    events = extract([Document(id="p", text=text, published="2023-05-10")]).documents[0].events
    assert events, text
    return events[0].location


@pytest.mark.parametrize(
    ("text", "country", "place"),
    [
        # a village inside a province: not the province, not its capital
        (
            "Gunmen killed three shepherds in Deh Bala village, Nangarhar province, on Sunday.",
            "AF",
            "Deh Bala",
        ),
        (
            "A roadside bomb killed two soldiers near Tak Bai in Narathiwat on Monday, police said.",
            "TH",
            "Tak Bai",
        ),
        (
            "Militants stormed a police post in the Sangin area of Helmand, killing four officers.",
            "AF",
            "Sangin",
        ),
        (
            "Rebels set fire to a clinic in Gwoza, a town in Borno State, killing a nurse.",
            "NG",
            "Gwoza",
        ),
        # another country named in passing
        (
            "A rocket attack targeting the U.S. Embassy in Baghdad wounded one guard on Tuesday.",
            "IQ",
            "Baghdad",
        ),
        (
            "An Iran-backed militia fired drones at a base near Erbil, wounding two contractors.",
            "IQ",
            "Erbil",
        ),
        # a pipeline bombing that names the town and its department
        (
            "Rebels bombed an oil pipeline near Saravena, Arauca, on Friday, spilling crude into a river.",
            "CO",
            "Saravena",
        ),
        # a town whose country follows it, however the tagger labels the town
        ("Jihadists attacked an army post in Kidal, Mali, on Sunday, killing four soldiers.", "ML", "Kidal"),
        # a US dateline with the AP abbreviation of its state, not a town called Ala or Miss
        ("TUPELO, Miss. (AP) - A gunman opened fire in a store, killing two shoppers.", "US", "Tupelo"),
        # the place an official holds office over, rather than the dateline's city
        (
            "CHILPANCINGO, Mexico - Gunmen shot dead the mayor of Chilapa, in the state of Guerrero, on "
            "Tuesday.",
            "MX",
            "Chilapa",
        ),
    ],
)
def test_the_event_is_placed_at_the_smallest_place_of_its_chain(text: str, country: str, place: str) -> None:
    location = _location(text)
    assert location.country_code == country
    assert place in {location.city, location.admin2, location.admin1}


@pytest.mark.parametrize(
    "text",
    [
        "GUERRILLAS ATTACKED THE ARMY GARRISON IN THE TOWN OF SAN MIGUEL YESTERDAY, KILLING FOUR SOLDIERS, "
        "THE SALVADORAN ARMED FORCES REPORTED.",
        "TERRORISTS BLEW UP A CAR NEAR THE MINISTRY OF JUSTICE IN LIMA LAST NIGHT, WOUNDING TWO GUARDS, "
        "PERUVIAN POLICE SAID.",
    ],
)
def test_common_words_in_capitals_are_not_places(text: str) -> None:
    assert _location(text).country_code in {"SV", "PE"}


def test_geojson_points_at_the_province_for_a_province_level_incident() -> None:
    result = extract(
        [
            Document(
                id="g",
                text="A bomb killed five people at a market in Ghazni province, Afghanistan, on Monday.",
                published="2023-05-10",
            )
        ]
    )
    (incident,) = result.incidents
    assert incident.location.specificity == 4
    feature = json.loads(incidents_geojson([incident]))["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert feature["properties"]["specificity"] == 4


@pytest.mark.parametrize(
    ("text", "city", "admin1"),
    [
        (
            "KANDAHAR, Afghanistan, May 3 (Reuters) - A provincial council member of Kandahar province was "
            "killed by a sticky bomb on Friday, officials said.",
            "Kandahar",
            "Kandahar",
        ),
        (
            "NAIROBI, Kenya - Suspected al-Shabaab fighters killed four police officers in Wajir county on "
            "Tuesday, police said.",
            "Wajir",
            "Wajir",
        ),
        (
            "Blast at Dazgo market\n\nDAZGO, Niger — A bomb exploded at a cattle market in the Tillaberi "
            "region on Sunday, killing three traders.",
            "Dazgo",
            "Tillabéri",
        ),
    ],
)
def test_the_dateline_town_places_an_event_told_only_to_its_province(
    text: str, city: str | None, admin1: str | None
) -> None:
    """A dateline town inside the province the body names (or, unknown to the gazetteer, named again)
    is where; a bureau's dateline elsewhere is only where the report was filed."""
    [event] = extract([Document(id="d", text=text, published="2024-05-04")]).documents[0].events
    assert event.location.city == city
    if admin1 and event.location.precision != "city":
        assert event.location.admin1 == admin1
