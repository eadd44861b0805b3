"""Peer groups: who is grouped with whom, and the group's value weighted like the NL benchmark."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from sq.analysis.export import region_rows
from sq.analysis.peers import groups_of, primary_group
from sq.analysis.profile import area_profile, peer_highlights
from sq.build.peers import MIN_MEMBERS, band_of, peer_groups, peer_values
from sq.catalogue import load_catalogue
from sq.render.tables import profile_table
from tests.tiny_store import write_tiny_store


def _urbanity() -> pd.DataFrame:
    rows = [(f"GM99{n:02d}", "gemeente", 4, 10_000 + n) for n in range(1, 7)]
    rows += [("GM9950", "gemeente", 4, 150_000), ("GM9951", "gemeente", 1, 300_000)]
    rows += [(f"WK9901{n:02d}", "wijk", 3, 1_000) for n in range(1, 4)]
    rows += [("WK990201", "wijk", 3, 500), ("WK990202", "wijk", 5, 500)]
    return pd.DataFrame(rows, columns=["region_code", "level", "urbanity", "population"])


def test_bands_are_half_open() -> None:
    assert band_of(19_999) == 0
    assert band_of(20_000) == 1
    assert band_of(100_000) == 3
    assert band_of(float("nan")) is None


def test_gemeenten_grouped_by_urbanity_and_band_small_cells_fall_back() -> None:
    groups = peer_groups(_urbanity())
    groups = groups[groups["assigned"]].set_index(["region_code", "scope"])
    assert groups.loc[("GM9901", "nl"), "group_id"] == "PEER-GM-U4-B0"
    assert groups.loc[("GM9901", "nl"), "members"] == MIN_MEMBERS + 1
    # GM9950 is alone in its band: it joins all gemeenten of its degree of urbanisation
    assert groups.loc[("GM9950", "nl"), "group_id"] == "PEER-GM-U4"
    assert math.isnan(groups.loc[("GM9950", "nl"), "band_low"])
    raw = peer_groups(_urbanity())
    fallback = raw[raw["group_id"] == "PEER-GM-U4"]
    assert len(fallback) == 7  # all seven gemeenten of degree 4 are its members
    assert fallback["members"].eq(7).all()
    assert fallback.loc[fallback["assigned"], "region_code"].tolist() == ["GM9950"]


def test_wijken_grouped_across_nl_and_within_their_gemeente() -> None:
    groups = peer_groups(_urbanity())
    own = groups[groups["region_code"] == "WK990101"].set_index("scope")
    assert own.loc["nl", "group_id"] == "PEER-WK-U3"
    assert own.loc["nl", "members"] == 4
    assert own.loc["gemeente", "group_id"] == "PEER-WK-U3-GM9901"
    assert own.loc["gemeente", "members"] == 3
    # only two wijken of GM9902: too few for a group within the gemeente
    assert set(groups.loc[groups["region_code"] == "WK990201", "scope"]) == {"nl"}


def test_group_value_weighted_by_inhabitants_and_needs_coverage() -> None:
    groups = peer_groups(_urbanity())
    population = pd.DataFrame(
        [(f"GM99{n:02d}", 2020, 1_000.0 * n) for n in range(1, 7)],
        columns=["region_code", "year", "population"],
    )
    obs = pd.DataFrame(
        [(f"GM99{n:02d}", 2020, "vrijwilligerswerk", float(n)) for n in range(1, 7)]
        + [("GM9901", 2016, "vrijwilligerswerk", 50.0)],
        columns=["region_code", "year", "indicator_id", "value"],
    )
    values = peer_values(obs, groups, population, load_catalogue())
    row = values[(values["group_id"] == "PEER-GM-U4-B0") & (values["year"] == 2020)].iloc[0]
    expected = sum(n * 1_000.0 * n for n in range(1, 7)) / sum(1_000.0 * n for n in range(1, 7))
    assert row["value"] == pytest.approx(expected)
    assert row["parts"] == 6
    # 2016: one of six gemeenten has a value, below the coverage rule
    assert values[values["year"] == 2016].empty


def test_profile_shows_peer_column_and_basis(tmp_path: Path) -> None:
    store = write_tiny_store(tmp_path)
    cat = load_catalogue()
    profile = area_profile(store, cat, "GM9901")
    assert profile.peer_group is not None
    assert profile.peer_group.basis("nl") == (
        "vergeleken met 6 vergelijkbare gemeenten (weinig stedelijk, minder dan 20.000 inwoners)"
    )
    row = next(r for r in profile.rows() if r.indicator.id == "vrijwilligerswerk")
    assert row.peer_value == 29.0
    assert row.peer_comparison is not None
    block = next(b for b in profile.conditions if row in b.rows)
    table = profile_table(block.rows, show_gemeente=False, language="nl")
    assert "Vergelijkbare gebieden" in table.columns
    assert "29" in table.loc[table["Indicator"] == row.indicator.title("nl")].iloc[0].to_string()
    sentences = peer_highlights(profile)
    assert sentences and "vergelijkbare gemeenten" in sentences[0]


def test_wijk_peer_group_is_the_nl_wide_one_first(tmp_path: Path) -> None:
    store = write_tiny_store(tmp_path)
    groups = groups_of(store, "WK990101")
    assert [g.scope for g in groups] == ["nl", "gemeente"]
    assert "vergelijkbare wijken in de gemeente" in groups[1].label("nl")
    assert primary_group(store, "BU99010101") is None


def test_export_has_peer_columns(tmp_path: Path) -> None:
    store = write_tiny_store(tmp_path)
    rows = region_rows(store, load_catalogue(), "GM9901")
    assert {"peer_group", "peer_value"} <= set(rows.columns)
    vw = rows[(rows["indicator_id"] == "vrijwilligerswerk") & (rows["year"] == 2020)].iloc[0]
    assert vw["peer_value"] == 29.0
    assert "6 vergelijkbare gemeenten" in vw["peer_group"]
    other = region_rows(store, load_catalogue(), "BU99010101")
    assert other.empty or other["peer_value"].isna().all()


def test_about_explains_groups_with_the_real_bands() -> None:
    from sq.analysis.about import peer_explanation

    text = " ".join(peer_explanation("nl"))
    assert "100.000 inwoners of meer" in text
    assert "gewogen naar het aantal inwoners" in text
    assert "75%" in text


def test_comparison_table_has_a_peer_column_per_area(tmp_path: Path) -> None:
    from sq.analysis.compare import comparison_frame, comparison_table

    store = write_tiny_store(tmp_path)
    cat = load_catalogue()
    profiles = [area_profile(store, cat, c) for c in ("GM9901", "GM9902")]
    table = comparison_table(comparison_frame(profiles, "sociale_cohesie"))
    column = "Dorpum: vergelijkbare gebieden"
    assert column in table.columns
    row = table[table["Indicator"].str.contains("rijwillig")]
    assert row[column].iloc[0].startswith("29")


def test_pdf_rows_and_highlights_name_the_similar_areas(tmp_path: Path) -> None:
    from sq.render.pdf.profile import pdf_row

    store = write_tiny_store(tmp_path)
    profile = area_profile(store, load_catalogue(), "GM9901")
    row = next(r for r in profile.rows() if r.indicator.id == "vrijwilligerswerk")
    assert pdf_row(row).verdict.endswith("; vergelijkbare gebieden: 29,0%")


def test_wijk_profile_has_its_peers_within_the_gemeente_too(tmp_path: Path) -> None:
    store = write_tiny_store(tmp_path)
    profile = area_profile(store, load_catalogue(), "WK990101")
    assert profile.peer_group is not None and profile.peer_group.scope == "nl"
    assert profile.local_group is not None and profile.local_group.scope == "gemeente"
    rows = {r.indicator.id: r for r in profile.rows()}
    assert all(r.has_local_peers for r in rows.values())
    cohesie = next(b for b in profile.conditions if b.condition.id == "sociale_cohesie")
    table = profile_table(cohesie.rows, show_gemeente=True)
    assert "Vergelijkbare wijken in de gemeente" in table.columns
    # a gemeente has no such group, so no such column
    gemeente = area_profile(store, load_catalogue(), "GM9901")
    assert gemeente.local_group is None
    block = next(b for b in gemeente.conditions if b.condition.id == "sociale_cohesie")
    assert "Vergelijkbare wijken in de gemeente" not in profile_table(block.rows, False).columns
