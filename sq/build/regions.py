"""One region list for the store: codes per year, names, parents, provinces; names → codes."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from sq.build.matching import match_names, village_codes
from sq.codes import NL_CODE, gemeente_of, latest_per_region
from sq.ingest.geometry import PROVINCES, province_codes
from sq.ingest.sources.base import OBSERVATION_COLUMNS, REGION_COLUMNS, SourceResult
from sq.ingest.sources.cbs2022 import SOURCE as CBS2022_SOURCE
from sq.ingest.sources.cbs2022 import province_names

STORE_REGION_COLUMNS = ("region_code", "name", "level", "year", "gemeente_code", "provincie_code")
HEERENVEEN = "GM0074"


def union_regions(results: list[SourceResult]) -> pd.DataFrame:
    """Concatenate every source's regions; per (code, year) the first source wins."""
    frames = [r.regions.loc[:, list(REGION_COLUMNS)] for r in results if not r.regions.empty]
    regions = pd.concat(frames, ignore_index=True)
    regions = regions[regions["region_code"].notna()]
    regions["year"] = regions["year"].astype("int64")
    missing_parent = regions["gemeente_code"].isna()
    regions.loc[missing_parent, "gemeente_code"] = regions.loc[missing_parent, "region_code"].map(
        gemeente_of
    )
    regions = regions.drop_duplicates(["region_code", "year"]).reset_index(drop=True)
    return fill_names(regions)


def fill_names(regions: pd.DataFrame) -> pd.DataFrame:
    """Give rows without a name (RIVM lists only codes) the code's name from another year."""
    named = regions[regions["name"].notna() & (regions["name"].astype(str).str.strip() != "")]
    lookup = latest_per_region(named)["name"].to_dict()
    out = regions.copy()
    missing = out["name"].isna() | (out["name"].astype(str).str.strip() == "")
    out.loc[missing, "name"] = out.loc[missing, "region_code"].map(lookup)
    out["name"] = out["name"].fillna(out["region_code"]).astype(str).str.strip()
    return out


def _village_rows(
    named: pd.DataFrame, regions: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Give the named villages (level dorp) a code: a CBS wijk/buurt where names match, else DP."""
    names = sorted(set(named["region_name"].dropna()))
    coded = village_codes(names, regions, gemeente_code=HEERENVEEN)
    mapping = dict(zip(coded["name"], coded["region_code"], strict=True))
    out = named.assign(region_code=named["region_name"].map(mapping))
    new = coded[coded["level"] == "dorp"]
    years = sorted(set(named["year"].astype(int)))
    extra = pd.DataFrame(
        [
            {
                "region_code": code,
                "name": name,
                "level": "dorp",
                "year": year,
                "gemeente_code": HEERENVEEN,
                "source": "heerenveen-gebiedsscans-2019",
            }
            for code, name in zip(new["region_code"], new["name"], strict=True)
            for year in years
        ],
        columns=list(REGION_COLUMNS),
    )
    return out, coded, extra


def match_unnamed(
    observations: pd.DataFrame, regions: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, object]], list[dict[str, object]]]:
    """Fill region codes of rows that came with names only; list what could not be matched."""
    coded = observations[observations["region_code"].notna()]
    named = observations[observations["region_code"].isna()]
    unmatched: list[dict[str, object]] = []
    villages: list[dict[str, object]] = []
    extra_regions = pd.DataFrame(columns=list(REGION_COLUMNS))
    parts = [coded]
    dorpen = named[named["level"] == "dorp"]
    if not dorpen.empty:
        matched, coded_villages, extra_regions = _village_rows(dorpen, regions)
        villages = coded_villages.to_dict("records")
        parts.append(matched)
    others = named[named["level"] != "dorp"]
    for source, part in others.groupby("source"):
        result = match_names(part, regions, levels=("gemeente", "land"))
        parts.append(result.observations[result.observations["region_code"].notna()])
        unmatched += [{"source": source, "name": n, "year": y} for n, y in result.unmatched]
    merged = pd.concat(parts, ignore_index=True).loc[:, list(OBSERVATION_COLUMNS)]
    return merged, extra_regions, unmatched, villages


def attach_provinces(
    regions: pd.DataFrame, geometries: gpd.GeoDataFrame, raw_dirs: list[Path]
) -> pd.DataFrame:
    """Add provincie_code: gemeenten by geometry, the rest through their gemeente."""
    gemeenten = geometries[geometries["level"] == "gemeente"]
    reference = gemeenten[gemeenten["year"] == 2022]
    folders = [root / CBS2022_SOURCE for root in raw_dirs if (root / CBS2022_SOURCE).is_dir()]
    out = regions.copy()
    out["provincie_code"] = None
    if reference.empty or not folders:
        return out
    names_folder = folders[0]
    assigned = province_codes(gemeenten, reference, province_names(names_folder))
    by_code_year = {
        (c, int(y)): p
        for c, y, p in zip(
            assigned["region_code"], assigned["year"], assigned["provincie_code"], strict=True
        )
    }
    by_code = dict(zip(assigned["region_code"], assigned["provincie_code"], strict=True))
    parent = out["gemeente_code"].where(out["level"] != "gemeente", out["region_code"])
    out["provincie_code"] = [
        by_code_year.get((code, int(year)), by_code.get(code))
        for code, year in zip(parent, out["year"], strict=True)
    ]
    return out


def national_rows(regions: pd.DataFrame) -> pd.DataFrame:
    """Return region rows for the Netherlands and the provinces, for every year in the list."""
    years = sorted(set(regions["year"].astype(int)))
    rows = [
        {
            "region_code": NL_CODE,
            "name": "Nederland",
            "level": "land",
            "year": y,
            "gemeente_code": None,
            "provincie_code": None,
        }
        for y in years
    ]
    rows += [
        {
            "region_code": code,
            "name": name,
            "level": "provincie",
            "year": y,
            "gemeente_code": None,
            "provincie_code": code,
        }
        for code, name in PROVINCES.items()
        for y in years
    ]
    return pd.DataFrame(rows, columns=list(STORE_REGION_COLUMNS))


def assemble(
    results: list[SourceResult], geometries: gpd.GeoDataFrame, raw_dirs: list[Path]
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, object]], list[dict[str, object]]]:
    """Return (regions, raw observations with codes, unmatched names, village matches)."""
    regions = union_regions(results)
    frames = [r.observations for r in results if not r.observations.empty]
    observations = pd.concat(frames, ignore_index=True)
    observations, extra, unmatched, villages = match_unnamed(observations, regions)
    if not extra.empty:
        regions = pd.concat([regions, extra], ignore_index=True)
    regions = attach_provinces(regions, geometries, raw_dirs)
    regions = regions[regions["level"].isin(("gemeente", "wijk", "buurt", "dorp"))]
    regions = pd.concat(
        [national_rows(regions), regions.loc[:, list(STORE_REGION_COLUMNS)]], ignore_index=True
    )
    return regions.reset_index(drop=True), observations, unmatched, villages
