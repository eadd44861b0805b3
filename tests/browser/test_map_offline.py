"""The fictional map page works offline: polygons, tooltip, click, no other hosts, accessible."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

DEMO = Path(__file__).parent / "apps" / "map_demo.py"
AREAS = 6
MAP_IFRAME = 'iframe[title*="sq_map"]'
SERIOUS = frozenset({"serious", "critical"})


@pytest.fixture
def map_page(run_app, page, component_frame):
    """Open the demo page and return (page, map frame) once Leaflet has drawn the areas."""
    app = run_app(DEMO, {"SQ_TILES": ""})
    page.goto(app.url)
    frame = component_frame(page, "sq_map")
    frame.wait_for_selector("path.leaflet-interactive", timeout=30_000)
    return page, frame


def area(frame, index: int):
    """Return the SVG path of the n-th area (GeoJSON order = region code order)."""
    return frame.locator("path.leaflet-interactive").nth(index)


def test_every_area_is_drawn_as_a_polygon(map_page):
    _, frame = map_page
    assert frame.locator("path.leaflet-interactive").count() == AREAS


def test_missing_area_is_hatched_and_dashed(map_page):
    _, frame = map_page
    missing = area(frame, 3)  # WK990104 Veldhoek has no value
    assert missing.get_attribute("fill") == "url(#sq-missing-hatch)"
    assert missing.get_attribute("stroke-dasharray") == "4 3"
    assert frame.locator("pattern#sq-missing-hatch").count() == 1


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, ["Dorpum-Noord", "12,5%", "17,0%"]),
        (2, ["<script>alert(1)</script>", "22,0%"]),
        (3, ["Veldhoek", "geen gegevens", "17,0%"]),
    ],
)
def test_hover_shows_name_value_and_nl(map_page, index, expected):
    _, frame = map_page
    area(frame, index).hover()
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    for part in expected:
        assert part in text
    assert frame.locator(".leaflet-tooltip script").count() == 0


def test_legend_has_unit_year_classes_and_missing(map_page):
    _, frame = map_page
    legend = frame.locator(".sq-legend").inner_text()
    assert "Ernstig eenzaam" in legend
    assert "in %, 2022" in legend
    assert "lager is gunstiger" in legend
    assert "geen gegevens" in legend
    assert frame.locator(".sq-legend li").count() == 6  # 5 classes + geen gegevens


@pytest.mark.parametrize(("index", "code"), [(1, "WK990102"), (4, "WK990105")])
def test_click_reports_region_code_to_the_app(map_page, index, code):
    page, frame = map_page
    area(frame, index).click()
    page.get_by_text(f"Aangeklikt gebied: {code}").wait_for(timeout=15_000)
    # on_change stores the selection, so the rerun outlines it through feature_group_to_add
    # (same map iframe): a white halo and a black line that are not clickable.
    page.get_by_text(f"Geselecteerd gebied: {code}").wait_for(timeout=15_000)
    assert page.locator(MAP_IFRAME).count() == 1
    selection = frame.locator("path[stroke='#000000']:not(.leaflet-interactive)")
    selection.wait_for(state="attached", timeout=15_000)
    assert selection.count() == 1


def test_nothing_is_requested_from_other_hosts(map_page, external_requests):
    page, frame = map_page
    area(frame, 0).hover()
    page.wait_for_timeout(1_000)
    assert external_requests == []


def test_no_serious_accessibility_violations(map_page, axe_violations):
    page, _ = map_page
    violations = axe_violations(page, SERIOUS)
    assert [(v["id"], v["frame"], len(v["nodes"])) for v in violations] == []


def test_screenshot_is_saved(map_page, save_screenshot):
    page, frame = map_page
    area(frame, 3).hover()
    frame.locator(".leaflet-tooltip").wait_for(state="visible", timeout=5_000)
    path = save_screenshot(page, "map_offline")
    assert path.stat().st_size > 10_000
