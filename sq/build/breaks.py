"""Where a series is not comparable over time: definition breaks and source switches.

Trends break and explain at both: a definition that CBS says changed, and a series that
changes statistic (its source publishes another figure).

Definition breaks are read from the column descriptions CBS ships with its tables
(DataProperties): a sentence such as "de uitkomsten vanaf verslagjaar 2020 niet meer
vergelijkbaar met die van de voorgaande jaren" marks the indicator from that year on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import pandas as pd

from sq.catalogue import Catalogue
from sq.ingest.sources.kwb import variable_metadata

BREAK_COLUMNS: Final = ("indicator_id", "year", "kind", "source", "variable", "detail")

_NOT_COMPARABLE: Final = re.compile(
    r"verslagjaar (\d{4})[^.]*?niet (?:meer )?vergelijkbaar", re.IGNORECASE
)
_SENTENCE: Final = re.compile(r"(?<=[.!?])\s+")


def comparability_break(description: str) -> tuple[int, str] | None:
    """Return (first year, explaining sentences) when a description says a series breaks."""
    sentences = _SENTENCE.split(" ".join(description.split()))
    for i, sentence in enumerate(sentences):
        match = _NOT_COMPARABLE.search(sentence)
        if match:
            reason = " ".join(sentences[max(i - 1, 0) : i + 1])
            return int(match.group(1)), reason
    return None


def _metadata(folder: Path) -> pd.DataFrame:
    """Return a folder's variable metadata; empty for sources without DataProperties."""
    try:
        return variable_metadata(folder)
    except (OSError, ValueError, KeyError):
        return pd.DataFrame(columns=["variable", "title", "unit", "description"])


def definition_breaks(raw_dirs: list[Path], catalogue: Catalogue) -> pd.DataFrame:
    """Return one row per indicator and year from which its source says it is not comparable."""
    rows: list[dict[str, object]] = []
    for indicator in catalogue.indicators:
        for mapping in indicator.sources:
            name = mapping.variable or mapping.numerator
            for root in raw_dirs:
                folder = root / mapping.source
                if not name or not folder.is_dir():
                    continue
                meta = _metadata(folder)
                described = meta.loc[meta["variable"] == name, "description"]
                for description in described:
                    found = comparability_break(str(description))
                    if found:
                        rows.append(
                            {
                                "indicator_id": indicator.id,
                                "year": found[0],
                                "kind": "definitie",
                                "source": mapping.source,
                                "variable": name,
                                "detail": found[1],
                            }
                        )
    frame = pd.DataFrame(rows, columns=list(BREAK_COLUMNS))
    frame = frame.drop_duplicates(["indicator_id", "year"]).reset_index(drop=True)
    return frame.astype({"year": "int64"})


def series_labels(sources: pd.Series, catalogue: Catalogue) -> pd.Series:
    """Return per row the statistic(s) its source(s) publish ('a, b' for computed rows)."""
    lookup = {
        joined: ", ".join(sorted({catalogue.series_of(s.strip()) for s in joined.split(",")}))
        for joined in sources.dropna().unique()
    }
    return sources.map(lookup).astype("object")
