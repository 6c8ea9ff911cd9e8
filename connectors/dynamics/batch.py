"""Dataverse ``$batch`` (OData 4.0 multipart): one changeset per record, so a refused record
rolls back only itself, sent with ``Prefer: odata.continue-on-error``; the answer holds one
``application/http`` part per request, each with its own status line and body."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any


@dataclass(frozen=True)
class Part:
    """One request of the batch: its Content-ID names its answer."""

    content_id: str
    method: str
    url: str
    headers: Mapping[str, str]
    body: Mapping[str, Any]


@dataclass(frozen=True)
class PartAnswer:
    status: int
    headers: Mapping[str, str]
    body: Mapping[str, Any]


def encode(parts: Sequence[Part]) -> tuple[str, bytes]:
    """The batch body and its Content-Type."""
    boundary = f"batch_{secrets.token_hex(12)}"
    chunks = []
    for part in parts:
        changeset = f"changeset_{secrets.token_hex(12)}"
        request = [f"{part.method} {part.url} HTTP/1.1", "Content-Type: application/json"]
        request += [f"{k}: {v}" for k, v in part.headers.items()]
        inner = "\r\n".join([
            f"--{changeset}", "Content-Type: application/http",
            "Content-Transfer-Encoding: binary", f"Content-ID: {part.content_id}", "",
            *request, "", json.dumps(dict(part.body)), f"--{changeset}--",
        ])  # fmt: skip
        chunks.append(f"Content-Type: multipart/mixed; boundary={changeset}\r\n\r\n{inner}")
    body = "".join(f"--{boundary}\r\n{chunk}\r\n" for chunk in chunks) + f"--{boundary}--\r\n"
    return f"multipart/mixed; boundary={boundary}", body.encode()


def decode(content_type: str, body: bytes) -> dict[str, PartAnswer]:
    """Each request's answer by its Content-ID (a request with none answered is absent)."""
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    answers: dict[str, PartAnswer] = {}
    for part in _walk(message):
        content_id = part.get("content-id")
        raw = part.get_payload(decode=True)
        if content_id is not None and isinstance(raw, bytes):
            answers[str(content_id)] = _answer(raw)
    return answers


def _walk(message: Message) -> list[Message]:
    if not message.is_multipart():
        return [message] if message.get_content_type() == "application/http" else []
    payload = message.get_payload()
    parts = [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []
    return [leaf for part in parts for leaf in _walk(part)]


def _answer(raw: bytes) -> PartAnswer:
    head, _, rest = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    status_line, *lines = head.decode().split("\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    text = rest.strip()
    try:
        parsed = json.loads(text) if text else {}
    except ValueError:
        parsed = {"error": {"code": "unreadable", "message": text[:200].decode(errors="replace")}}
    return PartAnswer(int(status_line.split(" ")[1]), headers, parsed)
