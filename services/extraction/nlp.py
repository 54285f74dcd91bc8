"""The spaCy pipeline, loaded once per process and cut to what extraction reads.

Loading the model costs far more than tagging one article, so workers and the CLI share one
cached pipeline. Extraction reads entities and sentences; word classes come from
``word_class``, not from the statistical tagger. In the small English models the entity
recogniser carries its own token-to-vector layer, while the shared ``tok2vec`` feeds only the
tagger, ``senter`` and the parser, and costs about as much again as the recogniser; so all of
them are left out, with the attribute ruler. Sentences come from the rule ``sentencizer``, and a
last component starts a sentence after every line break: a headline or a paragraph never runs
into the next one. The lemmatizer is loaded but never run: its word lists (which words can be
nouns, verbs, adjectives) serve ``word_class``. Consequently ``token.tag_``, ``token.pos_``,
``token.lemma_``, ``token.dep_`` and ``doc.noun_chunks`` are empty or unavailable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from services.config import get_settings

EXCLUDED_COMPONENTS = ("tok2vec", "tagger", "senter", "parser", "attribute_ruler")
WORD_LISTS_COMPONENT = "lemmatizer"
SENTENCE_COMPONENT = "sentencizer"
LINE_BREAKS = "line_breaks"
BATCH_SIZE = 32


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after any token or whitespace holding a line break."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """The pipeline named by ``model`` or the ``VIGIL_SPACY_MODEL`` setting, cached per process."""
    nlp = spacy.load(
        model or get_settings().spacy_model,
        exclude=list(EXCLUDED_COMPONENTS),
        disable=[WORD_LISTS_COMPONENT],
    )
    nlp.add_pipe(SENTENCE_COMPONENT)
    nlp.add_pipe(LINE_BREAKS)
    return nlp


def tag(texts: Iterable[str], model: str | None = None) -> list[Doc]:
    """Entities and sentences for a batch of texts in one ``nlp.pipe`` pass."""
    return list(load_nlp(model).pipe(texts, batch_size=BATCH_SIZE))


@dataclass(frozen=True, slots=True)
class WordLists:
    """The model's base forms per part of speech, with its inflection rules and exceptions."""

    base_forms: dict[str, frozenset[str]]
    suffix_rules: dict[str, tuple[tuple[str, str], ...]]
    exceptions: dict[str, frozenset[str]]

    def is_base(self, word: str, part: str) -> bool:
        return word in self.base_forms[part]

    def can_be(self, word: str, part: str) -> bool:
        """Whether the lowercase ``word`` is a form of some ``part`` ("noun", "verb", "adj")."""
        bases = self.base_forms[part]
        if word in bases or word in self.exceptions[part]:
            return True
        return any(
            word.endswith(old) and word[: len(word) - len(old)] + new in bases
            for old, new in self.suffix_rules[part]
        )


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """The lemmatizer's tables of the configured model."""
    lookups = load_nlp().get_pipe(WORD_LISTS_COMPONENT).lookups
    index, rules, exceptions = (
        lookups.get_table(name) for name in ("lemma_index", "lemma_rules", "lemma_exc")
    )
    parts = ("noun", "verb", "adj")
    return WordLists(
        base_forms={p: frozenset(index[p]) for p in parts},
        suffix_rules={p: tuple((old, new) for old, new in rules[p]) for p in parts},
        exceptions={p: frozenset(exceptions[p]) for p in parts},
    )
