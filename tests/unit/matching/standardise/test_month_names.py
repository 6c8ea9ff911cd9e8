from __future__ import annotations

import pytest

from matching.standardise.month_names import _TABLE, LANGUAGES, MONTHS, _index
from matching.standardise.text import fold


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_of_a_language_names_its_month(language: str) -> None:
    for month, words in enumerate(_TABLE[language], start=1):
        for word in words.split():
            assert MONTHS[fold(word)] == month, word


def test_accented_and_plain_spellings_are_one_word() -> None:
    assert MONTHS["marz"] == MONTHS["maerz"] == MONTHS["mrz"] == 3
    assert MONTHS["fevrier"] == MONTHS["fev"] == 2
    assert MONTHS["aout"] == MONTHS["ago"] == 8
    assert MONTHS["decembre"] == MONTHS["dez"] == MONTHS["dic"] == 12


def test_a_word_that_would_name_two_months_is_refused() -> None:
    with pytest.raises(ValueError, match="names months 3 and 5"):
        _index({"xx": ("a", "b", "mar", "d", "mar", "f", "g", "h", "i", "j", "k", "l")})
    with pytest.raises(ValueError, match="11 months"):
        _index({"xx": ("a",) * 11})
