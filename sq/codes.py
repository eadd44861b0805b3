"""Region codes, levels, names and missing values: the small rules every adapter shares."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Final

import numpy as np
import pandas as pd

LEVELS: Final = ("land", "provincie", "gemeente", "wijk", "dorp", "buurt")
"""Levels from coarse to fine. `dorp` is a named village without a CBS code (e.g. Heerenveen)."""

NL_CODE: Final = "NL00"
"""The one code the store uses for the Netherlands (sources write NL00 or NL01)."""

MISSING_TOKENS: Final = frozenset({"", ".", "..", "x", "NA", "<NA>", "N/A", "nan", "NaN", "-", "?"})
"""Cells that mean missing; `<NA>` is how R writes NA into text columns (tmap's CBS 2022 data)."""

_PREFIX_LEVEL: Final = {
    "NL": "land",
    "PV": "provincie",
    "GM": "gemeente",
    "WK": "wijk",
    "BU": "buurt",
    "DP": "dorp",
}


def clean_code(raw: object) -> str | None:
    """Strip CBS padding and unify the Netherlands code; None for empty."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    code = str(raw).strip().upper()
    if not code or code in MISSING_TOKENS:
        return None
    if code in ("NL01", "NL00", "NL"):
        return NL_CODE
    return code


def level_of(code: str) -> str:
    """Return the level a region code belongs to (raises ValueError on unknown prefixes)."""
    level = _PREFIX_LEVEL.get(code[:2].upper())
    if level is None:
        raise ValueError(f"unknown region code: {code!r}")
    return level


def gemeente_of(code: str) -> str | None:
    """Return the gemeente code a wijk/buurt/gemeente code belongs to, from the code itself."""
    prefix = code[:2]
    if prefix in ("GM", "WK", "BU") and len(code) >= 6:
        return "GM" + code[2:6]
    if prefix == "DP" and len(code) >= 6:
        return "GM" + code[2:6]
    return None


_CODE_PATTERN: Final = re.compile(
    # Amsterdam and a few others use letters in wijk/buurt codes (WK0363AA, BU0363AA01).
    r"NL0[01]|PV\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4}|DP\d{4}-[a-z0-9-]{1,40}"
)


def is_valid_code(code: str) -> bool:
    """Tell whether a string looks like a region code this project knows (for URLs)."""
    return bool(_CODE_PATTERN.fullmatch(code))


def parse_number(raw: object) -> float:
    """Parse a StatLine cell into a float: decimal comma, padding; missing tokens become NaN."""
    if raw is None:
        return np.nan
    if isinstance(raw, (int, float, np.integer, np.floating)) and not isinstance(raw, bool):
        return float(raw)
    text = str(raw).strip().strip('"').strip()
    if text in MISSING_TOKENS:
        return np.nan
    text = text.replace("%", "").replace("\u2009", "").replace(" ", "")
    if "," in text and "." in text:  # 1.234,5
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return np.nan


def parse_series(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column of cells; return (values as float, suppressed flag)."""
    parsed = values.map(parse_number).astype("float64")
    return parsed, parsed.isna()


def fold_name(name: str) -> str:
    """Fold a name for matching and search: no accents, lower case, no punctuation."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("'", "").replace("’", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def latest_per_region(regions: pd.DataFrame) -> pd.DataFrame:
    """Keep each region code's most recent row (name, level, parents), indexed by code."""
    ordered = regions.sort_values("year", kind="stable")
    return ordered.drop_duplicates("region_code", keep="last").set_index("region_code")
