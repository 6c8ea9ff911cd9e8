"""Runs one parsed ``mdm`` command and turns what went wrong into a message and an exit status
(README: Command line): a refused input 2, the database or the broker gone 75 (run it again),
stopped by signal N 128 + N."""

from __future__ import annotations

import argparse

from mdm import logs
from mdm.cli import stopping
from mdm.cli.output import fail


def run(args: argparse.Namespace) -> int:
    """The command ``args.run`` (:mod:`mdm.cli.commands`) on ``args``, and its exit status."""
    stopping.stop_on_signals()
    logs.start_run()
    try:
        return int(args.run(args))
    except KeyboardInterrupt as stop:
        return stopping.exit_status(stop)
    except BrokenPipeError:
        return stopping.quiet_stdout()
    except Exception as error:
        status = _failure(error)
        if status is None:
            raise
        return status


def _failure(error: Exception) -> int | None:
    """The message and exit status of a failure a person can act on; None for any other.
    The error types are imported here, once something failed: a command that needs neither
    the database nor the broker (``mdm fields``) does not load them to start."""
    import psycopg
    import sqlalchemy.exc

    from connectors.config import ConfigError
    from mdm.domain.entities import UnknownEntityError
    from mdm.ingest.errors import ExtractError
    from mdm.survivorship.rules import RulesError
    from mdm.tasks.dispatch import BrokerUnreachable

    if isinstance(error, ExtractError | UnknownEntityError | RulesError | ConfigError):
        return fail(str(error))
    if isinstance(error, sqlalchemy.exc.OperationalError | psycopg.OperationalError):
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return fail(
            f"lost the database ({reason}): nothing of this command was committed unless it "
            "said so; run it again (every command is safe to repeat)",
            stopping.EXIT_TEMPFAIL,
        )
    if isinstance(error, BrokerUnreachable):
        return fail(
            f"the broker is unreachable ({error}): nothing was queued; run it again once it is back",
            stopping.EXIT_TEMPFAIL,
        )
    return None
