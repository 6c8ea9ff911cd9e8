"""A steward's decision that would undo an earlier one is refused, showing both, unless the
steward overrides the earlier one explicitly, with a reason; the override is audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mdm.domain.errors import ConflictError
from mdm.unit_of_work import UnitOfWork

SAID = {"must_link": "the same thing (merged)", "cannot_link": "not a match"}


@dataclass(frozen=True)
class EarlierDecision:
    kind: str
    left: str  # "system source_id"
    right: str
    by: str
    at: str
    reason: str | None

    def describe(self) -> str:
        why = f": “{self.reason}”" if self.reason else ""
        return f"{self.by} said {self.left} and {self.right} are {SAID[self.kind]} on {self.at[:16]}{why}"


class ContradictionError(ConflictError):
    """``attempted`` would undo ``earlier``; nothing was changed."""

    def __init__(self, attempted: str, earlier: Sequence[EarlierDecision]) -> None:
        said = "; ".join(e.describe() for e in earlier)
        super().__init__(
            f"{attempted} contradicts an earlier decision ({said}). Nothing was changed: "
            "override the earlier decision explicitly, with a reason, to go on."
        )
        self.attempted = attempted
        self.earlier = tuple(earlier)


def _earlier(row: dict[str, Any]) -> EarlierDecision:
    return EarlierDecision(
        row["kind"], row["left"], row["right"], row["created_by"],
        row["created_at"].isoformat(), row["reason"],
    )  # fmt: skip


def guard(
    uow: UnitOfWork, kind: str, left: Sequence[int], right: Sequence[int], *, attempted: str,
    override: bool, user: str, reason: str | None,
) -> None:  # fmt: skip
    """Refuse ``attempted`` when an active ``kind`` constraint joins ``left`` and ``right``;
    with ``override`` (and a reason) lift those constraints and audit that it was done."""
    found = uow.matches.constraints_between(kind, left, right)
    if not found:
        return
    earlier = [_earlier(row) for row in found]
    if not override:
        raise ContradictionError(attempted, earlier)
    if not (reason or "").strip():
        raise ConflictError("say why the earlier decision is overridden: the reason is required")
    uow.matches.deactivate_constraints([row["id"] for row in found])
    uow.events.audit(actor=user, action="decision.overridden", subject_type="match_constraint",
        subject_id=",".join(str(row["id"]) for row in found),
        before={"decisions": [e.describe() for e in earlier]}, after={"decision": attempted},
        reason=reason,
    )  # fmt: skip
