"""Marks for trend charts where a series is not comparable: a definition or source change.

Boundary changes have their own marks (`sq.analysis.trends.boundary_marks`); these follow the
same columns, so the chart draws them the same way: a dashed rule with a label, and a note.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from sq.analysis.trends import MARK_COLUMNS
from sq.store.loader import Store
from sq.text.i18n import t


def _window(shown: list[int], year: int) -> tuple[int, int] | None:
    """Return the shown years (before, from) around a break that starts in `year`."""
    for before, after in itertools.pairwise(shown):
        if before < year <= after:
            return before, after
    return None


def definition_marks(
    store: Store, indicator_id: str, years: list[int], language: str = "nl"
) -> pd.DataFrame:
    """Return one mark per definition break (from the source's metadata) between shown years."""
    breaks = store.series_breaks
    rows = []
    if not breaks.empty:
        breaks = breaks[breaks["indicator_id"] == indicator_id]
        for item in breaks.itertuples(index=False):
            window = _window(sorted({int(y) for y in years}), int(item.year))
            if window is None:
                continue
            detail = t(
                "trends.definition_detail", language, year=int(item.year), reason=str(item.detail)
            )
            rows.append(
                _mark(window, "", "definitie", t("trends.mark_definition", language), detail)
            )
    return _frame(rows)


def source_marks(
    store: Store, indicator_id: str, region_codes: list[str], years: list[int], language: str = "nl"
) -> pd.DataFrame:
    """Return one mark per switch of statistic (source) between two shown years of a series."""
    obs = store.observations
    if "series" not in obs:
        return _frame([])
    obs = obs[
        (obs["indicator_id"] == indicator_id)
        & obs["region_code"].isin(region_codes)
        & obs["value"].notna()
    ].sort_values("year")
    rows = []
    for code, own in obs.groupby("region_code", sort=False):
        pairs = zip(own["year"], own["series"], strict=True)
        for (year_a, old), (year_b, new) in itertools.pairwise(pairs):
            if old == new or str(old) in str(new) or str(new) in str(old):
                continue  # a computed benchmark that adds a source is not a switch
            detail = t(
                "trends.source_detail",
                language,
                before=int(year_a),
                after=int(year_b),
                old=old,
                new=new,
            )
            label = t("trends.mark_source", language)
            rows.append(_mark((int(year_a), int(year_b)), str(code), "bron", label, detail))
    frame = _frame(rows)
    if frame.empty:
        return frame
    return frame.drop_duplicates(["year_from", "year_to", "detail"]).reset_index(drop=True)


def _mark(window: tuple[int, int], code: str, kind: str, label: str, detail: str) -> dict:
    """Return one mark row; the dashed rule stands halfway between the two shown years."""
    return {
        "year": (window[0] + window[1]) / 2.0,
        "x_from": window[0],
        "x_to": window[1],
        "year_from": window[0],
        "year_to": window[1],
        "region_code": code,
        "kind": kind,
        "label": label,
        "detail": detail,
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    """Return mark rows with the boundary marks' columns and types."""
    frame = pd.DataFrame(rows, columns=list(MARK_COLUMNS))
    frame["year"] = frame["year"].astype(np.float64)
    for column in ("year_from", "year_to", "x_from", "x_to"):
        frame[column] = frame[column].astype("int64")
    return frame


def series_marks(
    store: Store, indicator_id: str, region_codes: list[str], years: list[int], language: str = "nl"
) -> pd.DataFrame:
    """Return the definition and source-switch marks of one indicator's chart."""
    parts = [
        definition_marks(store, indicator_id, years, language),
        source_marks(store, indicator_id, region_codes, years, language),
    ]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return _frame([])
    return pd.concat(parts, ignore_index=True).sort_values("year", ignore_index=True)


def combined_marks(boundary: pd.DataFrame, breaks: pd.DataFrame) -> pd.DataFrame:
    """Return boundary marks and series marks as one frame for the chart, ordered by year."""
    parts = [m for m in (boundary, breaks) if not m.empty]
    if not parts:
        return boundary
    return pd.concat(parts, ignore_index=True).sort_values("year", ignore_index=True)
