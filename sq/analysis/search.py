"""Find an area by name: accent- and case-insensitive, ranked, fast on ~20,000 regions.

Matching works on folded names (`fold_name`: no accents, lower case, only letters, digits
and single spaces), with plain string tests, so a query can never act as a pattern.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd

from sq.codes import fold_name, latest_per_region
from sq.text.i18n import t

MAX_QUERY_LENGTH: Final = 60
"""Longer queries are cut: no Dutch place name is this long, and it bounds the work."""

RESULT_COLUMNS: Final = ("region_code", "name", "level", "gemeente_name", "label")

LEVEL_ORDER: Final = {"land": 0, "provincie": 1, "gemeente": 2, "wijk": 3, "dorp": 4, "buurt": 4}
"""Equal matches list coarse areas first: gemeente, then wijk, then dorp/buurt."""

ALIASES: Final = {"den haag": "s gravenhage", "den bosch": "s hertogenbosch"}
"""Everyday names for official ones (folded); the query is rewritten before matching."""

# Match ranks, best first.
EXACT, PREFIX, WORD_PREFIX, SUBSTRING, WITH_GEMEENTE = 0, 1, 2, 3, 4


def _level_word(level: str, language: str) -> str:
    return t(f"level.word.{level}", language)


def _label(name: str, level: str, gemeente_name: str | None, language: str) -> str:
    """Return "Binnenstad (wijk, Groningen)"; a gemeente says only its level."""
    word = _level_word(level, language)
    if level == "land":
        return name
    if level in ("gemeente", "provincie") or not gemeente_name:
        return f"{name} ({word})"
    return f"{name} ({word}, {gemeente_name})"


def build_search_index(regions: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """Prepare the regions once for searching: latest name per code, folded keys, labels."""
    latest = latest_per_region(regions).reset_index()
    names = latest["name"].astype("object").where(latest["name"].notna(), latest["region_code"])
    names = names.astype(str)
    gemeenten = latest[latest["level"] == "gemeente"]
    gemeente_names = dict(zip(gemeenten["region_code"], names[gemeenten.index], strict=True))
    gemeente_name = [
        gemeente_names.get(code) if level not in ("land", "provincie", "gemeente") else None
        for code, level in zip(latest["gemeente_code"], latest["level"], strict=True)
    ]
    folded = names.map(fold_name)
    folded_gemeente = [fold_name(g) if g else "" for g in gemeente_name]
    index = pd.DataFrame(
        {
            "region_code": latest["region_code"].astype(str).to_numpy(),
            "name": names.to_numpy(),
            "level": latest["level"].astype(str).to_numpy(),
            "gemeente_name": gemeente_name,
        }
    )
    index["label"] = [
        _label(n, lv, g, language)
        for n, lv, g in zip(index["name"], index["level"], index["gemeente_name"], strict=True)
    ]
    index["folded"] = folded.to_numpy()
    index["spaced"] = " " + index["folded"]
    index["spaced_all"] = index["spaced"] + " " + pd.Series(folded_gemeente, dtype="str")
    index["folded_gemeente"] = folded_gemeente
    index["code_folded"] = index["region_code"].str.lower()
    index["level_rank"] = index["level"].map(LEVEL_ORDER).fillna(9).astype("int64")
    return index.sort_values(["level_rank", "folded"], kind="stable").reset_index(drop=True)


def _is_index(frame: pd.DataFrame) -> bool:
    return {"folded", "spaced", "spaced_all", "code_folded", "level_rank"} <= set(frame.columns)


def _ranks(index: pd.DataFrame, query: str) -> np.ndarray:
    """Return the best match rank per row (large = no match)."""
    folded = index["folded"]
    rank = np.full(len(index), 99, dtype="int64")
    # Name plus gemeente ("binnenstad leeuw"): every word starts a word in either, and at
    # least one starts a word of the name itself (else "sudwest" lists all its buurten).
    with_gemeente = np.ones(len(index), dtype=bool)
    in_name = np.zeros(len(index), dtype=bool)
    for word in query.split():
        with_gemeente &= index["spaced_all"].str.contains(" " + word, regex=False).to_numpy()
        in_name |= index["spaced"].str.contains(" " + word, regex=False).to_numpy()
    with_gemeente &= in_name
    tests = (
        (WITH_GEMEENTE, with_gemeente),
        (SUBSTRING, folded.str.contains(query, regex=False).to_numpy()),
        (WORD_PREFIX, index["spaced"].str.contains(" " + query, regex=False).to_numpy()),
        (PREFIX, folded.str.startswith(query).to_numpy()),
        (EXACT, (folded == query).to_numpy() | (index["code_folded"] == query.replace(" ", ""))),
    )
    for value, hit in tests:  # worst first, so the best rank wins
        rank[np.asarray(hit, dtype=bool)] = value
    return rank


def search_regions(
    regions: pd.DataFrame,
    query: str,
    limit: int = 20,
    levels: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Find areas by name; `regions` is a search index or a raw regions frame.

    Ranked exact > prefix > word prefix > substring > name plus gemeente ("binnenstad
    groningen"), then level (gemeente, wijk, dorp/buurt), then name. A region code matches
    exactly. Empty or blank queries find nothing.
    """
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in RESULT_COLUMNS})
    folded_query = fold_name(str(query or "")[:MAX_QUERY_LENGTH])
    if not folded_query or limit <= 0:
        return empty
    for alias, official in ALIASES.items():
        if folded_query == alias or folded_query.startswith(alias + " "):
            folded_query = official + folded_query[len(alias) :]
    index = regions if _is_index(regions) else build_search_index(regions)
    if levels is not None:
        index = index[index["level"].isin(list(levels))]
    if index.empty:
        return empty
    rank = _ranks(index, folded_query)
    hits = index.assign(match_rank=rank)[rank < 99]
    hits = hits.sort_values(
        ["match_rank", "level_rank", "folded", "folded_gemeente"], kind="stable"
    )
    return hits.loc[:, list(RESULT_COLUMNS)].head(int(limit)).reset_index(drop=True)
