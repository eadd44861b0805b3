"""The selection lives in the URL, so every view can be shared as a link and reopened.

``?gebied=GM0080&indicator=vrijwilligerswerk&jaar=2020&niveau=wijk&vergelijk=GM0074,GM1900``

`parse_selection` never raises: an unknown or malformed value falls back to the default with a
short plain-text notice. A notice echoes at most a few harmless characters of what was in the
link (letters, digits, space, hyphen, dot), so it cannot carry HTML or Markdown into the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import parse_qsl

from sq.codes import is_valid_code
from sq.text.i18n import t

PARAM_AREA: Final = "gebied"
PARAM_INDICATOR: Final = "indicator"
PARAM_YEAR: Final = "jaar"
PARAM_LEVEL: Final = "niveau"
PARAM_COMPARE: Final = "vergelijk"
PARAM_LANGUAGE: Final = "taal"
DEFAULT_LANGUAGE: Final = "nl"

LEVELS: Final = ("gemeente", "wijk", "buurt")
"""Map levels a link may ask for."""

MAX_COMPARE: Final = 5
"""At most this many areas side by side; extra codes in a link are left out."""

MIN_YEAR: Final = 1990
MAX_YEAR: Final = 2100
"""Plausible years when no list of available years is given."""

MAX_RAW_LENGTH: Final = 400
"""Longer parameter values are cut before anything else looks at them."""

ECHO_LENGTH: Final = 20
_UNSAFE: Final = re.compile(r"[^0-9A-Za-zÀ-ÿ .-]")
_MAX_COMPARE_NOTICES: Final = 3


@dataclass(frozen=True)
class Selection:
    """What the user looks at: area, indicator, year, map level and areas to compare."""

    region_code: str | None = None
    indicator_id: str | None = None
    year: int | None = None
    level: str = "gemeente"
    compare: tuple[str, ...] = field(default_factory=tuple)


DEFAULT_SELECTION: Final = Selection(
    region_code="GM0080", indicator_id="vrijwilligerswerk", year=None, level="gemeente"
)
"""First version's start: Leeuwarden, volunteering, latest year, gemeenten on the map."""


def echo(raw: object) -> str:
    """Return a harmless, short version of a value from a link, for use inside a notice."""
    text = _UNSAFE.sub("", str(raw))[:MAX_RAW_LENGTH]
    text = " ".join(text.split())
    return text if len(text) <= ECHO_LENGTH else text[: ECHO_LENGTH - 1] + "…"


def _notice(key: str, language: str, **values: object) -> str:
    return t(f"notice.{key}", language, **values)


def _raw(params: Mapping[str, object], name: str) -> str | None:
    """Return one parameter as text (the last of repeated values), cut to a safe length."""
    value = params.get(name)
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if value is None:
        return None
    text = str(value)[:MAX_RAW_LENGTH].strip()
    return text or None


def _all_raw(params: Mapping[str, object], name: str) -> str | None:
    """Return a list-valued parameter joined by commas (?vergelijk=A&vergelijk=B)."""
    value = params.get(name)
    if isinstance(value, (list, tuple)):
        value = ",".join(str(v) for v in value)
    if value is None:
        return None
    text = str(value)[:MAX_RAW_LENGTH].strip()
    return text or None


def _code(raw: str, known_codes: set[str]) -> str | None:
    """Return the known region code a link value means (case of the prefix forgiven)."""
    for candidate in (raw, raw.upper(), raw[:2].upper() + raw[2:]):
        if is_valid_code(candidate) and candidate in known_codes:
            return candidate
    return None


def _year(raw: str) -> int | None:
    if not re.fullmatch(r"\d{4}", raw):
        return None
    year = int(raw)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _fit_year(year: int | None, available: list[int] | None) -> int | None:
    """Keep a year that the indicator has; otherwise its latest year (None: latest)."""
    if available is None or year is None or year in available:
        return year
    return max(available) if available else None


def _compare(
    raw: str | None, area: str | None, known_codes: set[str], language: str
) -> tuple[tuple[str, ...], list[str]]:
    if raw is None:
        return (), []
    codes: list[str] = []
    unknown: list[str] = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        code = _code(part, known_codes)
        if code is None:
            unknown.append(part)
        elif code != area and code not in codes:
            codes.append(code)
    notices = [_notice("compare", language, raw=echo(u)) for u in unknown[:_MAX_COMPARE_NOTICES]]
    if len(unknown) > _MAX_COMPARE_NOTICES:
        rest = len(unknown) - _MAX_COMPARE_NOTICES
        notices.append(_notice("compare_more", language, count=rest))
    if len(codes) > MAX_COMPARE:
        notices.append(_notice("compare_max", language, count=MAX_COMPARE))
    return tuple(codes[:MAX_COMPARE]), notices


def parse_selection(
    params: Mapping[str, str | list[str]],
    *,
    known_codes: set[str],
    indicator_ids: tuple[str, ...],
    years_for: Callable[[str], list[int]] | None = None,
    defaults: Selection = DEFAULT_SELECTION,
    language: str = "nl",
    levels: tuple[str, ...] = LEVELS,
) -> tuple[Selection, list[str]]:
    """Read the selection from URL parameters; return it with plain-text notices (never raises).

    Unknown parameters are ignored quietly. `years_for(indicator_id)` lists the years an
    indicator has; a missing year then means that indicator's latest year.
    """
    notices: list[str] = []
    area = _pick(params, PARAM_AREA, defaults.region_code, lambda r: _code(r, known_codes))
    indicator = _pick(params, PARAM_INDICATOR, defaults.indicator_id, _member(indicator_ids))
    level = _pick(params, PARAM_LEVEL, defaults.level, lambda r: _member(levels)(r.lower()))
    for name, value in ((PARAM_AREA, area), (PARAM_INDICATOR, indicator), (PARAM_LEVEL, level)):
        if value is None:
            notices.append(_notice(_NOTICE_OF[name], language, raw=echo(_raw(params, name) or "")))
    area = area or defaults.region_code
    indicator = indicator or defaults.indicator_id
    level = level or defaults.level
    year = _read_year(params, defaults.year, years_for, indicator, language, notices)
    compare = defaults.compare
    if (raw := _all_raw(params, PARAM_COMPARE)) is not None:
        compare, compare_notices = _compare(raw, area, known_codes, language)
        notices.extend(compare_notices)
    selection = Selection(area, indicator, year, level, compare)
    return selection, notices


_NOTICE_OF: Final = {PARAM_AREA: "area", PARAM_INDICATOR: "indicator", PARAM_LEVEL: "level"}


def _member(allowed: tuple[str, ...]) -> Callable[[str], str | None]:
    """Return a reader that accepts a value only when it is one of `allowed`."""
    return lambda raw: raw if raw in allowed else None


def _pick(
    params: Mapping[str, str | list[str]],
    name: str,
    default: str | None,
    read: Callable[[str], str | None],
) -> str | None:
    """Return the parameter read, the default when absent, or None when present but unknown."""
    raw = _raw(params, name)
    return default if raw is None else read(raw)


def _read_year(
    params: Mapping[str, str | list[str]],
    default: int | None,
    years_for: Callable[[str], list[int]] | None,
    indicator: str | None,
    language: str,
    notices: list[str],
) -> int | None:
    """Return the year from the link if the indicator has it, else its nearest default."""
    available = years_for(indicator) if years_for is not None and indicator else None
    year = _fit_year(default, available)
    if (raw := _raw(params, PARAM_YEAR)) is None:
        return year
    asked = _year(raw)
    if asked is not None and (available is None or asked in available):
        return asked
    fallback = str(year) if year is not None else _latest_word(language)
    notices.append(_notice("year", language, raw=echo(raw), fallback=fallback))
    return year


def _latest_word(language: str) -> str:
    return t("notice.latest_year", language)


def to_params(selection: Selection, defaults: Selection = DEFAULT_SELECTION) -> dict[str, str]:
    """Write a selection as URL parameters, leaving out what equals the defaults."""
    params: dict[str, str] = {}
    if selection.region_code and selection.region_code != defaults.region_code:
        params[PARAM_AREA] = selection.region_code
    if selection.indicator_id and selection.indicator_id != defaults.indicator_id:
        params[PARAM_INDICATOR] = selection.indicator_id
    if selection.year is not None and selection.year != defaults.year:
        params[PARAM_YEAR] = str(selection.year)
    if selection.level != defaults.level:
        params[PARAM_LEVEL] = selection.level
    if selection.compare and selection.compare != defaults.compare:
        params[PARAM_COMPARE] = ",".join(selection.compare)
    return params


def link_params(
    region_code: str, language: str, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Return the parameters of a shareable link to an area (language only when not Dutch)."""
    params = {PARAM_AREA: region_code, **(extra or {})}
    if language != DEFAULT_LANGUAGE:
        params[PARAM_LANGUAGE] = language
    return params


KEPT_VIEW_LIMIT: Final = 2000
"""Longest kept view (a query string) that is read back; a real one is under 200 characters."""


def kept_view(text: object, allowed: Collection[str]) -> dict[str, str]:
    """Read a view kept as a query string (by the visitor's browser) back into parameters.

    Only the `allowed` names come back, each once (the last value wins); anything that is not
    a string, or is longer than `KEPT_VIEW_LIMIT`, gives nothing. The values are not checked
    here: they go into the URL, and `parse_selection` checks them as it checks any link.
    """
    if not isinstance(text, str) or len(text) > KEPT_VIEW_LIMIT:
        return {}
    return {k: v for k, v in parse_qsl(text) if k in allowed}
