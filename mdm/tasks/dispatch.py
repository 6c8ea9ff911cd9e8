"""Start background work: on the broker when one is configured, otherwise in this process."""

from __future__ import annotations

import logging
import threading
import uuid
from typing import TYPE_CHECKING

from mdm.runtime import Runtime
from mdm.settings import Settings

if TYPE_CHECKING:
    from mdm.resolve.distributed import Distribution


log = logging.getLogger(__name__)


class BrokerUnreachable(Exception):
    """The broker refused or dropped the connection: nothing was queued."""


def _queue(settings: Settings, task: str, *arguments: object) -> None:
    from kombu.exceptions import OperationalError

    from mdm.tasks.app import make_celery

    try:
        make_celery(settings).send_task(task, args=list(arguments))
    except OperationalError as exc:
        raise BrokerUnreachable(str(exc)) from exc


def block_distribution(runtime: Runtime, blocks: int) -> Distribution:
    """A bulk resolution's blocks handed to the workers through the broker."""
    from mdm.resolve.distributed import Distribution
    from mdm.tasks.app import BLOCK_TASK

    def queue(run_id: uuid.UUID, phase: str, number: int) -> None:
        _queue(runtime.settings, BLOCK_TASK, str(run_id), phase, number)

    return Distribution(runtime.unit_of_work, queue, blocks=max(1, blocks))


def request_resolution(runtime: Runtime, entity: str) -> str:
    settings = runtime.settings
    if settings.broker_url:
        from mdm.tasks.app import RESOLVE_TASK

        _queue(settings, RESOLVE_TASK, entity)
        return f"{entity}: resolution queued for a worker"
    from mdm.resolve.service import resolve_pending

    with runtime.unit_of_work() as uow:
        return resolve_pending(uow, entity).describe()


def request_learning(runtime: Runtime, job_id: uuid.UUID) -> None:
    """Run a learning job: on a worker when a broker is configured and answers, otherwise in a
    thread of this process (the job's row says how it went, whoever runs it)."""
    settings = runtime.settings
    if settings.broker_url:
        from mdm.tasks.app import LEARN_TASK

        try:
            _queue(settings, LEARN_TASK, str(job_id))
            return
        except BrokerUnreachable as exc:
            log.warning("broker unreachable (%s): learning %s runs in this process", exc, job_id)
    from mdm.stewardship.learning_jobs import run

    name = f"mdm-learning-{job_id}"
    threading.Thread(target=run, args=(runtime, job_id), name=name, daemon=True).start()


def request_sync(runtime: Runtime, system: str | None) -> list[str]:
    """Deliver what is due: queued for a worker when a broker is configured, else here."""
    settings = runtime.settings
    if settings.broker_url:
        from mdm.tasks.app import SYNC_TASK

        _queue(settings, SYNC_TASK, system)
        return [f"{system or 'every system'}: delivery queued for a worker"]
    from mdm.sync.service import run

    return [report.describe() for report in run(runtime, system)]
