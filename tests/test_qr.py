import io
from urllib.parse import parse_qs, urlsplit

import pytest
import segno

from sq.render.qr import deep_link, qr_matrix, qr_png

LINK = "https://sociale-basis.example/gesprek?gebied=GM9901&indicator=vrijwilligerswerk&stap=2"


@pytest.mark.parametrize(
    ("base", "page", "params", "expected"),
    [
        (
            "https://host",
            "gesprek",
            {"gebied": "GM9901", "indicator": "x", "stap": "2"},
            "https://host/gesprek?gebied=GM9901&indicator=x&stap=2",
        ),
        ("https://host/", "/gebiedsprofiel/", {}, "https://host/gebiedsprofiel"),
        ("https://host/app/", "kaart", {"jaar": "2024"}, "https://host/app/kaart?jaar=2024"),
        (
            "https://host",
            "gesprek",
            {"gebied": "DP9901dorpum", "vraag": "wat & waarom?"},
            "https://host/gesprek?gebied=DP9901dorpum&vraag=wat%20%26%20waarom%3F",
        ),
        ("http://localhost:8501", "", {"a": "1"}, "http://localhost:8501/?a=1"),
    ],
)
def test_deep_link_builds_encoded_url(base, page, params, expected):
    assert deep_link(base, page, params) == expected


@pytest.mark.parametrize(
    "value", ["Súdwest-Fryslân", "a=b&c=d", "100%", "x+y", "#anker", "naam met spaties"]
)
def test_deep_link_round_trips_values(value):
    url = deep_link("https://host", "gesprek", {"gebied": "GM9901", "tekst": value})
    query = parse_qs(urlsplit(url).query)
    assert query == {"gebied": ["GM9901"], "tekst": [value]}
    assert urlsplit(url).fragment == ""


@pytest.mark.parametrize("base", ["host/gesprek", "ftp://host", "", "javascript:alert(1)"])
def test_deep_link_refuses_non_http_base(base):
    with pytest.raises(ValueError):
        deep_link(base, "gesprek", {})


def test_qr_png_decodes_to_the_deep_link():
    import zxingcpp
    from PIL import Image

    png = qr_png(LINK)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [r.text for r in results] == [LINK]


def test_qr_png_has_the_matrix_of_the_link():
    # Decoder-free check: the PNG's modules equal segno's matrix for the same URL.
    from PIL import Image

    scale, border = 3, 4
    image = Image.open(io.BytesIO(qr_png(LINK, scale=scale))).convert("L")
    matrix = qr_matrix(LINK)
    size = len(matrix)
    assert image.size == ((size + 2 * border) * scale,) * 2
    seen = tuple(
        tuple(
            image.getpixel(((x + border) * scale + 1, (y + border) * scale + 1)) < 128
            for x in range(size)
        )
        for y in range(size)
    )
    assert seen == matrix
    reference = segno.make_qr(LINK, error="m").matrix
    assert matrix == tuple(tuple(bool(c) for c in row) for row in reference)


@pytest.mark.parametrize("scale", [1, 4, 8])
def test_qr_png_scale_sets_pixel_size(scale):
    from PIL import Image

    side = len(qr_matrix(LINK)) + 2 * 4  # modules plus the 4-module quiet zone on each side
    image = Image.open(io.BytesIO(qr_png(LINK, scale=scale)))
    assert image.size == (side * scale, side * scale)


def test_qr_png_refuses_bad_input():
    with pytest.raises(ValueError):
        qr_png(LINK, scale=0)
    with pytest.raises(ValueError):
        qr_png("")
