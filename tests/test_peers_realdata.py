"""Peer groups on the real mirror: Leeuwarden is compared with gemeenten like it."""

from __future__ import annotations

import math

import pytest

from sq.analysis.export import region_rows
from sq.analysis.profile import area_profile
from sq.build.pipeline import build
from sq.catalogue import load_catalogue
from sq.config import raw_dirs, store_dir
from sq.store.loader import Store, open_store

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def real_store() -> Store:
    assert raw_dirs()[-1].is_dir(), "real data mirror missing"
    build(raw_dirs(), store_dir(), progress=lambda _m: None)
    return open_store(store_dir())


def test_leeuwarden_has_a_peer_value_for_most_indicators(real_store: Store) -> None:
    profile = area_profile(real_store, load_catalogue(), "GM0080")
    group = profile.peer_group
    assert group is not None
    # Leeuwarden: sterk stedelijk (CBS 2022), more than 100,000 inhabitants
    assert group.urbanity == 2
    assert group.band_low == 100_000
    assert 10 <= group.members <= 40
    assert group.basis("nl").startswith(f"vergeleken met {group.members} vergelijkbare gemeenten")
    rows = [r for r in profile.rows() if r.has_value]
    with_peer = [r for r in rows if not math.isnan(r.peer_value)]
    assert len(with_peer) >= 0.75 * len(rows)


def test_peer_groups_cover_nearly_all_2022_gemeenten(real_store: Store) -> None:
    groups = real_store.peer_groups
    gemeenten = groups[(groups["level"] == "gemeente") & groups["assigned"]]
    assert gemeenten["region_code"].nunique() >= 340
    assert (gemeenten["members"] >= 5).all()
    wijken = groups[(groups["level"] == "wijk") & (groups["scope"] == "nl")]
    assert wijken["region_code"].nunique() >= 3000


def test_export_of_leeuwarden_carries_peer_columns(real_store: Store) -> None:
    rows = region_rows(real_store, load_catalogue(), "GM0080")
    assert rows["peer_group"].str.contains("vergelijkbare gemeenten").all()
    assert rows["peer_value"].notna().mean() > 0.75


def test_leeuwarden_meeting_sentence_names_similar_gemeenten(real_store: Store) -> None:
    from sq.analysis.meeting import meeting_steps
    from sq.analysis.profile import area_profile

    profile = area_profile(real_store, load_catalogue(), "GM0080")
    sentences = [s for step in meeting_steps(profile, detail=True) for s in step.sentences]
    assert any("in heel Nederland" in s and "in vergelijkbare gemeenten" in s for s in sentences)


def test_heechterp_schieringen_is_compared_within_leeuwarden_too(real_store: Store) -> None:
    from sq.analysis.profile import area_profile

    profile = area_profile(real_store, load_catalogue(), "WK008050")
    assert profile.local_group is not None
    assert "vergelijkbare wijken in de gemeente" in profile.local_group.label("nl")
    rows = {r.indicator.id: r for r in profile.rows()}
    participation = rows["arbeidsparticipatie"]
    assert participation.value == 50.0 and participation.year == 2022
    assert participation.local_peer_year == 2022
    # the group includes the wijk itself; its value lies between the members' own values
    assert 40 < participation.local_peer_value < 70
    assert participation.local_peer_value != participation.peer_value
