"""Own figures (eigen gegevens): a village's own survey, validated as a whole and stored apart.

A facilitator uploads rows of: gebied (a CBS code or a name), optional gemeente (to tell apart
names that occur twice), indicator (a catalogue id or a new id with titel, voorwaarde, eenheid
and richting), jaar, waarde and bron. `validate` returns every problem with its line number at
once; `OwnFiguresStore.add_all` stores a valid file in one transaction. Own figures live in the
remarks database (one engine, so every replica sees them) and are never mixed into the store's
benchmarks.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Final

from sqlalchemy import Column, DateTime, Float, Integer, String, Table, delete, insert, select
from sqlalchemy.schema import CreateTable

from sq.codes import parse_number
from sq.remarks.db import make_engine as _make_engine
from sq.remarks.db import metadata
from sq.remarks.export import csv_safe
from sq.remarks.model import CONDITIONS
from sq.remarks.upload import MAX_CELL_CHARS, UploadTable

if TYPE_CHECKING:
    import pandas as pd

    from sq.catalogue import Catalogue

COLUMNS: Final = ("gebied", "gemeente", "indicator", "titel", "voorwaarde", "eenheid")
COLUMNS_ALL: Final = (*COLUMNS, "richting", "jaar", "waarde", "bron")
REQUIRED: Final = ("gebied", "indicator", "jaar", "waarde", "bron")
DIRECTIONS: Final = {
    "hoger is beter": "higher_is_better",
    "lager is beter": "lower_is_better",
    "neutraal": "neutral",
    "higher_is_better": "higher_is_better",
    "lower_is_better": "lower_is_better",
    "neutral": "neutral",
}
_ID: Final = re.compile(r"[a-z][a-z0-9_]{1,59}")
_MARKUP: Final = re.compile(r"[<>]")
EARLIEST_YEAR: Final = 1990
MAX_ERRORS: Final = 200

own_figures_table = Table(
    "own_figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("region_code", String(60), nullable=False, index=True),
    Column("indicator_id", String(60), nullable=False),
    Column("title", String(MAX_CELL_CHARS), nullable=False),
    Column("condition", String(40), nullable=False),
    Column("unit", String(60), nullable=False),
    Column("direction", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("value", Float, nullable=False),
    Column("source", String(MAX_CELL_CHARS), nullable=False),
    Column("account", String(120), nullable=False),
    Column("upload_id", String(40), nullable=False),
    Column("created_at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class IndicatorInfo:
    """What an own figure needs to know about its indicator."""

    title: str
    condition: str
    unit: str
    direction: str


@dataclass(frozen=True)
class OwnFigure:
    """One validated own figure (id 0 until stored)."""

    region_code: str
    indicator_id: str
    title: str
    condition: str
    unit: str
    direction: str
    year: int
    value: float
    source: str
    id: int = 0
    account: str = ""
    upload_id: str = ""


Resolver = Callable[[str, str], tuple[str | None, str]]
"""(gebied, gemeente) → (code, "") or (None, Dutch reason)."""


def _cell(row: dict[str, str], name: str) -> str:
    return row.get(name, "").strip()


def _header_errors(header: list[str]) -> list[str]:
    missing = [c for c in REQUIRED if c not in header]
    if not missing:
        return []
    return [
        "Regel 1: de kolom(men) "
        + ", ".join(f"'{c}'" for c in missing)
        + " ontbreken. Gebruik het sjabloon; de kolommen zijn: "
        + ", ".join(COLUMNS_ALL)
        + "."
    ]


def _indicator(
    row: dict[str, str], known: dict[str, IndicatorInfo], line: int, errors: list[str]
) -> IndicatorInfo | None:
    ind = _cell(row, "indicator").lower()
    if ind in known:
        return known[ind]
    if not _ID.fullmatch(ind):
        errors.append(
            f"Regel {line}: indicator '{ind[:40]}' is onbekend; gebruik een bestaande naam"
            " (zie het sjabloon) of een nieuwe van kleine letters, cijfers en _."
        )
        return None
    info = IndicatorInfo(
        title=_cell(row, "titel"),
        condition=_cell(row, "voorwaarde").lower(),
        unit=_cell(row, "eenheid"),
        direction=DIRECTIONS.get(_cell(row, "richting").lower(), ""),
    )
    if not info.title or not info.unit:
        errors.append(f"Regel {line}: bij een nieuwe indicator horen een titel en een eenheid.")
    if info.condition not in CONDITIONS:
        errors.append(
            f"Regel {line}: voorwaarde '{info.condition[:40]}' bestaat niet; kies uit "
            + ", ".join(CONDITIONS)
            + "."
        )
    if not info.direction:
        errors.append(
            f"Regel {line}: richting moet 'hoger is beter', 'lager is beter' of 'neutraal' zijn."
        )
    return info


def _number(row: dict[str, str], unit: str, line: int, errors: list[str]) -> float | None:
    raw = _cell(row, "waarde")
    value = parse_number(raw) if re.fullmatch(r"-?[\d.,]+\s*%?", raw) else math.nan
    if math.isnan(value) or math.isinf(value):
        errors.append(f"Regel {line}: waarde '{raw[:40]}' is geen getal.")
        return None
    if unit.strip() == "%" and not 0 <= value <= 100:
        errors.append(f"Regel {line}: een percentage ligt tussen 0 en 100, niet {raw}.")
        return None
    return value


def _year(row: dict[str, str], line: int, errors: list[str], today: date) -> int | None:
    raw = _cell(row, "jaar")
    if not re.fullmatch(r"\d{4}", raw) or not EARLIEST_YEAR <= int(raw) <= today.year:
        errors.append(
            f"Regel {line}: jaar '{raw[:20]}' is geen jaartal tussen {EARLIEST_YEAR} en"
            f" {today.year}."
        )
        return None
    return int(raw)


def _text_errors(row: dict[str, str], line: int) -> list[str]:
    out = []
    for name, value in row.items():
        if _MARKUP.search(value):
            out.append(
                f"Regel {line}: kolom '{name[:30]}' bevat < of >; opmaak en scripts zijn niet"
                " toegestaan."
            )
        elif len(value) > MAX_CELL_CHARS:
            out.append(f"Regel {line}: kolom '{name[:30]}' is langer dan {MAX_CELL_CHARS} tekens.")
    return out


def _validate_row(
    row: dict[str, str],
    line: int,
    known: dict[str, IndicatorInfo],
    resolve: Resolver,
    today: date,
) -> tuple[OwnFigure | None, list[str]]:
    errors = _text_errors(row, line)
    if errors:
        return None, errors
    code, reason = resolve(_cell(row, "gebied"), _cell(row, "gemeente"))
    if code is None:
        errors.append(f"Regel {line}: {reason}")
    info = _indicator(row, known, line, errors)
    year = _year(row, line, errors, today)
    value = _number(row, info.unit if info else "", line, errors)
    source = _cell(row, "bron")
    if not source:
        errors.append(f"Regel {line}: vul bij 'bron' in waar het cijfer vandaan komt.")
    if errors or code is None or info is None or year is None or value is None:
        return None, errors
    ind = _cell(row, "indicator").lower()
    figure = OwnFigure(
        code, ind, info.title, info.condition, info.unit, info.direction, year, value, source
    )
    return figure, []


def validate(
    table: UploadTable,
    known: dict[str, IndicatorInfo],
    resolve: Resolver,
    today: date | None = None,
) -> tuple[list[OwnFigure], list[str]]:
    """Check every row; return the figures, or every problem (with line numbers) and none."""
    errors = _header_errors(table.header)
    if errors:
        return [], errors
    today = today or date.today()
    figures: list[OwnFigure] = []
    seen: dict[tuple[str, str, int], int] = {}
    for line, cells in table.rows:
        row = dict(zip(table.header, cells, strict=False))
        figure, problems = _validate_row(row, line, known, resolve, today)
        errors.extend(problems)
        if figure is not None:
            key = (figure.region_code, figure.indicator_id, figure.year)
            if key in seen:
                errors.append(
                    f"Regel {line}: dezelfde gebied, indicator en jaar als regel {seen[key]}."
                )
            seen.setdefault(key, line)
            figures.append(figure)
        if len(errors) >= MAX_ERRORS:
            errors.append(f"Na {MAX_ERRORS} fouten is het controleren gestopt.")
            break
    return ([], errors) if errors else (figures, [])


class OwnFiguresStore:
    """Own figures in the remarks database (SQLite or PostgreSQL through SQLAlchemy)."""

    def __init__(self, url: str) -> None:
        """Open (and create if needed) the own_figures table at a SQLAlchemy URL."""
        self.engine = _make_engine(url)
        with self.engine.begin() as conn:
            conn.execute(CreateTable(own_figures_table, if_not_exists=True))

    def add_all(self, figures: Iterable[OwnFigure], account: str, upload_id: str) -> int:
        """Store a whole validated file in one transaction; return how many rows."""
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = [
            {
                "region_code": f.region_code,
                "indicator_id": f.indicator_id,
                "title": f.title,
                "condition": f.condition,
                "unit": f.unit,
                "direction": f.direction,
                "year": f.year,
                "value": f.value,
                "source": f.source,
                "account": account,
                "upload_id": upload_id,
                "created_at": now,
            }
            for f in figures
        ]
        if not rows:
            return 0
        with self.engine.begin() as conn:
            conn.execute(insert(own_figures_table), rows)
        return len(rows)

    def for_region(self, code: str) -> list[OwnFigure]:
        """Return an area's own figures, by indicator and year."""
        t = own_figures_table
        query = select(t).where(t.c.region_code == code).order_by(t.c.indicator_id, t.c.year)
        with self.engine.connect() as conn:
            return [_figure(row) for row in conn.execute(query)]

    def count(self) -> int:
        """Return how many own figures are stored."""
        with self.engine.connect() as conn:
            return len(conn.execute(select(own_figures_table.c.id)).all())

    def delete_upload(self, upload_id: str, account: str) -> int:
        """Delete one upload, only by the account that made it; return rows deleted."""
        t = own_figures_table
        query = delete(t).where(t.c.upload_id == upload_id, t.c.account == account)
        with self.engine.begin() as conn:
            return int(conn.execute(query).rowcount or 0)


def _figure(row: object) -> OwnFigure:
    r = row._mapping  # type: ignore[attr-defined]
    return OwnFigure(
        r["region_code"], r["indicator_id"], r["title"], r["condition"], r["unit"],
        r["direction"], int(r["year"]), float(r["value"]), r["source"], int(r["id"]),
        r["account"], r["upload_id"],
    )  # fmt: skip


EXPORT_HEADER: Final = (
    "soort", "gebied", "indicator", "titel", "voorwaarde", "eenheid", "jaar", "waarde", "bron",
)  # fmt: skip


def figures_csv(figures: list[OwnFigure]) -> bytes:
    """Export own figures flagged 'eigen gegevens', formulas neutralised (UTF-8 BOM, ';')."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    for f in figures:
        cells = [f.region_code, f.indicator_id, f.title, f.condition, f.unit]
        writer.writerow(
            ["eigen gegevens", *(csv_safe(c) for c in cells), f.year, f"{f.value:g}",
             csv_safe(f.source)]
        )  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")


def make_resolver(latest: pd.DataFrame) -> Resolver:
    """Match a code or name to a region the way the build matches names (canonical keys)."""
    from sq.build.matching import canonical_key, suffixless_key

    frame = latest.reset_index()
    frame = frame[frame["level"].isin(["gemeente", "wijk", "buurt", "dorp"])]
    codes = set(frame["region_code"])
    gemeente_names = dict(
        zip(frame["region_code"], frame["name"].map(lambda n: canonical_key(str(n))), strict=True)
    )
    index: dict[str, list[tuple[str, str]]] = {}
    for code, name, gm in zip(
        frame["region_code"], frame["name"], frame["gemeente_code"], strict=True
    ):
        for key in {canonical_key(str(name)), suffixless_key(str(name))}:
            index.setdefault(key, []).append((code, gemeente_names.get(gm, "")))

    def resolve(area: str, gemeente: str) -> tuple[str | None, str]:
        if area.upper() in codes:
            return area.upper(), ""
        hits = index.get(canonical_key(area), [])
        if gemeente:
            hits = [h for h in hits if h[1] == canonical_key(gemeente)]
        unique = sorted({code for code, _gm in hits})
        if len(unique) == 1:
            return unique[0], ""
        if not unique:
            return None, f"gebied '{area[:60]}' is niet gevonden (geen bekende code of naam)."
        return None, (
            f"de naam '{area[:60]}' komt meer dan eens voor ({', '.join(unique[:4])});"
            " vul de CBS-code of de kolom 'gemeente' in."
        )

    return resolve


def known_indicators(catalogue: Catalogue) -> dict[str, IndicatorInfo]:
    """Return the catalogue's indicators as own-figure indicator infos."""
    return {
        i.id: IndicatorInfo(i.title("nl"), i.condition, i.unit, i.direction)
        for i in catalogue.indicators
    }
