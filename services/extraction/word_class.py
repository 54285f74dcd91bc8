"""Penn-style word classes guessed from the word, its neighbours and the entities.

The event rules ask small questions of a word: a verb? a modifier inside a noun phrase? a proper
name? In the small English models the statistical tagger needs a token-to-vector pass of its own
that costs about as much as the entity recogniser, so it does not run. Closed word lists, word
endings, the recogniser's spans and the model's own word lists (the lemmatizer's index of nouns,
verbs and adjectives) answer those questions for news prose. The guesses use the Penn Treebank
names the rules test for, and are made as an ordered list of small rules: the first that
recognises the word decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from services.extraction.nlp import word_lists

WORDS_OF_CLASS = {
    "DT": "the a an this that these those another each every some any no either neither",
    "PDT": "all both half",
    "PRP": "i you he she it we they me him us them itself themselves himself herself",
    "PRP$": "my your his her its our their",
    "MD": "will would can could may might must shall should 'll 'd",
    "CC": "and or but nor & yet",
    "TO": "to",
    "WDT": "which whose",
    "WP": "who whom what",
    "WRB": "when where why how while",
    "EX": "there",
    "IN": "in on at by for with from of into onto over under near about against after before during since "
    "until till through throughout across along around among amid amidst between behind beyond within "
    "without outside inside towards toward upon via per despite following including than as if because "
    "although though whether unlike like off out up down",
    "RB": "not n't also still just already even ever never only very too again now then later soon here "
    "recently reportedly allegedly apparently nearly almost so",
    "JJR": "more less",
    "JJS": "most least",
    "VBZ": "is 's has does says",
    "VBP": "are am 're 'm have do say",
    "VBD": "was were had did said",
    "VB": "be",
    "VBN": "been",
    "VBG": "being",
}
CLOSED_CLASSES = {word: tag for tag, words in WORDS_OF_CLASS.items() for word in words.split()}
IRREGULAR_PAST = {
    "told", "went", "came", "took", "gave", "made", "left", "held", "fought", "shot", "hit", "set", "put",
    "saw", "knew", "found", "blew", "threw", "drove", "began", "led", "fled", "struck", "stole", "stood",
    "became", "got", "brought", "caught", "thought", "sent", "spent", "built", "felt", "kept", "lost",
    "meant", "met", "paid", "sold", "won", "wrote", "spoke", "broke", "chose", "rose", "fell", "ran", "sat",
    "drew", "flew", "grew", "hid", "lay", "rode", "sank", "tore", "woke", "shook", "slid", "swore", "swept",
    "swung", "bled", "fed", "slept", "spun", "bent", "lent", "burnt",
}  # fmt: skip
IRREGULAR_PARTICIPLES = {
    "taken", "given", "seen", "known", "shown", "written", "spoken", "broken", "chosen", "fallen", "driven",
    "gone", "done", "eaten", "blown", "thrown", "drawn", "flown", "grown", "hidden", "ridden", "risen",
    "stolen", "torn", "worn", "begun", "forgotten", "frozen", "shaken", "beaten", "bitten", "slain",
}  # fmt: skip
ADJECTIVE_ENDINGS = ("ous", "ful", "ive", "able", "ible", "less", "ern", "ic", "ical", "ish", "ary")
ADJECTIVES = {
    "local", "senior", "former", "several", "many", "other", "new", "big", "large", "small", "heavy",
    "deadly", "fatal", "huge", "major", "minor", "foreign", "top", "key", "last", "next", "first", "same",
    "own", "late", "early", "recent", "main", "central", "north", "south", "east", "west", "high", "low",
    "long", "short", "old", "young", "little", "few", "further", "final", "multiple", "twin", "double",
    "triple", "separate", "simultaneous", "coordinated", "unknown", "unidentified", "armed", "hostile",
    "rival", "civil", "bloody", "violent", "militant", "islamist", "jihadist", "extremist", "radical",
    "restive", "remote", "rural", "urban", "nearby", "diplomatic", "political", "religious", "sectarian",
    "ethnic", "tribal", "national", "federal", "provincial", "regional", "international", "public",
    "private", "official", "elderly", "injured", "dead", "wounded", "northern", "southern", "eastern",
    "western", "northeastern", "northwestern", "southeastern", "southwestern",
}  # fmt: skip
NOUN_LY = {
    "family", "ally", "rally", "assembly", "supply", "reply", "anomaly", "monopoly", "bully",
}  # fmt: skip
NOUN_ING = {
    "morning", "evening", "building", "meeting", "thing", "king", "ring", "spring", "wing", "ceiling",
}  # fmt: skip
PLURALS = frozenset({"people", "children", "police", "women", "men"})
PARTICLES = frozenset({"out", "up", "off", "down", "away"})
BE_OR_HAVE = {
    "is", "are", "am", "was", "were", "be", "been", "being", "has", "have", "had", "'s", "'re", "got",
    "get", "gets",
}  # fmt: skip
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "who", "that", "there", "what"})
NON_NAME_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})

NOUN_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS"})
SUBJECT_TAGS = NOUN_TAGS | {"PRP"}
OBJECT_TAGS = frozenset({"DT", "CD", "PRP$", "NNP", "NNPS", "PRP", "PDT"})
NOUN_PHRASE_STARTS = frozenset({"DT", "PDT", "CD", "PRP$", "NNP", "NNPS", "JJ", "NNS"})
DESCRIBED_BY = frozenset({"DT", "PRP$", "HYPH", "POS"})
NOMINAL_LEAD = frozenset({"DT", "PDT", "PRP$", "JJ", "CD", "POS"})

Rule = Callable[[Token, str], str | None]


@dataclass(frozen=True, slots=True)
class OpenClass:
    """Whether a word can be a noun, a verb or an adjective, by the model's word lists."""

    noun: bool
    verb: bool
    adjective: bool


@lru_cache(maxsize=8192)
def open_class(lower: str) -> OpenClass:
    lists = word_lists()
    return OpenClass(*(lists.can_be(lower, part) for part in ("noun", "verb", "adj")))


def _lower(token: Token) -> str:
    return token.lower_.replace("’", "'")


def _neighbour(token: Token, offset: int) -> Token | None:
    k = token.i + offset
    return token.doc[k] if 0 <= k < len(token.doc) else None


def _class_of(token: Token | None, default: str = "") -> str:
    return default if token is None else _shallow(token)


def _plural(lower: str) -> bool:
    """ "attacks", "gunmen", "police"; not "bus" or "news" (base forms in their own right, with
    no singular)."""
    if lower in PLURALS or lower.endswith("men"):
        return True
    if not lower.endswith("s") or lower.endswith("ss"):
        return False
    lists = word_lists()
    return not lists.is_base(lower, "noun") or lists.is_base(lower[:-1], "noun")


def _punctuation(token: Token, _: str) -> str | None:
    """Marks; a hyphen inside a name ("al-Shabaab") belongs to the name."""
    if token.is_space:
        return "_SP"
    if not token.is_punct:
        return None
    if token.text not in {"-", "–", "—"}:
        return "."
    return "NNP" if token.ent_iob_ == "I" and token.ent_type_ not in NON_NAME_ENTITIES else "HYPH"


def _number(token: Token, _: str) -> str | None:
    return "CD" if token.like_num else None


def _possessive(token: Token, lower: str) -> str | None:
    """ "'s" after a name or noun; "it's" is the verb."""
    if lower not in {"'s", "'"}:
        return None
    previous = _neighbour(token, -1)
    return "VBZ" if previous is not None and _lower(previous) in SUBJECT_PRONOUNS else "POS"


def _closed_class(_: Token, lower: str) -> str | None:
    return CLOSED_CLASSES.get(lower)


def _to_or_that(token: Token, lower: str) -> str | None:
    """ "to" before a noun phrase is a preposition ("taken to three hospitals", "set fire to
    cereal stores"), before a verb the infinitive marker; "that" by its neighbours. Neighbours
    are judged by their form alone, so "that that" cannot send the two words judging each other
    for ever."""
    if lower == "to":
        after = _neighbour(token, 1)
        after_class = _class_of(after)
        if after is not None and after_class in NOUN_PHRASE_STARTS | NOUN_TAGS:
            return "TO" if after_class == "NN" and open_class(_lower(after)).verb else "IN"
    return _that(token) if lower == "that" else None


def _that(token: Token) -> str:
    """ "that attack" (determiner), "a group that has" (relative), "said that its" (conjunction)."""
    after, before = _neighbour(token, 1), _neighbour(token, -1)
    if after is not None and _class_of(after) in NOUN_TAGS | {"JJ", "CD"}:
        return "DT"
    return "WDT" if before is not None and _class_of(before) in NOUN_TAGS else "IN"


def _proper_name(token: Token, lower: str) -> str | None:
    """Words inside a name entity ("al" of "Jama'at Nusrat al-Islam"), acronyms, and capitalised
    words past the first of a sentence. Nationalities are adjectives ("Russian embassy")."""
    if token.ent_type_ == "NORP":
        return "NNPS" if lower.endswith("s") else "JJ"
    if token.ent_type_ and token.ent_type_ not in NON_NAME_ENTITIES:
        return "NNP"
    if token.is_upper and len(token.text) > 1 and token.is_alpha:
        return "NNP"
    capitalised = token.text[:1].isupper()
    return "NNP" if capitalised and not token.is_sent_start and token.i > 0 else None


def _adverb(token: Token, lower: str) -> str | None:
    """Words in "-ly", but "a weekly market" is an adjective."""
    if not lower.endswith("ly") or len(lower) <= 4 or lower in NOUN_LY:
        return None
    previous = _neighbour(token, -1)
    return "JJ" if previous is not None and CLOSED_CLASSES.get(_lower(previous)) in {"DT", "PRP$"} else "RB"


def _adjective(_: Token, lower: str) -> str | None:
    """Listed adjectives; words the model lists only as adjectives; words it does not list as
    nouns with an adjective's ending ("restive", not "clinic")."""
    if lower in ADJECTIVES:
        return "JJ"
    can = open_class(lower)
    if can.adjective and not (can.noun or can.verb):
        return "JJ"
    return "JJ" if lower.endswith(ADJECTIVE_ENDINGS) and len(lower) > 5 and not can.noun else None


def _auxiliary_before(token: Token) -> bool:
    """ "be" or "have" right before, or before adverbs ("has repeatedly targeted")."""
    k = token.i - 1
    while k >= 0 and _shallow(token.doc[k]) == "RB":
        k -= 1
    return k >= 0 and _lower(token.doc[k]) in BE_OR_HAVE


def _class_after(token: Token) -> str:
    """The next word's class, past a particle ("carried out the assault")."""
    after = _neighbour(token, 1)
    if after is not None and _lower(after) in PARTICLES:
        after = _neighbour(after, 1)
    return _class_of(after, ".")


def _verb_form(token: Token, lower: str) -> str | None:
    """Past forms and participles by their ending. A participle follows "be" or "have", a
    determiner or a hyphen ("Iran-aligned"), stands before a noun it describes ("for displaced
    families") or after a noun with no object ("workers abducted in"); a past tense takes an
    object ("a fire that destroyed a mosque")."""
    if lower in IRREGULAR_PARTICIPLES:
        return "VBN"
    previous = _neighbour(token, -1)
    before, before_class = ("", "") if previous is None else (_lower(previous), _shallow(previous))
    if lower in IRREGULAR_PAST or (lower.endswith("ed") and len(lower) > 4):
        following = _class_after(token)
        if _auxiliary_before(token):
            return "VBN"
        if before_class in DESCRIBED_BY and before != "that":
            return "JJ" if following in NOUN_TAGS and before_class != "HYPH" else "VBN"
        if before_class in NOUN_TAGS:
            return "VBD" if following in OBJECT_TAGS else "VBN"
        if before_class in {"PRP", "WDT", "WP"} or before == "that":
            return "VBD"
        return "VBN" if following in NOUN_TAGS | {"JJ"} else "VBD"
    if lower.endswith("ing") and len(lower) > 5 and lower not in NOUN_ING:
        return "NN" if before_class in NOMINAL_LEAD else "VBG"
    return None


def _verb_or_noun(token: Token, lower: str) -> str:
    """A noun, unless the word is only ever a verb, or stands after a modal or "to", or between
    a subject and what it acts on ("Militia kills 40", "jihadists abduct women", "rebels ambush
    soldiers")."""
    plural = _plural(lower)
    noun_tag, verb_tag = ("NNS", "VBZ") if plural else ("NN", "VBP")
    can = open_class(lower)
    if can.noun and not can.verb:
        return noun_tag
    before = _class_of(_neighbour(token, -1))
    if before in {"MD", "TO"}:
        return "VB"
    if can.verb and not can.noun and before not in NOMINAL_LEAD:
        return verb_tag
    following = _class_of(_neighbour(token, 1))
    if before in SUBJECT_TAGS and following in OBJECT_TAGS and not (before == "NNS" and plural):
        return verb_tag
    if before in {"NNS", "NNPS"} and not plural and can.verb and following in NOUN_TAGS:
        return verb_tag
    return noun_tag


FORM_RULES: tuple[Rule, ...] = (
    _punctuation,
    _number,
    _possessive,
    _closed_class,
    _proper_name,
    _adjective,
    _adverb,
)
RULES: tuple[Rule, ...] = (_to_or_that, *FORM_RULES, _verb_form)


def _first_recognised(rules: tuple[Rule, ...], token: Token, lower: str) -> str | None:
    return next((found for rule in rules if (found := rule(token, lower)) is not None), None)


def _shallow(token: Token) -> str:
    """The class by the word's form alone, for judging a neighbour."""
    lower = _lower(token)
    found = _first_recognised(FORM_RULES, token, lower)
    if found is not None:
        return found
    can = open_class(lower)
    if can.verb and not can.noun:
        return "VB"
    return "NNS" if _plural(lower) else "NN"


def guess_tag(token: Token) -> str:
    """The token's word class, by the first rule that recognises it; else a noun or a verb."""
    lower = _lower(token)
    return _first_recognised(RULES, token, lower) or _verb_or_noun(token, lower)
