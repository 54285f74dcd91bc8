"""Cleaning throughput, and the trafilatura settings comparison behind ``favor_precision``.

Throughput: ``clean_html`` over the saved pages in ``tests/pages`` repeated to at least 200 pages,
``clean_text`` over the seeds repeated to at least 200 texts. Settings: for each trafilatura mode,
with and without our line rules, how many expected body passages are kept and how many pieces of
page furniture are left, summed over the pages' ``expected.json``.

Run: ``python -m bench.cleaning``; writes ``bench/results/cleaning.json``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trafilatura import bare_extraction

from bench.machine import write_result
from services.cleaning import clean_html, clean_text
from services.cleaning.boilerplate import strip_boilerplate
from services.cleaning.from_html import EXTRACTION_OPTIONS

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "pages"
MIN_ITEMS = 200
MODES = {"default": {}, "precision": {"favor_precision": True}, "recall": {"favor_recall": True}}


def throughput(items: list[Any], clean: Callable[[Any], object]) -> dict[str, float]:
    repeated = items * -(-MIN_ITEMS // len(items))
    clean(items[0])  # load models and caches outside the timing
    start = time.perf_counter()
    for item in repeated:
        clean(item)
    seconds = time.perf_counter() - start
    rate = round(len(repeated) / seconds, 1)
    return {"items": len(repeated), "seconds": round(seconds, 3), "per_second": rate}


def settings_comparison(expected: dict[str, dict[str, Any]]) -> dict[str, dict[str, int]]:
    options = {key: value for key, value in EXTRACTION_OPTIONS.items() if not key.startswith("favor_")}
    scores: dict[str, dict[str, int]] = {}
    for mode, flags in MODES.items():
        for rules in (False, True):
            kept = furniture_left = 0
            for name, page in expected.items():
                document = bare_extraction((PAGES / name).read_bytes(), url=page["url"], **options, **flags)
                text = (document.text or "") if document else ""
                text = strip_boilerplate(text) if rules else text
                kept += sum(passage in text for passage in page["keep"])
                furniture_left += sum(furniture in text for furniture in page["drop"])
            scores[f"{mode}{' + line rules' if rules else ''}"] = {
                "body_passages_kept": kept,
                "body_passages_expected": sum(len(page["keep"]) for page in expected.values()),
                "furniture_left": furniture_left,
            }
    return scores


def main() -> None:
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))["pages"]
    pages = [((PAGES / name).read_bytes(), page["url"]) for name, page in expected.items()]
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    results = {
        "clean_html": {"pages": len(pages), **throughput(pages, lambda page: clean_html(*page))},
        "clean_text": {"texts": len(texts), **throughput(texts, clean_text)},
        "settings": settings_comparison(expected),
    }
    html, text = results["clean_html"], results["clean_text"]
    print(f"clean_html: {html['per_second']} pages/s ({html['items']} pages in {html['seconds']} s)")
    print(f"clean_text: {text['per_second']} texts/s ({text['items']} texts in {text['seconds']} s)")
    print(f"{'trafilatura settings':32} body kept   furniture left")
    for mode, score in results["settings"].items():
        kept = f"{score['body_passages_kept']}/{score['body_passages_expected']}"
        print(f"{mode:32} {kept:11} {score['furniture_left']}")
    print(f"written {write_result('cleaning', results)}")


if __name__ == "__main__":
    main()
