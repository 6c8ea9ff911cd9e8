"""Commands that run or look after the hub: serve, worker, migrate, demo, db."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING

from mdm.cli.output import fail, say
from mdm.runtime import Runtime, open_runtime
from mdm.settings import load_settings

if TYPE_CHECKING:
    from fastapi import FastAPI

AppFactory = Callable[[Runtime], "FastAPI"]  # the web app to serve, built on the runtime


def serve(args: argparse.Namespace) -> int:
    """Serve ``args.app`` (see :data:`AppFactory`)."""
    import uvicorn

    settings = load_settings()
    host, port = args.host or settings.host, args.port or settings.port
    runtime = open_runtime(settings)
    where = (
        "embedded PostgreSQL under " + str(settings.home)
        if settings.embedded
        else "MDM_DATABASE_URL"
    )
    say(f"MDM hub serving on http://{host}:{port}  (database: {where})")
    say(f"  health: http://{host}:{port}/health   API docs: http://{host}:{port}/docs")
    say(f"  stewardship UI: http://{host}:{port}/ui")
    say(
        "  stop with Ctrl+C"
        + ("; `make stop` also stops the embedded database" if settings.embedded else "")
    )
    app = args.app(runtime)
    _settle(runtime)
    uvicorn.run(
        app, host=host, port=port, log_level=settings.log_level.lower(),
        log_config=None,  # uvicorn's lines go through the hub's JSON handler (mdm.logs)
    )  # fmt: skip
    return 0


def _settle(runtime: Runtime) -> None:
    """Make the served process ready before its first request: the first lookups' one-off
    costs paid (``mdm.resolve.lookup.warm_up``), then everything made so far (modules, the
    app, the parsed models) frozen out of the garbage collector's sight. A full collection
    otherwise walks every one of those objects again, a pause of a few hundred milliseconds on
    a busy machine that lands on whichever request happens to allocate at that moment; after
    the freeze it walks only what the requests made since."""
    from mdm.resolve.lookup import warm_up

    with runtime.unit_of_work() as uow:
        uow.read_outside_transactions()
        warm_up(uow)
    gc.collect()
    gc.freeze()


def worker(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not settings.broker_url:
        return fail("MDM_BROKER_URL is not set: background work runs in-process without a broker")
    from mdm import logs
    from mdm.tasks.app import make_celery

    logs.configure(settings.log_level, settings.log_format)
    app = make_celery(settings)
    # a node name of its own (several workers on one host must not share a control queue);
    # no start-up exchange with other workers: they share nothing but the broker's queue
    app.worker_main(
        ["worker", "--loglevel", settings.log_level.upper(), "--concurrency", str(args.concurrency),
         "--hostname", f"mdm-{os.getpid()}@%h", "--without-mingle", "--without-gossip"]
    )  # fmt: skip
    return 0


def migrate(args: argparse.Namespace) -> int:
    open_runtime(load_settings()).close()
    say("database schema is at the latest revision")
    return 0


def demo(args: argparse.Namespace) -> int:
    from mdm.demo import generate_demo_files, load_demo

    settings = load_settings()
    if args.action == "generate":
        paths = generate_demo_files(args.out)
        say(f"wrote {len(paths)} files to {args.out}")
        return 0
    if not settings.demo and not args.force:
        say("MDM_DEMO=0: not loading the demo")
        return 0
    runtime = open_runtime(settings)
    try:
        lines = load_demo(runtime, force=args.force)
    finally:
        runtime.close()
    for line in lines:
        say(line)
    return 0


def db(args: argparse.Namespace) -> int:
    from mdm.db.embedded import stop_embedded

    settings = load_settings()
    if not settings.embedded:
        return fail("MDM_DATABASE_URL is set: the hub does not manage that server")
    if args.action == "stop":
        try:
            stop_embedded(settings.home)
        except subprocess.CalledProcessError as exc:  # pg_ctl's own words are logged above
            return fail(
                f"the embedded PostgreSQL under {settings.home} did not stop "
                f"(pg_ctl ended with status {exc.returncode}, its output above)"
            )
        say("embedded PostgreSQL stopped")
        return 0
    from mdm.db.engine import database_url

    say(database_url(settings))
    return 0
