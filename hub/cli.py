"""``mdm``: the hub's command line (:mod:`mdm.cli.main`), its ``serve`` serving the whole app."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mdm.cli.main import main as run

if TYPE_CHECKING:
    from fastapi import FastAPI

    from mdm.runtime import Runtime


def _app(runtime: Runtime) -> FastAPI:
    from hub.app import create_app  # only `mdm serve` needs the web app and the UI

    return create_app(runtime)


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, app=_app)


if __name__ == "__main__":
    sys.exit(main())
