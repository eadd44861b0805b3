import math
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from sq.render.pdf.layout import (
    PdfCondition,
    PdfIndicatorRow,
    PdfProfile,
    PdfRemark,
    build_profile_pdf,
)
from sq.render.pdf.page import (
    FONT_DIRS,
    PAGES_ALIAS,
    find_font_dir,
    sparkline_points,
    transliterate,
)
from sq.text.i18n import t

MISSING = t("value.missing", "nl")
URL = "https://sociale-basis.example/gebiedsprofiel?gebied=GM9901"
HAS_DEJAVU = find_font_dir() is not None

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

ROWS = (
    PdfIndicatorRow(
        "Vrijwilligerswerk",
        "24 van de 100",
        "29 van de 100",
        "Minder dan in Nederland",
        2022,
        "GGD Gezondheidsmonitor",
        ("schatting",),
        ((2016, 25.5), (2020, 23.9), (2022, 24.0)),
    ),
    PdfIndicatorRow("Mantelzorg", "", "  ", "", None, "", (), ()),
    PdfIndicatorRow("Ervaren samenhang", "6,8", "6,4", "Meer", 2022, "GGD", (), ((2020, 6.5),)),
)
CONDITIONS = (
    PdfCondition(
        "Sociaaleconomische zekerheid", "sociale rechtvaardigheid", ROWS[:1], ("Herkent u dit?",)
    ),
    PdfCondition("Sociale cohesie", "solidariteit", ROWS, ("Wat gaat goed?", "Wat mist er?")),
    PdfCondition("Sociale empowerment", "menselijke waardigheid", (), ()),
    PdfCondition("Sociale inclusie", "gelijkwaardigheid", ROWS[2:], ()),
)


def _profile(remark_count: int = 2, **changes) -> PdfProfile:
    base = PdfProfile(
        area_name="Dorpum",
        level_label="Dorp",
        parent_name="gemeente Súdwest-Fryslân",
        generated_on=date(2025, 3, 10),
        highlights=("Minder vrijwilligers dan in Nederland.",),
        conditions=CONDITIONS,
        remarks=tuple(
            PdfRemark(
                date(2025, 3, 4), "Dorpsavond", "Sociale cohesie", f"Opmerking nummer {i}. " * 8
            )
            for i in range(remark_count)
        ),
        sources=("CBS Kerncijfers wijken en buurten 2023", "GGD Gezondheidsmonitor 2022"),
        url=URL,
    )
    return PdfProfile(**{**base.__dict__, **changes})


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "profiel.pdf"
    path.write_bytes(data)
    return path


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_profile_pdf_is_a4_with_expected_content(tmp_path):
    data = build_profile_pdf(_profile())
    assert data.startswith(b"%PDF-")
    path = _write(tmp_path, data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "595.28 x 841.89 pts (A4)" in info
    text = _text(path)
    pages = _pages(path)
    for expected in (
        "Dorpum",
        "Dorp in gemeente Súdwest-Fryslân" if HAS_DEJAVU else "Súdwest-Fryslân",
        "Gemaakt op 10 maart 2025",
        "Wat valt op",
        "Minder vrijwilligers dan in Nederland.",
        "dient: sociale rechtvaardigheid",
        "dient: menselijke waardigheid",
        "24 van de",
        "29 van de",
        "Bron: GGD Gezondheidsmonitor, 2022",
        "schatting",
        MISSING,
        "Vragen voor het gesprek",
        "Herkent u dit?",
        "Voor deze voorwaarde zijn hier nog geen cijfers.",
        "Wat zeggen bewoners?",
        "4 maart 2025 · Dorpsavond · Sociale cohesie",
        "Bronnen",
        "CBS Kerncijfers wijken en buurten 2023",
        URL,
        f"pagina 1 van {pages}",
        f"pagina {pages} van {pages}",
    ):
        assert expected in text, expected


def test_missing_values_say_geen_gegevens(tmp_path):
    only_missing = (PdfCondition("Sociale cohesie", "solidariteit", ROWS[1:2], ()),)
    text = _text(_write(tmp_path, build_profile_pdf(_profile(conditions=only_missing))))
    assert text.count(MISSING) == 2  # value here and NL value


@pytest.mark.parametrize("count", [0, 10, 60, 150])
def test_many_remarks_flow_onto_new_pages(tmp_path, count):
    path = _write(tmp_path, build_profile_pdf(_profile(remark_count=count)))
    text = _text(path)
    pages = _pages(path)
    for i in range(count):
        assert f"Opmerking nummer {i}." in text
    if count == 0:
        assert "Er zijn nog geen opmerkingen" in text
    # sources and date still come last
    assert text.rindex("Bronnen") > text.rindex("Wat zeggen bewoners?")
    assert text.rstrip().endswith(f"pagina {pages} van {pages}")


def test_page_count_grows_with_remarks(tmp_path):
    counts = []
    for n in (0, 60, 150):
        counts.append(_pages(_write(tmp_path, build_profile_pdf(_profile(remark_count=n)))))
    assert counts[0] < counts[1] < counts[2]
    assert counts[0] >= 2


@pytest.mark.parametrize(
    "text",
    ["<b>niet vet</b>", "**ook niet**", "--niet doorgehaald--", "__geen onderstreping__", "{nb}"],
)
def test_any_text_is_printed_literally(tmp_path, text):
    remark = PdfRemark(None, "", "Algemeen", f"Tekst: {text}")
    data = build_profile_pdf(_profile(remarks=(remark,), highlights=(f"Punt: {text}",)))
    printed = _text(_write(tmp_path, data))
    assert f"Tekst: {text}" in printed
    assert f"Punt: {text}" in printed


@pytest.mark.parametrize("font_dirs", [FONT_DIRS, ()])
def test_page_count_alias_in_text_is_not_replaced(tmp_path, font_dirs):
    remark = PdfRemark(None, "", "Algemeen", f"Tekst: {PAGES_ALIAS} einde")
    printed = _text(_write(tmp_path, build_profile_pdf(_profile(remarks=(remark,)), font_dirs)))
    assert re.search(r"Tekst: \{\W?\s?sq-total-pages\} einde", printed)


def test_long_words_and_titles_wrap_inside_the_page(tmp_path):
    long_row = PdfIndicatorRow(
        "Woonlastenquote" * 12, "1" * 40, "2", "x " * 80, 2022, "CBS", (), ()
    )
    profile = _profile(
        area_name="Dorpum-aan-de-Lange-Wetering-over-de-Grens-van-Súdwest-Fryslân en verder",
        conditions=(PdfCondition("Sociale cohesie", "solidariteit", (long_row,) * 30, ()),),
    )
    path = _write(tmp_path, build_profile_pdf(profile))
    assert _pages(path) >= 3
    # every line fits the A4 text width: pdftotext -bbox gives word boxes in points
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True
    ).stdout
    x_max = max(float(m) for m in re.findall(r'xMax="([\d.]+)"', bbox))
    assert x_max <= 595.28 - 18 / 25.4 * 72 + 1


def test_core_font_fallback_transliterates(tmp_path):
    profile = _profile(highlights=("Kosten € 12 – ‘fijn’ → meer ≥ 3 ✓",))
    path = _write(tmp_path, build_profile_pdf(profile, font_dirs=()))
    text = _text(path)
    assert "Súdwest-Fryslân" in text  # Latin-1 accents survive in core fonts
    assert "Kosten EUR 12 - 'fijn' -> meer >= 3 ?" in text
    assert (
        "Helvetica"
        in subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    )


@pytest.mark.skipif(not HAS_DEJAVU, reason="fonts-dejavu-core not installed")
def test_dejavu_is_embedded_when_present(tmp_path):
    path = _write(tmp_path, build_profile_pdf(_profile(area_name="Ljouwert – Dorpum ✓")))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "DejaVu" in fonts
    assert "Ljouwert – Dorpum ✓" in _text(path)


def test_output_is_deterministic():
    assert build_profile_pdf(_profile()) == build_profile_pdf(_profile())


def test_qr_on_first_page_decodes_to_url(tmp_path):
    import zxingcpp
    from PIL import Image

    path = _write(tmp_path, build_profile_pdf(_profile()))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png")))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [URL]


def test_no_url_means_no_qr_and_no_link(tmp_path):
    text = _text(_write(tmp_path, build_profile_pdf(_profile(url=""))))
    assert "Scan" not in text and "Online:" not in text


def test_find_font_dir(tmp_path):
    assert find_font_dir([tmp_path]) is None
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"")
    assert find_font_dir([tmp_path]) is None  # bold and oblique missing too


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Súdwest-Fryslân", "Súdwest-Fryslân"),
        ("‘t Dorp”", "'t Dorp\""),
        ("a – b — c", "a - b - c"),
        ("€ 5", "EUR 5"),
        ("Łódź", "Lódz"),
        ("雪", "?"),
    ],
)
def test_transliterate(text, expected):
    assert transliterate(text) == expected


@pytest.mark.parametrize(
    ("trend", "expected"),
    [
        ((), []),
        (((2020, 1.0),), []),
        (((2020, 1.0), (2022, 3.0)), [(0.0, 10.0), (10.0, 0.0)]),
        (((2022, 3.0), (2020, 1.0)), [(0.0, 10.0), (10.0, 0.0)]),  # sorted by year
        (((2020, 5.0), (2021, 5.0)), [(0.0, 5.0), (10.0, 5.0)]),  # flat line in the middle
        (((2020, 1.0), (2021, math.nan), (2022, 3.0)), [(0.0, 10.0), (10.0, 0.0)]),
        (((2020, 4.0), (2021, 2.0), (2022, 3.0)), [(0.0, 0.0), (5.0, 10.0), (10.0, 5.0)]),
    ],
)
def test_sparkline_points(trend, expected):
    assert sparkline_points(trend, 0, 0, 10, 10) == expected
