"""Cutting an article into the clauses events are read from.

spaCy's sentences are a start, but news pages join what should be apart: a heading and the next
paragraph, list items without a full stop ("... wounding 10 In the same month, ..."), and one
sentence often recalls another event ("..., after the suicide bombing of August 11 targeting ...").
Each piece becomes its own clause so the facts of one event never stick to another; a recalled
clause is marked so it is never read as what the article is mainly about.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Span

from services.extraction.events.article import Article, Phrases
from services.extraction.events.lexicon import ATTACK_NOUNS, EARLIER

RECALL_STARTS = {"after", "following", "since", "before", "like", "unlike", "including"}
# A cause told as another event: "..., in response to an airstrike that killed 41".
RECALL_PHRASES = Phrases.of(
    ["in response to", "in retaliation for", "in revenge for", "as revenge for", "to avenge",
     "in reprisal for", "a response to", "retaliation for", "revenge for", "reprisal for"]
)  # fmt: skip
RECALL_OBJECT_LEAD = {"coincided", "coincides", "coinciding", "recalled", "recalls", "echoed", "echoes"}
MODIFIER_TAGS = {"DT", "PRP$", "JJ", "JJS", "JJR", "CD", "NN", "NNP", "POS", "HYPH", "VBN"}
RECALL_LOOKAHEAD = 5
INITIAL_RECALL_TOKENS = 3
CLAUSE_OPENERS = {
    "the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we", "this", "that", "these", "those",
    "there", "after", "during", "meanwhile", "since", "when", "while", "but", "earlier", "later", "last",
}  # fmt: skip
SUBJECT_WORDS = 6
SUBJECT_TAGS = {"DT", "PRP$", "PRP", "JJ", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "HYPH", "RB"}
FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
ATTACK_PHRASES = Phrases.of(ATTACK_NOUNS)


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    sentence: Span
    recalled: bool = False
    headline: bool = False
    cause: bool = False  # a recalled event told as this one's cause ("in response to an airstrike ...")
    line_start: bool = False


def _lines(sentence: Span) -> list[tuple[int, int]]:
    """The sentence cut at line breaks (spaCy keeps them as whitespace tokens)."""
    pieces, start = [], sentence.start
    for token in sentence:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                pieces.append((start, token.i))
            start = token.i + 1
    if sentence.end > start:
        pieces.append((start, sentence.end))
    return pieces


def _missing_stop(article: Article, i: int) -> bool:
    """A capitalised function word after a number or lowercase word with no punctuation between:
    a sentence that lost its full stop ("wounding 10 In the same month")."""
    if article.lowers[i] not in CLAUSE_OPENERS or article.lowers[i - 1] == "'s":
        return False
    token, prev = article.doc[i], article.doc[i - 1]
    return (
        token.is_title
        and token.ent_iob_ != "I"
        and not prev.is_punct
        and not prev.is_space
        and (prev.is_lower or prev.like_num)
    )


def _pieces(article: Article, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [i for i in range(start + 1, end) if _missing_stop(article, i)]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _attack_noun_ahead(article: Article, i: int, end: int) -> int | None:
    """Token index of an attack noun phrase right after ``i`` behind only modifiers, else None."""
    for j in range(i + 1, min(end, i + 1 + RECALL_LOOKAHEAD)):
        if ATTACK_PHRASES.at(article.lowers, j, end):
            return j
        if article.tag(j) not in MODIFIER_TAGS and article.lowers[j] not in EARLIER:
            return None
    return None


def _main_clause_after(article: Article, comma: int, end: int) -> bool:
    """A subject and its verb right after a comma ("..., the tension was"): the main clause starts."""
    for k in range(comma + 1, min(end, comma + 1 + SUBJECT_WORDS)):
        tag = article.tag(k)
        if tag in FINITE_VERB_TAGS:
            return k > comma + 1
        if tag not in SUBJECT_TAGS:
            return False
    return False


def _recall_at(article: Article, i: int, end: int) -> bool:
    word = article.lowers[i]
    if word in RECALL_STARTS:
        return _attack_noun_ahead(article, i, end) is not None
    cause = RECALL_PHRASES.at(article.lowers, i, end)
    if cause:
        return _attack_noun_ahead(article, i + cause - 1, end) is not None
    if word == "with" and i > 0 and article.lowers[i - 1] in RECALL_OBJECT_LEAD:
        return True
    return word in EARLIER and ATTACK_PHRASES.at(article.lowers, i + 1, end) > 0 and i > 0


def _split_recalls(article: Article, start: int, end: int, sentence: Span, **flags: bool) -> list[Clause]:
    """The main clause and the clause(s) recalling another event."""
    for i in range(start + 1, end):
        if not _recall_at(article, i, end):
            continue
        if i - start <= INITIAL_RECALL_TOKENS:
            commas = [k for k in range(i, end) if article.lowers[k] == ","]
            comma = next(
                (k for k in commas if _main_clause_after(article, k, end)), commas[0] if commas else end
            )
            recalled = Clause(i, comma, sentence, recalled=True, **flags)
            rest = _split_recalls(article, comma + 1, end, sentence) if comma + 1 < end else []
            head = [Clause(start, i, sentence, **flags)] if i > start else []
            return [*head, recalled, *rest]
        cause = RECALL_PHRASES.at(article.lowers, i, end) > 0
        return [Clause(start, i, sentence, **flags), Clause(i, end, sentence, recalled=True, cause=cause)]
    return [Clause(start, end, sentence, **flags)]


def split_clauses(article: Article) -> list[Clause]:
    """Every clause of the article in order; the headline (if the text opens with it) is flagged."""
    clauses: list[Clause] = []
    for sentence in article.doc.sents:
        for line_start, line_end in _lines(sentence):
            first_of_line = line_start == 0 or "\n" in article.doc[line_start - 1].text_with_ws
            for k, (a, b) in enumerate(_pieces(article, line_start, line_end)):
                flags = {"headline": b <= article.headline_end, "line_start": first_of_line or k > 0}
                clauses.extend(_split_recalls(article, a, b, article.doc[a:b], **flags))
    return [c for c in clauses if c.end > c.start]
