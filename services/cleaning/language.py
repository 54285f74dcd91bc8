"""Language of an article, so only what the English models can read gets enriched.

py3langid ships its model inside the package, so detection needs no download. A guess on a few
words is noise (three-word headlines come out as Nigerian Pidgin), so very short or ambiguous text
gets no language rather than a wrong one. A short text that English still explains well is
English: a one-sentence report from Nigeria ("Gunmen killed four farmers in Benue state, police
said.") scores higher as Nigerian Pidgin, which is written in English words, and skipping it as
not English would lose an article the English models read perfectly well.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from services.cleaning.article import ENGLISH

SAMPLE_CHARS = 1500
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5
# Below this many letters (a few sentences) a text whose English probability reaches
# SHORT_ENGLISH_FLOOR is taken as English whatever ranks first: on so little text the first
# guess between close languages is a coin toss, while a text in another language (a French
# sentence) leaves English near zero.
SHORT_LETTERS = 400
SHORT_ENGLISH_FLOOR = 0.2


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or ambiguous."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(char.isalpha() for char in sample)
    if letters < MIN_LETTERS:
        return None
    ranking = _identifier().rank(sample)
    if letters < SHORT_LETTERS and dict(ranking).get(ENGLISH, 0.0) >= SHORT_ENGLISH_FLOOR:
        return ENGLISH
    language, confidence = ranking[0]
    return str(language) if confidence >= MIN_CONFIDENCE else None


def unsupported_language_reason(language: str | None) -> str:
    """Why an article is stored but not enriched."""
    if language is None:
        return "language not detected (text too short or ambiguous); only English articles are enriched"
    return f"language '{language}' is not supported; only English ('{ENGLISH}') articles are enriched"
