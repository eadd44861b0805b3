import dataclasses
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from sq.analysis.profile import area_profile
from sq.analysis.verdict import compare
from sq.remarks.model import Remark
from sq.render.pdf.profile import (
    pdf_row,
    profile_pdf,
    profile_sources,
    profile_url,
    to_pdf_profile,
    verdict_text,
)
from sq.text.formatting import format_value
from tests.fictional import own_figure

TODAY = date(2025, 3, 10)
BASE = "https://sociale-basis.example"
REMARK = Remark(
    id=1,
    region_code="GM9901",
    condition="sociale_cohesie",
    text="De ijsclub draait helemaal op vrijwilligers.",
    meeting="Dorpsavond",
    meeting_date=date(2025, 3, 4),
    created_at=datetime(2025, 3, 4, 20, 0),
)


@pytest.fixture(scope="module")
def dorpum(tiny_store, catalogue):
    return area_profile(tiny_store, catalogue, "GM9901")


def row_of(profile, indicator_id):
    return next(r for r in profile.rows() if r.indicator.id == indicator_id)


def pdf_text(tmp_path: Path, data: bytes) -> tuple[str, int]:
    assert shutil.which("pdftotext"), "poppler-utils is installed by scripts/setup.sh"
    path = tmp_path / "profiel.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text, text.count("\f")


def test_printed_profile_has_name_values_and_remarks(tiny_store, catalogue, tmp_path):
    data = profile_pdf(tiny_store, catalogue, "GM9901", [REMARK], BASE, "nl", today=TODAY)
    assert data.startswith(b"%PDF")
    text, pages = pdf_text(tmp_path, data)
    assert pages >= 2
    assert "Dorpum" in text
    assert format_value(32.0, "%") in text  # vrijwilligerswerk, as the table prints it
    assert "32,0%" in text
    assert "De ijsclub draait helemaal op vrijwilligers." in text
    assert "Dorpsavond" in text
    assert "10 maart 2025" in text
    assert f"{BASE}/profiel?gebied=GM9901" in text
    assert "RIVM/GGD'en: 50090NED (2020)" in text


def test_to_pdf_profile_maps_every_condition_and_row(dorpum):
    url = profile_url(BASE, "GM9901")
    pdf = to_pdf_profile(dorpum, [REMARK], url, "nl", today=TODAY)
    assert pdf.area_name == "Dorpum"
    assert pdf.level_label == "gemeente"
    assert pdf.parent_name == "provincie Fictiefland"
    assert pdf.generated_on == TODAY
    assert pdf.url == url
    assert [c.title for c in pdf.conditions] == [
        "Sociaaleconomische zekerheid",
        "Sociale cohesie",
        "Sociale empowerment",
        "Sociale inclusie",
    ]
    assert [c.serves for c in pdf.conditions][1] == "solidariteit"
    # every indicator appears once: in the table when it has a figure, else in one line below
    assert sum(len(c.rows) + len(c.without_data) for c in pdf.conditions) == len(dorpum.rows())
    assert all(r.value_text != "geen gegevens" for c in pdf.conditions for r in c.rows)
    assert pdf.conditions[1].questions == dorpum.conditions[1].questions
    assert pdf.highlights and all(h.endswith(").") for h in pdf.highlights)
    (remark,) = pdf.remarks
    assert (remark.condition, remark.meeting, remark.date) == (
        "Sociale cohesie",
        "Dorpsavond",
        date(2025, 3, 4),
    )


def test_sub_gemeente_areas_name_their_gemeente(tiny_store, catalogue):
    profile = area_profile(tiny_store, catalogue, "WK990101")
    pdf = to_pdf_profile(profile, [], "", today=TODAY)
    assert pdf.parent_name == "gemeente Dorpum"
    assert pdf.level_label == "wijk of dorp"


@pytest.mark.parametrize(
    ("indicator_id", "value", "nl", "verdict", "badges"),
    [
        ("vrijwilligerswerk", "32,0%", "25,0%", "gunstiger dan Nederland", ("schatting",)),
        ("mantelzorg", "18,0%", "14,0%", "hoger dan Nederland", ("schatting",)),
        ("afstand_huisarts", "1,5 km", "1,0 km", "ongunstiger dan Nederland", ()),
        ("misdrijven_per_1000", "46,0 per 1.000 inwoners", None, "vergelijkbaar met Nederland", ()),
        ("ernstig_eenzaam", "8,0%", "11,0%", "gunstiger dan Nederland", ("schatting",)),
        ("moeite_met_rondkomen", "", "14,0%", "geen gegevens (niet gepubliceerd)", ()),
    ],
)
def test_pdf_row(dorpum, indicator_id, value, nl, verdict, badges):
    row = row_of(dorpum, indicator_id)
    printed = pdf_row(row)
    assert printed.value_text == value
    if nl is not None:
        assert printed.nl_text == nl
    assert printed.verdict.split("; ")[0] == verdict  # then the similar areas, if any
    assert printed.badges == badges
    assert printed.source == row.indicator.publisher
    assert printed.trend == row.trend


def test_verdict_against_the_gemeente_when_nl_is_missing(tiny_store, catalogue):
    profile = area_profile(tiny_store, catalogue, "WK990101")
    row = row_of(profile, "vrijwilligerswerk")  # 36 against gemeente 32
    no_nl = dataclasses.replace(
        row, nl_value=float("nan"), comparison=compare(36.0, None, "%", "higher_is_better")
    )
    assert verdict_text(no_nl) == "gunstiger dan de gemeente"
    assert pdf_row(no_nl).nl_text == "gemeente: 32,0%"
    assert verdict_text(no_nl, "en") == "more favourable than the municipality"


def test_sources_list_publishers_tables_and_years(dorpum):
    sources = profile_sources(dorpum)
    assert "RIVM/GGD'en: 50090NED (2020)" in sources
    assert "CBS: Kerncijfers wijken en buurten (2022)" in sources
    assert len(sources) == len(set(sources))


def test_profile_url_is_a_deep_link():
    assert profile_url(BASE, "GM9901") == f"{BASE}/profiel?gebied=GM9901"
    assert profile_url(BASE, "GM9901", "en") == f"{BASE}/profiel?gebied=GM9901&taal=en"


def test_unknown_area_raises_key_error(tiny_store, catalogue):
    with pytest.raises(KeyError):
        profile_pdf(tiny_store, catalogue, "GM0000", [], BASE, today=TODAY)


def test_own_figures_are_printed_apart_and_marked(tiny_store, catalogue, tmp_path):
    figure = own_figure(title="Vrijwilligerswerk")
    data = profile_pdf(
        tiny_store, catalogue, "GM9901", [], BASE, "nl", today=TODAY, own_figures=[figure]
    )
    text, _pages = pdf_text(tmp_path, data)
    flat = " ".join(text.split())
    assert "Eigen gegevens" in flat and "niet van CBS of RIVM" in flat
    assert "Vrijwilligerswerk: 41,5% (2025) · Bron: Dorpsenquête Dorpum 2025" in flat
    without = profile_pdf(tiny_store, catalogue, "GM9901", [], BASE, "nl", today=TODAY)
    assert "Eigen gegevens" not in " ".join(pdf_text(tmp_path, without)[0].split())


def test_wijk_row_names_its_peers_within_the_gemeente(tiny_store, catalogue):
    profile = area_profile(tiny_store, catalogue, "WK990101")
    row = row_of(profile, "vrijwilligerswerk")
    # the fictional wijk's group in its gemeente exists; too few members have a value (NaN)
    assert row.has_local_peers
    assert "in de gemeente" not in pdf_row(row).verdict
    with_value = dataclasses.replace(row, local_peer_value=19.75)
    assert "vergelijkbare wijken in de gemeente: 19,8%" in pdf_row(with_value).verdict
    gemeente = pdf_row(row_of(area_profile(tiny_store, catalogue, "GM9901"), "vrijwilligerswerk"))
    assert "in de gemeente" not in gemeente.verdict
