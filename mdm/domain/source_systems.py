"""What a source system is (its kind) and how far survivorship trusts one nobody ranked by
hand."""

from __future__ import annotations

KINDS = ("crm", "erp", "hr", "psa")
"""The kinds a system's name may say (``beta_crm``); any other system is of kind ``other``."""
OTHER_KIND = "other"

UNREGISTERED_TRUST = 0.0  # a system nobody registered loses to every registered one
ACQUIRED_TRUST = 0.7  # an acquired firm's systems start less trusted than the acquirer's
