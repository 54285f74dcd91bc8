"""People: titles stripped, spellings and surname-only mentions grouped across articles."""

from __future__ import annotations

import pytest

from services.extraction.people import clean_person_name, resolve_people, same_person


@pytest.mark.parametrize(
    ("surface", "cleaned"),
    [
        ("Mullah Amir Khan Muttaqi", "Amir Khan Muttaqi"),
        ("President Joe Biden", "Joe Biden"),
        ("Mr. Bahir", "Bahir"),
        ("Gen. Abdel Fattah al-Burhan", "Abdel Fattah al-Burhan"),
        ("Sheikh Hasina", "Hasina"),
        ("Lavrov's", "Lavrov"),
        ("Martin Luther King Jr.", "Martin Luther King"),
        ("“Antonio Guterres”", "Antonio Guterres"),
        ("2022", None),
        ("the", None),
        ("", None),
        ("one two three four five six seven", None),
    ],
)
def test_clean_person_name(surface: str, cleaned: str | None) -> None:
    assert clean_person_name(surface) == cleaned


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Abdul Nafi Takor", "Abdul Nafy Takor", True),
        ("Abdul Nafi Takor", "Abdul Nafi Thakur", True),
        ("Sergei Lavrov", "Sergey Lavrov", True),
        ("Hekmatullah Hekmat", "Hekmatullah Hikmat", True),
        ("Mohammed Ali", "Muhammad Ali", True),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
        ("Abubakar Shekau", "Abubakar Shekau", True),
        ("Fadl Al-Qaher", "Fadl Al-Qaher Qazi", True),
        ("Mujib ur Rahman Ansari", "Mujib-ur-Rahman Ansari", True),
        ("Abdul Rahman", "Abdul Rahim", False),
        ("Hassan Rouhani", "Hussein Rouhani", False),
        ("Joe Biden", "Hunter Biden", False),
        ("Imran Khan", "Amir Khan Muttaqi", False),
        ("Lavrov", "Sergei Lavrov", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
    assert same_person(b, a) is same


def test_spellings_and_surnames_resolve_to_one_person_across_documents() -> None:
    docs = [
        ["Abdul Nafi Takor", "Mullah Amir Khan Muttaqi", "Sergei Lavrov"],
        ["Abdul Nafy Takor", "Sergei Lavrov", "Lavrov"],
        ["Abdul Nafi Thakur", "Sergei Lavrov"],
        ["Amir Khan Muttaqi", "Sergey Lavrov", "Lavrov", "Muttaqi"],
    ]
    maps = resolve_people(docs)
    assert {maps[0]["Abdul Nafi Takor"], maps[1]["Abdul Nafy Takor"], maps[2]["Abdul Nafi Thakur"]} == {
        "Abdul Nafi Takor"
    }
    assert {maps[1]["Lavrov"], maps[3]["Sergey Lavrov"], maps[3]["Lavrov"]} == {"Sergei Lavrov"}
    assert maps[0]["Mullah Amir Khan Muttaqi"] == maps[3]["Muttaqi"] == "Amir Khan Muttaqi"


def test_surname_prefers_the_person_of_its_own_document() -> None:
    maps = resolve_people([["Joe Biden", "Biden"], ["Hunter Biden", "Biden"], ["Biden"]])
    assert maps[0]["Biden"] == "Joe Biden"
    assert maps[1]["Biden"] == "Hunter Biden"
    assert maps[2]["Biden"] == "Biden"


def test_a_short_name_extending_two_people_stays_apart() -> None:
    [mapping] = resolve_people([["Abdul Rahman", "Abdul Rahman Ansari", "Abdul Rahman Khan"]])
    assert len(set(mapping.values())) == 3


def test_junk_surfaces_are_left_out() -> None:
    [mapping] = resolve_people([["Ahmad Shah Massoud", "12", "the"]])
    assert mapping == {"Ahmad Shah Massoud": "Ahmad Shah Massoud"}


def test_a_first_name_alone_joins_only_a_name_of_its_own_article() -> None:
    maps = resolve_people([["Mohammad Khurasani"], ["Mohamud"], ["Sergei Lavrov", "Sergei"]])
    assert maps[1]["Mohamud"] == "Mohamud"
    assert maps[2]["Sergei"] == "Sergei Lavrov"
