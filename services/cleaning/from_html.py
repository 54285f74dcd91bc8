"""A saved or fetched web page to the article body and its metadata, with trafilatura.

Settings lean to precision: a menu line or a related headline kept in the text becomes a false
event downstream, while a sentence lost costs less. ``favor_precision`` drops paywall and
"Like this" remnants that the default and recall modes keep (see ``bench/cleaning.py``). The date
comes from markup only (meta tags, JSON-LD, <time>, URL): htmldate's extensive search reads any
date-looking string on the page, and a wrong publication date misplaces every relative date
("on Friday") in the article, whereas a missing one is left for the text-based inference.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from services.cleaning.article import CleanedArticle
from services.cleaning.boilerplate import strip_boilerplate
from services.cleaning.language import detect_language

EXTRACTION_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
}


def clean_html(html: str | bytes, url: str | None = None) -> CleanedArticle:
    """Never fetches: ``url`` only helps metadata (site, date in the path). A page with no article
    body gives an empty ``text``, which the caller reports as a failure of that input."""
    tree = load_html(html)
    if tree is None:
        return CleanedArticle(text="")
    declared = _declared_language(tree)
    document = bare_extraction(tree, url=url, date_extraction_params=_date_params(), **EXTRACTION_OPTIONS)
    if document is None:
        return CleanedArticle(text="", language=declared)
    text = strip_boilerplate(document.text or "")
    return CleanedArticle(
        text=text,
        title=document.title or None,
        author=document.author or None,
        site_name=document.sitename or None,
        published=document.date or None,
        language=detect_language(text) or declared,
    )


def _date_params() -> dict[str, Any]:
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "outputformat": "%Y-%m-%d",
    }


def _declared_language(tree: HtmlElement) -> str | None:
    """The page's own <html lang>, used only when the text is too short to detect."""
    declared = (tree.get("lang") or "").strip().lower()
    return declared.split("-")[0].split("_")[0] or None
