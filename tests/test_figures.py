"""Casualty phrasings news uses, one row each: text -> (killed, wounded) as (value, min, max)."""

from __future__ import annotations

import pytest

from services.extraction.events.figures import best, quantity_at, statements, tokens_of
from services.schema import Figure

N = None
EXACT = {n: (n, n, n) for n in range(0, 200)}
UNKNOWN = (N, N, N)

CASES = [
    ("Six dead in Kabul attack claimed by IS", EXACT[6], UNKNOWN),
    (
        "Two Russian employees and four Afghans lost their lives after an assailant triggered a device.",
        EXACT[6],
        UNKNOWN,
    ),
    ("A dozen people were also injured, according to the authorities.", UNKNOWN, EXACT[12]),
    ("At least 12 killed as gunmen storm a hotel", (12, 12, N), UNKNOWN),
    (
        "ISIS targeted a hussainiya in Kunduz Province, killing 46 people and wounding 143.",
        EXACT[46],
        EXACT[143],
    ),
    ("The blast caused no casualties, police said.", EXACT[0], EXACT[0]),
    ("An unknown number of people were injured.", UNKNOWN, UNKNOWN),
    ("Four civilians had been killed and several others injured.", EXACT[4], UNKNOWN),
    ("Dozens of people were killed in the attack.", (N, 24, N), UNKNOWN),
    ("Between 10 and 15 people were killed.", (10, 10, 15), UNKNOWN),
    ("More than 20 people were killed in the raid.", (21, 21, N), UNKNOWN),
    ("Up to 30 villagers may have been killed.", (30, N, 30), UNKNOWN),
    ("One person was killed and 4 were injured.", EXACT[1], EXACT[4]),
    ("The explosion claimed the lives of two Russian embassy staffers.", EXACT[2], UNKNOWN),
    (
        "bombing near the embassy, killing 6, including two embassy employees, and wounding 10.",
        EXACT[6],
        EXACT[10],
    ),
    ("ISIS has claimed responsibility for 224 attacks since August 2021.", UNKNOWN, UNKNOWN),
    ("No one was killed or injured in the blast.", EXACT[0], EXACT[0]),
    ("There were no immediate reports of casualties.", UNKNOWN, UNKNOWN),
    ("Gunmen killed 12 people in the village of Kukawa.", EXACT[12], UNKNOWN),
    ("The death toll rose to 35 on Sunday.", EXACT[35], UNKNOWN),
    ("Nearly 50 people were wounded.", UNKNOWN, (50, N, 50)),
    ("About 40 people were injured in the stampede that followed.", UNKNOWN, (40, N, N)),
    ("The attack left 14 people dead and 30 wounded.", EXACT[14], EXACT[30]),
    ("Three soldiers were killed and seven others wounded in the ambush.", EXACT[3], EXACT[7]),
    ("killed two soldiers and three civilians", EXACT[5], UNKNOWN),
    ("A policeman was killed when the bomb went off.", EXACT[1], UNKNOWN),
    ("The suicide bomber was shot dead by guards.", EXACT[1], UNKNOWN),
    ("The attack, at 10:50 a.m. local time, was carried out by two of its members.", UNKNOWN, UNKNOWN),
    ("Twenty-five people were killed and forty six injured.", EXACT[25], EXACT[46]),
    ("The gunmen threatened to kill the hostages.", UNKNOWN, UNKNOWN),
    ("He is the second cleric to be killed in a month.", UNKNOWN, UNKNOWN),
    ("Hundreds were wounded.", UNKNOWN, (N, 200, N)),
    ("The attack wounded at least one guard and damaged the building.", UNKNOWN, (1, 1, N)),
    ("18 people were killed or wounded.", UNKNOWN, UNKNOWN),
    ("Nobody was hurt.", UNKNOWN, EXACT[0]),
    ("The attackers killed 1,200 people in three days.", (1200, 1200, 1200), UNKNOWN),
    ("Fewer than 10 people were injured.", UNKNOWN, (9, N, 9)),
    ("Police said 3 to 5 people died.", (3, 3, 5), UNKNOWN),
    ("a 25-year-old man was killed", EXACT[1], UNKNOWN),
    ("It was not clear whether anyone was killed.", UNKNOWN, UNKNOWN),
    ("A number of wounded were taken to hospital.", UNKNOWN, UNKNOWN),
    ("The blast killed two members of the diplomatic mission and Afghan citizens.", EXACT[2], UNKNOWN),
    ("Half a dozen soldiers were wounded.", UNKNOWN, EXACT[6]),
    ("The fire killed a woman and her two children.", EXACT[3], UNKNOWN),
    ("at least 7 people died and dozens were hurt", (7, 7, N), (N, 24, N)),
    ("The bombing in 2019 killed 25.", EXACT[25], UNKNOWN),
    ("No deaths were reported, but 3 people were injured.", EXACT[0], EXACT[3]),
    (
        "Five soldiers of the Assam Rifles, a commanding officer's wife and their eight-year-old son died.",
        EXACT[7],
        UNKNOWN,
    ),
    ("killing three Chinese teachers and their Pakistani driver", EXACT[4], UNKNOWN),
    ("Two hostages and the gunman, Man Haron Monis, were killed.", EXACT[3], UNKNOWN),
    ("Four people, including a police officer, were wounded.", UNKNOWN, EXACT[4]),
    ("no Chinese or Pakistani personnel were hurt", UNKNOWN, EXACT[0]),
    ("At least 14 people were killed and dozens more were wounded.", (14, 14, N), (N, 24, N)),
    ("Two attackers were killed in an exchange of fire.", EXACT[2], UNKNOWN),
    ("Five officers and two assailants were killed.", EXACT[7], UNKNOWN),
    ("Three soldiers died and the four gunmen were shot dead by troops.", EXACT[7], UNKNOWN),
    ("Two gunmen opened fire and killed six people.", EXACT[6], UNKNOWN),
    ("A gunman shot dead nine people before killing his mother and himself.", EXACT[9], UNKNOWN),
    ("The ambush killed eleven soldiers, three of them officers, and wounded two.", EXACT[11], EXACT[2]),
    ("Rebels shelled the camp, killing 20 refugees, eight of whom were children.", EXACT[20], UNKNOWN),
    (
        "The death toll from Tuesday's bombing of a bus station in the eastern town rose to 17 on Friday.",
        EXACT[17],
        UNKNOWN,
    ),
    ("Market blast toll climbs to 40", EXACT[40], UNKNOWN),
    ("The rebels claimed to have killed 60 soldiers, but the army said four died.", EXACT[4], UNKNOWN),
    ("In a statement the group claimed that 30 troops had been killed.", EXACT[30], UNKNOWN),
    ("The blast claimed the lives of nine people; the army said it killed five rebels.", EXACT[9], UNKNOWN),
]


def _triple(figure: Figure) -> tuple[int | None, int | None, int | None]:
    return figure.value, figure.min, figure.max


@pytest.mark.parametrize(("text", "killed", "wounded"), CASES, ids=[c[0][:40] for c in CASES])
def test_casualty_phrasings(text: str, killed: tuple, wounded: tuple) -> None:
    found = statements(text)
    assert (_triple(best(found, "killed")), _triple(best(found, "wounded"))) == (killed, wounded)


def test_largest_statement_wins_over_partial_counts() -> None:
    text = "Six people were killed. Two of the dead were police officers, and two soldiers were killed."
    assert best(statements(text), "killed").value == 6


def test_quantity_hedges() -> None:
    tokens = tokens_of("at least 12")
    q = quantity_at(tokens, 0)
    assert q is not None and (q.value, q.low, q.high) == (12, 12, None)
    assert quantity_at(tokens_of("people"), 0) is None
