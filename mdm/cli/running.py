"""Runs one parsed ``mdm`` command and turns what went wrong into a message and an exit status
(README: Command line): a refused input 2, the database or the broker gone 75 (run it again),
stopped by signal N 128 + N."""

from __future__ import annotations

import argparse

import psycopg
import sqlalchemy.exc

from connectors.config import ConfigError
from mdm import logs
from mdm.cli import stopping
from mdm.cli.output import fail
from mdm.domain.entities import UnknownEntityError
from mdm.ingest.errors import ExtractError
from mdm.survivorship.rules import RulesError
from mdm.tasks.dispatch import BrokerUnreachable


def run(args: argparse.Namespace) -> int:
    """The command ``args.run`` (:mod:`mdm.cli.commands`) on ``args``, and its exit status."""
    stopping.stop_on_signals()
    logs.start_run()
    try:
        return int(args.run(args))
    except (ExtractError, UnknownEntityError, RulesError, ConfigError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt as stop:
        return stopping.exit_status(stop)
    except BrokenPipeError:
        return stopping.quiet_stdout()
    except (sqlalchemy.exc.OperationalError, psycopg.OperationalError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return fail(
            f"lost the database ({reason}): nothing of this command was committed unless it "
            "said so; run it again (every command is safe to repeat)",
            stopping.EXIT_TEMPFAIL,
        )
    except BrokerUnreachable as exc:
        return fail(
            f"the broker is unreachable ({exc}): nothing was queued; run it again once it is back",
            stopping.EXIT_TEMPFAIL,
        )
