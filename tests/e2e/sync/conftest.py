"""A real Tryton server for the end-to-end syndication tests (see tests/tryton_server.py)."""

from tests.tryton_server import tryton, tryton_template

__all__ = ["tryton", "tryton_template"]
