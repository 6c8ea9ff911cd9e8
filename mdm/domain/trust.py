"""How far survivorship trusts a source system that nobody ranked by hand."""

from __future__ import annotations

UNREGISTERED_TRUST = 0.0  # a system nobody registered loses to every registered one
ACQUIRED_TRUST = 0.7  # an acquired firm's systems start less trusted than the acquirer's
