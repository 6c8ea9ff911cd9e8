"""Code run in a new Python interpreter, to see which modules it loads: what a test process
has already imported (or reloaded) cannot hide or fake an import."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_MARK = "\x00loaded:"


def run_fresh(code: str, watched: Sequence[str]) -> tuple[str, list[str]]:
    """What ``code`` printed, run in a new interpreter from the project's root, and which of
    the ``watched`` packages (or their modules) it had loaded by the end."""
    report = (
        "\nimport sys as _sys\n"
        f"_watched = {tuple(watched)!r}\n"
        "_hit = sorted({w for m in _sys.modules for w in _watched"
        " if m == w or m.startswith(w + '.')})\n"
        f"print({_MARK!r} + ','.join(_hit))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code + report], cwd=ROOT, capture_output=True, text=True, check=True
    )
    shown, _, loaded = done.stdout.rpartition(_MARK)
    return shown, [name for name in loaded.strip().split(",") if name]
