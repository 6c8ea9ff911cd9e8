"""`mdm sync` and `mdm pull`: golden records out to connected systems, their changes in."""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from connectors.config import ConfigError
from connectors.protocol import TargetUnavailable
from mdm.cli.output import fail, say
from mdm.runtime import open_runtime
from mdm.settings import load_settings
from mdm.sync import service
from mdm.sync.relay import Progress
from mdm.tasks.dispatch import request_sync

DEAD_LETTERS = 1


def _time(value: str) -> datetime:
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _event_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def sync(args: argparse.Namespace) -> int:
    runtime = open_runtime(load_settings())
    try:
        return _sync(runtime, args)
    except (service.UnknownSystemError, service.UnknownEventError, ConfigError) as exc:
        return fail(str(exc))
    except ValueError as exc:
        return fail(f"--from: {exc}")
    finally:
        runtime.close()


def _sync(runtime: service.Runtime, args: argparse.Namespace) -> int:
    if args.action == "run" and args.queue:
        for line in request_sync(runtime, args.system):
            say(line)
        return 0
    if args.action == "run":
        with progress_bars(runtime) as bars:
            reports = service.run(runtime, args.system, progress=bars)
        for report in reports:
            say(report.describe())
        return DEAD_LETTERS if any(r.dead for r in reports) else 0
    if args.action == "status":
        return _status(runtime)
    if args.action == "replay":
        event = _event_id(args.since)
        queued = (
            service.replay_from_event(runtime, args.name, event)
            if event
            else service.replay(runtime, args.name, _time(args.since))
        )
        say(f"{args.name}: {queued} deliveries queued again; `mdm sync run` delivers them")
        return 0
    if args.action in ("pause", "resume"):
        service.set_paused(runtime, args.name, args.action == "pause")
        say(f"{args.name}: deliveries {'paused' if args.action == 'pause' else 'resumed'}")
        return 0
    if args.what == "retry":
        say(f"{service.retry_dead(runtime, args.system)} dead letters queued again")
        return 0
    for row in service.dead_letters(runtime, args.system, limit=10_000):
        say(
            f"{row.system}\t{row.entity}\t{row.golden_id}\t{row.dead_at:%Y-%m-%dT%H:%M:%SZ}\t{row.last_error}"
        )
    return 0


@contextmanager
def progress_bars(runtime: service.Runtime) -> Iterator[Callable[[str, int], Progress] | None]:
    """A bar per system on a terminal (stderr), sized by what is pending; none otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bars

    pending = {f"{r.system}/{r.entity}": r.pending for r in service.overview(runtime)}
    with Bars(console=Console(stderr=True)) as bars:

        def start(label: str, _: int) -> Progress:
            task = bars.add_task(label, total=pending.get(label) or None)
            return lambda done: bars.advance(task, done)

        yield start


def _status(runtime: service.Runtime) -> int:
    now = datetime.now(UTC)
    rows = service.overview(runtime)
    say(
        f"{'system':20} {'entity':10} {'state':7} {'pending':>8} {'failing':>8} {'dead':>6} {'delivered':>10}  lag"
    )
    for r in rows:
        lag = f"{(now - r.oldest_pending).total_seconds():.0f} s" if r.oldest_pending else "-"
        say(
            f"{r.system:20} {r.entity:10} {r.subscription:7} {r.pending:8} {r.failing:8} {r.dead:6} {r.delivered:10}  {lag}"
        )
    return 0


def pull_command(args: argparse.Namespace) -> int:
    runtime = open_runtime(load_settings())
    try:
        say(service.pull_changes(runtime, args.name, args.entity).describe())
        return 0
    except (service.UnknownSystemError, ConfigError) as exc:
        return fail(str(exc))
    except TargetUnavailable as exc:
        return fail(f"{args.name} is unavailable: {exc.reason}", 1)
    finally:
        runtime.close()
