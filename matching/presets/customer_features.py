"""The features of a customer (an organisation) the customer preset derives from a record: name
forms and words, legal form, the place a name holds, where it is registered, tax id, DUNS,
domain, phone, street, postcode, city and country."""

from __future__ import annotations

from matching.feature import Feature
from matching.presets.derive import (
    country,
    domain_of,
    email_domain,
    phone,
    standardised,
    text_of,
)
from matching.presets.identifier import identifier_features
from matching.presets.phone import PHONE_FEATURES
from matching.record import Record
from matching.standardise.address import (
    standardise_city,
    standardise_postcode,
    standardise_street,
    street_head,
)
from matching.standardise.company import (
    CompanyName,
    bracketed_place,
    standardise_company,
    without_own_city,
)
from matching.standardise.jurisdiction import registered_in
from matching.standardise.phone import phone_country
from matching.standardise.placeholder import is_placeholder
from matching.standardise.taxid import normalise_duns, normalise_tax_id, tax_id_country


def _name_forms(record: Record) -> object:
    """The standardised names a customer is known by: its name and its legal name, each
    once (one record's legal name is often another's name)."""
    forms = [standardise_company(text).full for text in _names(record)]
    return tuple(dict.fromkeys(form for form in forms if form)) or None


def _names(record: Record) -> list[str]:
    return [name for field in ("name", "legal_name") if (name := _name(record, field))]


def _name(record: Record, field: str) -> str | None:
    """The name in ``field``, without its own city in brackets (``without_own_city``; the
    city is read only for a name ending with a bracket: most names do not, and this is asked
    six times a record). None where it is wholly a placeholder ("Unknown", "Test", "N/A":
    ``matching.standardise.placeholder``); a name beside a legal form ("Noname Ltd") is a
    name someone registered, and kept."""
    text = text_of(record, field)
    if not text or is_placeholder(text):
        return None
    if not text.endswith(")"):  # text_of strips it
        return text
    return without_own_city(text, text_of(record, "city"))


def _country(record: Record) -> object:
    """The country given, else the one the phone number or a VAT number's prefix is of."""
    number = phone(record)
    tax_id = text_of(record, "tax_id")
    return (
        country(record)
        or (phone_country(number) if isinstance(number, str) else None)
        or (tax_id_country(tax_id) if tax_id else None)
    )


def _company(record: Record) -> CompanyName | None:
    name = _name(record, "name") or _name(record, "legal_name")
    return standardise_company(name) if name else None


def _name_full(record: Record) -> object:
    company = _company(record)
    return company.full if company else None


def _name_tokens(record: Record) -> object:
    company = _company(record)
    return company.tokens if company else None


def _legal_form(record: Record) -> object:
    """The legal form the name ends with, else the legal name's."""
    forms = (standardise_company(text).legal_form for text in _names(record))
    return next((form for form in forms if form), None)


def _named_place(record: Record) -> object:
    """The place in brackets the name ends with ("Spago (Los Angeles)"), as cities are read."""
    name = text_of(record, "name")
    return bracketed_place(name) if name else None


def _registered_in(record: Record) -> object:
    """The countries the customer can be registered in: its country, else its legal form's."""
    return _registered_in_of(_country(record), _legal_form(record))


def _registered_in_of(place: object, form: object) -> object:
    """``_registered_in`` from the country and legal form features already derived."""
    return registered_in(
        place if isinstance(place, str) else None, form if isinstance(form, str) else None
    )


def _tax_id(record: Record) -> object:
    """The tax id, a national company number as the VAT number made of it (a SIREN in one
    system, the TVA number in another), read by the record's country: the one given, else
    its phone's (a VAT number written without its prefix on a record without a country)."""
    value = text_of(record, "tax_id")
    if not value:
        return None
    place = _country(record)
    return normalise_tax_id(value, place if isinstance(place, str) else None, as_vat=True)[0]


_website_domain = domain_of("website")


def _organisation_domain(record: Record) -> object:
    """The organisation's internet domain: its web site's, else its (non free-mail) mail's."""
    return _website_domain(record) or email_domain(record)


def _place(record: Record) -> object:
    """Whether any part of the address is known (the street, postcode or city it starts with)."""
    return (
        text_of(record, "address_line1")
        or text_of(record, "postal_code")
        or text_of(record, "city")
    )


def _street_head(record: Record) -> object:
    """The street line as far as its street-type word (``street_head``)."""
    value = text_of(record, "address_line1")
    return _street_head_of(standardise_street(value)) if value else None


def _street_head_of(street: object) -> object:
    return street_head(street) if isinstance(street, str) else None


def _postcode(record: Record) -> object:
    """The postcode, read as its country writes them (the country given, else the phone's or
    the VAT number's: a US ZIP+4 code of a record without a country is still a ZIP)."""
    value = text_of(record, "postal_code")
    if not value:
        return None
    place = _country(record)
    return standardise_postcode(value, place if isinstance(place, str) else None)


FEATURES = (
    Feature("name_full", _name_full),
    Feature("name_forms", _name_forms),
    Feature("name_tokens", _name_tokens),
    Feature("legal_form", _legal_form),
    *identifier_features("tax_id", _tax_id),
    *identifier_features("duns", standardised("duns", normalise_duns)),
    Feature("domain", _organisation_domain),
    *PHONE_FEATURES,
    Feature("street", standardised("address_line1", standardise_street)),
    Feature("street_head", _street_head, (("street",), _street_head_of)),
    Feature("postcode", _postcode),
    Feature("city", standardised("city", standardise_city)),
    Feature("named_place", _named_place),
    Feature("place", _place),
    Feature("country", _country),
    Feature("registered_in", _registered_in, (("country", "legal_form"), _registered_in_of)),
)
