"""The spaCy pipeline, loaded once per test session (loading costs more than the tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from services.extraction.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()
