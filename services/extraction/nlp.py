"""The spaCy pipeline, loaded once per process.

Loading the model costs far more than tagging one article, so workers and the
CLI share one cached pipeline. The lemmatizer is excluded: nothing downstream
reads lemmas (rules match surface forms), so ``token.lemma_`` is empty. The
parser stays because sentence boundaries and dependency cues are used by the
event rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from services.config import get_settings

EXCLUDED_COMPONENTS = ("lemmatizer",)
BATCH_SIZE = 32


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """The pipeline named by ``model`` or the ``VIGIL_SPACY_MODEL`` setting, cached per process."""
    name = model or get_settings().spacy_model
    return spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))


def tag(texts: Iterable[str], model: str | None = None) -> list[Doc]:
    """Tag a batch of texts in one ``nlp.pipe`` pass."""
    return list(load_nlp(model).pipe(texts, batch_size=BATCH_SIZE))
