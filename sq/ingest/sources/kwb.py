"""CBS Kerncijfers wijken en buurten (KWB): 2024 (85984NED, all NL) and 2025 (86165NED, Friesland).

Variables are the table's OData keys (``AantalInwoners_5``). The numeric suffix is a position in
that year's table, so the same title can carry a different key in another year
(``OppervlakteTotaal_122`` in 2024 is ``OppervlakteTotaal_115`` in 2025).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from sq.codes import clean_code, gemeente_of, level_of
from sq.ingest.sources.base import REGION_COLUMNS, SourceResult, finish_observations
from sq.ingest.sources.rivm import parse_cells

SOURCE_2024: Final = "cbs-kwb-2024"
SOURCE_2025: Final = "cbs-kwb-2025-fryslan"

CSV_2024_NAME: Final = "Wijken en buurten"
CSV_2024_CODE: Final = "Regioaanduiding/Codering (code)"
_CUT: Final = 39
"""DataProperties titles are cut at 40 characters (whitespace-normalised: 39 or 40)."""
META_COLUMNS_2025: Final = frozenset(
    {"ID", "WijkenEnBuurten", "Gemeentenaam_1", "SoortRegio_2", "Codering_3", "Naam_gebied"}
)


def _norm(text: object) -> str:
    """Normalise a title for matching: collapse whitespace, lower case."""
    return " ".join(str(text).split()).lower()


def _properties(folder: Path) -> list[dict[str, object]]:
    """Return the DataProperties records of a KWB folder (JSON 2024 or CSV 2025)."""
    folder = Path(folder)
    json_files = sorted(folder.glob("DataProperties_*.json"))
    if json_files:
        data = json.loads(json_files[0].read_text(encoding="utf-8-sig"))
        return list(data["value"] if isinstance(data, dict) else data)
    meta = folder / "kerncijfers_meta.csv"
    if meta.is_file():
        frame = pd.read_csv(meta, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        return frame.to_dict("records")
    return []


def _numeric_topics(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """Return the Topic records that hold numbers (not names, codes as text)."""
    return [
        r
        for r in records
        if r.get("Type") == "Topic" and r.get("Key") and r.get("Datatype") != "String"
    ]


def variable_metadata(folder: Path) -> pd.DataFrame:
    """Return [variable, title, unit, description] for every Topic of the folder's table."""
    rows = [
        {
            "variable": str(r["Key"]),
            "title": str(r.get("Title") or "").strip(),
            "unit": str(r.get("Unit") or "").strip(),
            "description": str(r.get("Description") or "").strip(),
        }
        for r in _properties(folder)
        if r.get("Type") == "Topic" and r.get("Key")
    ]
    return pd.DataFrame(rows, columns=["variable", "title", "unit", "description"])


def title_paths(records: list[dict[str, object]]) -> dict[str, str]:
    """Map StatLine CSV headers ('Groep/Subgroep/Titel (eenheid)') to OData keys."""
    by_id = {str(r.get("ID")).split(".")[0]: r for r in records}

    def parent_titles(record: dict[str, object]) -> list[str]:
        titles: list[str] = []
        parent = record.get("ParentID")
        while parent not in (None, "") and not (isinstance(parent, float) and np.isnan(parent)):
            group = by_id.get(str(parent).split(".")[0])
            if group is None:
                break
            titles.insert(0, str(group.get("Title") or "").strip())
            parent = group.get("ParentID")
        return titles

    out: dict[str, str] = {}
    for record in records:
        if record.get("Type") != "Topic" or not record.get("Key"):
            continue
        path = "/".join([*parent_titles(record), str(record.get("Title") or "").strip()])
        out[_norm(f"{path} ({record.get('Unit') or ''})")] = str(record["Key"])
    return out


def match_headers(headers: list[str], paths: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Match CSV headers to keys; titles cut at 40 characters match by unique prefix."""
    matched: dict[str, str] = {}
    unmatched: list[str] = []
    for header in headers:
        norm = _norm(header)
        key = paths.get(norm)
        if key is None:
            stem = norm.rsplit(" (", 1)[0]
            cut = [(p.rsplit(" (", 1)[0], k) for p, k in paths.items()]
            hits = {k for p, k in cut if len(p.rsplit("/", 1)[-1]) >= _CUT and stem.startswith(p)}
            key = hits.pop() if len(hits) == 1 else None
        if key is None:
            unmatched.append(header)
        else:
            matched[header] = key
    return matched, unmatched


def _long(
    codes: pd.Series, names: pd.Series, columns: dict[str, pd.Series], year: int
) -> tuple[pd.DataFrame, list[str]]:
    """Melt value columns (variable -> raw cells) into observations; return frame, empty ones."""
    kept: list[str] = []
    empty: list[str] = []
    values: list[np.ndarray] = []
    for variable, cells in columns.items():
        parsed = parse_cells(cells)
        if np.isnan(parsed).all():
            empty.append(variable)
            continue
        kept.append(variable)
        values.append(parsed)
    n = len(codes)
    if not kept:
        return pd.DataFrame(columns=["region_code", "value", "year"]), empty
    flat = np.concatenate(values)
    frame = pd.DataFrame(
        {
            "region_code": np.tile(codes.to_numpy(dtype=object), len(kept)),
            "region_name": np.tile(names.to_numpy(dtype=object), len(kept)),
            "level": np.tile(codes.map(level_of).to_numpy(dtype=object), len(kept)),
            "year": year,
            "variable": np.repeat(kept, n),
            "value": flat,
            "suppressed": np.isnan(flat),
        }
    )
    return frame, empty


def _regions(codes: pd.Series, names: pd.Series, year: int, source: str) -> pd.DataFrame:
    """Return region rows for the codes of one indeling year."""
    out = pd.DataFrame(
        {
            "region_code": codes.to_numpy(dtype=object),
            "name": names.to_numpy(dtype=object),
            "level": codes.map(level_of).to_numpy(dtype=object),
        }
    )
    out["year"] = year
    out["gemeente_code"] = out["region_code"].map(gemeente_of).astype("object")
    out["source"] = source
    return out.drop_duplicates("region_code").loc[:, list(REGION_COLUMNS)].reset_index(drop=True)


def _clean_names(values: pd.Series) -> pd.Series:
    """Strip padded names; empty becomes None."""
    return values.astype("object").map(lambda v: str(v).strip() or None if v is not None else None)


def _json_basics(path: Path, skip: set[str], known: set[str], messages: list[str]) -> pd.DataFrame:
    """Read the JSON basics {code: {key: value}} into observations for keys not in `skip`."""
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    rows = [
        (clean_code(code), key, value)
        for code, record in data.items()
        for key, value in record.items()
        if key not in skip
    ]
    frame = pd.DataFrame(rows, columns=["region_code", "variable", "raw"], dtype=object)
    frame = frame.loc[frame["region_code"].notna()]
    unknown = sorted(set(frame["region_code"]) - known)
    if unknown:
        messages.append(
            f"{path.name}: {len(unknown)} codes staan niet in de regiolijst: "
            + ", ".join(unknown[:10])
            + "."
        )
    frame["value"] = parse_cells(frame["raw"])
    frame["suppressed"] = frame["value"].isna()
    frame["level"] = frame["region_code"].map(level_of)
    frame["region_name"] = None
    frame["year"] = 2024
    return frame.drop(columns="raw")


def read_kwb_2024(folder: Path) -> SourceResult:
    """Read the KWB 2024 StatLine CSV, the JSON basics and the DataProperties into a result."""
    folder = Path(folder)
    result = SourceResult(source=SOURCE_2024)
    csvs = sorted(folder.glob("Kerncijfers_*.csv"))
    if not csvs:
        result.messages.append("Geen Kerncijfers-CSV gevonden.")
        return result
    csv = csvs[0]
    frame = pd.read_csv(csv, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    result.files_read.append(csv.name)
    codes = frame[CSV_2024_CODE].map(clean_code)
    frame, codes = frame.loc[codes.notna().to_numpy()], codes.loc[codes.notna()]
    names = _clean_names(frame[CSV_2024_NAME])
    records = _properties(folder)
    numeric = {str(r["Key"]) for r in _numeric_topics(records)}
    headers = [c for c in frame.columns if c.split("/", 1)[0] != "Regioaanduiding"]
    headers = [c for c in headers if c != CSV_2024_NAME]
    matched, unmatched = match_headers(headers, title_paths(records))
    if unmatched:
        result.messages.append(
            "Kolommen zonder sleutel in DataProperties overgeslagen: " + ", ".join(unmatched) + "."
        )
    columns = {key: frame[h] for h, key in matched.items() if key in numeric}
    obs, empty = _long(codes, names, columns, 2024)
    parts = [obs]
    json_files = sorted(folder.glob("*.json"))
    basics = [p for p in json_files if not p.name.startswith(("DataProperties", "TableInfos"))]
    for path in basics:
        parts.append(_json_basics(path, set(columns), set(codes), result.messages))
        result.files_read.append(path.name)
    if records:
        result.files_read.append("DataProperties")
    if empty:
        result.messages.append("Lege kolommen overgeslagen: " + ", ".join(empty) + ".")
    all_obs = pd.concat([p for p in parts if len(p)], ignore_index=True)
    all_obs = all_obs.drop_duplicates(["region_code", "year", "variable"], keep="first")
    result.observations = finish_observations(all_obs, SOURCE_2024)
    result.regions = _regions(codes, names, 2024, SOURCE_2024)
    result.messages.append(
        "KWB 2024 (85984NED): regiolijst 2024 met gemeenten, wijken en buurten; "
        "bevolkingsaantallen van buurten zijn door CBS afgerond op 5."
    )
    return result


def read_kwb_2025(folder: Path) -> SourceResult:
    """Read the provisional KWB 2025 Friesland extract (OData columns) into a result."""
    folder = Path(folder)
    result = SourceResult(source=SOURCE_2025)
    path = folder / "kerncijfers_data.csv"
    if not path.is_file():
        result.messages.append("kerncijfers_data.csv ontbreekt.")
        return result
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    result.files_read.append(path.name)
    code_column = "Codering_3" if "Codering_3" in frame else "WijkenEnBuurten"
    codes = frame[code_column].map(clean_code)
    frame, codes = frame.loc[codes.notna().to_numpy()], codes.loc[codes.notna()]
    name_column = "Naam_gebied" if "Naam_gebied" in frame else "Gemeentenaam_1"
    names = _clean_names(frame[name_column])
    records = _properties(folder)
    if records:
        result.files_read.append("kerncijfers_meta.csv")
        numeric = [str(r["Key"]) for r in _numeric_topics(records)]
        value_columns = [c for c in numeric if c in frame.columns]
    else:
        value_columns = [c for c in frame.columns if c not in META_COLUMNS_2025]
        value_columns = [c for c in value_columns if not c.startswith("Indelingswijziging")]
    columns = {c: frame[c] for c in value_columns}
    obs, empty = _long(codes, names, columns, 2025)
    if empty:
        result.messages.append(
            "Nog niet gepubliceerd (kolom geheel leeg, overgeslagen): " + ", ".join(empty) + "."
        )
    obs = obs.drop_duplicates(["region_code", "year", "variable"], keep="first")
    result.observations = finish_observations(obs, SOURCE_2025)
    result.regions = _regions(codes, names, 2025, SOURCE_2025)
    result.messages.append(
        "KWB 2025 (86165NED) is voorlopig en bevat alleen Friesland; inkomen, uitkeringen en "
        "arbeid zijn nog niet gepubliceerd."
    )
    return result


ADAPTERS: dict[str, Callable[[Path], SourceResult]] = {
    SOURCE_2024: read_kwb_2024,
    SOURCE_2025: read_kwb_2025,
}
