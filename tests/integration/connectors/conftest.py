"""A real Tryton server for connector tests (see tests/tryton_server.py)."""

from tests.tryton_server import tryton, tryton_process, tryton_template

__all__ = ["tryton", "tryton_process", "tryton_template"]
