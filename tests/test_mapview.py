"""Static boundary files and the map component's arguments (fictional Dorpum areas)."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from sq.render.geoassets import GeoManifest, geojson_bytes, read_manifest, write_layer
from sq.render.maps import LegendSpec, value_label
from sq.render.mapview import map_args, table_args

CODES = ["WK990101", "WK990102", "WK990201"]


def layer() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"region_code": CODES, "name": ["Noord", "<b>Zuid</b>", "Veld"]},
        geometry=[box(5.123456, 52.0, 5.2, 52.1), box(5.2, 52.0, 5.3, 52.1), None],
        crs=4326,
    )


def regions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": CODES,
            "year": [2024, 2024, 2023],
            "provincie_code": ["PV98", "PV98", "PV99"],
        }
    )


def test_geojson_has_only_ids_and_rounded_coordinates():
    data = json.loads(geojson_bytes(layer(), 4))
    assert [f["id"] for f in data["features"]] == CODES[:2]  # no geometry, no feature
    assert all(f["properties"] == {} for f in data["features"])
    xs = {round(x, 6) for ring in data["features"][0]["geometry"]["coordinates"] for x, _ in ring}
    assert 5.1235 in xs and 5.123456 not in xs


def test_wijk_files_are_split_per_provincie_and_named_by_content(tmp_path):
    files, parts = write_layer(layer(), "wijk", 2024, regions(), tmp_path)
    assert parts == {"WK990101": "PV98", "WK990102": "PV98", "WK990201": "PV99"}
    assert sorted(files) == ["wijk/2024/PV98", "wijk/2024/PV99"]
    again, _ = write_layer(layer(), "wijk", 2024, regions(), tmp_path)
    assert again == files  # same content, same names
    moved = layer().assign(geometry=[box(6, 53, 6.1, 53.1), box(5.2, 52, 5.3, 52.1), None])
    changed, _ = write_layer(moved, "wijk", 2024, regions(), tmp_path)
    assert changed["wijk/2024/PV98"] != files["wijk/2024/PV98"]
    manifest = GeoManifest(files=files, parts={"wijk/2024": parts}, source="x")
    assert manifest.urls("wijk", 2024, ["WK990102"], "/g") == [f"/g/{files['wijk/2024/PV98']}"]
    assert manifest.urls("wijk", 2024, ["WK000000"]) == []


def test_gemeenten_are_one_file(tmp_path):
    files, parts = write_layer(layer(), "gemeente", 2024, regions(), tmp_path)
    assert list(files) == ["gemeente/2024/NL"] and set(parts.values()) == {"NL"}


def test_unreadable_manifest_is_none(tmp_path):
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert read_manifest(tmp_path) is None


def test_map_args_carry_classes_labels_and_no_geometry():
    frame = pd.DataFrame(
        {
            "region_code": ["A", "B", "C", "D", "E", "F"],
            "name": ["Noord", "<script>x</script>", "Veld", "Oost", "West", "Dijk"],
            "value": [10.0, 20.0, np.nan, 30.0, 40.0, 50.0],
            "nl_value": [25.0] * 6,
        }
    )
    spec = LegendSpec(title="<i>Eenzaam</i>", unit="%", year=2022, direction="lower_is_better")
    args = map_args(frame, spec, ["/g/x.json"], view="wijk-2022-PV98", selected="B")
    assert args["areas"]["B"][0] == "<script>x</script>"  # plain text; the JS uses textContent
    assert args["areas"]["C"] == ["Veld", "geen gegevens", -1]
    assert [args["areas"][c][2] for c in "ABDEF"] == [0, 1, 2, 3, 4]
    assert args["areas"]["A"][1] == "10,0%"
    assert args["nl_label"] == "25,0%"
    assert "<i>" not in args["legend_html"] and "&lt;i&gt;" in args["legend_html"]
    assert args["selected"] == "B" and "geometry" not in json.dumps(args)
    assert map_args(frame, spec, [], view="v", selected="ZZ")["selected"] is None


def test_table_args_sort_numbers_by_value_and_show_text():
    display = pd.DataFrame({"Gebied": ["Noord", "Zuid"], "Code": ["A", "B"], "Waarde": [1.5, None]})
    args = table_args(
        display,
        ["Waarde"],
        "cap",
        code_column="Code",
        selected="B",
        formatter=lambda v, p: f"~{v}",
    )
    assert args["rows"] == [["Noord", "A", ["~1.5", 1.5]], ["Zuid", "B", ["~nan", None]]]
    assert args["columns"][2] == {"label": "Waarde", "numeric": True}
    assert args["code_column"] == 1


def test_values_show_no_more_decimals_than_their_source_published():
    # a source that publishes whole percentages is not shown as "63,0%" (fictional values)
    spec = LegendSpec("Werk", "%", 2024, "higher_is_better", "nl")
    frame = pd.DataFrame(
        {
            "region_code": ["A", "B"],
            "name": ["Noord", "Zuid"],
            "value": [63.0, 41.26],
            "decimals": [0, None],
            "nl_value": [65.0, 65.0],
        }
    )
    assert map_args(frame, spec, [], view="v")["areas"]["A"][1] == "63%"
    assert map_args(frame, spec, [], view="v")["areas"]["B"][1] == "41,3%"
    display = pd.DataFrame({"Gebied": ["Noord", "Zuid"], "Waarde": [63.0, 41.26]})
    args = table_args(
        display,
        ["Waarde"],
        "cap",
        code_column="Gebied",
        selected=None,
        formatter=lambda v, p: value_label(v, spec, p),
        places={"Waarde": [0, None]},
    )
    assert [row[1][0] for row in args["rows"]] == ["63%", "41,3%"]
