"""Package boundaries of DESIGN §2, checked: the matching library and the domain core import
without a database, web or task framework, and the stewardship UI reaches data only through
the hub's services."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import matching
import mdm.domain

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ("sqlalchemy", "fastapi", "celery", "psycopg", "starlette")


def _modules(package: object) -> list[str]:
    path, prefix = package.__path__, package.__name__ + "."  # type: ignore[attr-defined]
    return [m.name for m in pkgutil.walk_packages(path, prefix)]


def test_matching_and_the_domain_core_import_without_frameworks() -> None:
    names = [*_modules(matching), *_modules(mdm.domain), "matching", "mdm.domain"]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {FRAMEWORKS!r})\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "", f"frameworks imported: {done.stdout.strip()}"


def _imports(path: Path) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def test_the_ui_uses_services_not_the_database() -> None:
    allowed = {"sqlalchemy.orm.Session"}  # a type for the unit of work the services take
    offending = {
        f"{path.name}: {name}"
        for path in (ROOT / "stewardship_ui").glob("*.py")
        for name in _imports(path)
        if name not in allowed
        and name.startswith(("sqlalchemy", "mdm.db", "mdm.repositories", "psycopg"))
    }
    assert not offending, sorted(offending)
