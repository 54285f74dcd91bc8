"""Case restored before tagging, for text written in one case.

Wire copy in capitals ("GUERRILLAS ATTACKED ...") and lower-cased posts or corpora carry no case,
and the entity recogniser finds names by their capitals: on such text it misses most people,
groups and places. So a text that is (nearly) all one case is re-cased word by word before
tagging, from spaCy's English word probabilities (``spacy-lookups-data``, a PyPI package): a word
whose most frequent written form is lower case stays lower, one written mostly in capitals
("FMLN", "NATO") is put in capitals, and any other word, a name the table does not know
included, is capitalised; so is the first word of each sentence. Only letters change, so every
character offset still points at the same text. Mixed-case text is never touched.

The tables are cut once from the package's 1M-form table, in a child process (reading the table
costs about 200 MB that a long-lived worker would keep), and cached as a small file under
``VIGIL_CACHE_DIR``; a process that cannot write there builds them in memory instead.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from services.config import get_settings

# Below this log-probability a lower-case form is too rare to trust (names seen once in lower case).
MIN_LOWER_PROBABILITY = -17.0
ACRONYM_LENGTHS = range(2, 6)
MIN_LETTERS = 40
# Share of capital letters above which a text is written in capitals, below which in lower case.
UPPER_SHARE = 0.8
LOWER_SHARE = 0.01
WORD_RE = re.compile(r"[^\W\d_]+")
SENTENCE_START_RE = re.compile(r"(?:^|[.!?]\s+|\n\s*|--\s*)[\"'(\[]*([^\W\d_])")


def _table_path() -> Path:
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"


def _acronym(form: str) -> bool:
    return form.isupper() and form.isalpha() and len(form) in ACRONYM_LENGTHS


def build_tables() -> dict[str, list[str]]:
    """Words to keep lower and words to write in capitals, from the word probabilities."""
    with gzip.open(_table_path(), "rt", encoding="utf-8") as table:
        probabilities: dict[str, float] = json.load(table)
    best: dict[str, tuple[float, str]] = {}
    for form, probability in probabilities.items():
        key = form.lower()
        if key not in best or probability > best[key][0]:
            best[key] = (probability, form)
    lower = sorted(k for k, (p, form) in best.items() if form == k and p >= MIN_LOWER_PROBABILITY)
    upper = sorted(k for k, (_, form) in best.items() if _acronym(form))
    return {"lower": lower, "upper": upper}


def _cache_file() -> Path:
    return Path(get_settings().cache_dir).expanduser() / f"case-{version('spacy-lookups-data')}.json.gz"


@lru_cache(maxsize=1)
def tables() -> tuple[frozenset[str], frozenset[str]]:
    cache = _cache_file()
    if not cache.is_file():
        subprocess.run([sys.executable, "-m", __name__, str(cache)], check=False, capture_output=True)
    if cache.is_file():
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            built = json.load(f)
    else:
        built = build_tables()
    return frozenset(built["lower"]), frozenset(built["upper"])


def one_case(text: str) -> bool:
    """Whether the text is written (nearly) all in capitals or all in lower case."""
    letters = sum(c.isalpha() for c in text)
    if letters < MIN_LETTERS:
        return False
    share = sum(c.isupper() for c in text) / letters
    return share >= UPPER_SHARE or share <= LOWER_SHARE


def restore_case(text: str) -> str:
    """The text re-cased word by word (same length, same offsets)."""
    lower, upper = tables()

    def recase(match: re.Match[str]) -> str:
        word = match.group().lower()
        if word in lower:
            return word
        return word.upper() if word in upper else word.capitalize()

    recased = WORD_RE.sub(recase, text.lower())
    return SENTENCE_START_RE.sub(lambda m: m.group()[:-1] + m.group(1).upper(), recased)


def for_tagging(text: str) -> str:
    """The text the recogniser should read: re-cased when it is written in one case."""
    return restore_case(text) if one_case(text) else text


def _write_cache(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with gzip.open(partial, "wt", encoding="utf-8") as f:
        json.dump(build_tables(), f)
    partial.replace(path)


if __name__ == "__main__":
    _write_cache(Path(sys.argv[1]))
