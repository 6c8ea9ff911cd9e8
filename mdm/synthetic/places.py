"""Addresses and telephone numbers that look right for their country."""

from __future__ import annotations

import random
from dataclasses import dataclass

from mdm.synthetic.draws import pick
from mdm.synthetic.geo_data import COUNTRIES, City, CountryProfile

_POSTAL_LETTERS = "ABDEFHJLNPRSTUWXY"
_LINE2_EN = ("Suite {n}", "Floor {f}", "Unit {n}", "Level {f}", "Building {b}")
_LINE2_LOCAL = {
    "de": ("{f}. OG", "Haus {b}", "Gebäude {b}"),
    "fr": ("Bâtiment {b}", "{f}e étage", "BP {n}"),
    "es": ("Planta {f}", "Oficina {n}", "{f}º"),
    "it": ("Piano {f}", "Scala {b}", "Edificio {b}"),
    "nl": ("{f}e verdieping", "Unit {n}"),
    "sv": ("Våning {f}", "Box {n}"),
    "da": ("{f}. sal",),
    "pl": ("lok. {n}", "piętro {f}"),
}


@dataclass(frozen=True)
class Address:
    line1: str
    line2: str
    city: str
    region: str
    postal_code: str
    country: str


@dataclass(frozen=True)
class Phone:
    calling_code: str
    trunk: str
    area: str  # "" where a country has no area codes
    subscriber: str


def fill_pattern(pattern: str, rng: random.Random) -> str:
    count = pattern.count("#")
    digits = iter(str(int(rng.random() * 10**count)).zfill(count))
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(next(digits))
        elif ch == "@":
            out.append(_POSTAL_LETTERS[int(rng.random() * len(_POSTAL_LETTERS))])
        else:
            out.append(ch)
    return "".join(out)


def _line2(profile: CountryProfile, rng: random.Random) -> str:
    if rng.random() < 0.65:
        return ""
    templates = _LINE2_LOCAL.get(profile.language, _LINE2_EN)
    n, f, b = rng.randint(100, 2400), rng.randint(1, 30), pick(rng, "ABCDE")
    return pick(rng, templates).format(n=n, f=f, b=b)


def street_line(profile: CountryProfile, rng: random.Random) -> str:
    street = pick(rng, profile.streets)
    if profile.code in ("US", "CA"):
        number = str(pick(rng, (rng.randint(1, 99) * 10, rng.randint(100, 2999))))
    else:
        number = str(pick(rng, (rng.randint(1, 30), rng.randint(1, 150))))
    return f"{number} {street}" if profile.number_first else f"{street} {number}"


def make_address(country: str, rng: random.Random, city: City | None = None) -> Address:
    profile = COUNTRIES[country]
    where = city or pick(rng, profile.cities)
    postal = fill_pattern(pick(rng, where.postal_patterns), rng)
    return Address(
        street_line(profile, rng), _line2(profile, rng), where.name, where.region, postal, country
    )


def city_named(country: str, name: str) -> City:
    return next(c for c in COUNTRIES[country].cities if c.name == name)


def _subscriber(profile: CountryProfile, area: str, rng: random.Random) -> str:
    length = profile.nsn_length - len(area.lstrip("0") if profile.code != "IT" else area)
    if profile.code == "DE":
        length = max(5, 11 - len(area) - rng.randint(0, 1))
    if profile.code in ("US", "CA"):
        return str(rng.randint(200, 999)) + f"{rng.randint(0, 9999):04d}"
    low = 2 * 10 ** (length - 1)
    return str(low + int(rng.random() * (10**length - low)))


def make_phone(country: str, rng: random.Random, city: City | None = None) -> Phone:
    profile = COUNTRIES[country]
    area = city.area_code if city else pick(rng, profile.mobile_prefixes)
    if profile.code == "DK":
        area = ""
    return Phone(profile.calling_code, profile.trunk, area, _subscriber(profile, area, rng))


def _groups(digits: str, sizes: tuple[int, ...]) -> str:
    parts, i = [], 0
    for size in sizes:
        if i >= len(digits):
            break
        parts.append(digits[i : i + size])
        i += size
    if i < len(digits):
        parts[-1] += digits[i:]
    return " ".join(parts)


def _grouped_subscriber(phone: Phone) -> str:
    sub = phone.subscriber
    if phone.calling_code == "1":
        return f"{sub[:3]}-{sub[3:]}"
    if phone.calling_code in ("33", "41", "32", "45"):
        return _groups(sub, (2, 2, 2, 2) if len(sub) % 2 == 0 else (3, 2, 2, 2))
    return _groups(sub, (4, 4) if len(sub) >= 8 else (3, 4))


def render_phone(phone: Phone, style: str) -> str:
    """Write ``phone`` as "e164", "international", "national", "compact" or "dotted"."""
    area, sub = phone.area, phone.subscriber
    if style == "e164":
        return f"+{phone.calling_code}{area}{sub}"
    if style == "international":
        return f"+{phone.calling_code} {area} {_grouped_subscriber(phone)}".replace("  ", " ")
    if style == "intl_zero":
        if phone.calling_code == "1":
            return f"+1-{area}-{sub[:3]}-{sub[3:]}"
        if phone.trunk:
            return f"+{phone.calling_code} ({phone.trunk}){area} {sub}"
        return f"00{phone.calling_code} {area} {sub}".replace("  ", " ")
    if phone.calling_code == "1":
        if style == "dotted":
            return f"{area}.{sub[:3]}.{sub[3:]}"
        return f"({area}) {sub[:3]}-{sub[3:]}" if style == "national" else f"{area}{sub}"
    prefix = phone.trunk + area
    if style == "compact":
        return f"{prefix}{sub}"
    if style == "dotted":
        return f"{prefix}-{sub}" if prefix else sub
    return f"{prefix} {_grouped_subscriber(phone)}".strip()


PHONE_STYLES = ("e164", "international", "intl_zero", "national", "compact", "dotted")
