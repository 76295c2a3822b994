"""Countries by ISO 3166 code or English name, from Babel's copy of CLDR. Pure: no Sphinx.

A ``country`` in the data may be a name (``Sweden``) or an ISO 3166-1 code, alpha-2
(``SE``) or alpha-3 (``SWE``). Codes are checked; a page shows a code as the country's name
in its language, and JSON-LD writes ``addressCountry`` as the alpha-2 code whenever it is
known (from the code, or from an English name CLDR knows).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from sphinx_iassist.model import Location

__all__ = ["CODE_FORM", "country_code", "country_name", "looks_like_code", "place", "shown_country"]

#: what is read as a code: two or three capital ASCII letters
CODE_FORM = re.compile(r"[A-Z]{2,3}", re.ASCII)

# CLDR's territories that are no country of ISO 3166-1: unions, outlying areas, the unknown
# region and its pseudo-locales' regions
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "ZZ", "XA", "XB"})


@functools.cache
def _alpha2() -> frozenset[str]:
    codes = [str(code) for code in Locale("en").territories]
    return frozenset(
        code for code in codes if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


@functools.cache
def _alpha3() -> dict[str, str]:
    aliases: Mapping[str, list[str]] = get_global("territory_aliases")
    known = _alpha2()
    return {
        code: targets[0]
        for code, targets in aliases.items()
        if len(code) == 3 and code.isalpha() and len(targets) == 1 and targets[0] in known
    }


@functools.cache
def _by_english_name() -> dict[str, str]:
    names = Locale("en").territories
    return {names[code].casefold(): code for code in _alpha2()}


def looks_like_code(value: str) -> bool:
    """Whether ``value`` is written as a code (two or three capitals), not a name."""
    return CODE_FORM.fullmatch(value) is not None


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a code (alpha-2 or alpha-3) or an English name; None
    when neither is known."""
    if looks_like_code(value):
        return value if value in _alpha2() else _alpha3().get(value)
    return _by_english_name().get(value.casefold())


def country_name(code: str, language: str | None) -> str | None:
    """The name of the country with alpha-2 ``code`` in ``language`` (English if Babel does
    not know the language)."""
    try:
        locale = Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    name = locale.territories.get(code) or Locale("en").territories.get(code)
    return str(name) if name else None


def shown_country(location: Location, language: str | None) -> str | None:
    """The country as readers see it: one the data gives as a code by its name in
    ``language`` (English when None), a name as the data writes it."""
    if location.country and location.country_code and looks_like_code(location.country):
        return country_name(location.country_code, language)
    return location.country


def place(location: Location, language: str | None) -> str:
    """The place on one line (venue, city, region, country), the country as shown."""
    return location.display(shown_country(location, language))
