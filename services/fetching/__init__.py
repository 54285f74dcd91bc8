"""Safe HTTP fetching of untrusted URLs (SSRF-proof, bounded, polite). See ``fetcher`` for the rules."""

from services.fetching.addresses import (
    check_acceptable_url,
    is_public_address,
    refusal_reason,
    resolve_target,
)
from services.fetching.content import ALLOWED_KINDS, ARTICLE_KINDS, FEED_KINDS
from services.fetching.errors import FetchError
from services.fetching.fetcher import FetchedPage, Fetcher, fetch
from services.fetching.politeness import HostThrottle
from services.fetching.retry import backoff_delay, fetch_with_retries
from services.fetching.robots import RobotsCache
from services.fetching.urls import ParsedTarget, check_url

__all__ = [
    "ALLOWED_KINDS",
    "ARTICLE_KINDS",
    "FEED_KINDS",
    "FetchError",
    "FetchedPage",
    "Fetcher",
    "HostThrottle",
    "ParsedTarget",
    "RobotsCache",
    "backoff_delay",
    "check_acceptable_url",
    "check_url",
    "fetch",
    "fetch_with_retries",
    "is_public_address",
    "refusal_reason",
    "resolve_target",
]
