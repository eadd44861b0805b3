"""The meeting chart sizes itself to its labels: nothing is cut off at any width or language."""

from pathlib import Path

import pytest
from PIL import ImageFont

from sq.render.meeting_chart import LABEL_GAP, PADDING, meeting_chart, meeting_layout
from sq.render.textfit import fit_lines, text_width, wrap_words

FONTS = Path("/usr/share/fonts/truetype")
REAL_FONTS = [
    ("dejavu/DejaVuSans.ttf", False),
    ("dejavu/DejaVuSans-Bold.ttf", True),
    ("liberation/LiberationSans-Regular.ttf", False),
    ("liberation/LiberationSans-Bold.ttf", True),
]
SAMPLES = [
    "46,2",
    "1.234,5",
    "€ 24.500",
    "-0,052",
    "10.4%",
    "Hempens/Teerns & Zuiderburen",
    "Gemeente Súdwest-Fryslân",
    "Sociaaleconomische zekerheid",
    "MMMWWW mmmwww %%%",
    "Huishoudens met een laag inkomen",
]


@pytest.mark.parametrize(("font_file", "bold"), REAL_FONTS)
def test_estimate_is_never_narrower_than_real_fonts(font_file, bold):
    path = FONTS / font_file  # Debian's fonts-dejavu-core and fonts-liberation
    font = ImageFont.truetype(str(path), 40)
    for text in SAMPLES:
        assert text_width(text, 40, bold) >= font.getlength(text), text


def test_wrapping_keeps_lines_within_width():
    lines = wrap_words("Wat gaat goed in Hempens/Teerns en Zuiderburen, en wat mist er?", 20, 200)
    assert len(lines) > 1
    assert all(text_width(line, 20) <= 200 for line in lines if " " in line)
    lines, size = fit_lines("Huishoudens met de laagste inkomens van Nederland", 300, 26, 18)
    assert len(lines) <= 2 and size <= 26
    assert all(text_width(line, size) <= 300 for line in lines)


@pytest.mark.parametrize("width", [420, 560, 700, 1280])
@pytest.mark.parametrize(
    ("names", "texts", "values"),
    [
        (["Leeuwarden", "Nederland"], ["46,2", "24,2"], [46.2, 24.2]),
        (
            ["Hempens/Teerns & Zuiderburen", "Gemeente Leeuwarden"],
            ["€ 24.500", "€ 31.900"],
            [24.5, 31.9],
        ),
        (["Wijk 01 Overig Smallingerland", "The Netherlands"], ["-0.052", "0.000"], [-0.052, 0.0]),
        (["Akkrum", "Nederland"], ["100,0%", "3,2%"], [100.0, 3.2]),
    ],
)
def test_every_label_fits_the_chart(width, names, texts, values):
    layout = meeting_layout("Bijstandsuitkeringen per inwoner", names, texts, values, width)
    inner = width - 2 * PADDING
    assert all(text_width(line, layout.title_size, True) <= inner for line in layout.title_lines)
    name_lines = [line for name in layout.names for line in name.split("\n")]
    assert "".join(name_lines).replace(" ", "") == "".join(names).replace(" ", "")
    name_room = max(text_width(line, layout.name_size) for line in name_lines)
    plot = inner - name_room - 16
    assert plot > inner * 0.4
    lo, hi = layout.domain
    for value, text in zip(values, texts, strict=True):
        bar_end = (max(value, 0.0) - lo) / (hi - lo) * plot
        assert bar_end + LABEL_GAP + text_width(text, layout.value_size, True) <= plot + 0.01
    assert layout.value_size >= 20 and layout.name_size >= 13


@pytest.mark.parametrize(("language", "unit_word"), [("nl", "inwoners"), ("en", "inhabitants")])
def test_unit_is_said_once_in_the_subtitle_not_at_every_bar(catalogue, language, unit_word):
    indicator = next(i for i in catalogue.indicators if i.unit == "per 1.000 inwoners")
    spec = meeting_chart("Dorpum", 46.2, "Nederland", 24.2, indicator, language).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["value_text"] for r in rows] == (
        ["46,2", "24,2"] if language == "nl" else ["46.2", "24.2"]
    )
    assert unit_word in spec["title"]["subtitle"][0]
    assert unit_word in spec["description"]  # the screen reader hears the unit with the number
    assert spec["autosize"] == {"type": "fit", "contains": "padding"}
    assert (spec["width"], spec["height"]) == (560, 340)


def test_long_names_are_wrapped_not_truncated(catalogue):
    indicator = catalogue.get("vrijwilligerswerk")
    spec = meeting_chart(
        "Hempens/Teerns & Zuiderburen", 32.0, "Gemeente Leeuwarden", 25.0, indicator
    ).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert rows[0]["label"] == "Hempens/Teerns\n& Zuiderburen"
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["labelLimit"] == 0  # no ellipsis
    assert "split" in axis["labelExpr"]
