"""The Celery application: the broker only wakes workers; PostgreSQL holds the work.

Tasks take names and ids, never data; they are safe to run twice (resolving an entity with
nothing pending changes nothing) and are acknowledged late, so a worker lost mid-task leaves
the message for another worker.
"""

from __future__ import annotations

import uuid
from functools import cache

from celery import Celery, current_task

from mdm import logs
from mdm.runtime import Runtime, open_runtime
from mdm.settings import Settings, load_settings

RESOLVE_TASK = "mdm.resolve_entity"
SYNC_TASK = "mdm.sync_systems"
BLOCK_TASK = "mdm.resolve_block"
LEARN_TASK = "mdm.learn_from_stewards"


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
        broker_connection_retry_on_startup=True,
        task_default_queue=settings.task_queue,
        worker_hijack_root_logger=False,  # the hub's JSON lines (mdm.logs), not Celery's
    )
    app.task(name=RESOLVE_TASK, ignore_result=True)(resolve_entity)
    app.task(name=SYNC_TASK, ignore_result=True)(sync_systems)
    app.task(name=BLOCK_TASK, ignore_result=True)(resolve_block)
    app.task(name=LEARN_TASK, ignore_result=True)(learn_from_stewards)
    return app


@cache
def _worker_runtime() -> Runtime:
    return open_runtime(load_settings())


def resolve_entity(entity: str) -> str:
    """Resolve everything pending for ``entity`` in one unit of work."""
    from mdm.resolve.service import resolve_pending

    task = current_task
    logs.start_run(task.request.id if task else None)  # the task's lines carry its id
    runtime = _worker_runtime()
    with runtime.unit_of_work() as uow:
        return resolve_pending(uow, entity).describe()


def resolve_block(run_id: str, phase: str, block: int) -> str:
    """One block of a bulk resolution split for the workers (``mdm match --distribute``);
    done once, whatever the number of times it is delivered."""
    from mdm.resolve.blocks import run_block

    task = current_task
    logs.start_run(task.request.id if task else None)
    runtime = _worker_runtime()
    with runtime.unit_of_work() as uow:
        return run_block(uow, uuid.UUID(run_id), phase, block)


def learn_from_stewards(job_id: str) -> str:
    """Run a learning job asked for through the API or the UI (``mdm.stewardship.learning_jobs``);
    a job delivered twice runs once."""
    from mdm.stewardship import learning_jobs

    task = current_task
    logs.start_run(task.request.id if task else None)
    ended = learning_jobs.run(_worker_runtime(), uuid.UUID(job_id))
    return f"learning {job_id}: {ended.state if ended else 'run elsewhere'}"


def sync_systems(system: str | None = None) -> list[str]:
    """Deliver everything due (to ``system``, or to every connected system); the delivery
    log in PostgreSQL is the work, so running this twice or at once on two workers is safe
    (due rows are claimed with SKIP LOCKED)."""
    from mdm.sync.service import run

    return [report.describe() for report in run(_worker_runtime(), system)]
