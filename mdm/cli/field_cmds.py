"""`mdm fields ENTITY`: the canonical fields an extract's header may use, with an example."""

from __future__ import annotations

import argparse

from mdm.cli.output import say
from mdm.domain.field_guide import fields_of


def run(args: argparse.Namespace) -> int:
    docs = fields_of(args.entity)
    width = max(len(d.name) for d in docs)
    required_width = max(len(d.required) for d in docs)
    say(f"{'field':{width}}  {'required':{required_width}}  meaning (example)")
    for doc in docs:
        say(
            f"{doc.name:{width}}  {doc.required:{required_width}}  {doc.meaning} (e.g. {doc.example})"
        )
    return 0
