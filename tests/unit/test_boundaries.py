"""Package boundaries (README: How the code is laid out), checked: the matching library and
the domain core import without a database, web or task framework, and the stewardship UI
reaches data only through the hub's services."""

from __future__ import annotations

import ast
import pkgutil
import re
from pathlib import Path

import matching
import mdm.domain
from tests.fresh_interpreter import run_fresh

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ("sqlalchemy", "fastapi", "celery", "psycopg", "starlette")


def _modules(package: object) -> list[str]:
    path, prefix = package.__path__, package.__name__ + "."  # type: ignore[attr-defined]
    return [m.name for m in pkgutil.walk_packages(path, prefix)]


def test_matching_and_the_domain_core_import_without_frameworks() -> None:
    names = [*_modules(matching), *_modules(mdm.domain), "matching", "mdm.domain"]
    code = f"import importlib\nfor name in {names!r}: importlib.import_module(name)\n"
    _, loaded = run_fresh(code, FRAMEWORKS)
    assert loaded == [], f"frameworks imported: {loaded}"


def _imports(path: Path) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def test_the_ui_uses_services_not_the_database() -> None:
    offending = {
        f"{path.name}: {name}"
        for path in (ROOT / "stewardship_ui").glob("*.py")
        for name in _imports(path)
        if name.startswith(("sqlalchemy", "mdm.db", "mdm.repositories", "psycopg"))
    }  # the services take the unit of work (mdm.unit_of_work), not a session
    assert not offending, sorted(offending)


def test_the_services_take_the_unit_of_work_not_a_session() -> None:
    """Only the persistence boundary knows SQLAlchemy: the repositories, mdm/db, the unit of
    work that owns the session and the runtime that makes it (the API and the CLI turn a
    database error, sqlalchemy.exc, into their answer)."""
    boundary = ("mdm/repositories/", "mdm/db/", "mdm/unit_of_work.py", "mdm/runtime.py")
    offending = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "mdm").rglob("*.py")
        if not str(path.relative_to(ROOT)).startswith(boundary)
        for name in _imports(path)
        if name.startswith("sqlalchemy") and name.split(".")[:2] != ["sqlalchemy", "exc"]
    }
    assert not offending, sorted(offending)


# The hub's SQL lives in mdm/repositories/ (one module per aggregate) and mdm/db/ (engine and
# bulk primitives); nowhere else holds a statement, a COPY or a temporary table.
# (The hub writes SQL keywords in capitals, and prose does not.)
SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+(\w+\s+)?SET|DELETE\s+FROM|"
    r"CREATE\s+(TEMP|TABLE|INDEX|VIEW)|COPY\s+\w+|ANALYZE\s+\w+|pg_advisory\w*)\b",
    re.DOTALL,
)
SQL_HOMES = ("mdm/repositories/", "mdm/db/")
SQL_TOOLS = {
    *(f"sqlalchemy.{name}" for name in ("text", "select", "insert", "update", "delete")),
    "sqlalchemy.dialects.postgresql.insert",
    *(
        f"mdm.db.bulk.{name}"
        for name in ("copy_rows", "copy_lines", "staged", "execute_staged", "raw_connection")
    ),
    "mdm.db.bulk.allocate_ids",
}


def _hub_modules() -> list[Path]:
    paths = [*(ROOT / "mdm").rglob("*.py"), *(ROOT / "stewardship_ui").glob("*.py")]
    return [p for p in paths if not p.relative_to(ROOT).as_posix().startswith(SQL_HOMES)]


def _strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_the_sql_lives_in_repositories_and_db() -> None:
    offending = {
        f"{path.relative_to(ROOT)}: {found.group(0)[:40]!r}"
        for path in _hub_modules()
        for value in _strings(path)
        if (found := SQL.search(value))
    }
    offending |= {
        f"{path.relative_to(ROOT)}: imports {name}"
        for path in _hub_modules()
        for name in _imports(path)
        if name in SQL_TOOLS or name.startswith("mdm.db.models")
    }
    assert not offending, sorted(offending)


def test_the_sql_check_finds_sql() -> None:
    """The pattern above is not vacuous: it finds the statements the repositories hold."""
    found = [
        path.name
        for path in (ROOT / "mdm" / "repositories").glob("*.py")
        if any(SQL.search(value) for value in _strings(path))
    ]
    assert {"golden.py", "links.py", "review_tasks.py", "users.py", "outbox.py"} <= set(found)
    assert not SQL.search("Select a record from the list")  # prose is not SQL


def test_connectors_never_import_the_hub() -> None:
    offending = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "connectors").rglob("*.py")
        for name in _imports(path)
        if name == "mdm" or name.startswith(("mdm.", "stewardship_ui"))
    }
    assert not offending, sorted(offending)


def _hub_and_connector_modules() -> list[Path]:
    return [
        *(ROOT / "mdm").rglob("*.py"),
        *(ROOT / "stewardship_ui").rglob("*.py"),
        *(ROOT / "connectors").rglob("*.py"),
    ]


def _below_the_surface(path: Path) -> list[str]:
    """What ``path`` imports of the matching library that ``from matching import ...`` does
    not name: a module below it (``matching.engine``), or a name it does not export."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "matching" and not node.level:
            found.extend(
                f"matching.{alias.name}"
                for alias in node.names
                if alias.name not in matching.__all__
            )
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("matching."):
            found.append(str(node.module))
        elif isinstance(node, ast.Import):
            found.extend(a.name for a in node.names if a.name.startswith("matching."))
    return found


def test_the_hub_uses_the_matching_library_through_its_surface() -> None:
    offending = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in _hub_and_connector_modules()
        for name in _below_the_surface(path)
    }
    assert not offending, sorted(offending)


def test_the_surface_check_finds_imports_below_it(tmp_path: Path) -> None:
    """The check above is not vacuous: each way of reaching below the surface is caught."""
    module = tmp_path / "below.py"
    module.write_text(
        "import matching.engine\n"
        "from matching.blocking_keys import rule_keys\n"
        "from matching import blocking, Matcher\n",
        encoding="utf-8",
    )
    assert sorted(_below_the_surface(module)) == [
        "matching.blocking",
        "matching.blocking_keys",
        "matching.engine",
    ]


def test_every_name_the_surface_exports_exists() -> None:
    missing = [name for name in matching.__all__ if not hasattr(matching, name)]
    assert not missing, missing


def _importers_of(packages: tuple[str, ...], of: tuple[str, ...]) -> set[str]:
    return {
        f"{path.relative_to(ROOT)}: {name}"
        for package in packages
        for path in (ROOT / package).rglob("*.py")
        for name in _imports(path)
        if name in of or name.startswith(tuple(f"{p}." for p in of))
    }


def test_no_package_cycle_the_hub_knows_neither_the_ui_nor_the_composition_root() -> None:
    """The UI uses the hub; the composition root (hub/) puts them together; nothing below it
    imports it, and the hub imports nothing of the UI."""
    assert not _importers_of(("mdm",), ("stewardship_ui", "hub"))
    assert not _importers_of(("matching", "connectors", "stewardship_ui"), ("hub",))


def test_the_cycle_check_finds_an_import_of_the_ui() -> None:
    found = _importers_of(("hub",), ("stewardship_ui",))
    assert "hub/app.py: stewardship_ui.web.mount" in found
