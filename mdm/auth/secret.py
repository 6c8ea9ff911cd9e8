"""The key that signs session cookies: ``MDM_SECRET_KEY`` when set, otherwise one generated on
first run and kept under ``MDM_HOME`` (mode 0600), never a fixed default."""

from __future__ import annotations

import logging
import os
import secrets

from mdm.settings import Settings

SECRET_FILE = "secret_key"
log = logging.getLogger("mdm.auth")


def session_secret(settings: Settings) -> str:
    if settings.secret_key:
        return settings.secret_key
    path = settings.home / SECRET_FILE
    if path.is_file():
        kept = path.read_text().strip()
        if kept:
            return kept
    settings.home.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(secret + "\n")
    log.warning(
        "MDM_SECRET_KEY is not set: generated a session secret and kept it in %s; "
        "every process serving the UI must share it (set MDM_SECRET_KEY to choose it)",
        path,
    )
    return secret
