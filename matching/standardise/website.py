"""Web sites to their registrable domain (``https://www.Acme.co.uk/about`` -> ``acme.co.uk``)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

_SNAPSHOT = ".tld_set_snapshot"  # the public suffix list as tldextract ships it
_PRIVATE_SECTION = "===BEGIN PRIVATE DOMAINS==="


def icann_suffix_rules(text: str) -> list[str]:
    """The rules of the ICANN section of a public suffix list file: one per line, before the
    private section, comments and blank lines left out, each rule ending at white space."""
    icann, _, _ = text.partition(_PRIVATE_SECTION)
    rules = (line.split(maxsplit=1) for line in icann.splitlines())
    return [words[0] for words in rules if words and not words[0].startswith("//")]


def _snapshot_text() -> str:
    """The snapshot of the public suffix list bundled in the tldextract package, read as a
    file: importing tldextract would import an HTTP client and a disk cache we never use."""
    spec = find_spec("tldextract")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the tldextract package, which holds the public suffix list, is missing")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / _SNAPSHOT).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _public_suffixes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The ICANN public suffixes as (exact, wildcard parents, exceptions), read once from
    the bundled snapshot: nothing is downloaded or written, at import time or later."""
    listed = icann_suffix_rules(_snapshot_text())
    exact = frozenset(t for t in listed if t[0] not in "*!")
    wildcards = frozenset(t[2:] for t in listed if t.startswith("*."))
    exceptions = frozenset(t[1:] for t in listed if t.startswith("!"))
    return exact, wildcards, exceptions


def _suffix_start(labels: list[str]) -> int | None:
    """Index of the first label of the longest public suffix of ``labels`` (the public
    suffix list's rules: the longest rule wins, ``*.x`` covers one label under ``x``, an
    exception ``!y.x`` makes ``y.x`` registrable), or None when no rule knows the ending."""
    exact, wildcards, exceptions = _public_suffixes()
    for start in range(len(labels)):
        candidate = ".".join(labels[start:])
        if candidate in exceptions:
            return start + 1
        parent = ".".join(labels[start + 1 :])
        if candidate in exact or (start + 1 < len(labels) and parent in wildcards):
            return start
    return None


def _unicode(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


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
    """Every label a valid DNS label (letters, digits, inner hyphens, 1-63 characters) after
    IDNA encoding; an ASCII domain, the common case, skips the (slow) codec."""
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    return all(_LABEL.match(label) for label in domain.split("."))


@lru_cache(maxsize=65536)
def registrable_domain(value: str) -> str | None:
    """Return the registrable domain (name + public suffix), lowercased, or None.

    Scheme, credentials, ``www.`` and other subdomains, port, path, query and fragment are
    dropped. Uses the public-suffix snapshot bundled with tldextract (ICANN section, no network).
    None when there is no host, the suffix is unknown, the host is an IP address, or a label
    is not a valid DNS label.
    """
    host = _host(value)
    if not host or "." not in host:
        return None
    labels = [_unicode(label) for label in host.split(".")]
    start = _suffix_start(labels)
    if not start:  # no known suffix, or the host is itself a public suffix
        return None
    domain = ".".join(labels[start - 1 :])
    return domain if _valid_labels(domain) else None
