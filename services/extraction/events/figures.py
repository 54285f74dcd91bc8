"""Killed and wounded counts from the phrasings news reports use.

Counts are read from words alone (no tagger), so the same rules serve a sentence, a clause or a
headline. A count is only taken where it stands in a casualty phrase ("killing 46 people",
"six dead", "two employees and four Afghans lost their lives"); other numbers in the text
(times, years, "224 attacks", "two of its members") are never read as casualties. Hedges keep
their meaning: "at least 12" is a minimum, "up to 30" a maximum, "dozens" a minimum with no best
figure, "several" or "an unknown number" a stated but unknown count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from services.extraction.dates import MONTHS
from services.extraction.events.article import Phrases
from services.extraction.events.lexicon import PROMINENT_ROLES
from services.schema import Figure

Kind = Literal["killed", "wounded"]

TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:-[a-z]+)+|\d+|[a-z]+(?:[-'’][a-z]+)*|[^\sa-z\d]", re.I)

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "both": 2,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000}
# Plural round numbers: a floor, never a best figure.
VAGUE_PLURALS = {"dozens": 24, "scores": 40, "tens": 20, "hundreds": 200, "thousands": 2000}
# Stated counts whose size the text does not give.
UNSTATED = {"several", "many", "some", "numerous", "multiple", "unknown", "undisclosed", "unspecified",
            "unconfirmed", "countless", "other", "others", "more", "further"}  # fmt: skip

AT_LEAST = (("at", "least"), ("no", "fewer", "than"), ("not", "less", "than"), ("a", "minimum", "of"),
            ("a", "minimum"), ("minimum",))  # fmt: skip
MORE_THAN = (("more", "than"), ("over",), ("upwards", "of"), ("in", "excess", "of"), ("above",))
AT_MOST = (
    ("up", "to"),
    ("as", "many", "as"),
    ("nearly",),
    ("almost",),
    ("close", "to"),
    ("a", "maximum", "of"),
)
LESS_THAN = (("fewer", "than"), ("less", "than"), ("under",), ("just", "under"))
ABOUT = (("about",), ("around",), ("some",), ("approximately",), ("roughly",), ("an", "estimated"),
         ("estimated",), ("circa",))  # fmt: skip

# Nouns that make a number something other than a count of people.
NOT_PEOPLE = {
    "attack", "attacks", "bombing", "bombings", "blast", "blasts", "explosion", "explosions", "incident",
    "incidents", "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    "minute", "minutes", "km", "kilometres", "kilometers", "miles", "metres", "meters", "percent", "%",
    "times", "am", "pm", "a.m", "p.m", "gmt", "utc", "countries", "provinces", "districts", "cities",
    "villages", "houses", "homes", "buildings", "vehicles", "cars", "shops", "kg", "kilograms", "pounds",
    "dollars", "euros", "rounds", "shots", "bombs", "rockets", "mortars", "grenades", "o'clock",
}  # fmt: skip
# Month names a day number stands beside ("may" is also the verb: "30 may have died").
DATE_MONTHS = frozenset(MONTHS) - {"may"}
# Words whose count is the attackers', not the victims'.
ATTACKERS = {
    "bomber", "bombers", "attacker", "attackers", "assailant", "assailants", "gunman", "gunmen",
    "hijacker", "hijackers", "kidnapper", "kidnappers", "perpetrator", "perpetrators", "suspect",
    "suspects", "shooter", "shooters",
}  # fmt: skip
PERSON_NOUNS = {
    "person", "people", "ppl", "man", "men", "woman", "women", "child", "children", "boy", "girl", "civilian",
    "soldier", "officer", "policeman", "policewoman", "guard", "employee", "worker", "student", "teacher",
    "journalist", "reporter", "resident", "villager", "farmer", "passenger", "driver", "worshipper",
    "pilgrim", "official", "member", "staffer", "diplomat", "priest", "imam", "cleric", "pastor", "monk",
    "nurse", "doctor", "baby", "infant", "toddler", "teenager", "pupil", "tourist", "foreigner", "citizen",
    "trooper", "marine", "militiaman", "fighter", "militant", "rebel", "bystander", "passer-by", "passerby",
    "onlooker", "victim", "customer",
    "shopper", "commuter", "guest", "mourner", "lawmaker", "politician", "judge", "mayor", "governor",
    "chief", "commander", "leader", "elder", "local", "volunteer", "contractor", "security", "agent",
    "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "grandmother",
    "grandfather", "nephew", "niece", "cousin", "relative", "owner", "shopkeeper", "trader", "vendor",
    "pilot", "engineer", "ranger", "hostage", "lecturer", "principal", "headmaster", "councillor",
    "councilor", "bodyguard", "escort", "aide", "assistant", "secretary", "chauffeur", "interpreter",
    "translator", "headman", "administrator", "chairman", "chairwoman", "activist", "lawyer", "businessman",
    "businesswoman", "cameraman", "photographer", "candidate", "legislator", "minister", "deputy",
    "prosecutor", "magistrate", "inspector", "sergeant", "constable", "captain", "colonel", "lieutenant",
    "pharmacist", "prisoner", "inmate", "shepherd", "herder", "fisherman", "miner", "labourer", "laborer",
    "watchman", "missionary", "scholar", "professor", "surgeon", "paramedic", "medic",
    "technician", "mechanic", "electrician", "conductor", "clerk", "cashier", "waiter", "waitress", "cook",
    "barber", "tailor", "carpenter", "plumber", "porter", "gardener", "janitor", "cleaner", "accountant",
    "banker", "manager", "supervisor", "foreman", "operator", "dentist", "artist", "musician", "singer",
    "actor", "actress", "athlete", "footballer", "nun", "rabbi", "bishop", "deacon", "preacher", "sheikh",
    "muezzin", "staff", "intern", "apprentice", "courier", "taxi-driver", "motorcyclist", "cyclist",
    "pedestrian", "hiker", "spectator", "patient", "refugee", "migrant", "settler", "tribesman", "peasant",
    "landowner", "surveyor", "vaccinator", "midwife",
} | PROMINENT_ROLES  # fmt: skip

# Casualty phrases, as token tuples: (kind, phrase). Longest phrases are tried first.
KILL_PHRASES = (
    "killed", "killing", "kills", "kill", "dead", "died", "dies", "death", "deaths", "fatalities", "fatality",
    "fatally", "slain", "massacred", "murdered", "perished", "lost their lives", "lost his life",
    "lost her life", "lost lives", "claimed the lives of", "claiming the lives of", "claimed the life of",
    "death toll", "toll", "lives", "executed", "beheaded", "beheading", "slaughtered", "shot dead",
    "gunned down", "hacked to death",
    "burned to death", "stabbed to death", "bodies",
)  # fmt: skip
WOUND_PHRASES = (
    "wounded", "wounding", "wounds", "injured", "injuring", "injuries", "injury", "injures", "hurt",
    "hurting", "hospitalised", "hospitalized", "maimed",
)  # fmt: skip
BOTH_PHRASES = ("casualties", "casualty")
NEGATION_RE = re.compile(r"\b(?:no one|nobody|none|no|without|not a single|neither)\b(?: [\w']+){0,5}$")
NO_REPORT = re.compile(
    r"\bno (?:immediate |official )?(?:reports?|word|information|details?) (?:of|on|about)\b"
)
AUXILIARIES = {
    "was", "were", "is", "are", "been", "be", "being", "have", "has", "had", "got", "get", "also",
    "reportedly", "later", "all", "confirmed", "allegedly", "reported", "believed", "said", "feared",
    "left", "now", "already", "initially", "subsequently", "eventually", "critically", "seriously",
    "severely", "gravely", "slightly", "lightly", "badly", "fatally", "mortally",
}  # fmt: skip
# Cues that say what the subject suffered, so attackers before them died ("two gunmen died").
UNDERGONE_CUES = {"died", "dead", "perished", "lost", "slain"}
# Verb phrases whose object is the count: "shot dead nine people", "gunned down two officers".
PHRASAL_KILLS = {"shot", "gunned", "hacked", "burned", "stabbed"}
# Cue forms that take their count as an object only ("killing 46", "bomb kills five").
ACTIVE_ONLY = {"kills", "wounds", "injures"}
SINGULAR_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "one"}
SINGULAR_REACH = 5
MAX_ASIDE_WORDS = 6
CLAUSE_BREAKS = {"and", "or", "but", "while", "as", "after", "when", "was", "were", "had", "have", "has"}
# Fighters whose deaths a report adds ("one rebel was also killed") are not counted as victims.
COMBATANTS = ATTACKERS | {"rebel", "rebels", "militant", "militants", "insurgent", "insurgents", "jihadist",
                          "jihadists", "fighter", "fighters", "terrorist", "terrorists"}  # fmt: skip
NOT_REFERENTIAL = {"nobody", "none", "anyone", "anybody", "whether", "if", "no"}
SUBSET_MARKERS = {"including", "among", "of", "includes", "include", "included"}
VERB_OBJECT_CUES = {"killing", "killed", "kills", "kill", "wounding", "wounded", "injuring", "injured",
                    "injures", "wounds", "hurting", "claimed", "claiming", "left", "leaving", "toll", "death",
                    "lives", "beheaded", "beheading", "executed", "executing", "massacred", "massacring",
                    "murdered", "murdering", "slaughtered", "slaughtering"}  # fmt: skip
MAX_NOUN_WORDS = 8
# What follows a count that is part of the count before it: "six people, four of them policemen".
SUBSET_ASIDES = {("of", "them"), ("of", "whom"), ("among", "them"), ("of", "those")}
# A toll's own verb further on: "the death toll from Thursday's bombings at a cafe rose to 31".
TOLL_VERBS = {"rose", "risen", "rises", "climbed", "climbs", "reached", "reaches", "stood", "stands",
              "jumped", "increased", "hit", "hits"}  # fmt: skip
TOLL_VERB_REACH = 25
TOLL_NOUNS = {"toll"}
# Words before a count that make it the attackers' claim ("claimed that 11 police had been
# killed"): an official figure for the same event wins over it.
CLAIMED_FIGURE_RE = re.compile(
    r"\b(?:claimed|claims|claiming|boasted|boasting) (?:that |to have )?"
    r"(?:(?!responsibility|credit|attack|bombing|blast|assault|raid)[\w'-]+ ){0,3}$"
)
# Words between a cue and its count: "death toll rose to 14", "the lives of two", "the death of the two".
TOLL_LINKS = {"of", "at", "to", "rose", "climbed", "reached", "stood", "stands", "is", "was", "has", "had",
              "risen", "jumped", "increased", "the", "now"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Quantity:
    """A hedged count as written: ``value`` is the best figure, None when the text gives none."""

    value: int | None
    low: int | None
    high: int | None
    start: int
    end: int
    extra: bool = False

    def figure(self) -> Figure:
        return Figure(value=self.value, min=self.low, max=self.high)


@dataclass(frozen=True, slots=True)
class Statement:
    """One casualty statement: the kind, the figure and where it stood (token index)."""

    kind: Kind
    figure: Figure
    position: int
    extra: bool = False
    """Counted on top of the others ("two of his guards were also killed", "two other people")."""
    perpetrators: int = 0
    """How many of the figure are the attackers ("five officers and two assailants were killed")."""
    claimed: bool = False
    """The attackers' own claim ("claimed that 11 police had been killed"), not an official count."""


QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»"}


def tokens_of(text: str) -> list[str]:
    """Lowercase word, number and punctuation tokens; quotation marks carry nothing here."""
    return [t.lower().replace("’", "'") for t in TOKEN_RE.findall(text) if t not in QUOTES]


HEDGE_OF = {
    " ".join(phrase): hedge
    for hedge, phrases in (
        ("at_least", AT_LEAST),
        ("more_than", MORE_THAN),
        ("at_most", AT_MOST),
        ("less_than", LESS_THAN),
        ("about", ABOUT),
    )
    for phrase in phrases
}
HEDGES = Phrases.of(HEDGE_OF)
CUE_OF = {
    phrase: kind
    for kind, phrases in (("both", BOTH_PHRASES), ("killed", KILL_PHRASES), ("wounded", WOUND_PHRASES))
    for phrase in phrases
}
CUES = Phrases.of(CUE_OF)


def _labelled(tokens: list[str], i: int, phrases: Phrases, labels: dict[str, str]) -> tuple[int, str]:
    """(length, label) of the longest phrase starting at ``i``; (0, "") when none does."""
    n = phrases.at(tokens, i)
    return (n, labels[" ".join(tokens[i : i + n])]) if n else (0, "")


def _number(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """A plain number (digits or words, "two dozen", "half a dozen") at ``i``: (value, end)."""
    if i >= len(tokens):
        return None
    word = tokens[i]
    if word.replace(",", "").isdigit():
        value, end = int(word.replace(",", "")), i + 1
    elif tuple(tokens[i : i + 3]) == ("half", "a", "dozen"):
        return 6, i + 3
    elif tuple(tokens[i : i + 2]) in {("a", "dozen"), ("one", "dozen")}:
        return 12, i + 2
    elif word in {"a", "an"} and i + 1 < len(tokens) and tokens[i + 1] in SCALES:
        value, end = SCALES[tokens[i + 1]], i + 2
    elif "-" in word and all(part in TENS or part in UNITS for part in word.split("-")):
        value, end = sum(TENS.get(part, 0) + UNITS.get(part, 0) for part in word.split("-")), i + 1
    elif word in TENS:
        value, end = TENS[word], i + 1
        if end < len(tokens) and tokens[end] in UNITS and UNITS[tokens[end]] < 10:
            value, end = value + UNITS[tokens[end]], end + 1
    elif word == "both":
        return 2, i + 1
    elif word in UNITS:
        value, end = UNITS[word], i + 1
    else:
        return None
    if end < len(tokens) and tokens[end] == "dozen":
        return value * 12, end + 1
    while end < len(tokens) and tokens[end] in SCALES:
        value, end = value * SCALES[tokens[end]], end + 1
    return value, end


def number_in(words: str) -> int | None:
    """The number a phrase opens with, in digits or words ("twenty", "a dozen"), else None."""
    found = _number(tokens_of(words.lower()), 0)
    return found[0] if found else None


def quantity_at(tokens: Sequence[str], i: int) -> Quantity | None:
    """The hedged count starting at ``i``, or None."""
    n, hedge = _labelled(tokens, i, HEDGES, HEDGE_OF)
    inner = _plain_quantity(tokens, i + n) if n else None
    if inner is None or inner.value is None:
        return _plain_quantity(tokens, i)
    v = inner.value
    value, low, high = {
        "at_least": (v, v, None),
        "more_than": (v + 1, v + 1, None),
        "at_most": (v, None, v),
        "less_than": (max(v - 1, 0), None, max(v - 1, 0)),
        "about": (v, None, None),
    }[hedge]
    return Quantity(value, low, high, i, inner.end)


def _plain_quantity(tokens: Sequence[str], i: int) -> Quantity | None:
    if i >= len(tokens):
        return None
    word = tokens[i]
    if tokens[i : i + 1] == ["between"]:
        first = _number(tokens, i + 1)
        if first and first[1] < len(tokens) and tokens[first[1]] == "and":
            second = _number(tokens, first[1] + 1)
            if second:
                return Quantity(first[0], first[0], second[0], i, second[1])
        return None
    if word in VAGUE_PLURALS:
        end = i + 2 if tokens[i + 1 : i + 2] in (["of"], ["more"], ["others"], ["other"]) else i + 1
        return Quantity(None, VAGUE_PLURALS[word], None, i, end)
    if tuple(tokens[i : i + 3]) in {("a", "number", "of"), ("a", "handful", "of"), ("a", "few", "more")}:
        return Quantity(None, None, None, i, i + 3)
    if tuple(tokens[i : i + 2]) in {("a", "few"), ("an", "unknown"), ("an", "undisclosed")}:
        return Quantity(None, None, None, i, i + 2)
    if word in UNSTATED:
        return Quantity(None, None, None, i, i + 1)
    if word in {"a", "an"} and i + 1 < len(tokens) and tokens[i + 1] in PERSON_NOUNS:
        return Quantity(1, 1, 1, i, i + 1)
    number = _number(tokens, i)
    if number is None:
        return None
    value, end = number
    if end < len(tokens) and tokens[end] in {"to", "or", "-", "–"}:
        second = _number(tokens, end + 1)
        if second and second[0] > value:
            return Quantity(value, value, second[0], i, second[1])
    if end < len(tokens) and tokens[end] in {"+"}:
        return Quantity(value, value, None, i, end + 1)
    if end < len(tokens) and tokens[end] in {"others", "more", "other"}:
        return Quantity(value, value, value, i, end + 1, extra=True)
    return Quantity(value, value, value, i, end)


def _is_count(tokens: Sequence[str], q: Quantity) -> bool:
    """A number followed by a unit, a year-like figure or an ordinal is not a head count."""
    following = tokens[q.end] if q.end < len(tokens) else ""
    if following in NOT_PEOPLE or following in ATTACKERS:
        return False
    if following in {":", "."} and q.end + 1 < len(tokens) and tokens[q.end + 1].isdigit():
        return False
    word = tokens[q.start]
    if word.isdigit() and len(word) == 4 and 1900 <= int(word) <= 2100:
        return False
    if following in DATE_MONTHS or (q.start > 0 and tokens[q.start - 1] in DATE_MONTHS):
        return False  # "April 13", "21 October": a day of a date
    return not (q.value is not None and q.value > 100_000)


def _quantities(tokens: Sequence[str]) -> dict[int, Quantity]:
    """Every count in the token list, keyed by the index where it ends (exclusive)."""
    found: dict[int, Quantity] = {}
    i = 0
    while i < len(tokens):
        q = quantity_at(tokens, i)
        if q and _is_count(tokens, q):
            found[q.end] = q
            i = q.end
        else:
            i += 1
    return found


def _sum(parts: Sequence[Quantity]) -> Figure:
    """Conjoined counts add up; a bound survives only when every part has it."""

    def total(values: list[int | None]) -> int | None:
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)

    return Figure(
        value=total([p.value for p in parts]),
        min=total([p.low for p in parts]),
        max=total([p.high for p in parts]),
    )


def _skip_aside(tokens: Sequence[str], j: int) -> int:
    """Step back over an aside between commas right before ``j``: "Four people, including a police
    officer, were wounded"; "the gunman, Man Haron Monis, were killed"."""
    if j < 2 or tokens[j - 1] != ",":
        return j
    for k in range(j - 2, max(0, j - 2 - MAX_ASIDE_WORDS) - 1, -1):
        if tokens[k] == ",":
            return k
        if not (tokens[k].isalpha() or "-" in tokens[k]) or tokens[k] in CLAUSE_BREAKS:
            return j
    return j


def _attackers_among(tokens: Sequence[str], cue: int, counts: dict[int, Quantity]) -> Quantity | None:
    """The attackers a toll's aside counts in: "four people, including the bomber, were killed"."""
    j = cue
    while j > 0 and tokens[j - 1] in AUXILIARIES:
        j -= 1
    start = _skip_aside(tokens, j)
    if start == j or tokens[start + 1] not in {"including", "among"}:
        return None
    return _attackers_count(tokens, start + 2, j - 1)


def _singular_person(words: Sequence[str]) -> bool:
    """Determiner ... singular person noun: "a commanding officer's wife", "their driver"."""
    return len(words) >= 2 and words[0] in SINGULAR_DETERMINERS and words[-1] in PERSON_NOUNS


def _phrase_before(
    tokens: Sequence[str], j: int, counts: dict[int, Quantity]
) -> tuple[Quantity | None, int, bool]:
    """The noun phrase ending at ``j``: its count (a singular person counts one), its start, and
    whether it names the attackers."""
    k = j
    while k > 0 and k not in counts and j - k < MAX_NOUN_WORDS:
        word = tokens[k - 1]
        if (
            not (word.isalpha() or "-" in word or "'" in word)
            or word in CLAUSE_BREAKS
            or _cue_at(tokens, k - 1)
        ):
            break
        k -= 1
    words = list(tokens[k:j])
    attacker = any(w in ATTACKERS or w in NOT_PEOPLE for w in words)
    q = counts.get(k)
    if q is None and ATTACKERS.intersection(words):
        q = _attackers_count(tokens, k, j)
    if q is None and _singular_person(words):
        q = Quantity(1, 1, 1, k, j)
    return q, (q.start if q else k), attacker


def _attackers_count(tokens: Sequence[str], start: int, end: int) -> Quantity | None:
    """The number in "the two gunmen" (numbers before attackers are never victims' counts)."""
    for k in range(start, end):
        q = quantity_at(tokens, k)
        if q is not None and ATTACKERS.intersection(tokens[q.end : end]):
            return q
    words = tokens[start:end]
    if (
        len(words) >= 2
        and words[0] in SINGULAR_DETERMINERS
        and words[-1] in ATTACKERS
        and not words[-1].endswith(("s", "men"))
    ):
        return Quantity(1, 1, 1, start, end)  # "a suicide bomber", "the gunman"
    return None


def _subject_counts(
    tokens: Sequence[str], cue: int, counts: dict[int, Quantity], attackers: list[Quantity] | None = None
) -> list[Quantity] | None:
    """Counts of the noun phrase(s) before a cue: "two employees and four Afghans [were] killed";
    the attackers' own counts go to ``attackers`` (a terrorism database counts them in the total,
    and apart)."""
    j = cue
    while j > 0 and tokens[j - 1] in AUXILIARIES:
        j -= 1
    if j > 0 and tokens[j - 1] in {"to"}:
        return None
    j = _skip_aside(tokens, j)
    parts: list[Quantity] = []
    while j > 0:
        q, start, attacker = _phrase_before(tokens, j, counts)
        if q is None and not attacker:
            break
        if q is not None and q.start > 0 and tokens[q.start - 1] in SUBSET_MARKERS:
            break
        if q is not None and not attacker:
            parts.insert(0, q)
        elif q is not None and attackers is not None and ATTACKERS.intersection(tokens[start:j]):
            attackers.insert(0, q)
        j = start
        if j > 0 and tokens[j - 1] in {"and", ","}:
            j -= 1
            if j > 0 and tokens[j - 1] == ",":
                j -= 1
            continue
        break
    return parts or (None if not attackers else [])


def _singular_ahead(tokens: Sequence[str], j: int) -> Quantity | None:
    """One person named without a number: "killing his mother", "and their Pakistani driver"."""
    if j >= len(tokens) or tokens[j] not in SINGULAR_DETERMINERS:
        return None
    for k in range(j + 1, min(len(tokens), j + SINGULAR_REACH)):
        if tokens[k] in PERSON_NOUNS:
            return Quantity(1, 1, 1, j, k + 1)
        if not tokens[k].replace("-", "").replace("'", "").replace("’", "").isalpha():  # "Russian-installed"
            return None
    return None


def _object_counts(tokens: Sequence[str], after: int, counts: dict[int, Quantity]) -> list[Quantity] | None:
    """Counts right after a cue: "killing 46 people", "killed two soldiers and three civilians"."""
    by_start = {q.start: q for q in counts.values()}
    j = after
    while (
        j < len(tokens) and j not in by_start and tokens[j] in TOLL_LINKS and not _singular_ahead(tokens, j)
    ):
        j += 1
    parts: list[Quantity] = []
    while j in by_start or _singular_ahead(tokens, j):
        q = by_start.get(j) or _singular_ahead(tokens, j)
        if q is None:
            break
        parts.append(q)
        k = q.end
        words = 0
        while (
            k < len(tokens)
            and tokens[k].isalpha()
            and tokens[k] not in {"and", "or"}
            and words < MAX_NOUN_WORDS
        ):
            if k in by_start:
                break
            k += 1
            words += 1
        joined = False
        if tokens[k : k + 1] == [","]:
            k, joined = k + 1, True
        if tokens[k : k + 1] == ["and"]:
            k, joined = k + 1, True
        if k + 1 in by_start and tokens[k] in SINGULAR_DETERMINERS:
            k += 1
        listed = (
            (k in by_start and not _subset_aside(tokens, by_start[k]))
            or (tokens[k - 1] == "and" and _singular_ahead(tokens, k))
            or _listed_after_comma(tokens, k)
        )
        if joined and listed and tokens[k - 1] not in SUBSET_MARKERS:
            j = k
            continue
        break
    return parts or None


def _subset_aside(tokens: Sequence[str], q: Quantity) -> bool:
    """ "killing six people, four of them policemen": a count of the ones just counted."""
    return tuple(tokens[q.end : q.end + 2]) in SUBSET_ASIDES


def _listed_after_comma(tokens: Sequence[str], k: int) -> bool:
    """ "the chief, his wife and two sons": a singular person in a list goes on to the next item
    (not "40 worshippers, the state governor said")."""
    if tokens[k - 1] != ",":
        return False
    q = _singular_ahead(tokens, k)
    return q is not None and tokens[q.end : q.end + 1] in ([","], ["and"])


def _singular_victim(tokens: Sequence[str], cue: int) -> bool:
    """One victim for "<someone> was killed" with no number, unless the someone is an attacker."""
    j = cue
    saw_was = False
    while j > 0 and tokens[j - 1] in AUXILIARIES:
        saw_was = saw_was or tokens[j - 1] == "was"
        j -= 1
    if not saw_was or j == 0:
        return False
    subject = tokens[max(0, j - 4) : j]
    if any(word in ATTACKERS or word in NOT_REFERENTIAL for word in subject):
        return False
    return not (len(subject) >= 2 and subject[-2:] == ["no", "one"])


def _negated(tokens: Sequence[str], cue: int) -> bool:
    """A denied toll: "no one was killed", "no casualties", "without injuries", "nobody was hurt"."""
    text = " ".join(tokens[max(0, cue - 6) : cue])
    if NO_REPORT.search(" ".join(tokens[max(0, cue - 6) : cue + 1])):
        return False
    return bool(NEGATION_RE.search(text))


def _cue_at(tokens: Sequence[str], i: int) -> tuple[str, int] | None:
    """(kind, length) of a casualty phrase starting at ``i``."""
    n, kind = _labelled(tokens, i, CUES, CUE_OF)
    return (kind, n) if n else None


def _ambiguous(tokens: Sequence[str], i: int, n: int) -> bool:
    """One count for both kinds ("killed or wounded", "dead or injured"), so neither is known."""
    joined = {"or", "/"}
    after = i + n < len(tokens) - 1 and tokens[i + n] in joined and _cue_at(tokens, i + n + 1) is not None
    before = i >= 2 and tokens[i - 1] in joined and _cue_at(tokens, i - 2) is not None
    return after or before


def statements(text: str) -> list[Statement]:
    """Every casualty statement in ``text``, in order."""
    tokens = tokens_of(text)
    if CUES.by_first.keys().isdisjoint(tokens):
        return []
    counts = _quantities(tokens)
    found: list[Statement] = []
    i = 0
    while i < len(tokens):
        cue = _cue_at(tokens, i)
        if cue is None:
            i += 1
            continue
        kind, n = cue
        found.extend(_read_cue(tokens, i, n, kind, counts))
        i += n
    return found


def _read_cue(
    tokens: Sequence[str], i: int, n: int, kind: str, counts: dict[int, Quantity]
) -> list[Statement]:
    kinds: tuple[Kind, ...] = ("killed", "wounded") if kind == "both" else (kind,)  # type: ignore[assignment]
    if _negated(tokens, i):
        return [Statement(k, Figure.exact(0), i) for k in kinds]
    if kind == "both" or _ambiguous(tokens, i, n):
        return []
    if i > 0 and tokens[i - 1] in {"to", "would", "will", "could", "might", "threatened", "vowed"}:
        return []
    if tokens[i + n : i + n + 1] == ["off"]:
        return []  # "killed off their hopes": ended, not killed
    [k] = kinds
    undergone = tokens[i - 1] in AUXILIARIES if i else False
    undergone = undergone or tokens[i] in UNDERGONE_CUES
    # "two men shot dead a headman": with its object right after it the verb is active, and the
    # count before it is the attackers
    direct_object = not undergone and _singular_ahead(tokens, i + n) is not None
    active = tokens[i].endswith("ing") or tokens[i] in ACTIVE_ONLY or direct_object
    attackers: list[Quantity] = []
    parts = None if active else _subject_counts(tokens, i, counts, attackers if undergone else None)
    if attackers and k == "killed":
        return [_with_attackers(k, parts or [], attackers, i)]
    among = _attackers_among(tokens, i, counts) if parts and undergone and k == "killed" else None
    if among is not None:
        return [Statement(k, _sum(parts or []), i, perpetrators=among.value or 0)]
    parts = parts or None
    takes_object = tokens[i + n - 1] in VERB_OBJECT_CUES | {"of"} or (n > 1 and tokens[i] in PHRASAL_KILLS)
    bomber = _reflexive(tokens, i + n) if takes_object and k == "killed" else None
    if bomber is not None:
        others = bomber.end + 1 if tokens[bomber.end : bomber.end + 1] == ["and"] else None
        victims = (_object_counts(tokens, others, counts) or []) if others else []
        return [_with_attackers(k, victims, [bomber], i)]
    if parts is None and takes_object:
        parts = _object_counts(tokens, i + n, counts)
    if parts is None and tokens[i + n - 1] in TOLL_NOUNS:
        parts = _after_toll_verb(tokens, i + n, counts)
    if parts is None and tokens[i] in {"dead", "wounded", "injured"}:
        parts = _left_dead(tokens, i, counts)
    if parts is not None:
        extra = "also" in tokens[max(0, i - 3) : i] or any(p.extra for p in parts)
        if extra and COMBATANTS.intersection(tokens[parts[0].start : i]):
            return []
        said_before = min(parts[0].start, i)
        lead = " ".join(tokens[max(0, said_before - 6) : said_before]) + " "
        claimed = bool(CLAIMED_FIGURE_RE.search(lead))
        return [Statement(k, _sum(parts), i, extra=extra, claimed=claimed)]
    if _singular_victim(tokens, i):
        extra = "also" in tokens[max(0, i - 3) : i]
        if extra and COMBATANTS.intersection(tokens[max(0, i - 5) : i]):
            return []
        return [Statement(k, Figure.exact(1), i, extra=extra)]
    return []


def _after_toll_verb(tokens: Sequence[str], j: int, counts: dict[int, Quantity]) -> list[Quantity] | None:
    """The count after a toll's verb a long subject away: "the toll from ... rose to 31"."""
    for k in range(j, min(len(tokens), j + TOLL_VERB_REACH)):
        if tokens[k] in {".", ";"}:
            return None
        if tokens[k] in TOLL_VERBS:
            return _object_counts(tokens, k + 1, counts)
    return None


def _reflexive(tokens: Sequence[str], j: int) -> Quantity | None:
    """ "killing himself and two guards", "killing only herself": the attacker died by the attack."""
    if tokens[j : j + 1] == ["only"]:
        j += 1
    return Quantity(1, 1, 1, j, j + 1) if tokens[j : j + 1] in (["himself"], ["herself"]) else None


def _with_attackers(kind: Kind, victims: list[Quantity], attackers: list[Quantity], i: int) -> Statement:
    """A toll that counts attackers too; attackers alone ("three assailants died") come on top of
    the victims counted elsewhere."""
    total = _sum([*victims, *attackers])
    dead_attackers = _sum(attackers).value or 0
    return Statement(kind, total, i, extra=not victims, perpetrators=dead_attackers)


def _left_dead(tokens: Sequence[str], i: int, counts: dict[int, Quantity]) -> list[Quantity] | None:
    """The count a few words before the adjective: "left 12 people dead"."""
    for k in range(i, max(0, i - MAX_NOUN_WORDS) - 1, -1):
        q = counts.get(k)
        if q is not None and q.start > 0 and tokens[q.start - 1] in {"left", "leaving", "leaves"}:
            return [q]
    return None


def best(found: Iterable[Statement], kind: Kind) -> Figure:
    """The event's figure from all its statements: the largest stated count wins (partial counts such
    as "two of the dead were police" are smaller), plus the largest count said to come on top ("two
    of his guards were also killed"); an attacker's claimed count only when nothing else is stated;
    a stated unknown or nothing gives an empty figure."""
    statements_of_kind = [s for s in found if s.kind == kind and s.figure.is_known()]
    official = [s for s in statements_of_kind if not s.claimed]
    statements_of_kind = official or statements_of_kind
    base = _largest(s.figure for s in statements_of_kind if not s.extra)
    extra = _largest(s.figure for s in statements_of_kind if s.extra)
    if base is None or extra is None:
        return base or extra or Figure()
    return _sum([Quantity(f.value, f.min, f.max, 0, 0) for f in (base, extra)])


def _largest(figures: Iterable[Figure]) -> Figure | None:
    return max(figures, key=lambda f: (_rank(f), f.min is not None, f.max is None), default=None)


def _rank(figure: Figure) -> int:
    for candidate in (figure.value, figure.min, figure.max):
        if candidate is not None:
            return candidate
    return -1


KIDNAP_CUES = frozenset({"kidnapped", "kidnapping", "abducted", "abducting", "seized", "snatched", "hostage"})


def kidnapped(text: str) -> Figure:
    """How many were kidnapped or taken hostage: "abducted 25 students", "three engineers were
    kidnapped", "took 40 passengers hostage"; the largest count stated."""
    tokens = tokens_of(text)
    counts = _quantities(tokens)
    found: list[Figure] = []
    for i, token in enumerate(tokens):
        if token not in KIDNAP_CUES:
            continue
        parts = _subject_counts(tokens, i, counts) if token != "hostage" else None
        if not parts:
            parts = _object_counts(tokens, i + 1, counts)
        if not parts and token == "hostage":  # "took 40 passengers hostage"
            parts = [q for q in counts.values() if i - MAX_NOUN_WORDS - 1 <= q.start < i]
        if parts:
            found.append(_sum(parts))
    return _largest(found) or Figure()
