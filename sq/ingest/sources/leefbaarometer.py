"""Leefbaarometer 3.0 (BZK) scores per wijk, 2002-2022.

``lbm`` is the liveability score (about 3.3-4.8); ``afw`` is ``lbm`` minus a fixed reference
(4.1023 in every year of this file); ``fys``, ``onv``, ``soc``, ``vrz`` and ``won`` are the five
dimension contributions, which add up to ``afw``. Wijk codes are those of indeling 2022 for all
years. A dimension that is ``NA`` for every wijk in a year was not published in that edition
(2002-2012 and 2016 here) and yields no rows; a single ``NA`` stays a suppressed row.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

import pandas as pd

from sq.codes import clean_code, gemeente_of, level_of
from sq.ingest.sources.base import REGION_COLUMNS, SourceResult, finish_observations
from sq.ingest.sources.rivm import parse_cells

SOURCE: Final = "leefbaarometer-wijken"
VARIABLES: Final = ("lbm", "afw", "fys", "onv", "soc", "vrz", "won")
INDELING: Final = 2022


def _read_csv(path: Path) -> pd.DataFrame:
    """Read the scores CSV as text cells (separator sniffed, BOM tolerated)."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        header = handle.readline()
    sep = ";" if header.count(";") > header.count(",") else ","
    frame = pd.read_csv(path, sep=sep, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame


def long_scores(frame: pd.DataFrame, messages: list[str]) -> pd.DataFrame:
    """Turn the wide score table into observations, dropping unpublished (variable, year)s."""
    codes = frame["wk_code"].map(clean_code)
    years = pd.to_numeric(frame["jaar"], errors="coerce")
    ok = (codes.notna() & years.notna()).to_numpy()
    if not ok.all():
        messages.append(f"{int((~ok).sum())} rijen zonder wijkcode of jaar overgeslagen.")
    frame, codes, years = frame.loc[ok], codes.loc[ok], years.loc[ok].astype("int64")
    names = frame["wk_naam"].map(lambda v: str(v).strip() or None) if "wk_naam" in frame else None
    parts: list[pd.DataFrame] = []
    not_published: list[str] = []
    for variable in VARIABLES:
        if variable not in frame:
            messages.append(f"Kolom {variable} ontbreekt.")
            continue
        part = pd.DataFrame(
            {
                "region_code": codes.to_numpy(dtype=object),
                "region_name": None if names is None else names.to_numpy(dtype=object),
                "year": years.to_numpy(),
                "variable": variable,
                "value": parse_cells(frame[variable]),
            }
        )
        published = part.groupby("year")["value"].transform(lambda s: s.notna().any())
        for year in sorted(part.loc[~published.to_numpy(), "year"].unique()):
            not_published.append(f"{variable} {year}")
        parts.append(part.loc[published.to_numpy()])
    if not_published:
        messages.append(
            "Niet in deze editie (voor alle wijken NA, geen rijen): "
            + ", ".join(not_published)
            + "."
        )
    if not parts:
        return pd.DataFrame(columns=["region_code", "year", "variable", "value", "level"])
    out = pd.concat(parts, ignore_index=True)
    out["level"] = out["region_code"].map(level_of)
    out["suppressed"] = out["value"].isna()
    before = len(out)
    out = out.drop_duplicates(["region_code", "year", "variable"], keep="first")
    if len(out) < before:
        messages.append(f"{before - len(out)} dubbele rijen (wijk, jaar) overgeslagen.")
    return out


def regions_2022(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one region row per wijk code (indeling 2022), named as in the latest year."""
    work = pd.DataFrame(
        {
            "region_code": frame["wk_code"].map(clean_code),
            "name": frame.get("wk_naam", pd.Series(None, index=frame.index)),
            "jaar": pd.to_numeric(frame["jaar"], errors="coerce"),
        }
    )
    work = work.loc[work["region_code"].notna()].sort_values("jaar", ascending=False)
    work = work.drop_duplicates("region_code")
    out = pd.DataFrame(
        {
            "region_code": work["region_code"].to_numpy(dtype=object),
            "name": work["name"].map(lambda v: str(v).strip() or None).to_numpy(dtype=object),
        }
    )
    out["level"] = out["region_code"].map(level_of)
    out["year"] = INDELING
    out["gemeente_code"] = out["region_code"].map(gemeente_of).astype("object")
    out["source"] = SOURCE
    return out.loc[:, list(REGION_COLUMNS)].sort_values("region_code").reset_index(drop=True)


def read_leefbaarometer(folder: Path) -> SourceResult:
    """Read the Leefbaarometer wijk scores CSV into a SourceResult."""
    result = SourceResult(source=SOURCE)
    files = sorted(Path(folder).glob("*.csv"))
    if not files:
        result.messages.append("Geen Leefbaarometer-CSV gevonden.")
        return result
    frames: list[pd.DataFrame] = []
    for path in files:
        frame = _read_csv(path)
        if not {"wk_code", "jaar"} <= set(frame.columns):
            result.files_skipped[path.name] = "kolommen wk_code/jaar ontbreken"
            continue
        frames.append(frame)
        result.files_read.append(path.name)
    if not frames:
        return result
    frame = pd.concat(frames, ignore_index=True)
    obs = long_scores(frame, result.messages)
    result.observations = finish_observations(obs, SOURCE)
    result.regions = regions_2022(frame)
    result.messages.append(
        "Leefbaarometer 3.0: lbm is een score (ongeveer 3,3 tot 4,8), afw de afwijking van een "
        "vaste referentie en fys/onv/soc/vrz/won zijn bijdragen van de dimensies die samen afw "
        "vormen; geen schaal van 1 tot 10 en geen percentages. Alleen wijken, geen gemeenten of "
        "Nederland. Wijkcodes volgen de indeling 2022 in alle jaren. Naar gemeente optellen kan "
        "alleen gewogen (bijvoorbeeld naar inwoners of woningen); dat doet deze bron niet."
    )
    return result


ADAPTERS: dict[str, Callable[[Path], SourceResult]] = {SOURCE: read_leefbaarometer}
