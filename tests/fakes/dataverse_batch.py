"""The fake environment's ``$batch`` (OData 4.0 multipart batch, as Dataverse documents it):
changesets of PATCH requests, each changeset all or nothing, answered inside a
``multipart/mixed`` response with one ``application/http`` part per request and its own
status line. Without ``Prefer: odata.continue-on-error`` the batch stops at the first failure.
The request is parsed with the standard library's MIME parser and checked for the parts'
``Content-Type: application/http``, ``Content-Transfer-Encoding: binary`` and, inside a
changeset, ``Content-ID``."""

from __future__ import annotations

import copy
import secrets
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from http import HTTPStatus
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.responses import Response

if TYPE_CHECKING:
    from tests.fakes.dataverse import Environment

ROOT = "/api/data/v9.2/"
Answer = tuple[str | None, Response]  # (Content-ID, response)


class BadBatch(Exception):
    pass


def _parts(message: Message) -> list[Message]:
    payload = message.get_payload()
    parts = [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []
    if not parts:
        raise BadBatch("a batch or changeset must hold MIME parts")
    return parts


def _request_of(part: Message) -> tuple[str, str, dict[str, str], bytes]:
    if part.get_content_type() != "application/http":
        raise BadBatch("each request part must be Content-Type: application/http")
    if str(part.get("content-transfer-encoding", "")).lower() != "binary":
        raise BadBatch("each request part must be Content-Transfer-Encoding: binary")
    raw = part.get_payload(decode=True)
    assert isinstance(raw, bytes)
    head, _, body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    line, *header_lines = head.decode().split("\n")
    method, url, version = line.split(" ")
    if version != "HTTP/1.1":
        raise BadBatch(f"bad request line {line!r}")
    headers = {}
    for item in header_lines:
        name, _, value = item.partition(":")
        headers[name.strip().lower()] = value.strip()
    return method, url, headers, body.strip()


def _run(env: Environment, part: Message) -> Response:
    from tests.fakes.dataverse import _error, patch

    method, url, headers, body = _request_of(part)
    if ROOT not in url:
        raise BadBatch(f"{url} is not under the service root {ROOT}")
    if method != "PATCH":
        return _error(405, "0x80060888", f"{method} is not supported here")
    return patch(env, url.split(ROOT, 1)[1], headers, body)


def _changeset(env: Environment, changeset: Message) -> list[Answer]:
    before = copy.deepcopy(env.accounts)
    answers: list[Answer] = []
    for part in _parts(changeset):
        content_id = part.get("content-id")
        if content_id is None:
            raise BadBatch("each request of a changeset needs a Content-ID")
        response = _run(env, part)
        if response.status_code >= 400:
            env.accounts = before  # a changeset is all or nothing
            return [(content_id, response)]
        answers.append((content_id, response))
    return answers


def _http_part(content_id: str | None, response: Response) -> str:
    reason = HTTPStatus(response.status_code).phrase
    lines = ["Content-Type: application/http", "Content-Transfer-Encoding: binary"]
    if content_id:
        lines.append(f"Content-ID: {content_id}")
    lines += ["", f"HTTP/1.1 {response.status_code} {reason}"]
    lines += [f"{k}: {v}" for k, v in response.headers.items() if k.lower() != "content-length"]
    lines += ["OData-Version: 4.0", "", bytes(response.body).decode()]
    return "\r\n".join(lines)


def _encode(groups: list[list[Answer]]) -> tuple[str, str]:
    boundary = f"batchresponse_{secrets.token_hex(8)}"
    chunks = []
    for answers in groups:
        if len(answers) == 1 and answers[0][1].status_code >= 400:
            chunks.append(_http_part(*answers[0]))  # a failed changeset answers its error only
            continue
        inner = f"changesetresponse_{secrets.token_hex(8)}"
        parts = "".join(f"--{inner}\r\n{_http_part(cid, r)}\r\n" for cid, r in answers)
        chunks.append(f"Content-Type: multipart/mixed; boundary={inner}\r\n\r\n{parts}--{inner}--")
    body = "".join(f"--{boundary}\r\n{chunk}\r\n" for chunk in chunks) + f"--{boundary}--\r\n"
    return f"multipart/mixed; boundary={boundary}", body


def add_batch_route(app: FastAPI, env: Environment) -> None:
    from tests.fakes.dataverse import _error, gate

    @app.post("/api/data/v9.2/$batch")
    async def batch(request: Request) -> Response:
        refused = gate(env, request.headers)
        if refused:
            return refused
        kind = request.headers.get("content-type", "")
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {kind}\r\n\r\n".encode() + await request.body()
        )
        if not message.is_multipart() or message.get_content_subtype() != "mixed":
            return _error(400, "0x80048d19", "The batch must be multipart/mixed with a boundary.")
        go_on = "odata.continue-on-error" in request.headers.get("prefer", "")
        groups: list[list[Answer]] = []
        try:
            for part in _parts(message):
                if part.is_multipart():
                    groups.append(_changeset(env, part))
                else:
                    groups.append([(part.get("content-id"), _run(env, part))])
                if groups[-1][-1][1].status_code >= 400 and not go_on:
                    break
        except BadBatch as exc:
            return _error(400, "0x80048d19", str(exc))
        content_type, body = _encode(groups)
        return Response(body, 200, media_type=None, headers={"Content-Type": content_type})
