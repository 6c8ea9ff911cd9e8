"""A webhook receiver run as its own process for the tests: it verifies every message's
Standard Webhooks signature and keeps what it accepted; a test scripts its next answers.

    python -m tests.webhook_receiver PORT SECRET

``POST /hook`` receives; ``POST /script`` queues answers (``[{"status": 429,
"retry_after": "2"}, ...]``, then 204 for everything); ``GET /received`` lists the accepted
messages, ``GET /count`` how many, and ``GET /refused`` the ones whose signature did not
verify.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError

STATE: dict[str, Any] = {"script": [], "received": [], "refused": []}
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    verifier: Webhook

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _answer(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        payload = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        with LOCK:
            if self.path == "/count":
                self._answer(200, len(STATE["received"]))
                return
            self._answer(200, STATE.get(self.path.strip("/"), []))

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
        if self.path == "/script":
            with LOCK:
                STATE["script"].extend(json.loads(body))
            self._answer(204)
            return
        with LOCK:
            step = STATE["script"].pop(0) if STATE["script"] else {"status": 204}
        if step["status"] >= 300:
            headers = {"retry-after": step["retry_after"]} if "retry_after" in step else {}
            self._answer(step["status"], {"error": "scripted"}, headers)
            return
        try:
            self.verifier.verify(body, dict(self.headers.items()))
        except WebhookVerificationError as exc:
            with LOCK:
                STATE["refused"].append(str(exc))
            self._answer(401, {"error": "bad signature"})
            return
        with LOCK:
            STATE["received"].append({"id": self.headers["webhook-id"], "event": json.loads(body)})
        self._answer(204)


def main() -> None:
    port, secret = int(sys.argv[1]), sys.argv[2]
    Handler.verifier = Webhook(secret)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
