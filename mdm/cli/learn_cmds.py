"""``mdm learn --entity E``: the entity's model re-estimated from the stewards' decisions
(every merge and "not a match"), stored as its next version; prints what changed."""

from __future__ import annotations

import argparse
import getpass

from mdm.cli.output import fail, say
from mdm.resolve.lookup import NoModelError
from mdm.runtime import open_runtime
from mdm.settings import load_settings
from mdm.stewardship.learning import LearningReport, NothingToLearnError, learn


def learn_command(args: argparse.Namespace) -> int:
    runtime = open_runtime(load_settings())
    try:
        with runtime.unit_of_work() as uow:
            report = learn(uow, args.entity, f"cli:{getpass.getuser()}")
    except (NoModelError, NothingToLearnError) as exc:
        return fail(str(exc))
    finally:
        runtime.close()
    for line in describe(report):
        say(line)
    return 0


def describe(report: LearningReport) -> list[str]:
    """The report as lines: the version and decisions, the thresholds, then every level
    whose weight moved or that a decided pair showed."""
    old, new = report.old_thresholds, report.new_thresholds
    lines = [
        f"{report.entity}: model version {report.model_version} learnt from "
        f"{report.matches} merges and {report.non_matches} 'not a match' decisions",
        f"thresholds: auto-link at {old.upper:.4g} -> {new.upper:.4g}, "
        f"review above {old.lower:.4g} -> {new.lower:.4g}",
    ]
    shown = [
        c
        for c in report.changes
        if c.matches or c.non_matches or abs(c.new_weight - c.old_weight) >= 0.01
    ]
    if not shown:
        return [*lines, "no weight changed"]
    width = max(len(f"{c.comparison} {c.level}") for c in shown)
    lines.append(f"{'comparison level':<{width}}  weight before  weight after  merged  not a match")
    for c in shown:
        lines.append(
            f"{c.comparison + ' ' + c.level:<{width}}  {c.old_weight:>13.2f}  "
            f"{c.new_weight:>12.2f}  {c.matches:>6}  {c.non_matches:>11}"
        )
    return lines
