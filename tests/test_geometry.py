"""Geometry hygiene, provinces and boundary changes on fictional squares, plus the real mirror."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon, box

from sq.build.boundaries import boundary_changes
from sq.config import raw_dir
from sq.ingest.geometry import (
    PROVINCES,
    make_valid,
    province_code_of,
    province_codes,
    province_geometries,
    simplify_for_web,
)

BOWTIE = Polygon([(5.01, 52.0), (5.02, 52.01), (5.02, 52.0), (5.01, 52.01)])


def _frame(rows: list[tuple[str, int, object]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"region_code": [r[0] for r in rows], "year": [r[1] for r in rows]},
        geometry=[r[2] for r in rows],
        crs="EPSG:4326",
    )


def _wiggly(x0: float, x1: float, y0: float = 52.0, y1: float = 52.02) -> Polygon:
    """A box whose shared vertical edges have many tiny zig-zag vertices."""
    ys = np.linspace(y0, y1, 41)
    right = [(x1 + (0.00002 if i % 2 else 0.0), y) for i, y in enumerate(ys)]
    left = [(x0 + (0.00002 if i % 2 else 0.0), y) for i, y in enumerate(ys)][::-1]
    return Polygon([*right, *left])


@pytest.mark.parametrize(
    ("geom", "valid_type"),
    [
        (BOWTIE, "MultiPolygon"),
        (box(5.0, 52.0, 5.01, 52.01), "Polygon"),
    ],
)
def test_make_valid(geom, valid_type):
    gdf = _frame([("GM9901", 2020, geom)])
    out = make_valid(gdf)
    assert out.is_valid.all()
    assert out.geometry.iloc[0].geom_type == valid_type
    assert gdf.geometry.iloc[0].equals(geom)  # input untouched


def test_make_valid_drops_line_parts():
    spike = Polygon([(0, 0), (2, 0), (2, 2), (0, 2), (0, 0), (-1, -1), (0, 0)])
    out = make_valid(_frame([("GM9901", 2020, spike)]).set_crs("EPSG:4326", allow_override=True))
    assert out.geometry.iloc[0].geom_type in ("Polygon", "MultiPolygon")
    assert out.geometry.iloc[0].area == pytest.approx(4.0)


@pytest.mark.parametrize("level", ["gemeente", "wijk", "buurt", "provincie"])
def test_simplify_keeps_shared_borders_closed(level):
    gdf = _frame([("GM9901", 2020, _wiggly(5.0, 5.01)), ("GM9902", 2020, _wiggly(5.01, 5.02))])
    out = simplify_for_web(gdf, level)
    assert out.is_valid.all()
    a, b = out.geometry
    assert a.intersection(b).area == pytest.approx(0.0, abs=1e-9)  # no overlap
    union = shapely.union_all([a, b])
    assert union.geom_type == "Polygon" and len(union.interiors) == 0  # no gap between them
    coords = shapely.get_coordinates(out.geometry.to_numpy())
    assert np.allclose(coords, np.round(coords, 5))
    assert len(coords) <= len(shapely.get_coordinates(gdf.geometry.to_numpy()))


def test_simplify_rejects_unknown_level():
    with pytest.raises(ValueError, match="unknown level"):
        simplify_for_web(_frame([("GM9901", 2020, box(5, 52, 5.01, 52.01))]), "planeet")


@pytest.mark.parametrize(
    ("name", "code"),
    [("Fryslan", "PV21"), ("Fryslân", "PV21"), ("Friesland", "PV21"), ("Noord-Holland", "PV27"),
     ("limburg", "PV31"), ("Atlantis", None)],
)  # fmt: skip
def test_province_code_of(name, code):
    assert province_code_of(name) == code


def _reference() -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    ref = _frame(
        [
            ("GM9901", 2022, box(5.00, 52.0, 5.01, 52.01)),
            ("GM9902", 2022, box(5.01, 52.0, 5.02, 52.01)),
            ("GM9903", 2022, box(5.02, 52.0, 5.03, 52.01)),
        ]
    )
    names = pd.DataFrame(
        {"region_code": ["GM9901", "GM9902", "GM9903"],
         "province_name": ["Fryslan", "Fryslan", "Drenthe"]}
    )  # fmt: skip
    return ref, names


def test_province_geometries_dissolve():
    ref, names = _reference()
    provinces = province_geometries(ref, names)
    assert list(provinces["region_code"]) == ["PV21", "PV22"]
    assert list(provinces["name"]) == [PROVINCES["PV21"], PROVINCES["PV22"]]
    assert provinces.geometry.iloc[0].area == pytest.approx(0.0002, rel=1e-6)


@pytest.mark.parametrize(
    ("code", "year", "geom", "province"),
    [
        ("GM9911", 2012, box(5.000, 52.0, 5.004, 52.01), "PV21"),  # older, smaller gemeente
        ("GM9912", 2012, box(5.022, 52.0, 5.03, 52.01), "PV22"),
        ("GM9913", 2012, box(5.031, 52.0, 5.035, 52.01), "PV22"),  # just off the coast: nearest
    ],
)
def test_province_codes(code, year, geom, province):
    ref, names = _reference()
    out = province_codes(_frame([(code, year, geom)]), ref, names)
    assert out.to_dict("records") == [
        {"region_code": code, "year": year, "provincie_code": province,
         "provincie_name": PROVINCES[province]}
    ]  # fmt: skip


SQUARES = _frame(
    [
        ("GM9901", 2020, box(5.00, 52.0, 5.01, 52.01)),
        ("GM9902", 2020, box(5.01, 52.0, 5.02, 52.01)),
        ("GM9903", 2020, box(5.02, 52.0, 5.03, 52.01)),
        ("GM9904", 2020, box(5.03, 52.0, 5.05, 52.01)),
        ("GM9906", 2020, box(5.05, 52.0, 5.06, 52.01)),
        ("GM9905", 2021, box(5.00, 52.0, 5.02, 52.01)),  # merge of 9901 + 9902
        ("GM9903", 2021, box(5.02, 52.0, 5.035, 52.01)),  # border shift east
        ("GM9904", 2021, box(5.035, 52.0, 5.05, 52.01)),
        ("GM9906", 2021, box(5.05, 52.0, 5.07, 52.01)),  # grew into the sea only: coastline
    ]
)


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        ("GM9901", "opgeheven", ["opgegaan in GM9905"]),
        ("GM9902", "opgeheven", ["opgegaan in GM9905"]),
        ("GM9905", "nieuw", ["ontstaan uit GM9901 en GM9902"]),
        ("GM9903", "grens gewijzigd", ["50,0% groter", "grens verlegd met GM9904"]),
        ("GM9904", "grens gewijzigd", ["25,0% kleiner", "grens verlegd met GM9903"]),
    ],
)
def test_boundary_changes(code, kind, words):
    changes = boundary_changes(SQUARES)
    rows = changes[changes["region_code"] == code]
    assert list(rows["kind"]) == [kind]
    assert rows[["year_from", "year_to"]].iloc[0].tolist() == [2020, 2021]
    for word in words:
        assert word in rows["detail"].iloc[0]


def test_boundary_changes_ignores_coastline_and_unchanged():
    changes = boundary_changes(SQUARES)
    assert "GM9906" not in set(changes["region_code"])
    assert len(changes) == 5


def test_boundary_changes_partial_takeover():
    split = _frame(
        [
            ("GM9901", 2020, box(5.00, 52.0, 5.01, 52.01)),
            ("GM9902", 2020, box(5.01, 52.0, 5.02, 52.01)),
            ("GM9901", 2021, box(5.00, 52.0, 5.015, 52.01)),
            ("GM9907", 2021, box(5.015, 52.0, 5.02, 52.01)),
        ]
    )
    changes = boundary_changes(split).set_index("region_code")
    assert changes.loc["GM9902", "kind"] == "opgeheven"
    assert {"GM9901", "GM9907"} <= set(changes.loc["GM9902", "detail"].rstrip(".").split(" "))
    assert "GM9902 (deels, 50,0%)" in changes.loc["GM9907", "detail"]
    assert "nam (deels) GM9902 (deels, 50,0%) op" in changes.loc["GM9901", "detail"]
    # the same as data, for plain sentences (sq.analysis.boundary_notes)
    assert set(changes.loc["GM9902", "targets"].split(",")) == {"GM9901", "GM9907"}
    assert changes.loc["GM9907", "sources"] == "GM9902:0.500"
    assert changes.loc["GM9901", "sources"] == "GM9902:0.500"
    assert changes.loc["GM9901", "area_ratio"] == pytest.approx(1.5)


# --- real mirror -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_gemeenten():
    from sq.ingest.sources.pdok import read_pdok

    result = read_pdok(raw_dir() / "pdok-gebieden")
    return result.geometries[result.geometries["level"] == "gemeente"]


@pytest.mark.realdata
def test_real_frisian_gemeenten_get_pv21(real_gemeenten):
    from sq.ingest.sources.cbs2022 import province_names, read_cbs2022

    folder = raw_dir() / "cbs-2022-wijken-gemeenten"
    ref = read_cbs2022(folder).geometries
    out = province_codes(real_gemeenten, ref[ref["level"] == "gemeente"], province_names(folder))
    assert len(out) == len(real_gemeenten)
    frisian = out[out["provincie_code"] == "PV21"].groupby("year").size().to_dict()
    assert frisian == {2012: 27, 2017: 24, 2018: 20, 2019: 18, 2022: 18, 2023: 18, 2024: 18}
    assert out.groupby("year")["provincie_code"].nunique().eq(12).all()
    leeuwarden = out[out["region_code"] == "GM0080"]
    assert set(leeuwarden["provincie_code"]) == {"PV21"}


@pytest.mark.realdata
def test_real_boundary_changes_frisian_merges(real_gemeenten):
    changes = boundary_changes(real_gemeenten)
    nieuw = changes[changes["kind"] == "nieuw"].set_index(["region_code", "year_to"])
    assert "GM0063" in nieuw.loc[("GM1949", 2018), "detail"]  # Waadhoeke from het Bildt ...
    assert all(c in nieuw.loc[("GM1970", 2019), "detail"] for c in ("GM0058", "GM0079", "GM1722"))
    gone = changes[changes["kind"] == "opgeheven"]
    assert {"GM0058", "GM0079", "GM1722"} <= set(gone[gone["year_to"] == 2019]["region_code"])
    grew = changes[(changes["region_code"] == "GM0080") & (changes["kind"] == "grens gewijzigd")]
    assert set(grew["year_to"]) == {2017, 2018}
