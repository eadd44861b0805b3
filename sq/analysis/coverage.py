"""Coverage of the store per indicator: levels, years, regions, NL benchmark."""

from __future__ import annotations

import pandas as pd

from sq.catalogue import Catalogue
from sq.codes import NL_CODE
from sq.store.loader import Store

LEVEL_ORDER = ("land", "provincie", "gemeente", "wijk", "dorp", "buurt")


def coverage_table(store: Store, catalogue: Catalogue) -> pd.DataFrame:
    """Return one row per indicator: condition, levels, years, regions, NL benchmark."""
    obs = store.observations[store.observations["value"].notna()]
    levels = store.regions.drop_duplicates("region_code").set_index("region_code")["level"]
    obs = obs.assign(level=obs["region_code"].map(levels))
    rows = []
    for indicator in catalogue.indicators:
        part = obs[obs["indicator_id"] == indicator.id]
        local = part[~part["level"].isin(("land", "provincie"))]
        nl = part[part["region_code"] == NL_CODE]
        present = set(local["level"].dropna())
        rows.append(
            {
                "indicator_id": indicator.id,
                "condition": indicator.condition,
                "levels": ", ".join(lv for lv in LEVEL_ORDER if lv in present) or "-",
                "years": _years_text(sorted(set(local["year"].astype(int)))),
                "regions": int(local["region_code"].nunique()),
                "nl_benchmark": _nl_text(nl),
            }
        )
    return pd.DataFrame(rows)


def _years_text(years: list[int]) -> str:
    return ", ".join(str(y) for y in years) if years else "nog geen gegevens"


def _nl_text(nl: pd.DataFrame) -> str:
    if nl.empty:
        return "nee"
    from_source = sorted(set(nl.loc[~nl["computed"], "year"].astype(int)))
    computed = sorted(set(nl.loc[nl["computed"], "year"].astype(int)))
    parts = []
    if from_source:
        parts.append("bron " + ", ".join(map(str, from_source)))
    if computed:
        parts.append("berekend " + ", ".join(map(str, computed)))
    return "; ".join(parts)


def markdown_table(frame: pd.DataFrame) -> str:
    """Render a frame as a GitHub markdown table (no extra dependency)."""
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])
