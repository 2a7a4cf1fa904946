"""Country codes: ISO 3166-1 alpha-2 through pycountry, plus EU and INT."""

from __future__ import annotations

from functools import cache

import pycountry

# Not countries, but where partnerships in official statistics happen.
SPECIAL = {"EU": "European Union", "INT": "International organisations"}
# Codes people write that ISO reserves for other uses, with the code they mean.
RESERVED = {"UK": "GB", "EL": "GR"}


@cache
def country_name(code: str) -> str:
    """The reader-facing name of a valid code ('NO' -> 'Norway')."""
    if code in SPECIAL:
        return SPECIAL[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@cache
def is_known(code: str) -> bool:
    """An upper-case ISO code, EU or INT (pycountry itself would also accept 'no')."""
    if code in SPECIAL:
        return True
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def country_problem(value: str) -> str | None:
    """Why `value` is not a usable country code, with the likely fix; None when it is fine."""
    if is_known(value):
        return None
    upper = value.strip().upper()
    if upper != value and is_known(upper):
        return f"'{value}' should be written in capitals: '{upper}'"
    if upper in RESERVED:
        return f"'{value}' is reserved by ISO 3166-1, not a country code (did you mean '{RESERVED[upper]}'?)"
    hint = ""
    special = {name.upper(): code for code, name in SPECIAL.items()} | {"EUR": "EU", "EUROPE": "EU"}
    if upper in special:
        return f"unknown country code '{value}' (did you mean '{special[upper]}'?)"
    try:
        match = pycountry.countries.lookup(value.strip())
        hint = f" (did you mean '{match.alpha_2}' for {country_name(match.alpha_2)}?)"
    except LookupError:
        pass
    return (
        f"unknown country code '{value}'{hint}; expected an ISO 3166-1 alpha-2 code such as "
        "NO or GB, EU for European Union bodies, or INT for other international bodies"
    )
