"""Country codes: ISO 3166-1 alpha-2 through pycountry, plus EU and INT."""

from __future__ import annotations

from functools import cache

import pycountry

from . import languages
from .languages import SPECIAL

# Codes people write that ISO reserves for other uses, with the code they mean.
RESERVED = {"UK": "GB", "EL": "GR"}


def country_name(code: str) -> str:
    """The English name of a valid code ('NO' -> 'Norway'); languages.py names it in others."""
    return languages.country_name(code)


@cache
def is_known(code: str) -> bool:
    """An upper-case ISO code, EU or INT (pycountry itself would also accept 'no')."""
    if code in SPECIAL:
        return True
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def resolve_country(value: str) -> tuple[str | None, str | None]:
    """The code for what someone typed: a code in any case ('no'), a name in English, French
    or Russian ('Norway', 'Norvège'), or a choice as the questions show it ('Norway (NO)');
    else None and why not."""
    text = value.strip()
    if text.endswith(")") and "(" in text:
        text = text[text.rindex("(") + 1 : -1].strip()
    upper = text.upper()
    if is_known(upper):
        return upper, None
    special = {name.casefold(): code for code, names in SPECIAL.items() for name in names.values()}
    code = special.get(text.casefold()) or languages.code_of_name(text)
    if code is not None and is_known(code):
        return code, None
    return None, country_problem(value)


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
    special = {name.upper(): code for code, names in SPECIAL.items() for name in names.values()}
    special |= {"EUR": "EU", "EUROPE": "EU"}
    if upper in special:
        return f"unknown country code '{value}' (did you mean '{special[upper]}'?)"
    code = languages.code_of_name(value) or languages.close_code(value)
    if code is not None:
        hint = f" (did you mean '{code}' for {country_name(code)}?)"
    return (
        f"unknown country code '{value}'{hint}; expected an ISO 3166-1 alpha-2 code such as "
        "NO or GB, EU for European Union bodies, or INT for other international bodies"
    )
