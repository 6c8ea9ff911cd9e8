"""Many golden records survived at once in forked workers give what ``survive`` gives for
each, in the order of their groups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mdm.domain.members import MemberVersion
from mdm.domain.survivorship import survive
from mdm.domain.survivorship_rules import EntityRules
from mdm.golden import survival
from mdm.golden.survival import survive_each

T0 = datetime(2026, 1, 1, tzinfo=UTC)
SYSTEMS = ("crm", "erp", "web")


def member(n: int) -> MemberVersion:
    values = {
        "full_name": f"ACME TRADING NUMBER {n % 97}" if n % 2 else f"Acme Trading {n % 89}",
        "phone": f"+4420794601{n % 100:02d}",
        "city": "FRANKFURT AM MAIN" if n % 3 else "London",
        "country": "DE" if n % 3 else "GB",
    }
    system = SYSTEMS[n % 3]
    return MemberVersion(
        n, n, system, f"S{n}", T0 + timedelta(days=n % 5), values, {}, system, {"*": 1.0}
    )


def test_workers_survive_each_group_as_one_process_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(survival, "PART", 7)  # several parts, so their order is tested too
    members = {n: member(n) for n in range(120)}
    groups = [tuple(range(start, start + 1 + start % 3)) for start in range(0, 117, 3)]
    rules = EntityRules()
    expected = [survive([members[r] for r in group], rules) for group in groups]
    assert list(survive_each(groups, members, rules, parallel_from=1)) == expected
    assert list(survive_each(groups, members, rules)) == expected  # few: in this process
