from decimal import Decimal

import pytest

from matching.standardise.amount_text import WrittenAmount, read_amount


@pytest.mark.parametrize(
    ("value", "amount", "currencies", "before", "after"),
    [
        ("1250.00", "1250.00", (), "", ""),
        ("1,200/day", "1200", (), "", "/day"),
        ("$150/hr", "150", ("$",), "", "/hr"),
        ("150 USD", "150", ("USD",), "", ""),
        ("£95", "95", ("£",), "", ""),
        ("95 GBP/h", "95", ("GBP",), "", "/h"),
        ("1 200,00 €", "1200.00", ("€",), "", ""),
        ("EUR 1.200,00 per day", "1200.00", ("EUR",), "", "per day"),
        ("1200 EUR / Tag", "1200", ("EUR",), "", "/ Tag"),
        ("US$ 150 per hour", "150", ("US$",), "", "per hour"),
        ("150 US Dollar/h", "150", ("US Dollar",), "", "/h"),
        ("SFr. 150", "150", ("SFr.",), "", ""),
        ("-€5", "-5", ("€",), "", ""),
        ("(€12.00)", "-12.00", ("€",), "", ""),
        ("$150 CAD", "150", ("$", "CAD"), "", ""),
        ("Tagessatz 1.100,00 €", "1100.00", ("€",), "Tagessatz", ""),
        ("ca. 150 net", "150", (), "ca.", "net"),
        ("150 all'ora", "150", (), "", "all'ora"),
    ],
)
def test_an_amount_is_read_with_its_currency_and_other_words(
    value: str, amount: str, currencies: tuple[str, ...], before: str, after: str
) -> None:
    assert read_amount(value) == WrittenAmount(Decimal(amount), currencies, before, after)


@pytest.mark.parametrize("value", ["", "n/a", "per day", "150/8h", "1e5 EUR"])
def test_what_is_not_a_number_is_none(value: str) -> None:
    assert read_amount(value) is None
