import json

import folium
import geopandas as gpd
import numpy as np
import pytest
from branca.colormap import LinearColormap
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, box

from sq.render import palettes
from sq.render.maps import (
    PDOK_TILES,
    PROPERTIES,
    LegendSpec,
    TileConfig,
    choropleth,
    class_breaks,
    classify,
    polygonal,
    selection_layer,
    tiles_from_env,
    value_label,
)
from sq.render.webassets import external_urls, localize, rendered_html

EVIL = "<script>alert(1)</script>"


def dorpum(values=(12.5, np.nan, 30.0, 20.0, 8.0), names=None, crs=4326):
    """Five fictional wijken of GM9901 in a row."""
    n = len(values)
    layer = gpd.GeoDataFrame(
        {
            "region_code": [f"WK9901{i:02d}" for i in range(1, n + 1)],
            "name": names or ["Dorpum", EVIL, "Veldhoek", "Oosterwaard", "Kleihuizen"][:n],
            "value": np.array(values, dtype="float64"),
            "nl_value": np.full(n, 17.26),
            "secret_column": ["do not ship"] * n,
        },
        geometry=[box(5.0 + 0.1 * i, 52.0, 5.1 + 0.1 * i, 52.1) for i in range(n)],
        crs=4326,
    )
    return layer if crs == 4326 else layer.to_crs(crs)


def spec(**kwargs):
    base = {"title": "Ernstig eenzaam", "unit": "%", "year": 2022, "direction": "lower_is_better"}
    return LegendSpec(**{**base, **kwargs})


def geojson_of(m):
    return next(c for c in m._children.values() if isinstance(c, folium.GeoJson))


def styles_by_code(m):
    layer = geojson_of(m)
    return {f["properties"]["region_code"]: layer.style_function(f) for f in layer.data["features"]}


def legend_of(m):
    return next(c for c in m._children.values() if type(c).__name__ == "Legend").html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<script src="https://cdn.example.org/a.js"></script>', ["https://cdn.example.org/a.js"]),
        ('<link rel="stylesheet" href="//cdn.example.org/a.css"/>', ["//cdn.example.org/a.css"]),
        (
            "<style>a{background:url('https://img.example.org/x.png')}</style>",
            ["https://img.example.org/x.png"],
        ),
        (
            '<script>var t = "https:\\/\\/tiles.example.org\\/{z}";</script>',
            ["https://tiles.example.org/{z}"],
        ),
        ('<script src="/app/static/vendor/leaflet/leaflet.js"></script>', []),
        ("<p>// a comment, not a URL</p>", []),
    ],
)
def test_external_urls_finds_other_hosts_only(html, expected):
    assert external_urls(html) == expected


def test_plain_folium_map_is_full_of_cdn_links_and_localize_removes_them():
    m = folium.Map(tiles=None)
    assert len(external_urls(rendered_html(folium.Map(tiles=None)))) >= 8
    html = rendered_html(localize(m, "/app/static/vendor"))
    assert external_urls(html) == []
    assert '<script src="/app/static/vendor/leaflet/leaflet.js">' in html
    assert 'href="/app/static/vendor/leaflet/leaflet.css"' in html
    assert "jquery" not in html.lower()
    # folium's class-level lists stay untouched for other maps
    assert any("cdn.jsdelivr.net" in url for _, url in folium.Map.default_js)


def test_localize_refuses_what_it_cannot_serve():
    m = folium.Map(tiles=None)
    m.default_js = list(m.default_js)  # add_js_link would otherwise change folium.Map for all
    m.add_js_link("mystery", "https://cdn.example.org/mystery.js")
    with pytest.raises(ValueError, match="mystery"):
        localize(m)
    m = folium.Map(tiles=None)
    LinearColormap(["white", "black"], vmin=0, vmax=1).add_to(m)
    with pytest.raises(ValueError, match="d3"):
        localize(m)


@pytest.mark.parametrize("direction", ["higher_is_better", "lower_is_better", "neutral"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_choropleth_loads_nothing_from_other_hosts(direction, language):
    m = choropleth(dorpum(), spec(direction=direction, language=language), selected_code="WK990103")
    assert external_urls(rendered_html(m)) == []


def test_tiles_are_the_only_external_url_when_configured():
    urls = external_urls(rendered_html(choropleth(dorpum(), spec(), tiles=PDOK_TILES)))
    assert urls == [PDOK_TILES.url]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ["Ernstig eenzaam", "in %, 2022", "lager is gunstiger", "geen gegevens", "8,0 – "]),
        ("en", ["Ernstig eenzaam", "in %, 2022", "lower is favourable", "no data", "8.0 – "]),
    ],
)
def test_legend_shows_title_unit_year_classes_and_missing(language, expected):
    m = choropleth(dorpum(), spec(language=language))
    legend = legend_of(m)
    for text in expected:
        assert text in legend
    assert legend.count('class="sq-swatch"') == 4  # four non-missing values → four classes
    assert "sq-legend" in rendered_html(m)


def test_missing_area_is_hatched_dashed_and_called_geen_gegevens():
    m = choropleth(dorpum(), spec())
    style = styles_by_code(m)["WK990102"]
    assert style["fillColor"] == "url(#sq-missing-hatch)"
    assert style["dashArray"] == "4 3"
    props = {
        f["properties"]["region_code"]: f["properties"] for f in geojson_of(m).data["features"]
    }
    assert props["WK990102"]["value_label"] == "geen gegevens"
    assert props["WK990101"]["value_label"] == "12,5%"
    assert props["WK990101"]["nl_label"] == "17,3%"


@pytest.mark.parametrize(
    ("direction", "lowest_colour", "highest_colour"),
    [
        ("higher_is_better", palettes.UNFAVOURABLE, palettes.FAVOURABLE),
        ("lower_is_better", palettes.FAVOURABLE, palettes.UNFAVOURABLE),
        ("neutral", palettes.NEUTRAL_RAMP[0], palettes.NEUTRAL_RAMP[-1]),
    ],
)
def test_favourable_end_has_the_same_colour_whatever_the_direction(
    direction, lowest_colour, highest_colour
):
    styles = styles_by_code(choropleth(dorpum(), spec(direction=direction)))
    assert styles["WK990105"]["fillColor"] == lowest_colour  # 8.0
    assert styles["WK990103"]["fillColor"] == highest_colour  # 30.0


@pytest.mark.parametrize("n_classes", [1, 2, 3, 4, 5])
def test_palette_sizes_and_ends(n_classes):
    higher = palettes.class_colours("higher_is_better", n_classes)
    lower = palettes.class_colours("lower_is_better", n_classes)
    assert len(higher) == n_classes
    assert higher == lower[::-1]
    if n_classes > 1:
        assert higher[-1] == lower[0] == palettes.FAVOURABLE


def test_names_and_labels_are_escaped():
    m = choropleth(dorpum(), spec(title="<b>Eenzaam</b>", unit="<i>%</i>", source=EVIL))
    html = rendered_html(m)
    assert EVIL not in html
    assert "<b>Eenzaam" not in html and "<i>%" not in html
    legend = legend_of(m)
    assert "&lt;b&gt;Eenzaam&lt;/b&gt;" in legend
    assert "&lt;script&gt;" in legend
    names = [f["properties"]["name"] for f in geojson_of(m).data["features"]]
    assert names[1] == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_only_the_needed_properties_go_into_the_geojson():
    features = geojson_of(choropleth(dorpum(), spec())).data["features"]
    assert {tuple(sorted(f["properties"])) for f in features} == {tuple(sorted(PROPERTIES))}
    assert "do not ship" not in json.dumps(features)
    assert [f["id"] for f in features] == [f"WK9901{i:02d}" for i in range(1, 6)]


def test_map_fits_the_layer_even_from_another_crs():
    html = rendered_html(choropleth(dorpum(crs=28992), spec()))
    assert "fitBounds" in html
    bounds = html.split("fitBounds(")[1].split(")")[0]
    numbers = [
        round(float(x), 3)
        for x in bounds.replace("[", " ").replace("]", " ").replace(",", " ").split()
        if x[0].isdigit()
    ]
    assert numbers[:4] == [52.0, 5.0, 52.1, 5.5]


@pytest.mark.parametrize(("selected", "outlines"), [("WK990103", 2), ("WK999999", 0), (None, 0)])
def test_selection_is_outlined_and_not_clickable(selected, outlines):
    group = selection_layer(dorpum(), selected)
    children = [c for c in group._children.values() if isinstance(c, folium.GeoJson)]
    assert len(children) == outlines
    for child in children:
        assert child.options["interactive"] is False
    m = choropleth(dorpum(), spec(), selected_code=selected)
    groups = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    drawn = sum(isinstance(c, folium.GeoJson) for g in groups for c in g._children.values())
    assert drawn == outlines


@pytest.mark.parametrize(
    ("value", "unit", "language", "expected"),
    [
        (12.5, "%", "nl", "12,5%"),
        (3.26, "per 1.000 inwoners", "nl", "3,3 per 1.000 inwoners"),
        (np.nan, "%", "nl", "geen gegevens"),
        (np.nan, "%", "en", "no data"),
        (-0.0184, "score", "nl", "-0,018"),
        (24.5, "x 1.000 euro", "nl", "€ 24.500"),
    ],
)
def test_value_label(value, unit, language, expected):
    assert value_label(value, spec(unit=unit, language=language)) == expected


@pytest.mark.parametrize(
    ("values", "n_breaks", "classes"),
    [
        ([1.0, 2.0, 3.0, 4.0, 5.0, np.nan], 6, [0, 1, 2, 3, 4, -1]),
        ([np.nan, np.nan], 0, [-1, -1]),
        ([3.0, 3.0, 3.0], 2, [0, 0, 0]),
        ([1.0, 1.0, 1.0, 9.0], 3, [0, 0, 0, 1]),
    ],
)
def test_class_breaks_and_classify(values, n_breaks, classes):
    breaks = class_breaks(np.array(values))
    assert len(breaks) == n_breaks
    assert classify(np.array(values), breaks).tolist() == classes


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"SQ_TILES": "none"}, None),
        ({"SQ_TILES": "pdok"}, PDOK_TILES),
        ({"SQ_TILES": "PDOK"}, PDOK_TILES),
        (
            {
                "SQ_TILES_URL": "https://tiles.example.org/{z}/{x}/{y}.png",
                "SQ_TILES_ATTRIBUTION": "© Voorbeeld",
            },
            TileConfig("https://tiles.example.org/{z}/{x}/{y}.png", "© Voorbeeld", "Tiles"),
        ),
    ],
)
def test_tiles_from_env(env, expected):
    assert tiles_from_env(env) == expected


@pytest.mark.parametrize(
    "env",
    [
        {"SQ_TILES_URL": "https://tiles.example.org/{z}/{x}/{y}.png"},
        {"SQ_TILES_URL": "file:///etc/passwd", "SQ_TILES_ATTRIBUTION": "x"},
        {"SQ_TILES": "osm"},
    ],
)
def test_tiles_from_env_rejects_bad_settings(env):
    with pytest.raises(ValueError):
        tiles_from_env(env)


def test_pdok_preset_is_the_documented_service():
    assert PDOK_TILES.url == (
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
    )
    assert PDOK_TILES.attribution == "Kaartgegevens © Kadaster"


def test_empty_layer_gives_a_map_of_the_netherlands_with_only_missing_in_legend():
    m = choropleth(dorpum(values=(np.nan, np.nan)), spec())
    assert legend_of(m).count('class="sq-swatch"') == 0
    assert "geen gegevens" in legend_of(m)


@pytest.mark.parametrize(
    ("geometry", "expected_type"),
    [
        (box(0, 0, 1, 1), "Polygon"),
        (GeometryCollection([box(0, 0, 1, 1), LineString([(1, 1), (2, 2)])]), "Polygon"),
        (GeometryCollection([box(0, 0, 1, 1), box(2, 2, 3, 3)]), "MultiPolygon"),
        (MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)]), "MultiPolygon"),
        (GeometryCollection([LineString([(1, 1), (2, 2)])]), None),
    ],
)
def test_polygonal_drops_stray_lines_so_tooltips_work(geometry, expected_type):
    result = polygonal(geometry)
    assert (result.geom_type if result is not None else None) == expected_type
