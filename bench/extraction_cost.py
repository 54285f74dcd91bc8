"""CPU cost of the whole tagging and extraction step against spaCy's tokenizer+NER alone.

Articles of about 700 words are built from the seeds and the test reports (each seed followed by
reports until it reaches the length). In one process, with each pipeline loaded once, the
one-time loading a process does before its first article done up front (``warm_up``: the model,
its word lists, the date parser's tables) and a warm-up on other articles, it measures CPU
milliseconds per article (``time.process_time``) of:

- the floor the issue names, tokenizer + NER alone: ``nlp.pipe`` with only ``ner`` enabled (in
  the small English model it carries its own token-to-vector layer, so it needs no ``tok2vec``);
- for reference, ``tok2vec`` + ``ner``: what the model's statistical tagger would add (the
  shared ``tok2vec`` feeds only the tagger and the sentence splitter; extraction runs neither,
  its word classes come from ``services.extraction.word_class``);
- the whole step: ``analyse()`` (one ``nlp.pipe`` pass, entities, events).

The ratio is taken on first sight: ``analyse()`` and NER alone take the articles in turns of
``TURN`` (each turn seen by ``analyse()`` for the first time, then by NER alone), so the speed of
this virtual machine, which drifts by a tenth within a minute, weighs on both alike. Then the
three run over all articles, round after round, each keeping its best round (warm caches).

Target: the whole step within 1.6x of tokenizer + NER alone. Run: ``python -m bench.extraction_cost``; writes
``bench/results/extraction_cost.json``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import spacy

from bench.machine import write_result
from services.config import get_settings
from services.extraction.analyse import analyse, warm_up
from services.extraction.nlp import load_nlp
from services.schema import Document

ROOT = Path(__file__).resolve().parent.parent
WORDS = 700
WARMUP = 4
TARGET_RATIO = 1.6
ROUNDS = 3
TURN = 8


def build_articles() -> list[Document]:
    """Each seed, then each report, extended with following reports to about ``WORDS`` words."""
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    sources += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "reports").glob("*.txt"))]
    articles = []
    for i, text in enumerate(sources):
        parts, k = [text], i + 1
        while sum(len(p.split()) for p in parts) < WORDS:
            parts.append(sources[k % len(sources)])
            k += 1
        words = "\n\n".join(parts).split(" ")
        articles.append(Document(id=f"a{i:03d}", text=" ".join(words[:WORDS]), published="2022-09-07"))
    return articles


def cpu_ms_per_article(run: Callable[[list[Document]], object], articles: list[Document]) -> float:
    start = time.process_time()
    run(articles)
    return 1000 * (time.process_time() - start) / len(articles)


def main() -> int:
    articles = build_articles()
    warmup, measured = articles[:WARMUP], articles[WARMUP:]
    floor_nlp = spacy.load(get_settings().spacy_model)
    floor_nlp.select_pipes(enable=["tok2vec", "ner"])

    def floor(docs: list[Document]) -> None:
        list(floor_nlp.pipe(d.text for d in docs))

    def ner_only(docs: list[Document]) -> None:
        with floor_nlp.select_pipes(enable=["ner"]):
            list(floor_nlp.pipe(d.text for d in docs))

    warm_up()
    for run in (floor, ner_only, analyse):
        run(warmup)
    first_pass = {"analyse": 0.0, "ner_only": 0.0}
    for start in range(0, len(measured), TURN):
        turn = measured[start : start + TURN]
        for name, run in (("analyse", analyse), ("ner_only", ner_only)):
            first_pass[name] += cpu_ms_per_article(run, turn) * len(turn) / len(measured)
    runs: dict[str, list[float]] = {"floor": [], "ner_only": [], "analyse": []}
    for _ in range(ROUNDS):
        for name, run in (("analyse", analyse), ("floor", floor), ("ner_only", ner_only)):
            runs[name].append(cpu_ms_per_article(run, measured))
    figures = {
        "analyse_first_pass_ms": first_pass["analyse"],
        "ner_only_first_pass_ms": first_pass["ner_only"],
        "analyse_ms": min(runs["analyse"]),
        "floor_tok2vec_ner_ms": min(runs["floor"]),
        "ner_only_ms": min(runs["ner_only"]),
    }
    ratio = figures["analyse_first_pass_ms"] / figures["ner_only_first_pass_ms"]
    result = {
        "articles": len(measured),
        "words_per_article": WORDS,
        **{k: round(v, 1) for k, v in figures.items()},
        "ratio_to_ner_only": round(ratio, 2),
        "ratio_to_ner_only_warm": round(figures["analyse_ms"] / figures["ner_only_ms"], 2),
        "ratio_to_tok2vec_ner": round(figures["analyse_first_pass_ms"] / figures["floor_tok2vec_ner_ms"], 2),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
        "pipeline": load_nlp().pipe_names,
    }
    for key, value in result.items():
        print(f"{key:>22}: {value}")
    print(f"written {write_result('extraction_cost', result)}")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
