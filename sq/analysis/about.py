"""The 'about' page's overview: every catalogue indicator with its years, levels and source."""

from __future__ import annotations

import pandas as pd

from sq.analysis.coverage import coverage_table
from sq.build import peers
from sq.catalogue import Catalogue, condition
from sq.store.loader import Store
from sq.text.formatting import format_number
from sq.text.i18n import t

SHOWN_LEVELS = ("gemeente", "wijk", "dorp", "buurt")


def indicator_overview(store: Store, catalogue: Catalogue, language: str = "nl") -> pd.DataFrame:
    """Return one readable row per indicator: condition, title, unit, years, levels, source."""
    coverage = coverage_table(store, catalogue).set_index("indicator_id")
    rows = []
    for indicator in catalogue.indicators:
        cov = coverage.loc[indicator.id]
        cond = condition(indicator.condition)
        levels = [
            t(f"level.{lv}", language)
            for lv in str(cov["levels"]).split(", ")
            if lv in SHOWN_LEVELS
        ]
        rows.append(
            {
                t("table.condition", language): cond.title(language),
                t("table.indicator", language): indicator.title(language),
                t("table.unit", language): indicator.unit,
                t("table.years", language): cov["years"]
                if levels
                else t("value.not_yet", language),
                t("table.levels", language): ", ".join(levels) or "-",
                t("table.source", language): f"{indicator.publisher} ({indicator.table_id})",
            }
        )
    return pd.DataFrame(rows)


def publishers(catalogue: Catalogue) -> list[str]:
    """Return every publisher the catalogue credits, sorted."""
    return sorted({i.publisher for i in catalogue.indicators})


def peer_explanation(language: str = "nl") -> list[str]:
    """Explain in plain words how the groups of similar areas are made and weighted."""
    bands = []
    for low, high in peers.BANDS:
        if high is None:
            bands.append(t("peers.band.top", language, low=format_number(low, 0, language)))
        elif low == 0:
            bands.append(t("peers.band.bottom", language, high=format_number(high, 0, language)))
        else:
            bands.append(
                t(
                    "peers.band.range",
                    language,
                    low=format_number(low, 0, language),
                    high=format_number(high, 0, language),
                )
            )
    return [
        t("about.peers.what", language),
        t("about.peers.gemeente", language, bands="; ".join(bands), min=peers.MIN_MEMBERS),
        t("about.peers.wijk", language, min=peers.MIN_MEMBERS_GEMEENTE),
        t("about.peers.weighting", language, coverage=f"{peers.MIN_COVERAGE:.0%}"),
        t("about.peers.year", language, year=peers.GROUP_YEAR),
    ]
