"""The hub's one settings object: everything configurable comes from ``MDM_*`` variables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Read once at the edge (CLI, app factory, worker) and passed down; never at import time."""

    model_config = SettingsConfigDict(env_prefix="MDM_", env_file=None, extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL URL; unset means an embedded server under `home`.",
    )
    broker_url: str | None = Field(default=None, description="Celery broker (RabbitMQ) URL.")
    task_queue: str = Field(
        default="mdm", description="The broker queue the hub's tasks go to and workers read."
    )
    home: Path = Field(
        default=Path(".mdm"), description="Where the embedded server and state live."
    )
    log_level: str = Field(default="INFO")
    log_format: Literal["json", "text"] = Field(
        default="json", description="Log lines as JSON objects or as plain text."
    )
    demo: bool = Field(default=True, description="Load the demo data set on first `make run`.")
    host: str = "127.0.0.1"
    port: int = 8000
    hours_per_day: float = Field(
        default=8, gt=0, le=24, description="Converts day rates to hourly."
    )
    source_hours_per_day: dict[str, Annotated[float, Field(gt=0, le=24)]] = Field(
        default_factory=dict,
        description="The source systems whose working day differs from hours_per_day, as "
        'JSON (`{"billing": 7.5}`): their day rates are converted at their own hours',
    )
    role_vocabulary: Path | None = Field(
        default=None,
        description="CSV (columns spelling, role) of the firm's own spellings of rate-card "
        "roles, added to the shipped vocabulary (matching/presets/role_vocabulary.csv); after "
        "changing it, `mdm match --entity rate_card --bulk` files the lines under their new keys",
    )
    survivorship_rules: Path | None = Field(
        default=None,
        description="YAML survivorship rules for the entities it names; the others (or all, "
        "unset) keep the defaults declared with each entity (mdm/domain/entities/)",
    )
    max_body_bytes: int = Field(
        default=1024 * 1024, gt=0, description="Largest request body accepted (413 above)."
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis for throttling shared by API processes; unset = per process.",
    )
    api_key_cache_seconds: float = Field(
        default=5,
        ge=0,
        description="How long an API process trusts a key it has read without reading it again "
        "(a revoked key is refused at most this long after); 0 = read on every call.",
    )
    request_timeout_seconds: float = Field(
        default=30, gt=0, description="Longest database work one API request may do (503 after)."
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs session cookies; unset = generated once and kept in `home`/secret_key.",
    )

    @property
    def embedded(self) -> bool:
        return not self.database_url


def load_settings() -> Settings:
    return Settings()
