"""Fictional records shared by tests (never a real place's numbers)."""

from __future__ import annotations

from sq.remarks.own_figures import OwnFigure

DORPUM_SURVEY = "Dorpsenquête Dorpum 2025, 120 respondenten"


def own_figure(
    region: str = "GM9901",
    value: float = 41.5,
    source: str = DORPUM_SURVEY,
    title: str = "Vrijwilligerswerk (dorpsenquête)",
) -> OwnFigure:
    """Return a village survey's volunteering figure for fictional Dorpum (2025)."""
    return OwnFigure(
        region_code=region,
        indicator_id="vrijwilligerswerk",
        title=title,
        condition="sociale_cohesie",
        unit="%",
        direction="higher_is_better",
        year=2025,
        value=value,
        source=source,
    )
