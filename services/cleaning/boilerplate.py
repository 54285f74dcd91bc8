"""Line rules for web boilerplate that survives HTML extraction or arrives inside plain text.

Pasted or API text has no markup left to tell the article from the page around it, so these rules
look at whole lines only, with short lists of phrasings common across news sites and blogs:

- notice lines (paywall, comment form, share prompts, credits, adverts, tags) are dropped wherever
  they stand;
- an end marker (post navigation, a comment section) after the article body ends the article: the
  marker and every line after it go, since what follows is other pages' headlines or readers' words;
- a related-links header goes together with the headline-like lines listed under it;
- a menu line (short word-only items between "|" or bullets) is site navigation, even when an
  extractor renders a layout table as a row of cells.

Rules only ever drop whole lines of at most ``NOTICE_MAX_CHARS``; a paragraph of prose is never
cut into, and the phrasings are specific enough not to match a one-sentence paragraph of news.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NOTICE_MAX_CHARS = 200
PROSE_MIN_WORDS = 12
LINK_MAX_WORDS = 16
SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "'", "’")
MENU_MIN_ITEMS = 3
MENU_ITEM_MAX_WORDS = 3
MENU_SEPARATOR_RE = re.compile(r"\s*(?:\\?\||•|·|»)\s*")

SUBSCRIBERS = r"(?:our )?(?:(?:paying |paid |digital |premium )?subscribers|(?:paying|paid|premium) members)"
ACCOUNT_ACTION = r"(?:subscribe|sign up|log in|sign in|register)"
PAYWALL = (
    r"you have (?:read )?\d+(?:[.,]\d+)?\s?% of (?:this|the) article",
    rf"\b(?:article|content|story|rest|continuation|remainder)\b.{{0,30}}\b(?:available|exclusive|reserved)"
    rf" (?:only )?(?:to|for) {SUBSCRIBERS}",
    rf"\bfor {SUBSCRIBERS} only\b",
    rf"^{ACCOUNT_ACTION}(?: now| today| for free)? to (?:continue|read|keep|unlock|access|get full)",
    rf"to (?:continue|keep) reading(?: this article)?,? (?:please )?(?:{ACCOUNT_ACTION}|become)",
    r"^continue reading(?: the main story| below)?$",
    r"^already (?:a )?(?:subscriber|member|registered)\b",
    r"^become a (?:subscriber|member)\b",
    r"you(?:'ve| have) (?:reached your|used all (?:of )?your) (?:free |monthly )?(?:article|story|stories)",
    r"\bfree (?:articles?|stories) (?:left|remaining)\b",
    r"il vous reste \d+(?:[.,]\d+)?\s?% de cet article",
    r"la suite est réservée aux abonnés",
)
COMMENT_FORM = (
    r"your email address will not be published",
    r"required fields are marked",
    r"^(?:post|submit|add) (?:a |your )?comment$",
    r"^cancel reply$",
    r"save my name,? email,? and website",
    r"^notify me of (?:new|follow-up) (?:comments|posts)",
    r"^comments are (?:closed|moderated)",
    r"you must be (?:logged|signed) in to (?:post a )?comment",
)
SHARE = (
    r"^share (?:this|on|via)\b",
    r"^click (?:here )?to (?:share|print|email|tweet)\b",
    r"^like this:?$",
    r"^like loading",
    r"^\(?opens in (?:a )?new window\)?$",
    r"^(?:share|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram|reddit|pinterest|copy link)$",
    r"^follow us on\b",
    r"^sign up (?:for|to) (?:our|the)\b.{0,60}\bnewsletter",
)
CREDIT = (
    r"^/\s?[a-z][\w .,&'-]{0,60}$",
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled) by\b.*[^.]$",
    r"^(?:photo|image|picture|video|file photo)(?: credit)?\s*:\s*.{1,80}$",
    r"^(?:source|sources|credit|credits)\s*:\s*.{1,80}$",
    r"^by$",
)
PAGE_FURNITURE = (
    r"^advertisement$",
    r"continues below (?:this )?advert",
    r"^(?:sponsored|promoted|paid)(?: content| post)?$",
    r"^scroll (?:down )?to continue",
    r"^(?:tags|topics|categories|filed under)\s*:",
    r"^tagged\s",
    r"^(?:©|\(c\)|copyright\b)",
    r"\ball rights reserved\b",
    r"\bwe use cookies\b",
    r"^(?:read more|read also|read next|also read|see also|related)\s*[:|»›-]\s*\S",
)
END_MARKERS = (
    r"^(?:previous|prev|next|older|newer) (?:post|article|story|entry)\b",
    r"^(?:post|article) navigation$",
    r"^leave a (?:reply|comment)\b",
    r"^\d+ comments?$",
    r"^comments?(?: \(\d+\))?$",
    r"^join the (?:discussion|conversation)\b",
)
RELATED_HEADERS = (
    r"related(?: articles| stories| posts| news| content| coverage| reading)?",
    r"read (?:more|also|next)",
    r"also read",
    r"see also",
    r"further reading",
    r"more (?:from|on|in) [^.]{1,40}",
    r"more (?:stories|news)",
    r"you (?:may|might) also (?:like|be interested in)",
    r"recommended(?: for you| stories| articles)?",
    r"most (?:read|popular|viewed|shared)",
    r"trending(?: now| stories)?",
    r"latest (?:news|stories|articles)",
    r"top stories",
    r"recent posts",
    r"editor'?s picks",
    r"don'?t miss",
)


def _any_of(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


NOTICE_RE = _any_of(PAYWALL + COMMENT_FORM + SHARE + CREDIT + PAGE_FURNITURE + END_MARKERS)
END_RE = _any_of(END_MARKERS)
RELATED_RE = re.compile(rf"(?:{'|'.join(RELATED_HEADERS)})\s*:?", re.IGNORECASE)


def is_notice(line: str) -> bool:
    """A short line that is page furniture rather than article text."""
    line = line.strip()
    return bool(line) and len(line) <= NOTICE_MAX_CHARS and NOTICE_RE.search(line) is not None


def is_menu(line: str) -> bool:
    """Navigation such as "Home | World | Sport": figures in a cell mean a data table row instead."""
    items = [item for item in MENU_SEPARATOR_RE.split(line) if item]
    return (
        len(items) >= MENU_MIN_ITEMS
        and all(len(item.split()) <= MENU_ITEM_MAX_WORDS for item in items)
        and not any(char.isdigit() for char in line)
    )


def _is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS


def _is_link_like(line: str) -> bool:
    """Reads like a listed headline: short and without sentence punctuation at the end."""
    return 0 < len(line.split()) <= LINK_MAX_WORDS and not line.rstrip().endswith(SENTENCE_END)


def strip_boilerplate(text: str) -> str:
    """The text without boilerplate lines, paragraphs kept and runs of blank lines collapsed."""
    lines = _drop_related_blocks(_cut_at_end_marker([line.strip() for line in text.splitlines()]))
    return join_paragraphs(line for line in lines if not (is_notice(line) or is_menu(line)))


def _cut_at_end_marker(lines: list[str]) -> list[str]:
    seen_prose = False
    for index, line in enumerate(lines):
        if seen_prose and len(line) <= NOTICE_MAX_CHARS and END_RE.search(line):
            return lines[:index]
        seen_prose = seen_prose or _is_prose(line)
    return lines


def _drop_related_blocks(lines: list[str]) -> list[str]:
    kept: list[str] = []
    in_block = False
    for line in lines:
        if RELATED_RE.fullmatch(line):
            in_block = True
            continue
        if in_block and _is_link_like(line):
            continue
        in_block = in_block and not line
        kept.append(line)
    return kept


def join_paragraphs(lines: Iterable[str]) -> str:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
