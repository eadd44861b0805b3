"""Tables beside maps and charts: the same numbers, with readable column names."""

from __future__ import annotations

import pandas as pd

from sq.analysis.profile import IndicatorRow, badge_label
from sq.catalogue import Indicator
from sq.text.formatting import format_value, shown_decimals
from sq.text.i18n import t


def unit_suffix(indicator: Indicator) -> str:
    """Return the unit for a column header, e.g. '(%)' or '(per 1.000 inwoners)'."""
    return f"({indicator.unit})"


def map_table_display(
    table: pd.DataFrame, indicator: Indicator, language: str = "nl"
) -> tuple[pd.DataFrame, list[str]]:
    """Return the map's table with localized headers, and which columns are numbers."""
    value_col = f"{t('table.value', language)} {unit_suffix(indicator)}"
    nl_col = f"{t('table.nl', language)} {unit_suffix(indicator)}"
    display = pd.DataFrame(
        {
            t("table.area", language): table["name"],
            t("table.gemeente", language): table["gemeente"],
            t("table.code", language): table["region_code"],
            value_col: table["value"],
            nl_col: table["nl_value"],
            t("table.note", language): table["flags"].str.replace(";", ", ").str.replace("_", " "),
        }
    )
    return display, [value_col, nl_col]


def profile_table(
    rows: tuple[IndicatorRow, ...], show_gemeente: bool, language: str = "nl"
) -> pd.DataFrame:
    """Return one condition's indicators as a readable table (values as formatted text)."""
    records = []
    for row in rows:
        unit = row.indicator.unit
        value = (
            format_value(row.value, unit, language, shown_decimals(unit, row.value, row.decimals))
            if row.has_value
            else row.status_label(language)
        )
        record = {
            t("table.indicator", language): row.indicator.title(language),
            t("table.value", language): value,
            t("table.year", language): year_label(row.year, row.edition, language),
            t("table.nl", language): _with_year(
                row.nl_value, row.nl_year, row.year, unit, language, row.nl_decimals
            ),
        }
        if show_gemeente:
            record[t("table.gemeente", language)] = _with_year(
                row.gemeente_value,
                row.gemeente_year,
                row.year,
                unit,
                language,
                row.gemeente_decimals,
            )
        record.update(_peer_cells(row, language))
        record[t("table.verdict", language)] = (
            row.comparison.label(language) if row.has_value else ""
        )
        if row.peer_comparison is not None:
            record[t("peers.verdict_column", language)] = (
                row.peer_comparison.label(language) if row.has_value else ""
            )
        record["Trend"] = [v for _y, v in row.trend] if len(row.trend) > 1 else None
        record[t("table.note", language)] = ", ".join(badge_label(b, language) for b in row.badges)
        records.append(record)
    return pd.DataFrame(records)


def _peer_cells(row: IndicatorRow, language: str) -> dict[str, str]:
    """Return the peer groups' cells: the NL-wide group, and a wijk's group in its gemeente."""
    cells: dict[str, str] = {}
    unit = row.indicator.unit
    if row.peer_comparison is not None:
        cells[t("peers.column", language)] = _with_year(
            row.peer_value, row.peer_year, row.year, unit, language
        )
    if row.has_local_peers:
        cells[t("peers.local_column", language)] = _with_year(
            row.local_peer_value, row.local_peer_year, row.year, unit, language
        )
    return cells


def year_label(year: int | None, edition: int | None, language: str = "nl") -> str:
    """Return a figure's year, naming the edition when that is another year."""
    if not year:
        return ""
    if edition is None or edition == year:
        return str(year)
    return t("table.year_edition", language, year=year, edition=edition)


def _with_year(
    value: float | None,
    year: int | None,
    own_year: int | None,
    unit: str,
    language: str,
    places: int | None = None,
) -> str:
    """Format a benchmark, naming its year when it differs from the area's year."""
    text = format_value(value, unit, language, shown_decimals(unit, value, places))
    if value is None or year is None or year == own_year:
        return text
    return f"{text} ({year})"


def trend_table(frame: pd.DataFrame, unit: str, language: str = "nl") -> pd.DataFrame:
    """Return a trend as a table: one row per year, one column per area (formatted values)."""
    if frame.empty:
        return pd.DataFrame()
    places = frame["decimals"] if "decimals" in frame else pd.Series(None, index=frame.index)
    shown = frame.assign(
        shown=[
            format_value(v, unit, language, shown_decimals(unit, v, p))
            for v, p in zip(frame["value"], places, strict=True)
        ]
    )
    table = shown.pivot_table(
        index="year", columns="area", values="shown", aggfunc="first", sort=False
    )
    table = table.fillna(t("value.missing", language)).sort_index()
    table.index = table.index.astype(int).astype(str)
    table.index.name = t("table.year", language)
    return table.reset_index()
