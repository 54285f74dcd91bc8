"""Does a clause report a violent event, and where is its trigger?

A clause qualifies by an attack word ("bombing", "gunmen stormed"), a killing verb, or, weaker, a
casualty statement alone ("A dozen people were also injured") or a claim alone ("No group claimed
responsibility"), which can only add to an event already under way. Refused: tallies of many
attacks ("224 attacks", "a series of bomb attacks ... in which dozens were killed", "thousands have
been killed since 2020"), the response to an attack ("the bomber was shot by guards"), and deaths
with a non-violent cause (earthquakes, crashes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from services.extraction.dates import MONTHS, WEEKDAYS
from services.extraction.events.article import Article, Phrases, plural
from services.extraction.events.clauses import Clause
from services.extraction.events.figures import SUBSET_MARKERS, Statement, statements
from services.extraction.events.lexicon import (
    ABSTRACT_OBJECTS,
    AGGREGATE_MARKERS,
    ATTACKER_NOUNS,
    ATTEMPT_CUES,
    ATTRIBUTION_PHRASES,
    CALL_FOR_VERBS,
    CEASE_VERBS,
    CLAIM_PHRASES,
    CONDITIONAL_LEADS,
    DENIAL_LEADS,
    DRIVING_VERBS,
    FIGURATIVE_PHRASES,
    GENERIC_LEADS,
    INTENT_VERBS,
    MODAL_FILLERS,
    MODAL_VERBS,
    NEGATING_LEADS,
    NO_CLAIM_PHRASES,
    NON_VIOLENT_CAUSES,
    NON_VIOLENT_NOUN_ONLY,
    NOT_REAL_CUES,
    QUALIFIED_NOUNS,
    RAMMING,
    REAL_USES_OF_NOT_REAL_CUES,
    RESPONDERS,
    RESPONSE_OBJECTS,
    RISK_LEADS,
    TREND_VERBS,
    WEAPON_HEADS,
)
from services.extraction.events.lexicon import ATTACK_NOUNS as ATTACK_NOUN_WORDS
from services.extraction.events.lexicon import ATTACK_VERBS as ATTACK_VERB_WORDS
from services.extraction.events.lexicon import KILL_VERBS as KILL_VERB_WORDS

Kind = Literal["attack", "kill", "casualty", "claim"]
STRENGTH = {"attack": 3, "kill": 2, "casualty": 1, "claim": 0}
# "years of fighting", "two decades of conflict", "a decade-long insurgency": a period's violence.
LONG_PERIOD = r"(?:months|years|decades?)(?: of| ?- ?long)"
PERIOD_RE = re.compile(
    r"\b(?:since|so far|over the (?:past|last)|(?:in|during|over) (?:the )?(?:past|last|recent) \w+|"
    rf"this year|each year|every year|a year|per year|annually|{LONG_PERIOD})\b"
)
DAY_OR_MONTH_NAMES = "|".join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True))
SPECIFIC_DATE_RE = re.compile(rf"\b(?:{DAY_OR_MONTH_NAMES})\b|(?<!\d)\d{{1,2}}(?!\d)", re.IGNORECASE)
PERFECT_RE = re.compile(r"\b(?:have|has) (?:been |also )?(?:killed|died|left|claimed|wounded|injured)\b")
PERFECT_PASSIVE_RE = re.compile(
    r"\b(?:have|has) been (?:\w+ )?(?:killed|murdered|massacred|wounded|kidnapped)\b"
)
WAR_WORDS = r"\b(?:war|conflict|violence|fighting|insurgency|uprising|dictatorship|repression)\b"
WAR_WORD_RE = re.compile(WAR_WORDS)
# A war or a wave of violence told with its toll: "violence that has lasted 10 years and killed".
WAR_TOLL_RE = re.compile(
    WAR_WORDS + r",? (?:which|that) (?:[\w-]+ ){0,8}?(?:killed|has killed|have killed|claimed|left|cost)\b"
)
YEAR_LIKE_RE = re.compile(r"19\d\d|20\d\d")
NUMBER_RE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}\b")
WAR_SIZED_TOLL = 1000  # one attack seldom kills a thousand; a war's or a decade's toll does
VAGUE_TOLL_RE = re.compile(r"\b(?:dozens|hundreds|thousands|scores|tens of thousands|millions)\b")

SMALL_SETS = {"two", "twin", "double", "three", "triple", "simultaneous", "coordinated", "multiple"}
PASSIVE = {"was", "were", "been", "being", "had", "got"}
ATTACKER_DESCRIPTIONS = {"suicide", "lone", "suspected", "armed", "alleged", "wanted", "notorious"}
OBJECT_DETERMINERS = {"the", "a", "an", "one", "two", "both", "all", "three", "its", "their"}
AGGREGATE_LOOKBACK = 4
RESPONSE_LOOKBACK = 6
PASSIVE_REACH = 3
FIREFIGHTS = frozenset(
    {"shootout", "firefight", "gunfight", "gun", "exchange", "clash", "clashes", "skirmish"}
)
KNOWN_SUBJECTS = {"they", "he", "she"}
DEFINITE = {"the", "this", "that", "its", "their", "'s", "his", "her"}
INDEFINITE = {"a", "an", "another", "one"}


ATTACK_NOUNS = Phrases.of(ATTACK_NOUN_WORDS)
PLURAL_NOUNS = Phrases.of(plural(p) for p in ATTACK_NOUN_WORDS)
ATTACK_VERBS = Phrases.of(ATTACK_VERB_WORDS)
KILL_VERBS = Phrases.of(KILL_VERB_WORDS)
TRIGGER_WORDS = frozenset().union(
    *(p.by_first for p in (ATTACK_NOUNS, PLURAL_NOUNS, ATTACK_VERBS, KILL_VERBS))
)
CLAIMS = Phrases.of(CLAIM_PHRASES)
ATTRIBUTIONS = Phrases.of(ATTRIBUTION_PHRASES)
STATED_CLAIM_RE = re.compile(
    r"\W*(?:[\w'(),-]+ ){0,5}?\b(?:said|says|claimed|announced|stated)"
    r"(?: (?:in|on|via|through|late|early) [\w' ,-]{1,60}?)?(?: that)? (?:"
    r"(?:it|they|the group|(?:[\w-]+ of )?its [\w' -]{1,40}?) (?:had )?(?:carried out|conducted|staged|"
    r"launched|planted|set off|detonated|sabotaged|bombed|blew up|attacked|"
    r"was behind|were behind|were responsible|was responsible)"
    r"|the (?:attacker|assailant|perpetrator|bomber|gunman|driver|shooter)s? (?:was|were) "
    r"(?:one of its|a|an|its|among its) (?:soldiers?|fighters?|members?|militants?))"
)
NO_CLAIM_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in NO_CLAIM_PHRASES) + r")\b")
NON_VIOLENT = Phrases.of([*NON_VIOLENT_CAUSES, *NON_VIOLENT_NOUN_ONLY])
NOT_REAL = Phrases.of(NOT_REAL_CUES)
REAL_USES = Phrases.of(REAL_USES_OF_NOT_REAL_CUES)
ATTEMPT_RE = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in ATTEMPT_CUES) + r")\b")
RAMMING_RE = re.compile(RAMMING)
FIGURATIVE = Phrases.of(FIGURATIVE_PHRASES)
NEGATING = Phrases.of(NEGATING_LEADS)
DENIALS = Phrases.of(DENIAL_LEADS)
NEGATION_REACH = 4
IMMEDIATE_DENIALS = frozenset({"no", "not", "never", "n't"})
SCARE_QUOTES = frozenset({"'", '"', "‘", "’", "“", "”"})
GENERIC = Phrases.of(GENERIC_LEADS)
RISKS = Phrases.of(RISK_LEADS)
RISK_REACH = 4
TREND = frozenset(TREND_VERBS)
EXPLOSIVES = Phrases.of([*WEAPON_HEADS, *(plural(w) for w in WEAPON_HEADS), "blast", "explosion", "device"])
# Explosion verbs that say nothing violent without an explosive: "the striker exploded".
EXPLOSION_VERBS = Phrases.of(["exploded", "explodes", "went off", "go off", "goes off", "set off"])
CRITICISM_VERBS = frozenset({"attack", "attacked", "attacks", "attacking", "assault", "assaults"})
OBJECT_REACH = 5
SKIPPED_BEFORE_OBJECT = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "each", "other's", "'s", "our", "your", "my", "on",
     "against", "upon"}
)  # fmt: skip


def claim_at(lowers: list[str], k: int, end: int) -> int:
    """Length of a claim phrase at token ``k`` (0 when none): "claimed the lives of" is a toll."""
    n = CLAIMS.at(lowers, k, end)
    return n if n and "lives" not in lowers[k : k + n + 2] else 0


@dataclass(frozen=True, slots=True)
class Trigger:
    index: int
    kind: Kind
    statements: tuple[Statement, ...]
    definite: bool = False


def _definite(article: Article, clause: Clause, i: int) -> bool:
    """An event the reader already knows: "the attack", "this bombing", "Monday's blast", or told
    of known attackers ("The gunmen intercepted ... and killed")."""
    lowers = article.lowers
    if any(
        lowers[k] in KNOWN_SUBJECTS or (lowers[k] == "the" and lowers[k + 1] in ATTACKER_NOUNS)
        for k in range(clause.start, min(i, clause.start + 2))
    ):
        return True
    for k in range(i - 1, max(clause.start, i - 4) - 1, -1):
        word = article.lowers[k]
        if word in DEFINITE:
            return True
        if word in INDEFINITE or article.doc[k].is_punct:
            return False
    return False


def _aggregate(article: Article, start: int, i: int) -> bool:
    """A plural attack noun counted or quantified as many ("224 attacks", "such attacks")."""
    for k in range(max(start, i - AGGREGATE_LOOKBACK), i):
        word = article.lowers[k]
        if word in SMALL_SETS:
            return False
        if word in AGGREGATE_MARKERS:
            return True
    counted = article.lowers[i - 1] if i > start else ""
    return counted.replace(",", "").isdigit() and int(counted.replace(",", "")) > len(SMALL_SETS)


LONG_PERIOD_RE = re.compile(rf"\b{LONG_PERIOD}\s*$")


def _long_period_of(article: Article, start: int, i: int) -> bool:
    """An attack noun that names a long period's violence, not one event: "years of fighting",
    "two decades of bombings", "a decade-long insurgency"."""
    return bool(LONG_PERIOD_RE.search(article.lower_text(max(start, i - 4), i)))


def _small_set(article: Article, start: int, i: int) -> bool:
    return any(article.lowers[k] in SMALL_SETS for k in range(max(start, i - 2), i))


def _response(article: Article, clause: Clause, i: int, j: int) -> bool:
    """Violence done to the attacker: "the bomber had been shot by guards", "police killed the gunman",
    "the driver was shot dead by police"."""
    before = range(max(clause.start, i - RESPONSE_LOOKBACK), i)
    attacker_before = [
        k for k in before if article.lowers[k] in ATTACKER_NOUNS and not _counted_in(article, k)
    ]
    passive_reach = range(max(attacker_before[-1], i - PASSIVE_REACH), i) if attacker_before else range(0)
    if any(article.lowers[k] in PASSIVE for k in passive_reach):
        return True  # "the bomber was shot", not "attackers were killed when militants stormed"
    after = article.lowers[j : min(clause.end, j + 4)]
    if "by" in after and any(w in RESPONDERS for w in after[after.index("by") :]):
        return True
    k = j
    while k < clause.end and article.lowers[k] in OBJECT_DETERMINERS | ATTACKER_DESCRIPTIONS:
        k += 1
    return k < clause.end and article.lowers[k] in ATTACKER_NOUNS | RESPONSE_OBJECTS


INCLUSIONS = SUBSET_MARKERS - {"of"}  # "two of the gunmen were shot" is violence done to them


def _counted_in(article: Article, k: int) -> bool:
    """An attacker named as part of a toll ("four people, including the bomber, were killed"),
    not the one the violence was done to."""
    return any(article.lowers[m] in INCLUSIONS for m in range(max(0, k - 3), k))


def _dated(article: Article, clause: Clause) -> bool:
    """The clause gives a day or month ("on Saturday"): plural "drone attacks" then name one
    coordinated incident, not attacks in general. A year alone ("since 2020", "in 2019") is a
    period: "attacks on civilians have risen since 2020" is a trend."""
    return any(
        ent.label_ in {"DATE", "TIME"} and SPECIFIC_DATE_RE.search(ent.text)
        for ent in article.ents_in(clause.start, clause.end)
    )


def _tally(article: Article, clause: Clause) -> bool:
    """A toll over a period ("thousands of civilians have been killed since 2020") or a trend
    ("knife attacks rose 20% last year"), not one event."""
    text = article.lower_text(clause.start, clause.end)
    trend = any(article.lowers[k] in TREND for k in range(clause.start, clause.end)) and (
        "%" in text or "percent" in text or "per cent" in text or bool(PERIOD_RE.search(text))
    )
    if trend or (
        bool(PERIOD_RE.search(text)) and bool(PERFECT_RE.search(text) or VAGUE_TOLL_RE.search(text))
    ):
        return True
    return bool(WAR_TOLL_RE.search(text))  # "the 10-week war, which killed more than 1,000 people"


def _war_sized_toll(article: Article, clause: Clause) -> bool:
    """A toll no single attack reaches, told as a toll and on no particular day: "70,000
    Salvadorans have been killed", "fighting between ... killed more than 6,000 people last year"."""
    text = article.lower_text(clause.start, clause.end)
    told_as_a_toll = PERFECT_RE.search(text) or PERFECT_PASSIVE_RE.search(text) or WAR_WORD_RE.search(text)
    return bool(told_as_a_toll) and _largest_number(text) >= WAR_SIZED_TOLL and not _dated(article, clause)


def _largest_number(text: str) -> int:
    """The largest count written in figures; a year ("in 1989") is no count."""
    numbers = (int(n.replace(",", "")) for n in NUMBER_RE.findall(text) if not YEAR_LIKE_RE.fullmatch(n))
    return max(numbers, default=0)


def _claim_only(article: Article, clause: Clause) -> bool:
    """A sentence that only claims, disowns or blames ("No group claimed responsibility")."""
    lowers = article.lowers
    text = article.lower_text(clause.start, clause.end)
    if NO_CLAIM_RE.search(text) or STATED_CLAIM_RE.search(text):
        return True
    return any(
        claim_at(lowers, k, clause.end) or ATTRIBUTIONS.at(lowers, k, clause.end)
        for k in range(clause.start, clause.end)
    )


def _non_violent_cause(article: Article, clause: Clause) -> bool:
    """A disaster, illness or accident in the clause; "storm" only as a noun ("gunmen storm a
    hotel" is an attack)."""
    found = NON_VIOLENT.find(article.lowers, clause.start, clause.end)
    if found and RAMMING_RE.search(article.lower_text(clause.start, clause.end)):
        found = [(a, b) for a, b in found if article.lowers[a] not in DRIVING_VERBS]
    return any(
        not (article.lowers[a] in NON_VIOLENT_NOUN_ONLY and article.tag(a).startswith("VB")) for a, _ in found
    )


def not_real_cues(lowers: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Words of a film, a game, a trial or a drill in ``lowers[start:end]``, but not those naming
    a real court, cinema or crew ("a trial court judge")."""
    real = {a for a, _ in REAL_USES.find(lowers, start, end)}
    return [(a, b) for a, b in NOT_REAL.find(lowers, start, end) if a not in real]


def _not_real(article: Article, clause: Clause) -> bool:
    """A film, a game, a trial or a drill: the violence is told, judged or rehearsed, not reported."""
    return bool(not_real_cues(article.lowers, clause.start, clause.end))


def _figurative(article: Article, clause: Clause) -> set[int]:
    """Tokens inside figures of speech and sports terms ("give it a shot", "bombed out of"), and a
    word alone in scare quotes ("his side had been 'executed'")."""
    lowers = article.lowers
    found = {k for a, b in FIGURATIVE.find(lowers, clause.start, clause.end) for k in range(a, b)}
    quoted = {
        k for k in range(max(clause.start, 1), min(clause.end, len(lowers) - 1))
        if lowers[k - 1] in SCARE_QUOTES and lowers[k + 1] in SCARE_QUOTES
    }  # fmt: skip
    return found | quoted


def _negated(article: Article, clause: Clause, i: int) -> bool:
    """ "no evidence of arson", "police ruled out a bomb", "no attack had taken place", "we are not
    bombing": the attack word is denied."""
    if i > clause.start and article.lowers[i - 1] in IMMEDIATE_DENIALS:
        return True
    if DENIALS.find(article.lowers, clause.start, i):
        return True
    return any(
        a < i <= b + NEGATION_REACH - 1
        for a, b in NEGATING.find(article.lowers, max(clause.start, i - NEGATION_REACH - 3), i)
    )


def _intended(article: Article, clause: Clause, i: int) -> bool:
    """ "threatened to bomb", "plotting to attack", "never to attack",
    "to prevent judges from being murdered": an intent or a purpose, not an attack."""
    lowers = article.lowers
    if i - 1 < clause.start:
        return False
    if lowers[i - 1] == "to" and i - 2 >= clause.start and lowers[i - 2] in INTENT_VERBS | {"never", "not"}:
        return True  # "used dynamite to blow up the tower" is told, "never to attack" is not
    if i - 2 >= clause.start and lowers[i - 2 : i] == ["from", "being"]:
        return True
    k = i - 1 if lowers[i - 1] not in {"all", "the", "their", "its"} else i - 2
    if k >= clause.start and lowers[k] in CEASE_VERBS and lowers[i].endswith("ing"):
        return True  # "stop murdering civilians", "cease all bombing"
    return _intent_listed(article, clause, i)


def _intent_listed(article: Article, clause: Clause, i: int) -> bool:
    """A later verb of the intent's list: "plan to burn vehicles, destroy stores, bomb lines"."""
    lowers = article.lowers
    for k in range(i - 1, clause.start, -1):
        if article.tag(k) in {"VBD", "VBZ", "MD"} or lowers[k] in {";", "but", "while", "which", "who"}:
            return False  # a new clause of its own; a listed base verb ("destroy") may pass as VBP
        if lowers[k] == "to":
            return lowers[k - 1] in INTENT_VERBS and ("," in lowers[k:i] or "and" in lowers[k:i])
    return False


def _names_something_else(article: Article, clause: Clause, i: int, n: int) -> bool:
    """An attack noun that qualifies another noun ("murder cases", "the bomb squad", "a bomb
    threat"): the case, squad or threat is what the clause speaks of."""
    return i + n < clause.end and article.lowers[i + n] in QUALIFIED_NOUNS


def _hypothetical(article: Article, clause: Clause, i: int) -> bool:
    """ "would strike", "could have killed", "if the offensive goes ahead", "any kind of violence",
    "calls for the murder of": an attack imagined, forbidden or demanded, not reported."""
    lowers = article.lowers
    opening = next((k for k in range(clause.start, i) if lowers[k].isalpha()), i)
    if lowers[opening] in CONDITIONAL_LEADS and "," not in lowers[opening:i]:
        return True  # the condition, up to its comma: "If the rebels strike, ..."
    k = i - 1
    while k >= clause.start and lowers[k] in MODAL_FILLERS:
        k -= 1
    if k >= clause.start and lowers[k] in MODAL_VERBS:
        return True
    k = i - 1
    while k > clause.start and (lowers[k] in {"the", "a", "an"} or article.tag(k) in {"JJ", "NN", "NNS"}):
        k -= 1
    if lowers[k] in {"if", "unless"} and k > opening:
        return True  # "... would be affected if the attack is carried out"
    if RISKS.find(lowers, max(clause.start, i - RISK_REACH - 2), i):
        return True  # "the danger of his being shot"
    k = i - 1
    while k > clause.start and lowers[k] in {"the", "a", "an"}:
        k -= 1
    called_for = lowers[k] == "for" and k > clause.start and lowers[k - 1] in CALL_FOR_VERBS
    if k >= clause.start and (called_for or lowers[k] in CALL_FOR_VERBS):
        return True
    return any(b == i for _, b in GENERIC.find(lowers, max(clause.start, i - 4), i))


def _criticism(article: Article, clause: Clause, i: int) -> bool:
    """ "attacked each other's policies": the object is an idea, not a person or a place."""
    if article.lowers[i] not in CRITICISM_VERBS:
        return False
    for k in range(i + 1, min(clause.end, i + 1 + OBJECT_REACH)):
        word = article.lowers[k]
        if word in ABSTRACT_OBJECTS:
            return True
        if word not in SKIPPED_BEFORE_OBJECT and not article.tag(k).startswith(("JJ", "NN", "POS")):
            return False
    return False


def _unexploded(article: Article, clause: Clause, i: int) -> bool:
    """An explosion verb with no explosive or blast in its clause ("she went off on me")."""
    if not EXPLOSION_VERBS.at(article.lowers, i, clause.end):
        return False
    return not EXPLOSIVES.find(article.lowers, clause.start, clause.end)


def find_trigger(article: Article, clause: Clause) -> Trigger | None:
    """The clause's first trigger and strongest kind, or None when it reports no single event."""
    lowers = article.lowers
    if _non_violent_cause(article, clause) or _not_real(article, clause):
        return None
    figurative = _figurative(article, clause)
    found: list[tuple[int, Kind]] = []
    coordinated: list[int] = []
    aggregate = responded = False
    i = clause.start
    while i < clause.end:
        if (
            lowers[i] not in TRIGGER_WORDS
            or i in figurative
            or _intended(article, clause, i)
            or _negated(article, clause, i)
            or _hypothetical(article, clause, i)
        ):
            i += 1
            continue
        noun, plurals = ATTACK_NOUNS.at(lowers, i, clause.end), PLURAL_NOUNS.at(lowers, i, clause.end)
        verb, kill = ATTACK_VERBS.at(lowers, i, clause.end), KILL_VERBS.at(lowers, i, clause.end)
        last = i + max(noun, plurals, verb, kill, 1) - 1
        head_follows = noun and (
            ATTACK_NOUNS.at(lowers, i + noun, clause.end) or PLURAL_NOUNS.at(lowers, i + noun, clause.end)
        )
        if head_follows:
            i += noun
            continue
        if plurals > noun and not article.tag(last).startswith("VB"):
            if _aggregate(article, clause.start, i):
                aggregate = True
            elif _small_set(article, clause.start, i):
                found.append((i, "attack"))
            else:
                coordinated.append(i)
        elif noun and _long_period_of(article, clause.start, i):
            aggregate = True
        elif noun and (_names_something_else(article, clause, i, noun) or _criticism(article, clause, i)):
            pass
        elif noun:
            found.append((i, "attack"))
        elif verb or kill:
            if _criticism(article, clause, i) or _unexploded(article, clause, i):
                pass
            elif _response(article, clause, i, i + max(verb, kill)):
                responded = True
            elif verb and (verb > 1 or article.tag(i).startswith("VB")):
                found.append((i, "attack"))
            elif kill:
                found.append((i, "kill"))
        i = last + 1
    if aggregate and not any(kind == "attack" for _, kind in found):
        # "investigators suspected X, which has carried out similar attacks": the blame still counts;
        # "X has claimed previous attacks" claims only those
        blames = any(ATTRIBUTIONS.at(article.lowers, k, clause.end) for k in range(clause.start, clause.end))
        return Trigger(clause.start, "claim", ()) if blames else None
    if coordinated and not found and _dated(article, clause):
        found.append((coordinated[0], "attack"))
    said = tuple(statements(article.span_text(clause.start, clause.end)))
    if _war_sized_toll(article, clause) or (
        _tally(article, clause)
        and (aggregate or coordinated or not any(kind == "attack" for _, kind in found))
    ):
        return None
    arrest = any(lowers[k] in RESPONSE_OBJECTS for k in range(clause.start, clause.end))
    if responded and arrest and all(lowers[k] in FIREFIGHTS for k, _ in found):
        found = []  # "officers killed two bandits in a shootout": the response is the whole story
    if not found:
        if responded:
            # "a bomber was intercepted and shot dead before he could reach the market": the attack
            # that failed is the event.
            return (
                Trigger(clause.start, "attack", said)
                if ATTEMPT_RE.search(article.lower_text(clause.start, clause.end))
                else None
            )
        if said:
            return Trigger(clause.start, "casualty", said)
        return Trigger(clause.start, "claim", ()) if _claim_only(article, clause) else None
    kind = max((k for _, k in found), key=STRENGTH.__getitem__)
    definite = any(_definite(article, clause, i) for i, _ in found)
    return Trigger(found[0][0], kind, said, definite)
