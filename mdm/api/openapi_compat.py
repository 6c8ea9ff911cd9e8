"""Breaking changes between two OpenAPI documents: the published ``/v1`` must keep working for
callers written against the last release (``openapi/release.json``).

Breaking: an operation removed; a parameter removed, or newly required; a request body newly
required; a response property of a successful answer removed. Additions are not breaking.

    python -m mdm.api.openapi_compat openapi/release.json    # exit 1 and the list when broken
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

Doc = dict[str, Any]
METHODS = ("get", "put", "post", "delete", "patch")


def _resolve(doc: Doc, schema: Any) -> Any:
    while isinstance(schema, dict) and "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = doc.get("components", {}).get("schemas", {}).get(name, {})
    return schema


def _properties(doc: Doc, schema: Any, where: str, depth: int = 0) -> set[str]:
    schema = _resolve(doc, schema)
    if not isinstance(schema, dict) or depth > 4:
        return set()
    found = set()
    for name, sub in schema.get("properties", {}).items():
        found.add(f"{where}.{name}")
        found |= _properties(doc, sub, f"{where}.{name}", depth + 1)
    if "items" in schema:
        found |= _properties(doc, schema["items"], f"{where}[]", depth + 1)
    return found


def _parameters(operation: Doc) -> dict[tuple[str, str], bool]:
    return {(p["in"], p["name"]): bool(p.get("required")) for p in operation.get("parameters", [])}


def _success_properties(doc: Doc, operation: Doc) -> set[str]:
    found = set()
    for status, answer in operation.get("responses", {}).items():
        if str(status).startswith("2"):
            for media in answer.get("content", {}).values():
                found |= _properties(doc, media.get("schema"), f"{status}")
    return found


def _operation_breaks(old: Doc, new: Doc, before: Doc, after: Doc, label: str) -> list[str]:
    breaks = []
    now = _parameters(after)
    for (place, name), required in _parameters(before).items():
        if (place, name) not in now:
            breaks.append(f"{label}: {place} parameter {name!r} removed")
        elif now[(place, name)] and not required:
            breaks.append(f"{label}: {place} parameter {name!r} is now required")
    for (place, name), required in now.items():
        if required and (place, name) not in _parameters(before):
            breaks.append(f"{label}: new required {place} parameter {name!r}")
    body_before = before.get("requestBody", {}).get("required", False)
    if after.get("requestBody", {}).get("required", False) and not body_before:
        breaks.append(f"{label}: a request body is now required")
    for gone in sorted(_success_properties(old, before) - _success_properties(new, after)):
        breaks.append(f"{label}: response property {gone} removed")
    return breaks


def breaking_changes(old: Doc, new: Doc) -> list[str]:
    breaks = []
    for path, operations in old.get("paths", {}).items():
        for method in METHODS:
            if method not in operations:
                continue
            label = f"{method.upper()} {path}"
            after = new.get("paths", {}).get(path, {}).get(method)
            if after is None:
                breaks.append(f"{label}: removed")
                continue
            breaks += _operation_breaks(old, new, operations[method], after, label)
    return breaks


def current_document() -> Doc:
    """The document the hub publishes now (the app is built; no database is reached)."""
    from mdm.api.app import create_api
    from mdm.db.engine import make_engine, make_session_factory
    from mdm.runtime import Runtime
    from mdm.settings import Settings
    from mdm.unit_of_work import Context

    settings = Settings(database_url="postgresql://unused@127.0.0.1:1/none", secret_key="x")
    engine = make_engine(settings.database_url or "")
    app = create_api(Runtime(Context.of(settings), engine, make_session_factory(engine)))
    return app.openapi()


def main(argv: list[str]) -> int:
    release = json.loads(Path(argv[0]).read_text())
    found = breaking_changes(release, current_document())
    for line in found:
        print(f"breaking: {line}")
    if not found:
        print(f"OpenAPI: no breaking change against {argv[0]}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
