"""Two to four areas side by side, per condition, from their profiles."""

from __future__ import annotations

import pandas as pd

from sq.analysis.profile import AreaProfile
from sq.text.formatting import format_value
from sq.text.i18n import t

COMPARE_COLUMNS = (
    "area",
    "region_code",
    "indicator_id",
    "title",
    "value",
    "nl_value",
    "unit",
    "year",
    "peer_value",
)


def comparison_frame(profiles: list[AreaProfile], condition_id: str) -> pd.DataFrame:
    """Return the latest value per area for each indicator of one condition that all can show."""
    records = []
    for profile in profiles:
        for block in profile.conditions:
            if block.condition.id != condition_id:
                continue
            for row in block.rows:
                if not row.has_value:
                    continue
                records.append(
                    {
                        "area": profile.area.name,
                        "region_code": profile.area.code,
                        "indicator_id": row.indicator.id,
                        "title": row.indicator.title(profile.language),
                        "value": row.value,
                        "nl_value": row.nl_value,
                        "unit": row.indicator.unit,
                        "year": row.year,
                        "peer_value": row.peer_value,
                    }
                )
    frame = pd.DataFrame(records, columns=list(COMPARE_COLUMNS))
    counts = frame.groupby("indicator_id")["region_code"].nunique()
    shared = counts[counts >= min(2, len(profiles))].index
    return frame[frame["indicator_id"].isin(shared)].reset_index(drop=True)


def comparison_table(frame: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """Return the comparison as a readable table: one row per indicator, a column per area."""
    if frame.empty:
        return pd.DataFrame()
    text = frame.assign(
        shown=[
            f"{format_value(v, u, language)} ({y})"
            for v, u, y in zip(frame["value"], frame["unit"], frame["year"], strict=True)
        ]
    )
    table = text.pivot_table(
        index="title", columns="area", values="shown", aggfunc="first", sort=False
    )
    nl = text.drop_duplicates("title").set_index("title")
    table[t("table.nl", language)] = [
        format_value(nl.loc[title, "nl_value"], nl.loc[title, "unit"], language)
        for title in table.index
    ]
    for area, part in text.groupby("area", sort=False):
        if part["peer_value"].notna().any():
            peers = part.drop_duplicates("title").set_index("title")
            table[t("compare.peer_column", language, area=area)] = [
                format_value(peers["peer_value"].get(title), peers["unit"].get(title, ""), language)
                if title in peers.index
                else t("value.missing", language)
                for title in table.index
            ]
    table.index.name = t("table.indicator", language)
    return table.reset_index().fillna(t("value.missing", language))
