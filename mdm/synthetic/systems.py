"""The source systems, their key styles, and which true entities each one holds."""

from __future__ import annotations

import random
import uuid

from mdm.synthetic.companies import Company
from mdm.synthetic.people import Person
from mdm.synthetic.rates import RateLine

# (system, entity) in the order extracts are produced.
EXTRACTS = (
    ("acme_crm", "customer"), ("acme_erp", "customer"), ("beta_crm", "customer"),
    ("acme_hr", "resource"), ("acme_psa", "resource"), ("beta_hr", "resource"),
    ("acme_erp", "rate_card"), ("acme_psa", "rate_card"),
)  # fmt: skip
_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _key_style(system: str, entity: str) -> str:
    if entity == "rate_card":
        return "erp_rate" if "erp" in system else "psa_rate"
    if entity == "resource":
        return {"acme_psa": "psa", "beta_hr": "numeric"}.get(system, "hr")
    if system.startswith("beta"):
        return "guid"
    return "erp" if "erp" in system else "salesforce"


# style -> (prefix, digits): numeric keys grow a digit when a system runs short of them
_NUMBERED = {"erp": ("C-", 6), "hr": ("E", 5), "psa": ("RES-", 6), "numeric": ("", 6),
             "erp_rate": ("PRC", 7), "psa_rate": ("RT-", 6)}  # fmt: skip


def _candidate(style: str, digits: int, rng: random.Random) -> str:
    if style == "salesforce":
        return "0015g00000" + "".join(_BASE62[int(rng.random() * 62)] for _ in range(5))
    if style == "guid":
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    prefix, _ = _NUMBERED[style]
    low = 10 ** (digits - 1) if style in ("erp", "hr", "erp_rate") else 1
    return f"{prefix}{low + int(rng.random() * (10**digits - low)):0{digits}d}"


class SourceKeys:
    """Hands out source ids in each system's own style, unique per (system, entity)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: dict[tuple[str, str], set[str]] = {}
        self._digits: dict[tuple[str, str], int] = {}

    def new(self, system: str, entity: str) -> str:
        used = self._used.setdefault((system, entity), set())
        style = _key_style(system, entity)
        digits = self._digits.get((system, entity), _NUMBERED.get(style, ("", 0))[1])
        if style in _NUMBERED and len(used) > 10**digits // 5:
            digits += 1
        self._digits[(system, entity)] = digits
        while True:
            key = _candidate(style, digits, self._rng)
            if key not in used:
                used.add(key)
                return key


def customer_systems(company: Company, rng: random.Random) -> list[str]:
    """60% only the acquirer's client, 30% only the acquired firm's, 10% shared by both."""
    roll = rng.random()
    systems = ["beta_crm"] if roll >= 0.6 else []
    if roll < 0.7:
        side = rng.random()
        if side < 0.72:
            systems += ["acme_crm", "acme_erp"]
        else:
            systems.append("acme_crm" if side < 0.9 else "acme_erp")
    return systems


def resource_systems(person: Person, rng: random.Random) -> list[str]:
    if person.firm == "beta":
        systems = ["beta_hr"]
        if person.moved:
            systems.append("acme_hr")
            if rng.random() < 0.7:
                systems.append("acme_psa")
        return systems
    systems = ["acme_hr"] if rng.random() < 0.97 else []
    if rng.random() < (0.88 if person.level < 6 else 0.6) or not systems:
        systems.append("acme_psa")
    return systems


def rate_systems(line: RateLine, rng: random.Random) -> list[str]:
    """Negotiated client cards live in the ERP, which bills the client and holds its customer
    key; the PSA, which has no customer master to refer to, holds the standard cards only (a
    client line without its client would be indistinguishable from other clients' lines)."""
    if line.customer:
        return ["acme_erp"]
    systems = [s for s, p in (("acme_erp", 0.75), ("acme_psa", 0.85)) if rng.random() < p]
    return systems or [pick_one(line, rng)]


def pick_one(line: RateLine, rng: random.Random) -> str:
    return "acme_erp" if line.customer or rng.random() < 0.5 else "acme_psa"
