"""``matching`` names what a caller needs and imports each name's module on first use: a
standardiser alone does not load the matcher (numpy, pandas)."""

from __future__ import annotations

import pytest

import matching
from tests.fresh_interpreter import run_fresh


def test_every_listed_name_resolves_to_its_module_s_object() -> None:
    assert sorted(matching.__all__) == sorted(matching._HOME)
    code = (  # a fresh interpreter: a test here may reload a standardiser's module
        "import sys, matching\n"
        "for name in matching.__all__:\n"
        "    module, attribute = matching._HOME[name]\n"
        "    assert getattr(matching, name) is getattr(sys.modules[module], attribute), name\n"
        "print(len(matching.__all__))\n"
    )
    shown, _ = run_fresh(code, ())
    assert int(shown) == len(matching.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        matching.no_such_name  # noqa: B018


def test_a_standardiser_alone_loads_no_matcher() -> None:
    code = (
        "from matching import to_e164, to_iso2, normalise_tax_id\nprint(to_iso2('Deutschland'))\n"
    )
    shown, loaded = run_fresh(code, ("numpy", "pandas", "matching.engine"))
    assert shown.strip() == "DE"
    assert loaded == []
