"""Where an onboarding in the stewardship UI keeps its files between steps: the uploaded
extract as it came, the confirmed mapping, the dry-run report, the load's progress and outcome.
One folder per upload under ``MDM_HOME/onboarding``, named by an opaque id."""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mdm.domain.entities import schema_for
from mdm.domain.errors import DomainError, NotFoundError
from mdm.ingest.mapping import FieldMapping

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_ID = re.compile(r"^[A-Za-z0-9_-]{16}$")
SUFFIXES = (".csv", ".xlsx")


class UploadError(DomainError):
    """An upload the hub will not take (its name, system or entity), with the reason."""


@dataclass(frozen=True)
class Upload:
    id: str
    file_name: str
    source: str
    entity: str
    folder: Path

    @property
    def extract(self) -> Path:
        return self.folder / ("extract" + Path(self.file_name).suffix.lower())

    def path(self, name: str) -> Path:
        return self.folder / name


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root

    def create(self, file_name: str, data: bytes, source: str, entity: str) -> Upload:
        name = Path(file_name or "").name
        if Path(name).suffix.lower() not in SUFFIXES:
            raise UploadError(f"{name or 'the file'}: upload a CSV or an Excel (.xlsx) extract")
        if not _NAME.match(source or ""):
            raise UploadError("the source system's name: letters, digits, _ . - (up to 64)")
        schema_for(entity)
        upload_id = secrets.token_urlsafe(12)
        upload = Upload(upload_id, name, source, entity, self.root / upload_id)
        upload.folder.mkdir(parents=True, mode=0o700)
        upload.extract.write_bytes(data)
        meta = {"file_name": name, "source": source, "entity": entity}
        self.write_json(upload, "upload.json", meta)
        return upload

    def get(self, upload_id: str) -> Upload:
        folder = self.root / upload_id
        if not _ID.match(upload_id) or not (folder / "upload.json").is_file():
            raise NotFoundError(f"no onboarding upload {upload_id!r}")
        meta = json.loads((folder / "upload.json").read_text(encoding="utf-8"))
        return Upload(upload_id, meta["file_name"], meta["source"], meta["entity"], folder)

    def save_mapping(self, upload: Upload, mapping: FieldMapping) -> None:
        _atomic(upload.path("mapping.yaml"), yaml.safe_dump(mapping.to_data(), allow_unicode=True))

    def mapping(self, upload: Upload) -> FieldMapping | None:
        path = upload.path("mapping.yaml")
        return FieldMapping.load(path) if path.is_file() else None

    def write_json(self, upload: Upload, name: str, data: dict[str, Any]) -> None:
        _atomic(upload.path(name), json.dumps(data, ensure_ascii=False, default=str))

    def read_json(self, upload: Upload, name: str) -> dict[str, Any] | None:
        path = upload.path(name)
        if not path.is_file():
            return None
        found: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return found


def _atomic(path: Path, text: str) -> None:
    """Readers never see half a file: write beside it, then rename over it."""
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
