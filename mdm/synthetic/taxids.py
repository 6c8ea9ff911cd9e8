"""Company tax identifiers with correct check digits, in each country's usual written form.

The algorithms are the published ones (VIES/national rules); the generator computes them
itself so it needs no third-party library.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from mdm.synthetic.draws import pick

_EIN_TEXT = (
    "01 02 03 04 05 06 10 11 12 13 14 15 16 20 21 22 23 24 25 26 27 30 32 33 34 35 36 37 38 "
    "39 41 42 43 44 45 46 47 48 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 71 72 "
    "73 74 75 76 77 80 81 82 83 84 85 86 87 88 90 91 92 93 94 95 98 99"
)
_EIN_PREFIXES = tuple(_EIN_TEXT.split())
_IE_ALPHABET = "WABCDEFGHIJKLMNOPQRSTUV"


def _digits(rng: random.Random, n: int, first_nonzero: bool = True) -> str:
    low = 10 ** (n - 1) if first_nonzero else 0
    return str(low + int(rng.random() * (10**n - low))).zfill(n)


def _weighted(weights: tuple[int, ...], body: str) -> int:
    return sum(w * int(d) for w, d in zip(weights, body, strict=True))


def luhn_sum(number: str) -> int:
    """Luhn sum of ``number`` (the rightmost digit is not doubled)."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10


def luhn_digit(number: str) -> str:
    return str((10 - luhn_sum(number + "0")) % 10)


def _us(rng: random.Random) -> str:
    return f"{pick(rng, _EIN_PREFIXES)}-{_digits(rng, 7, False)}"


def _gb(rng: random.Random) -> str:
    body = _digits(rng, 7)
    total = _weighted((8, 7, 6, 5, 4, 3, 2), body)
    return f"GB{body}{(-total) % 97:02d}"


def _de(rng: random.Random) -> str:
    body = _digits(rng, 8)
    product = 10
    for ch in body:
        total = (int(ch) + product) % 10 or 10
        product = (2 * total) % 11
    return f"DE{body}{(11 - product) % 10}"


def _fr(rng: random.Random) -> str:
    base = _digits(rng, 8)
    siren = base + luhn_digit(base)
    return f"FR{int(siren + '12') % 97:02d}{siren}"


def _nl(rng: random.Random) -> str:
    while True:
        body = _digits(rng, 8)
        check = sum((9 - i) * int(d) for i, d in enumerate(body)) % 11
        if check < 10:
            return f"NL{body}{check}B{pick(rng, ('01', '01', '01', '02'))}"


def _es(rng: random.Random) -> str:
    body = _digits(rng, 7, False)
    return f"ES{pick(rng, 'AB')}{body}{luhn_digit(body)}"


def _it(rng: random.Random) -> str:
    body = _digits(rng, 7) + f"{rng.randint(1, 100):03d}"
    return f"IT{body}{luhn_digit(body)}"


def _ch(rng: random.Random) -> str:
    while True:
        body = _digits(rng, 8)
        check = (11 - _weighted((5, 4, 3, 2, 7, 6, 5, 4), body)) % 11
        if check < 10:
            number = body + str(check)
            return f"CHE-{number[:3]}.{number[3:6]}.{number[6:]}"


def _au(rng: random.Random) -> str:
    body = _digits(rng, 9)
    total = -_weighted((3, 5, 7, 9, 11, 13, 15, 17, 19), body)
    number = f"{11 + (total - 1) % 89}{body}"
    return f"{number[:2]} {number[2:5]} {number[5:8]} {number[8:]}"


def _ca(rng: random.Random) -> str:
    body = _digits(rng, 8)
    return f"{body}{luhn_digit(body)}RT0001"


def _ie(rng: random.Random) -> str:
    body = _digits(rng, 7, False)
    check = _IE_ALPHABET[sum((8 - i) * int(d) for i, d in enumerate(body)) % 23]
    return f"IE{body}{check}"


def _se(rng: random.Random) -> str:
    body = "55" + _digits(rng, 7, False)
    return f"SE{body}{luhn_digit(body)}01"


def _be(rng: random.Random) -> str:
    body = "0" + _digits(rng, 7)
    return f"BE{body}{97 - int(body) % 97:02d}"


def _at(rng: random.Random) -> str:
    body = _digits(rng, 7)
    return f"ATU{body}{(6 - luhn_sum(body)) % 10}"


def _dk(rng: random.Random) -> str:
    while True:
        body = _digits(rng, 7)
        check = (-_weighted((2, 7, 6, 5, 4, 3, 2), body)) % 11
        if check < 10:
            return f"DK{body}{check}"


def _pl(rng: random.Random) -> str:
    while True:
        body = _digits(rng, 9)
        check = _weighted((6, 5, 7, 2, 3, 4, 5, 6, 7), body) % 11
        if check < 10:
            return f"PL{body}{check}"


TAX_ID_MAKERS: dict[str, Callable[[random.Random], str]] = {
    "US": _us, "GB": _gb, "DE": _de, "FR": _fr, "NL": _nl, "ES": _es, "IT": _it, "CH": _ch,
    "AU": _au, "CA": _ca, "IE": _ie, "SE": _se, "BE": _be, "AT": _at, "DK": _dk, "PL": _pl,
}  # fmt: skip


def make_tax_id(country: str, rng: random.Random) -> str:
    """A valid tax id for ``country`` in its usual written form ("" if unknown country)."""
    maker = TAX_ID_MAKERS.get(country)
    return maker(rng) if maker else ""


def make_duns(rng: random.Random) -> str:
    return _digits(rng, 9, False)
