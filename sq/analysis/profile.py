"""The area profile: every indicator of one area per condition, against NL and its gemeente."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Final

import pandas as pd

from sq.analysis.boundary_notes import boundary_notes, latest_names
from sq.analysis.peers import PeerGroup, groups_of, peer_series
from sq.analysis.place_names import shown_name
from sq.analysis.rows import (  # noqa: F401  (re-exported for the pages)
    IndicatorRow,
    Status,
    badge_label,
)
from sq.analysis.verdict import compare
from sq.build.benchmark import benchmark_series
from sq.catalogue import CONDITIONS, Catalogue, Condition, Indicator
from sq.codes import NL_CODE, gemeente_of, latest_per_region
from sq.store.loader import Store
from sq.text.formatting import format_value
from sq.text.i18n import t
from sq.text.words import highlight_sentence

_SUB_GEMEENTE: Final = frozenset({"wijk", "buurt", "dorp"})


def level_label(level: str, language: str = "nl") -> str:
    """Return the everyday word for a level ("wijk" → "wijk of dorp")."""
    return t(f"level.{level}", language)


@dataclass(frozen=True)
class Area:
    """Who the profile is about: code, latest name, level and the larger areas around it."""

    code: str
    name: str
    level: str
    level_label: str
    gemeente_code: str | None
    gemeente_name: str | None
    provincie_code: str | None
    provincie_name: str | None
    shown_name: str = ""
    """The name as headings show it (official, plus the Frisian one in Frisian mode)."""


@dataclass(frozen=True)
class ConditionBlock:
    """One condition of social quality with its indicator rows and conversation questions."""

    condition: Condition
    rows: tuple[IndicatorRow, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class AreaProfile:
    """Everything the Gebiedsprofiel page shows for one area, in one language."""

    area: Area
    conditions: tuple[ConditionBlock, ...]
    boundary_notes: tuple[str, ...]
    language: str
    peer_group: PeerGroup | None = None
    local_group: PeerGroup | None = None  # a wijk's peers within its own gemeente

    def rows(self) -> tuple[IndicatorRow, ...]:
        """Return all indicator rows in catalogue order."""
        return tuple(row for block in self.conditions for row in block.rows)


def _latest_names(regions: pd.DataFrame, codes: set[str]) -> dict[str, Any]:
    rows = latest_per_region(regions[regions["region_code"].isin(codes)]).reset_index()
    return {code: row for code, row in zip(rows["region_code"], rows.itertuples(), strict=True)}


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def area_of(regions: pd.DataFrame, region_code: str, language: str = "nl") -> Area:
    """Describe an area by its latest name (KeyError for a code the store does not know)."""
    own = _latest_names(regions, {region_code}).get(region_code)
    if own is None:
        raise KeyError(region_code)
    gemeente_code = _text(own.gemeente_code) or gemeente_of(region_code)
    provincie_code = _text(own.provincie_code)
    if own.level in ("land", "provincie"):
        gemeente_code = None
    parents = _latest_names(regions, {c for c in (gemeente_code, provincie_code) if c})
    gemeente = parents.get(gemeente_code) if gemeente_code else None
    provincie = parents.get(provincie_code) if provincie_code else None
    name = _text(own.name) or region_code
    return Area(
        code=region_code,
        name=name,
        shown_name=shown_name(region_code, name, provincie_code, language),
        level=str(own.level),
        level_label=level_label(str(own.level), language),
        gemeente_code=gemeente_code,
        gemeente_name=_text(gemeente.name) if gemeente is not None else None,
        provincie_code=provincie_code,
        provincie_name=_text(provincie.name) if provincie is not None else None,
    )


def _latest(series: pd.DataFrame) -> pd.Series | None:
    """Return the latest row with a value, else the latest (suppressed) row, else None."""
    if series.empty:
        return None
    with_value = series[series["value"].notna()]
    chosen = with_value if not with_value.empty else series
    return chosen.sort_values("year", kind="stable").iloc[-1]


def _badges(latest: pd.Series | None, indicator: Indicator, has_value: bool) -> tuple[str, ...]:
    if not has_value or latest is None:
        return ("geen gegevens",)
    badges = []
    if bool(latest["estimate"]) or indicator.estimate:
        badges.append("schatting")
    if bool(latest["computed"]):
        badges.append("berekend")
    if bool(latest["year_uncertain"]):
        badges.append("jaar onzeker")
    return tuple(badges)


def _bench(
    table: pd.DataFrame | None, indicator_id: str
) -> tuple[float, int | None, bool, int | None]:
    if table is None or indicator_id not in table.index:
        return math.nan, None, False, None
    row = table.loc[indicator_id]
    year = row["benchmark_year"]
    places = row.get("benchmark_decimals")
    return (
        float(row["benchmark_value"]),
        None if pd.isna(year) else int(year),
        bool(row["benchmark_computed"]),
        None if places is None or pd.isna(places) else int(places),
    )


def _edition(row: pd.Series | None) -> int | None:
    """Return the edition of a store row when it differs from the year it describes."""
    if row is None or "edition" not in row or pd.isna(row["edition"]):
        return None
    edition = int(row["edition"])
    return None if edition == int(row["year"]) else edition


def _decimals(row: pd.Series | None) -> int | None:
    """Return a store row's source precision, None when unknown."""
    if row is None or "decimals" not in row or pd.isna(row["decimals"]):
        return None
    return int(row["decimals"])


def _benchmarks(
    observations: pd.DataFrame, code: str | None, picks: pd.DataFrame
) -> pd.DataFrame | None:
    if code is None or picks.empty:
        return None
    return benchmark_series(observations, code, picks).set_index("indicator_id")


def _row(
    indicator: Indicator,
    series: pd.DataFrame,
    nl: pd.DataFrame | None,
    gemeente: pd.DataFrame | None,
    with_gemeente: bool,
    peers: pd.DataFrame | None = None,
) -> IndicatorRow:
    latest = _latest(series)
    has_value = latest is not None and pd.notna(latest["value"])
    status: Status = "gegevens" if has_value else "nog geen gegevens"
    if latest is not None and not has_value:
        status = "geen gegevens"
    value = float(latest["value"]) if has_value else math.nan
    nl_value, nl_year, nl_computed, nl_places = _bench(nl, indicator.id)
    gm_value, gm_year, _, gm_places = _bench(gemeente, indicator.id)
    peer_value, peer_year, _, _ = _bench(peers, indicator.id)
    trend = series[series["value"].notna()].sort_values("year")
    return IndicatorRow(
        indicator=indicator,
        status=status,
        year=int(latest["year"]) if latest is not None else None,
        value=value,
        nl_value=nl_value,
        nl_year=nl_year,
        nl_computed=nl_computed,
        gemeente_value=gm_value if with_gemeente else None,
        gemeente_year=gm_year if with_gemeente else None,
        comparison=compare(
            value, nl_value, indicator.unit, indicator.direction, tolerance=indicator.tolerance
        ),
        gemeente_comparison=compare(
            value, gm_value, indicator.unit, indicator.direction, tolerance=indicator.tolerance
        )
        if with_gemeente
        else None,
        badges=_badges(latest, indicator, has_value),
        trend=tuple(zip(trend["year"].astype(int), trend["value"].astype(float), strict=True)),
        source=str(latest["source"]) if latest is not None else "",
        note=str(latest["note"]) if latest is not None and pd.notna(latest["note"]) else "",
        decimals=_decimals(latest) if has_value else None,
        nl_decimals=nl_places,
        gemeente_decimals=gm_places if with_gemeente else None,
        edition=_edition(latest),
        peer_value=peer_value,
        peer_year=peer_year,
        peer_comparison=compare(
            value, peer_value, indicator.unit, indicator.direction, tolerance=indicator.tolerance
        )
        if peers is not None
        else None,
    )


def _with_local_peers(row: IndicatorRow, local: pd.DataFrame | None) -> IndicatorRow:
    """Add the value of the wijk's peers within its own gemeente (unchanged without them)."""
    if local is None:
        return row
    value, year, _, _ = _bench(local, row.indicator.id)
    return replace(row, local_peer_value=value, local_peer_year=year, has_local_peers=True)


def _with_coverage(row: IndicatorRow, level: str, language: str) -> IndicatorRow:
    """Say plainly when the source does not cover the area's level (catalogue levels)."""
    indicator = row.indicator
    if row.has_value or not indicator.levels or level in indicator.levels:
        return row
    if indicator.coverage_note is None:
        return row
    return replace(row, coverage=t(indicator.coverage_note, language))


MAX_QUESTIONS = 5
"""A meeting can discuss a handful of questions per condition, not a dozen."""


def _questions(rows: tuple[IndicatorRow, ...], language: str) -> tuple[str, ...]:
    """Return first questions of indicators with data, then second ones; at most five.

    Only when no indicator of the condition has data for the area are the others' asked.
    """
    with_data = [r for r in rows if r.has_value] or list(rows)
    seen: dict[str, None] = {}
    for rank in range(3):
        for row in with_data:
            questions = row.indicator.questions(language)
            if rank < len(questions):
                seen.setdefault(questions[rank], None)
    return tuple(seen)[:MAX_QUESTIONS]


def area_profile(
    store: Store, catalogue: Catalogue, region_code: str, language: str = "nl"
) -> AreaProfile:
    """Build the profile of one area (KeyError when the store does not know the code)."""
    area = area_of(store.regions, region_code, language)
    with_gemeente = area.level in _SUB_GEMEENTE and area.gemeente_code is not None
    codes = {region_code, NL_CODE} | ({area.gemeente_code} if with_gemeente else set())
    observations = store.observations[store.observations["region_code"].isin(codes)]
    own = observations[observations["region_code"] == region_code]
    grouped = {key: group for key, group in own.groupby("indicator_id")}
    empty = own.iloc[0:0]
    picks = pd.DataFrame(
        [
            {"indicator_id": ind_id, "year": int(latest["year"])}
            for ind_id, group in grouped.items()
            if (latest := _latest(group)) is not None
        ],
        columns=["indicator_id", "year"],
    )
    nl = _benchmarks(observations, NL_CODE, picks)
    gemeente = _benchmarks(observations, area.gemeente_code if with_gemeente else None, picks)
    groups = groups_of(store, region_code)
    group = groups[0] if groups else None
    local_group = next((g for g in groups[1:] if g.scope == "gemeente"), None)
    peers = peer_series(store, group, picks).set_index("indicator_id") if group else None
    local = (
        peer_series(store, local_group, picks).set_index("indicator_id") if local_group else None
    )
    blocks = []
    for condition in CONDITIONS:
        rows = tuple(
            _with_coverage(
                _with_local_peers(
                    _row(ind, grouped.get(ind.id, empty), nl, gemeente, with_gemeente, peers),
                    local,
                ),
                area.level,
                language,
            )
            for ind in catalogue.for_condition(condition.id)
        )
        blocks.append(ConditionBlock(condition, rows, _questions(rows, language)))
    return AreaProfile(
        area=area,
        conditions=tuple(blocks),
        boundary_notes=boundary_notes(
            store.boundary_changes, region_code, latest_names(store.regions), language
        ),
        language=language,
        peer_group=group,
        local_group=local_group,
    )


def highlights(profile: AreaProfile, n: int = 2) -> tuple[str, ...]:
    """Say "wat valt op": the strongest favourable and unfavourable differences vs NL.

    Sentences alternate, favourable first; rows inside the tolerance band or of neutral
    indicators never count. Empty when nothing stands out.
    """
    rows = [r for r in profile.rows() if r.has_value and math.isfinite(r.comparison.score)]
    by_strength = sorted(rows, key=lambda r: -abs(r.comparison.score))
    favourable = [r for r in by_strength if r.comparison.verdict == "gunstiger"]
    unfavourable = [r for r in by_strength if r.comparison.verdict == "ongunstiger"]
    chosen: list[IndicatorRow] = []
    while len(chosen) < n and (favourable or unfavourable):
        for pool in (favourable, unfavourable):
            if pool and len(chosen) < n:
                chosen.append(pool.pop(0))
    return tuple(highlight_sentence(row, profile.language) for row in chosen)


def peer_highlights(profile: AreaProfile, n: int = 1) -> tuple[str, ...]:
    """Say what stands out against the peer group, naming the group (empty without one)."""
    group = profile.peer_group
    if group is None:
        return ()
    rows = [
        r
        for r in profile.rows()
        if r.has_value
        and r.peer_comparison is not None
        and r.peer_comparison.verdict in ("gunstiger", "ongunstiger")
        and math.isfinite(r.peer_comparison.score)
    ]
    rows.sort(key=lambda r: -abs(r.peer_comparison.score))  # type: ignore[union-attr]
    language = profile.language
    return tuple(
        t(
            "peers.highlight",
            language,
            title=row.indicator.title(language),
            verdict=row.peer_comparison.label(language),  # type: ignore[union-attr]
            group=group.label(language),
            value=format_value(row.value, row.indicator.unit, language),
            peer=format_value(row.peer_value, row.indicator.unit, language),
        )
        for row in rows[:n]
    )
