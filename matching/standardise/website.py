"""Web sites to their registrable domain (``https://www.Acme.co.uk/about`` -> ``acme.co.uk``)."""

from __future__ import annotations

import re
from functools import lru_cache

import tldextract

# Bundled public-suffix snapshot only: no URLs to fetch, no cache directory, so nothing is
# downloaded or written, at import time or later.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_HOST_END = re.compile(r"[/?#\\\s]")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _host(value: str) -> str:
    text = _SCHEME.sub("", value.strip().lower())
    text = _HOST_END.split(text, maxsplit=1)[0]
    text = text.rsplit("@", 1)[-1]  # user:password@host
    text = text.split(":", 1)[0]  # port
    return text.strip(".")


def _valid_labels(domain: str) -> bool:
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return all(_LABEL.match(label) for label in ascii_domain.split("."))


@lru_cache(maxsize=65536)
def registrable_domain(value: str) -> str | None:
    """Return the registrable domain (name + public suffix), lowercased, or None.

    Scheme, credentials, ``www.`` and other subdomains, port, path, query and fragment are
    dropped. Uses tldextract's bundled public-suffix snapshot (ICANN section, no network).
    None when there is no host, the suffix is unknown, the host is an IP address, or a label
    is not a valid DNS label.
    """
    host = _host(value)
    if not host or "." not in host:
        return None
    parts = _EXTRACT(host)
    if not parts.domain or not parts.suffix:
        return None
    domain = f"{parts.domain}.{parts.suffix}"
    return domain if _valid_labels(domain) else None
