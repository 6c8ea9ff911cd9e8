"""A real Tryton server for connector tests (see tests/tryton_server.py)."""

from tests.legacy_sql import legacy
from tests.tryton_server import tryton, tryton_process, tryton_template

__all__ = ["legacy", "tryton", "tryton_process", "tryton_template"]
