"""Numbers as readers expect them, by Babel's locale rules (nl_NL, en_GB, fy_NL).

One place for every number the app shows (tooltips, tables, profile, PDF), so a value reads the
same everywhere. Decimals and unit words are declared with the units in data/indicators.toml.
Only ASCII signs and spaces are used where Babel would give others (a narrow no-break space,
a typographic minus), so the PDF's core-font fallback keeps them.
"""

from __future__ import annotations

import math
from datetime import date
from functools import cache
from typing import Final

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from sq.catalogue import unit
from sq.text.i18n import language_or_default, t

LOCALES: Final = {"nl": "nl_NL", "en": "en_GB", "fy": "fy_NL"}
"""The Babel locale of each interface language."""

COMPACT_UNITS: Final = frozenset({"km"})
"""Unit words short enough to keep in compact labels ('%' and '€' are always kept)."""
SMALL_SCORE: Final = 1.0
"""Scores below this size are deviations from the national mean (Leefbaarometer): signed, 3 dp."""

LOWER_CASE_MONTHS: Final = frozenset({"fy"})
"""Languages that write month names in lower case where CLDR capitalises them (Frisian)."""
_ASCII: Final = str.maketrans({"\u2212": "-", "\u00a0": " ", "\u202f": " "})


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(LOCALES[language_or_default(language)])


def is_missing(value: object) -> bool:
    """Tell whether a value counts as missing (None, NaN or not a number at all)."""
    if value is None or isinstance(value, bool):
        return value is None
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def decimals_for(unit_id: str, value: float | None = None) -> int:
    """Return the number of decimals a unit is shown with (large scores get one decimal)."""
    if unit_id == "score" and value is not None and not is_missing(value):
        return 3 if abs(value) < SMALL_SCORE else 1
    return unit(unit_id).decimals


def shown_decimals(unit_id: str, value: float | None, source_decimals: object = None) -> int:
    """Return the decimals to show: the unit's, but never more than the source published.

    A source that publishes whole numbers (PDOK income, labour participation) is shown
    without decimals, so '6,8 -> 6,0' can't read as a change that lies within rounding.
    """
    places = decimals_for(unit_id, value)
    if source_decimals is None or is_missing(source_decimals):
        return places
    return min(places, int(source_decimals))  # type: ignore[call-overload]


def format_number(
    value: float, decimals: int = 1, language: str = "nl", signed: bool = False
) -> str:
    """Format a bare number with the locale's grouping: '1.234,5' (nl, fy) or '1,234.5' (en)."""
    places = max(decimals, 0)
    rounded = round(float(value), places)
    if rounded == 0:
        rounded = 0.0  # no "-0,0"
    pattern = "#,##0" + ("." + "0" * places if places else "")
    text = format_decimal(rounded, format=pattern, locale=_locale(language)).translate(_ASCII)
    return ("+" if signed and rounded > 0 else "") + text


def format_value(
    value: float | None,
    unit_id: str,
    language: str = "nl",
    decimals: int | None = None,
    compact: bool = False,
) -> str:
    """Format a value with its unit ('32,4%', '1,4 km', '€ 24.500'); NaN reads 'geen gegevens'.

    `compact` leaves out long unit words ('54,7' instead of '54,7 per 1.000 inwoners') for
    labels next to bars, where the unit is already in the chart title.
    """
    if is_missing(value):
        return t("value.missing", language)
    number = float(value)  # type: ignore[arg-type]
    places = decimals_for(unit_id, number) if decimals is None else decimals
    if unit_id == "%":
        return format_number(number, places, language) + "%"
    if unit_id == "x 1.000 euro":
        # Shown in whole euros, rounded as precisely as the unit's decimals allow.
        euros = format_number(round(number, places) * 1000, max(places - 3, 0), language)
        pattern = _locale(language).currency_formats["standard"].pattern.split(";")[0]
        return pattern.split("#")[0].replace("\u00a4", "€").translate(_ASCII) + euros
    if unit_id == "score":
        return format_number(number, places, language, signed=abs(number) < SMALL_SCORE)
    word = unit(unit_id).word(language)
    text = format_number(number, places, language)
    if compact and word not in COMPACT_UNITS:
        return text
    return f"{text} {word}" if word else text


def axis_title(unit_id: str, language: str = "nl") -> str:
    """Return a short axis title for a unit ('procent (%)', 'duizend euro')."""
    return unit(unit_id).axis(language)


def long_date(day: date, language: str = "nl") -> str:
    """Format a date in words by the locale: 3 maart 2025 (English: 3 March 2025).

    Frisian writes month names in lower case (jannewaris), where CLDR capitalises them.
    """
    text = format_date(day, format="long", locale=_locale(language))
    return text.lower() if language in LOWER_CASE_MONTHS else text
