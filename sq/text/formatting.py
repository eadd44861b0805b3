"""Numbers as readers expect them: Dutch decimal comma and thousands dot, units in plain words.

One place for every number the app shows (tooltips, tables, profile, PDF), so a value reads the
same everywhere. Only ASCII signs and spaces are used, so the PDF's core-font fallback keeps them.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Final, Literal

Language = Literal["nl", "en"]

MISSING: Final = {"nl": "geen gegevens", "en": "no data"}
"""What a missing (NaN, None or suppressed) value reads as."""

DEFAULT_DECIMALS: Final = {
    "%": 1,
    "km": 1,
    "per 1.000 inwoners": 1,
    "x 1.000 euro": 1,
    "score": 3,
}
"""Decimals per catalogue unit; unknown units get `FALLBACK_DECIMALS`."""

FALLBACK_DECIMALS: Final = 1
COMPACT_UNITS: Final = frozenset({"km"})
"""Unit words short enough to keep in compact labels ('%' and '€' are always kept)."""
SMALL_SCORE: Final = 1.0
"""Scores below this size are deviations from the national mean (Leefbaarometer): signed, 3 dp."""

_UNIT_WORDS: Final = {
    "nl": {"per 1.000 inwoners": "per 1.000 inwoners", "km": "km", "score": ""},
    "en": {"per 1.000 inwoners": "per 1,000 inhabitants", "km": "km", "score": ""},
}

_AXIS_TITLES: Final = {
    "nl": {
        "%": "procent (%)",
        "km": "afstand in km",
        "x 1.000 euro": "duizend euro",
        "per 1.000 inwoners": "per 1.000 inwoners",
        "score": "score",
    },
    "en": {
        "%": "percent (%)",
        "km": "distance in km",
        "x 1.000 euro": "thousand euro",
        "per 1.000 inwoners": "per 1,000 inhabitants",
        "score": "score",
    },
}


def is_missing(value: object) -> bool:
    """Tell whether a value counts as missing (None, NaN or not a number at all)."""
    if value is None or isinstance(value, bool):
        return value is None
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def decimals_for(unit: str, value: float | None = None) -> int:
    """Return the number of decimals a unit is shown with (large scores get one decimal)."""
    if unit == "score" and value is not None and not is_missing(value):
        return 3 if abs(value) < SMALL_SCORE else 1
    return DEFAULT_DECIMALS.get(unit, FALLBACK_DECIMALS)


def shown_decimals(unit: str, value: float | None, source_decimals: object = None) -> int:
    """Return the decimals to show: the unit's, but never more than the source published.

    A source that publishes whole numbers (PDOK income, labour participation) is shown
    without decimals, so '6,8 -> 6,0' can't read as a change that lies within rounding.
    """
    places = decimals_for(unit, value)
    if source_decimals is None or is_missing(source_decimals):
        return places
    return min(places, int(source_decimals))  # type: ignore[call-overload]


def format_number(
    value: float, decimals: int = 1, language: Language = "nl", signed: bool = False
) -> str:
    """Format a bare number with grouping: '1.234,5' (nl) or '1,234.5' (en)."""
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0,0"
    sign = "+" if signed and rounded > 0 else ""
    text = f"{rounded:,.{max(decimals, 0)}f}"
    if language == "nl":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return sign + text


def format_value(
    value: float | None,
    unit: str,
    language: Language = "nl",
    decimals: int | None = None,
    compact: bool = False,
) -> str:
    """Format a value with its unit ('32,4%', '1,4 km', '€ 24.500'); NaN reads 'geen gegevens'.

    `compact` leaves out long unit words ('54,7' instead of '54,7 per 1.000 inwoners') for
    labels next to bars, where the unit is already in the chart title.
    """
    lang: Language = "en" if language == "en" else "nl"
    if is_missing(value):
        return MISSING[lang]
    number = float(value)  # type: ignore[arg-type]
    places = decimals_for(unit, number) if decimals is None else decimals
    if unit == "%":
        return format_number(number, places, lang) + "%"
    if unit == "x 1.000 euro":
        # Shown in whole euros, rounded as precisely as the unit's decimals allow.
        euros = round(number, places) * 1000
        text = format_number(euros, max(places - 3, 0), lang)
        return f"€ {text}" if lang == "nl" else f"€{text}"
    if unit == "score":
        return format_number(number, places, lang, signed=abs(number) < SMALL_SCORE)
    word = _UNIT_WORDS[lang].get(unit, unit)
    text = format_number(number, places, lang)
    if compact and word not in COMPACT_UNITS:
        return text
    return f"{text} {word}" if word else text


def axis_title(unit: str, language: Language = "nl") -> str:
    """Return a short axis title for a unit ('procent (%)', 'duizend euro')."""
    lang: Language = "en" if language == "en" else "nl"
    return _AXIS_TITLES[lang].get(unit, unit)


_MONTHS: Final = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def long_date(day: date, language: str = "nl") -> str:
    """Format a date in words, the Dutch way by default: 3 maart 2025 (English: 3 March 2025)."""
    months = _MONTHS.get(language, _MONTHS["nl"])
    return f"{day.day} {months[day.month - 1]} {day.year}"
