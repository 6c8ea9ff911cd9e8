"""Bulk approval: patterns of open tasks a steward can merge together after a preview."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from matching import normalise_tax_id, standardise_company
from mdm.domain.entities import schema_for
from mdm.stewardship.decisions import merge
from mdm.stewardship.views import BulkPattern
from mdm.unit_of_work import UnitOfWork

Values = Mapping[str, Any]


def _same_tax_id(a: Values, b: Values) -> bool:
    left = normalise_tax_id(a.get("tax_id") or "", a.get("country"))[0]
    right = normalise_tax_id(b.get("tax_id") or "", b.get("country"))[0]
    return bool(left) and left == right


def _legal_form_only(a: Values, b: Values) -> bool:
    names = [(x.get("name") or x.get("legal_name") or "") for x in (a, b)]
    if not all(names) or names[0] == names[1]:
        return False
    left, right = (standardise_company(n) for n in names)
    return left.full == right.full and left.legal_form != right.legal_form


def _same_email(a: Values, b: Values) -> bool:
    return bool(a.get("email")) and a.get("email") == b.get("email")


# the patterns an entity offers are named in its definition (bulk_patterns)
PATTERNS: dict[str, tuple[str, Callable[[Values, Values], bool]]] = {
    "same_tax_id": ("Same tax id", _same_tax_id),
    "legal_form_only": ("Only the legal form differs", _legal_form_only),
    "same_email": ("Same e-mail address", _same_email),
}


def bulk_patterns(uow: UnitOfWork, entity: str) -> list[BulkPattern]:
    rows = uow.matches.open_pairs(entity)
    found: list[BulkPattern] = []
    for key in schema_for(entity).bulk_patterns:
        label, test = PATTERNS[key]
        ids = tuple(r[0] for r in rows if test(r[2], r[3]))
        found.append(BulkPattern(key, label, ids))
    return found


def bulk_merge(uow: UnitOfWork, task_ids: Sequence[int], user: str) -> int:
    """Merge every listed task still open when its turn comes (an earlier merge of the batch
    may have answered it: then it closed as superseded); returns how many merged."""
    merged = 0
    for task_id in sorted(task_ids):
        version = uow.matches.open_versions([task_id]).get(task_id)
        if version is not None:
            merge(uow, task_id, user, version, comment="bulk approval")
            merged += 1
    return merged
