"""RIVM/GGD'en Gezondheidsmonitor per wijk en buurt (50090NED) and perceived health 2022 (50120NED).

Both are StatLine "untyped" OData extracts: padded region codes, padded numbers with a decimal
point and a padded ``'.'`` for missing cells. The figures are small-area model estimates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from sq.codes import NL_CODE, clean_code, gemeente_of, level_of, parse_number
from sq.ingest.sources.base import REGION_COLUMNS, SourceResult, finish_observations

SOURCE_50090: Final = "rivm-50090NED-gezondheid-wijk-buurt"
SOURCE_50120: Final = "rivm-50120NED-ervaren-gezondheid-2022"

AGE_GROUPS: Final = {20300: "18+", 53115: "18-65", 80200: "65+"}
"""StatLine `Leeftijd` codes and the age label used in variable names."""

POINT_ESTIMATE: Final = "MW00000"
"""`Marges` code of the point estimate (other codes are confidence bounds)."""

META_COLUMNS: Final = frozenset(
    {
        "ID",
        "Leeftijd",
        "Marges",
        "WijkenEnBuurten",
        "Perioden",
        "Gemeentenaam_1",
        "SoortRegio_2",
        "Codering_3",
    }
)

_PERIOD = re.compile(r"^\s*(\d{4})JJ00\s*$")


def parse_cells(values: pd.Series) -> np.ndarray:
    """Parse cells with `parse_number`, once per distinct value (fast on repetitive columns)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = np.array([parse_number(u) for u in uniques], dtype="float64")
    out = np.full(len(values), np.nan)
    ok = codes >= 0
    out[ok] = parsed[codes[ok]]
    return out


def year_of_period(period: object) -> int | None:
    """Return the year of a StatLine period code such as '2016JJ00', else None."""
    match = _PERIOD.match(str(period))
    return int(match.group(1)) if match else None


def _region_names(frame: pd.DataFrame, codes: pd.Series, levels: pd.Series) -> pd.Series:
    """Return the name for land/gemeente rows (the file only names gemeenten), else None."""
    if "Gemeentenaam_1" not in frame:
        names = pd.Series([None] * len(frame), index=frame.index, dtype="object")
    else:
        names = (
            frame["Gemeentenaam_1"]
            .astype("object")
            .map(lambda v: str(v).strip() if isinstance(v, str) and v.strip() else None)
        )
    keep = levels.isin(["land", "gemeente"]).to_numpy()
    names = names.where(keep, None).astype("object")
    return names.mask((codes == NL_CODE).to_numpy() & names.isna().to_numpy(), "Nederland")


def wide_block(
    frame: pd.DataFrame, year: int, age: str, value_columns: list[str]
) -> tuple[pd.DataFrame, list[str]]:
    """Melt one (year, age) block into long observations; return it and the empty columns."""
    codes = frame["WijkenEnBuurten"].map(clean_code)
    valid = codes.notna().to_numpy()
    frame, codes = frame.loc[valid], codes.loc[valid]
    levels = codes.map(level_of)
    names = _region_names(frame, codes, levels)
    kept: list[str] = []
    empty: list[str] = []
    matrices: list[np.ndarray] = []
    for column in value_columns:
        parsed = parse_cells(frame[column])
        if np.isnan(parsed).all():
            empty.append(column)
            continue
        kept.append(column)
        matrices.append(parsed)
    if not kept:
        return pd.DataFrame(columns=["region_code", "value"]), empty
    n_rows = len(frame)
    values = np.concatenate(matrices)
    long = pd.DataFrame(
        {
            "region_code": np.tile(codes.to_numpy(dtype=object), len(kept)),
            "region_name": np.tile(names.to_numpy(dtype=object), len(kept)),
            "level": np.tile(levels.to_numpy(dtype=object), len(kept)),
            "year": year,
            "variable": np.repeat([f"{c}|{age}" for c in kept], n_rows),
            "value": values,
        }
    )
    long["suppressed"] = np.isnan(values)
    return long, empty


def regions_from(frame: pd.DataFrame, indeling: int, source: str) -> pd.DataFrame:
    """Return the region rows (codes of one indeling year) found in a StatLine extract."""
    codes = frame["WijkenEnBuurten"].map(clean_code)
    frame = frame.loc[codes.notna()]
    codes = codes.loc[codes.notna()]
    levels = codes.map(level_of)
    names = _region_names(frame, codes, levels)
    out = pd.DataFrame(
        {
            "region_code": codes.to_numpy(dtype=object),
            "name": names.to_numpy(dtype=object),
            "level": levels.to_numpy(dtype=object),
        }
    )
    out["year"] = indeling
    out["gemeente_code"] = out["region_code"].map(gemeente_of).astype("object")
    out["source"] = source
    out = out.drop_duplicates("region_code")
    return out.loc[:, list(REGION_COLUMNS)].reset_index(drop=True)


def _split_blocks(
    frame: pd.DataFrame, label: str, messages: list[str]
) -> list[tuple[int, str, pd.DataFrame]]:
    """Split a StatLine frame into (year, age label, rows) blocks of point estimates."""
    if "Marges" in frame:
        marges = frame["Marges"].astype("object").map(lambda v: str(v).strip())
        dropped = int((marges != POINT_ESTIMATE).sum())
        if dropped:
            messages.append(f"{label}: {dropped} rijen met betrouwbaarheidsmarges overgeslagen.")
        frame = frame.loc[(marges == POINT_ESTIMATE).to_numpy()]
    years = frame["Perioden"].map(year_of_period)
    ages = pd.to_numeric(frame["Leeftijd"], errors="coerce").map(AGE_GROUPS)
    blocks: list[tuple[int, str, pd.DataFrame]] = []
    bad = years.isna() | ages.isna()
    if bad.any():
        messages.append(
            f"{label}: {int(bad.sum())} rijen met onbekende periode of leeftijdsgroep overgeslagen."
        )
    good = frame.loc[~bad.to_numpy()]
    keys = pd.DataFrame({"year": years[~bad], "age": ages[~bad]})
    for (year, age), index in keys.groupby(["year", "age"]).groups.items():
        blocks.append((int(year), str(age), good.loc[index]))
    return blocks


def _read_one_frame(
    label: str,
    frame: pd.DataFrame,
    value_columns: list[str],
    messages: list[str],
) -> list[pd.DataFrame]:
    """Return the long observation parts of one StatLine frame, noting empty columns."""
    parts: list[pd.DataFrame] = []
    for year, age, block in _split_blocks(frame, label, messages):
        long, empty = wide_block(block, year, age, value_columns)
        parts.append(long)
        if empty:
            messages.append(
                f"{label} ({year}, {age}): niet in deze editie (kolom geheel leeg): "
                + ", ".join(empty)
                + "."
            )
    return parts


def _missing_column_messages(column_sets: dict[str, frozenset[str]]) -> list[str]:
    """Return one message per frame that lacks columns the other frames have."""
    if len(set(column_sets.values())) <= 1:
        return []
    union = frozenset().union(*column_sets.values())
    return [
        f"{label} mist kolommen: " + ", ".join(sorted(union - columns)) + "."
        for label, columns in column_sets.items()
        if columns != union
    ]


def _combine_parts(parts: list[pd.DataFrame], source: str, messages: list[str]) -> pd.DataFrame:
    """Concatenate the long parts, drop duplicate observations and finish them."""
    obs = pd.concat([p for p in parts if len(p)], ignore_index=True)
    before = len(obs)
    obs = obs.drop_duplicates(["region_code", "year", "variable"], keep="first")
    if len(obs) < before:
        messages.append(f"{before - len(obs)} dubbele waarnemingen overgeslagen.")
    return finish_observations(obs, source, estimate=True)


def _combine_regions(region_parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate the region tables, preferring rows with a name, one row per code."""
    regions = pd.concat(region_parts, ignore_index=True)
    regions = regions.sort_values("name", key=lambda s: s.isna(), kind="stable")
    return regions.drop_duplicates("region_code").reset_index(drop=True)


def _read_statline_frames(
    frames: list[tuple[str, pd.DataFrame]], source: str, indeling: int
) -> SourceResult:
    """Turn named StatLine frames into one SourceResult (model estimates)."""
    result = SourceResult(source=source)
    parts: list[pd.DataFrame] = []
    region_parts: list[pd.DataFrame] = []
    column_sets: dict[str, frozenset[str]] = {}
    for label, frame in frames:
        if "WijkenEnBuurten" not in frame or "Perioden" not in frame:
            result.files_skipped[label] = "kolommen WijkenEnBuurten/Perioden ontbreken"
            continue
        value_columns = [c for c in frame.columns if c not in META_COLUMNS]
        column_sets[label] = frozenset(value_columns)
        parts.extend(_read_one_frame(label, frame, value_columns, result.messages))
        region_parts.append(regions_from(frame, indeling, source))
        result.files_read.append(label)
    if parts:
        result.observations = _combine_parts(parts, source, result.messages)
    result.messages.extend(_missing_column_messages(column_sets))
    if region_parts:
        result.regions = _combine_regions(region_parts)
    result.messages.append(
        f"Modelschattingen van RIVM/GGD'en; wijk- en buurtcodes volgen de indeling {indeling}. "
        "Het bestand noemt alleen gemeentenamen, geen namen van wijken en buurten."
    )
    return result


def needed_columns(header: list[str], needed: frozenset[str] | None) -> list[int]:
    """Return the indices of the columns to read: the meta columns and the needed values.

    `needed` holds variable names as the catalogue uses them (``Vrijwilligerswerk_33|18+``);
    None reads every column.
    """
    wanted = None if needed is None else {v.split("|", 1)[0] for v in needed}
    return [
        i
        for i, name in enumerate(header)
        if name in META_COLUMNS or wanted is None or name in wanted
    ]


def needed_ages(needed: frozenset[str] | None) -> frozenset[int] | None:
    """Return the StatLine `Leeftijd` codes the catalogue reads (None: all of them)."""
    if needed is None:
        return None
    labels = {v.split("|", 1)[1] for v in needed if "|" in v}
    return frozenset(code for code, label in AGE_GROUPS.items() if label in labels)


def read_workbook(path: Path, needed: frozenset[str] | None = None) -> pd.DataFrame:
    """Read only the point-estimate rows and the needed columns of a 50090NED workbook.

    The workbook is walked row by row (python-calamine) instead of loading every cell into
    pandas: the catalogue reads about a tenth of the columns and only the 18+ files, which
    keeps the build's memory low.
    """
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    rows = sheet.iter_rows()
    header = [str(c).strip() for c in next(rows, [])]
    keep = needed_columns(header, needed)
    ages = needed_ages(needed)
    marges = header.index("Marges") if "Marges" in header else None
    leeftijd = header.index("Leeftijd") if "Leeftijd" in header else None
    kept_rows = []
    for row in rows:
        if marges is not None and str(row[marges]).strip() != POINT_ESTIMATE:
            continue
        if ages is not None and leeftijd is not None and _age_code(row[leeftijd]) not in ages:
            continue
        kept_rows.append([row[i] for i in keep])
    return pd.DataFrame(kept_rows, columns=[header[i] for i in keep], dtype="object")


def _age_code(cell: object) -> int | None:
    """Return a `Leeftijd` cell as an int code (the workbook stores 20300.0), else None."""
    try:
        return int(float(str(cell)))
    except ValueError:
        return None


def read_rivm_50090(folder: Path, needed: frozenset[str] | None = None) -> SourceResult:
    """Read the 50090NED xlsx files (one per year and age group) into a SourceResult.

    With `needed` (the variables the catalogue reads) only those columns are kept, and a
    workbook without any needed row is skipped and named in the report.
    """
    frames: list[tuple[str, pd.DataFrame]] = []
    skipped: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.xlsx")):
        try:
            frame = read_workbook(path, needed)
        except Exception as exc:  # a broken workbook must not stop the build
            skipped[path.name] = f"onleesbaar: {exc}"
            continue
        if frame.empty and needed is not None:
            skipped[path.name] = "niet nodig: de catalogus leest geen cijfers uit dit bestand"
            continue
        frames.append((path.name, frame))
    result = _read_statline_frames(frames, SOURCE_50090, indeling=2020)
    result.files_skipped.update(skipped)
    if not frames:
        result.messages.append("Geen bruikbare xlsx-bestanden gevonden.")
    return result


read_rivm_50090.reads_needed = True  # type: ignore[attr-defined]


def _sniff_sep(path: Path) -> str:
    """Return ';' or ',' depending on which occurs most in the header line."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        header = handle.readline()
    return ";" if header.count(";") >= header.count(",") else ","


def read_rivm_50120(folder: Path) -> SourceResult:
    """Read the 50120NED perceived-health CSVs (2022 per wijk/buurt, NL for earlier years)."""
    frames: list[tuple[str, pd.DataFrame]] = []
    skipped: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.csv")):
        try:
            frame = pd.read_csv(
                path,
                sep=_sniff_sep(path),
                encoding="utf-8-sig",
                dtype=str,
                keep_default_na=False,
            )
        except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
            skipped[path.name] = f"onleesbaar: {exc}"
            continue
        frame.columns = [str(c).strip() for c in frame.columns]
        frames.append((path.name, frame))
    result = _read_statline_frames(frames, SOURCE_50120, indeling=2022)
    result.files_skipped.update(skipped)
    return result


ADAPTERS: dict[str, Callable[[Path], SourceResult]] = {
    SOURCE_50090: read_rivm_50090,
    SOURCE_50120: read_rivm_50120,
}
