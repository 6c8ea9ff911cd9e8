"""Tryton's own merge: the ``party.replace`` wizard retires the merged-away party (inactive,
``replaced_by`` the survivor) and re-points every reference to it (addresses, identifiers,
documents) to the survivor. Its similarity warnings (names or tax ids differ: they do, that
is why the hub merged them) are acknowledged with ``res.user.warning.skip`` and the wizard run
again."""

from __future__ import annotations

from connectors.tryton.client import TrytonClient, TrytonError

WIZARD = "wizard.party.replace"
MAX_WARNINGS = 5


def replaced_by(client: TrytonClient, party: int) -> int | None:
    rows = client.model(
        "party.party", "search_read", [["id", "=", party]], 0, 1, None, ["replaced_by"],
        context={"active_test": False},
    )  # fmt: skip
    return rows[0]["replaced_by"] if rows else None


def replace(client: TrytonClient, source: int, destination: int) -> None:
    """Merge party ``source`` into ``destination``; done already counts as done."""
    if replaced_by(client, source) == destination:
        return
    data = {"ask": {"source": source, "destination": destination}}
    for _ in range(MAX_WARNINGS):
        session, _start, _end = client.call(f"{WIZARD}.create", {})
        try:
            client.call(f"{WIZARD}.execute", session, data, "replace", {})
            return
        except TrytonError as exc:
            if not exc.warning:
                raise
            client.model("res.user.warning", "skip", exc.warning, False)
        finally:
            client.call(f"{WIZARD}.delete", session, {})
    raise TrytonError("UserWarning", "too many warnings from the party replacement")
