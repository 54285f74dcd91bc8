"""The spaCy pipeline, loaded once per process and cut to what extraction reads.

Loading the model costs far more than tagging one article, so workers and the
CLI share one cached pipeline. Extraction reads entities, fine-grained tags
(``token.tag_``) and sentences, never the dependency tree, lemmas or coarse
POS, so the parser, lemmatizer and attribute ruler are left out and sentences
come from the small ``senter`` component instead of the parser: that keeps
tagging within a few percent of tokenizer+NER alone. ``senter`` ignores line
breaks, so a last component starts a sentence after every line break: a
headline or a paragraph never runs into the next one. Consequently
``token.pos_``, ``token.lemma_``, ``token.dep_`` and ``doc.noun_chunks`` are
empty or unavailable.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from services.config import get_settings

EXCLUDED_COMPONENTS = ("parser", "lemmatizer", "attribute_ruler")
SENTENCE_COMPONENT = "senter"
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
    nlp = spacy.load(model or get_settings().spacy_model, exclude=list(EXCLUDED_COMPONENTS))
    if SENTENCE_COMPONENT in nlp.disabled:
        nlp.enable_pipe(SENTENCE_COMPONENT)
    nlp.add_pipe(LINE_BREAKS, after=SENTENCE_COMPONENT if SENTENCE_COMPONENT in nlp.pipe_names else None)
    return nlp


def tag(texts: Iterable[str], model: str | None = None) -> list[Doc]:
    """Tag a batch of texts in one ``nlp.pipe`` pass."""
    return list(load_nlp(model).pipe(texts, batch_size=BATCH_SIZE))
