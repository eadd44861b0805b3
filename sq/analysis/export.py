"""Tidy exports: one region's rows (`sq export`) and the whole store as CSV."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sq.analysis.peers import peer_series, primary_group
from sq.build.benchmark import benchmark_series
from sq.catalogue import Catalogue
from sq.codes import NL_CODE
from sq.remarks.export import csv_safe
from sq.store.loader import Store

if TYPE_CHECKING:
    from sq.remarks.own_figures import OwnFigure

EXPORT_COLUMNS = (
    "region_code",
    "region_name",
    "level",
    "year",
    "edition",
    "indicator_id",
    "condition",
    "value",
    "unit",
    "flags",
    "source",
    "nl_value",
    "nl_year",
    "peer_group",
    "peer_value",
    "own_figure",
)
OWN_FIGURE_FLAG = "eigen_gegevens"
"""The flag of a row that a local organisation uploaded, never a CBS/RIVM figure."""


def flags_text(frame: pd.DataFrame) -> pd.Series:
    """Join the boolean flags of observation rows into one readable field (vectorised)."""
    names = {
        "suppressed": "geen_gegevens",
        "estimate": "schatting",
        "computed": "berekend",
        "year_uncertain": "jaar_onzeker",
    }
    joined = pd.Series("", index=frame.index, dtype="object")
    for col, label in names.items():
        joined = joined + np.where(frame[col].to_numpy(dtype=bool), label + ";", "")
    return joined.str.rstrip(";").astype("str")


def latest_names(store: Store) -> pd.DataFrame:
    """Return the latest name and level per region code."""
    return store.latest.reset_index()[["region_code", "name", "level"]]


def own_rows(figures: Sequence[OwnFigure], region_name: str, level: str) -> pd.DataFrame:
    """Return own figures as export rows: flagged, with no NL or peer value beside them."""
    return pd.DataFrame(
        {
            "region_code": [f.region_code for f in figures],
            "region_name": region_name,
            "level": level,
            "year": pd.Series([f.year for f in figures], dtype="int64"),
            "edition": pd.NA,
            "indicator_id": [f.indicator_id for f in figures],
            "condition": [f.condition for f in figures],
            "value": pd.Series([f.value for f in figures], dtype="float64"),
            "unit": [f.unit for f in figures],
            "flags": OWN_FIGURE_FLAG,
            "source": [f.source for f in figures],
            "nl_value": float("nan"),
            "nl_year": pd.NA,
            "peer_group": "",
            "peer_value": float("nan"),
            "own_figure": True,
        },
        columns=list(EXPORT_COLUMNS),
    )


def region_rows(
    store: Store, catalogue: Catalogue, region_code: str, own: Sequence[OwnFigure] = ()
) -> pd.DataFrame:
    """Return the tidy rows of one region across all indicators and years, with NL beside.

    Own figures (`own`, from the remarks database) follow the official rows, flagged
    ``own_figure`` and ``eigen_gegevens``; they never enter the NL or peer columns.
    """
    obs = store.observations[store.observations["region_code"] == region_code]
    obs = obs[obs["indicator_id"].isin(catalogue.ids())]
    names = latest_names(store).set_index("region_code")
    meta = {i.id: i for i in catalogue.indicators}
    bench = benchmark_series(store.observations, NL_CODE, obs)
    group = primary_group(store, region_code)
    peers = peer_series(store, group, obs)
    order = {ind: n for n, ind in enumerate(catalogue.ids())}
    out = pd.DataFrame(
        {
            "region_code": obs["region_code"],
            "region_name": names["name"].get(region_code, region_code),
            "level": names["level"].get(region_code, ""),
            "year": obs["year"].astype("int64"),
            "edition": obs.get("edition", pd.NA),
            "indicator_id": obs["indicator_id"],
            "condition": obs["indicator_id"].map(lambda i: meta[i].condition),
            "value": obs["value"],
            "unit": obs["indicator_id"].map(lambda i: meta[i].unit),
            "flags": flags_text(obs),
            "source": obs["source"],
            "nl_value": bench["benchmark_value"].to_numpy(),
            "nl_year": bench["benchmark_year"].to_numpy(),
            "peer_group": group.label("nl") if group else "",
            "peer_value": peers["benchmark_value"].to_numpy(),
            "own_figure": False,
        }
    )
    out = out.assign(_order=out["indicator_id"].map(order))
    out = out.sort_values(["_order", "year"]).drop(columns="_order")
    mine = [f for f in own if f.region_code == region_code]
    if not mine:
        return out.reset_index(drop=True)
    extra = own_rows(mine, str(names["name"].get(region_code, region_code)),
                     str(names["level"].get(region_code, "")))  # fmt: skip
    return pd.concat([out, extra], ignore_index=True)


def spreadsheet_safe(rows: pd.DataFrame) -> pd.DataFrame:
    """Neutralise formula starts (=, +, -, @) in every text cell before a CSV leaves the app."""
    text = rows.select_dtypes(include=["object", "string"]).columns
    return rows.assign(**{c: rows[c].map(lambda v: csv_safe(v) if isinstance(v, str) else v)
                          for c in text})  # fmt: skip


def store_csv(store: Store, catalogue: Catalogue) -> bytes:
    """Return every observation in the store as a tidy CSV (UTF-8 with BOM for spreadsheets)."""
    obs = store.observations[store.observations["indicator_id"].isin(catalogue.ids())]
    names = latest_names(store)
    meta = {i.id: i for i in catalogue.indicators}
    out = obs.merge(names, on="region_code", how="left").rename(columns={"name": "region_name"})
    out["condition"] = out["indicator_id"].map(lambda i: meta[i].condition)
    out["unit"] = out["indicator_id"].map(lambda i: meta[i].unit)
    out["flags"] = flags_text(out)
    columns = [c for c in EXPORT_COLUMNS if c in out.columns]
    return out[columns].to_csv(index=False).encode("utf-8-sig")


def store_zip(store: Store, catalogue: Catalogue) -> bytes:
    """Return the whole store's CSV inside a zip file (about a tenth of the size)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sociale-basis-alle-cijfers.csv", store_csv(store, catalogue))
    return buffer.getvalue()
