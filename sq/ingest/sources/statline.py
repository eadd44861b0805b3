"""StatLine CSV exports: a robust reader and the adapters for three CBS CSV sources.

Variables produced (``variable`` column):

- ``cbs-misdrijven-gemeente-2013-2017``: ``"<Soort misdrijf>|<measure>"`` with measure
  ``aantal`` (registered crimes), ``relatief`` (% of all registered crimes in the gemeente) and
  ``per_1000`` (per 1,000 inhabitants), e.g. ``"Misdrijven, totaal|per_1000"``.
- ``cbs-inkomen-huishoudens-2024`` (provisional 2024*): ``particuliere_huishoudens_x1000``,
  ``gem_gestandaardiseerd_inkomen``, ``mediaan_gestandaardiseerd_inkomen``,
  ``gem_besteedbaar_inkomen``, ``mediaan_besteedbaar_inkomen`` (incomes in 1,000 euro).
- ``cbs-inkomen-gemeente-wijk``: ``gem_inkomen_inwoner`` (average personal income per inhabitant,
  1,000 euro; header ``Gemiddeld``), ``pct_hh_laagste_40`` (% households in the national lowest
  40%; header ``40% huishoudens``), ``pct_hh_hoogste_20`` (% households in the national top
  20%; header ``20% huishoudens``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path
from typing import Final

import pandas as pd

from sq.codes import NL_CODE, clean_code, parse_series
from sq.ingest.sources.base import SourceResult, finish_observations

MISDRIJVEN: Final = "cbs-misdrijven-gemeente-2013-2017"
INKOMEN_HUISHOUDENS: Final = "cbs-inkomen-huishoudens-2024"
INKOMEN_GEMEENTE_WIJK: Final = "cbs-inkomen-gemeente-wijk"

MISDRIJVEN_MEASURES: Final = ("aantal", "relatief", "per_1000")
"""Measures of the crime table, in the order of its three value columns."""

INKOMEN_HUISHOUDENS_VARIABLES: Final = {
    "Particuliere huishoudens (x 1 000)": "particuliere_huishoudens_x1000",
    "Inkomen/Gemiddeld gestandaardiseerd inkomen (1 000 euro)": "gem_gestandaardiseerd_inkomen",
    "Inkomen/Mediaan gestandaardiseerd inkomen (1 000 euro)": "mediaan_gestandaardiseerd_inkomen",
    "Inkomen/Gemiddeld besteedbaar inkomen (1 000 euro)": "gem_besteedbaar_inkomen",
    "Inkomen/Mediaan besteedbaar inkomen (1 000 euro)": "mediaan_besteedbaar_inkomen",
}
"""Column header of the 2024 household income export -> variable id."""

INKOMEN_WIJK_VARIABLES: Final = {
    "Gemiddeld": "gem_inkomen_inwoner",
    "40% huishoudens": "pct_hh_laagste_40",
    "20% huishoudens": "pct_hh_hoogste_20",
}
"""Column header of the gemeente/wijk income file -> variable id."""

INKOMEN_WIJK_YEAR: Final = 2020
"""Best reading of the unstated reporting year of ``cbs-inkomen-gemeente-wijk`` (uncertain)."""

INKOMEN_WIJK_INDELING: Final = 2023
"""The region division (indeling) of ``cbs-inkomen-gemeente-wijk``: 342 gemeenten, 2023."""

_MAX_SKIPPED_SHARE: Final = 0.5


class StatLineFormatError(ValueError):
    """A StatLine CSV export that cannot be read; the message is plain Dutch."""


def _decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), else latin-1; return (text, encoding)."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _is_doubled_quote_export(header: str) -> bool:
    """Tell whether a header line has the broken export's doubled quotes (``"";""``)."""
    return '"";""' in header


def _repair_line(line: str) -> str:
    """Undo the doubled quotes of the broken export on one line."""
    return line.replace('""', '"')


def _split_line(line: str) -> list[str] | None:
    """Split one line on ``;`` honouring quotes; None when the quoting is broken."""
    try:
        rows = list(csv.reader([line], delimiter=";", quotechar='"', strict=True))
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None


def parse_statline_text(text: str, name: str = "bestand") -> pd.DataFrame:
    """Parse the text of a StatLine CSV export into a frame of strings (see read_statline_csv)."""
    lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    if not lines:
        raise StatLineFormatError(f"{name} is leeg: er staan geen regels in.")
    repaired = _is_doubled_quote_export(lines[0])
    if repaired:
        lines = [_repair_line(line) for line in lines]
        # The broken export wraps everything in one extra pair of quotes: drop the lone quote line.
        lines = [line for line in lines if line.strip() not in ('"', "")]
    header = _split_line(lines[0])
    if header is None or len(header) < 2:
        raise StatLineFormatError(
            f"{name} is geen leesbare StatLine-export: de kopregel bevat geen kolommen "
            "gescheiden door ';'."
        )
    header = [h.strip() for h in header]
    rows: list[list[str]] = []
    skipped: list[tuple[int, str]] = []
    for number, line in enumerate(lines[1:], start=2):
        fields = _split_line(line)
        if fields is None or len(fields) != len(header):
            skipped.append((number, line))
            continue
        rows.append(fields)
    data_lines = len(rows) + len(skipped)
    if not rows or len(skipped) > _MAX_SKIPPED_SHARE * data_lines:
        raise StatLineFormatError(
            f"{name} is niet te lezen: {len(skipped)} van de {data_lines} regels hebben een "
            f"ander aantal kolommen dan de kopregel ({len(header)})."
        )
    frame = pd.DataFrame(rows, columns=header, dtype="str")
    frame.attrs["repaired_doubled_quotes"] = repaired
    frame.attrs["skipped_lines"] = skipped
    return frame


def read_statline_csv(path: Path) -> pd.DataFrame:
    """Read a StatLine CSV export as strings, repairing doubled quotes; raise StatLineFormatError.

    The frame's ``attrs`` record ``encoding``, ``repaired_doubled_quotes`` and ``skipped_lines``
    (a list of (line number, text) that could not be repaired).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StatLineFormatError(f"{path.name} kan niet worden gelezen ({exc.strerror}).") from exc
    if b"\x00" in raw[:4096]:
        raise StatLineFormatError(f"{path.name} is geen tekstbestand (CSV) maar binair.")
    text, encoding = _decode(raw)
    frame = parse_statline_text(text, name=path.name)
    frame.attrs["encoding"] = encoding
    return frame


def _csv_files(folder: Path) -> list[Path]:
    """Return the CSV files of a mirror folder, sorted."""
    return sorted(p for p in Path(folder).glob("*.csv") if p.is_file())


def _skipped_messages(frame: pd.DataFrame, name: str) -> list[str]:
    """Describe repaired and skipped lines of a parsed export in plain Dutch."""
    messages = []
    if frame.attrs.get("repaired_doubled_quotes"):
        messages.append(f'{name}: dubbele aanhalingstekens ("";"") hersteld.')
    for number, line in frame.attrs.get("skipped_lines", []):
        messages.append(f"{name}: regel {number} is niet te herstellen en overgeslagen: {line!r}")
    return messages


def _read_or_skip(folder: Path, result: SourceResult) -> list[tuple[Path, pd.DataFrame]]:
    """Read every CSV of a folder, recording unreadable files in the result."""
    tables = []
    files = _csv_files(folder)
    if not files:
        result.messages.append(f"Geen CSV-bestand gevonden in {Path(folder).name}.")
    for path in files:
        try:
            frame = read_statline_csv(path)
        except StatLineFormatError as exc:
            result.files_skipped[path.name] = str(exc)
            result.messages.append(str(exc))
            continue
        result.files_read.append(path.name)
        result.messages.extend(_skipped_messages(frame, path.name))
        tables.append((path, frame))
    return tables


def _year_of(period: str) -> tuple[int | None, bool]:
    """Parse a StatLine period like ``2017`` or ``2024*``; return (year, provisional)."""
    match = re.fullmatch(r"\s*(\d{4})\s*(\*?)\s*", str(period))
    if not match:
        return None, False
    return int(match.group(1)), bool(match.group(2))


def _long(frame: pd.DataFrame, value_columns: dict[str, str]) -> pd.DataFrame:
    """Melt value columns (header -> variable) into long rows with parsed values."""
    parts = []
    for column, variable in value_columns.items():
        values, suppressed = parse_series(frame[column])
        part = frame.drop(columns=list(value_columns)).copy()
        part["variable"] = variable
        part["value"] = values
        part["suppressed"] = suppressed
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def read_misdrijven(folder: Path) -> SourceResult:
    """Read CBS registered crime per gemeente 2013-2017 (names only)."""
    result = SourceResult(source=MISDRIJVEN)
    frames = []
    for path, frame in _read_or_skip(folder, result):
        cols = list(frame.columns)
        if len(cols) != 6:
            reason = f"{path.name}: verwacht 6 kolommen, gevonden {len(cols)}."
            result.files_skipped[path.name] = reason
            result.messages.append(reason)
            continue
        kind_col, period_col, region_col = cols[:3]
        value_cols = dict(zip(cols[3:], MISDRIJVEN_MEASURES, strict=True))
        frame = frame.rename(columns={kind_col: "kind", period_col: "period", region_col: "name"})
        frame["name"] = frame["name"].str.strip()
        years = frame["period"].map(lambda p: _year_of(p)[0])
        frame = frame.assign(year=years).dropna(subset=["year"])
        empty = frame[list(value_cols)].apply(lambda c: c.str.strip() == "").all(axis=1)
        alive = (~empty).groupby([frame["name"], frame["year"]]).transform("any")
        dropped = frame.loc[~alive, ["name", "year"]].drop_duplicates()
        if len(dropped):
            result.messages.append(
                f"{path.name}: {len(dropped)} combinaties van gemeente en jaar zonder enig cijfer "
                "weggelaten (de gemeente bestond dat jaar niet), bijvoorbeeld "
                + ", ".join(f"{n} {int(y)}" for n, y in dropped.head(3).itertuples(index=False))
                + "."
            )
        long = _long(frame.loc[alive], value_cols)
        long["variable"] = long["kind"].str.strip() + "|" + long["variable"]
        frames.append(long)
    if not frames:
        return result
    obs = pd.concat(frames, ignore_index=True)
    obs["region_code"] = None
    obs["region_name"] = obs["name"]
    obs["level"] = "gemeente"
    result.observations = finish_observations(obs, MISDRIJVEN)
    return result


def read_inkomen_huishoudens(folder: Path) -> SourceResult:
    """Read the broken 2024* household income export (names only; Nederland -> NL00)."""
    result = SourceResult(source=INKOMEN_HUISHOUDENS)
    frames = []
    for path, frame in _read_or_skip(folder, result):
        region_col = next((c for c in frame.columns if c.startswith("Regio")), None)
        period_col = next((c for c in frame.columns if c.startswith("Perioden")), None)
        value_cols = {c: v for c, v in INKOMEN_HUISHOUDENS_VARIABLES.items() if c in frame}
        if region_col is None or period_col is None or not value_cols:
            reason = f"{path.name}: kolommen voor regio, periode of inkomen ontbreken."
            result.files_skipped[path.name] = reason
            result.messages.append(reason)
            continue
        unknown = [
            c for c in frame.columns[frame.columns.get_loc(region_col) + 1 :] if c not in value_cols
        ]
        if unknown:
            result.messages.append(f"{path.name}: onbekende kolommen genegeerd: {unknown}.")
        parsed = frame[period_col].map(_year_of)
        frame = frame.assign(
            year=parsed.map(lambda t: t[0]), provisional=parsed.map(lambda t: t[1])
        )
        bad = frame["year"].isna()
        if bad.any():
            result.messages.append(f"{path.name}: {int(bad.sum())} regels zonder geldig jaar.")
        frame = frame.loc[~bad]
        for year in sorted(frame.loc[frame["provisional"], "year"].unique()):
            result.messages.append(
                f"{path.name}: de cijfers over {int(year)} zijn voorlopig ({int(year)}*)."
            )
        frame = frame.assign(name=frame[region_col].str.strip())
        frames.append(_long(frame, value_cols))
    if not frames:
        return result
    obs = pd.concat(frames, ignore_index=True)
    is_nl = obs["name"].str.casefold() == "nederland"
    obs["region_code"] = None
    obs.loc[is_nl, "region_code"] = NL_CODE
    obs["region_name"] = obs["name"]
    obs["level"] = "gemeente"
    obs.loc[is_nl, "level"] = "land"
    result.observations = finish_observations(obs, INKOMEN_HUISHOUDENS)
    return result


def read_inkomen_gemeente_wijk(folder: Path) -> SourceResult:
    """Read income per gemeente and wijk (year not stated: best reading, year_uncertain)."""
    result = SourceResult(source=INKOMEN_GEMEENTE_WIJK)
    frames = []
    for path, frame in _read_or_skip(folder, result):
        needed = ["Gemeentecode", "Wijkcode", "Regionaam", *INKOMEN_WIJK_VARIABLES]
        missing = [c for c in needed if c not in frame]
        if missing:
            reason = f"{path.name}: kolommen ontbreken: {missing}."
            result.files_skipped[path.name] = reason
            result.messages.append(reason)
            continue
        gm = frame["Gemeentecode"].map(clean_code)
        wk = frame["Wijkcode"].str.strip()
        is_total = wk.str.casefold() == "totaal"
        frame = frame.assign(
            gemeente_code=gm.where(is_total).ffill(),
            region_code=gm.where(is_total, wk.map(clean_code)),
            level=is_total.map({True: "gemeente", False: "wijk"}),
            region_name=frame["Regionaam"].str.strip(),
        )
        orphan = frame["gemeente_code"].isna()
        if orphan.any():
            result.messages.append(
                f"{path.name}: {int(orphan.sum())} wijkregels voor de eerste gemeenteregel "
                "overgeslagen."
            )
        frame = frame.loc[~orphan]
        mismatch = (frame["level"] == "wijk") & (
            frame["region_code"].str[2:6] != frame["gemeente_code"].str[2:6]
        )
        if mismatch.any():
            result.messages.append(
                f"{path.name}: {int(mismatch.sum())} wijkcodes horen volgens hun code bij een "
                "andere gemeente dan de gemeenteregel erboven."
            )
        frames.append(_long(frame, INKOMEN_WIJK_VARIABLES))
        result.regions = pd.DataFrame(
            {
                "region_code": frame["region_code"],
                "name": frame["region_name"],
                "level": frame["level"],
                "year": INKOMEN_WIJK_INDELING,
                "gemeente_code": frame["gemeente_code"],
                "source": INKOMEN_GEMEENTE_WIJK,
            }
        ).reset_index(drop=True)
    if not frames:
        return result
    obs = pd.concat(frames, ignore_index=True)
    obs["year"] = INKOMEN_WIJK_YEAR
    result.messages.append(
        "Het verslagjaar van de inkomenscijfers per gemeente en wijk staat niet in het bestand. "
        f"We lezen het als {INKOMEN_WIJK_YEAR}: de gemeentecijfers komen op 0,0-0,2 na overeen met "
        "de inkomenscijfers uit Kerncijfers wijken en buurten 2020 (CBS), terwijl inkomens "
        "per jaar zo'n 0,8 (duizend euro) stijgen. De indeling is die van 2023 "
        "(342 gemeenten). Het jaar blijft onzeker."
    )
    result.observations = finish_observations(obs, INKOMEN_GEMEENTE_WIJK, year_uncertain=True)
    return result


ADAPTERS: dict[str, Callable[[Path], SourceResult]] = {
    MISDRIJVEN: read_misdrijven,
    INKOMEN_HUISHOUDENS: read_inkomen_huishoudens,
    INKOMEN_GEMEENTE_WIJK: read_inkomen_gemeente_wijk,
}
