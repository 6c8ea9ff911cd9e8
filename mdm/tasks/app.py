"""The Celery application: the broker only wakes workers; PostgreSQL holds the work."""

from __future__ import annotations

from celery import Celery

from mdm.settings import Settings


def make_celery(settings: Settings) -> Celery:
    app = Celery("mdm", broker=settings.broker_url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        timezone="UTC",
        enable_utc=True,
    )
    return app
