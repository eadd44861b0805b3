"""Own figures: reading, validating and storing a village survey; the hostile-upload corpus."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from sq.catalogue import load_catalogue
from sq.remarks.own_figures import (
    OwnFiguresStore,
    figures_csv,
    known_indicators,
    make_resolver,
    validate,
)
from sq.remarks.own_figures_template import template_csv, template_xlsx
from sq.remarks.upload import MAX_UPLOAD_BYTES, UploadError, read_upload
from tests.tiny_store import write_tiny_store

HEADER = "gebied;gemeente;indicator;titel;voorwaarde;eenheid;richting;jaar;waarde;bron"
GOOD = (
    HEADER + "\r\n"
    "Súdhoek;Dorpum;vrijwilligerswerk;;;;;2025;41,5;Dorpsenquête Súdhoek 2025, 212 respondenten\r\n"
    "WK990102;;tevreden_dorpshuis;Tevreden over het dorpshuis;sociale_cohesie;%;hoger is beter;"
    "2025;76,5;Dorpsenquête Súdhoek 2025, 212 respondenten\r\n"
)
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory):
    store = write_tiny_store(tmp_path_factory.mktemp("tiny"))
    known = known_indicators(load_catalogue())
    resolve = make_resolver(store.latest)

    def check(name: str, data: bytes) -> tuple[list, list[str]]:
        return validate(read_upload(name, data), known, resolve, TODAY)

    return check


def _refused(check, name: str, data: bytes) -> str:
    """Return the Dutch message a file is refused with (read error or validation errors)."""
    try:
        figures, errors = check(name, data)
    except UploadError as exc:
        return str(exc)
    assert figures == []
    assert errors
    return " ".join(errors)


def test_good_dutch_excel_csv_is_read(checker) -> None:
    figures, errors = checker("enquete.csv", GOOD.encode("utf-8-sig"))
    assert errors == []
    assert [(f.region_code, f.indicator_id, f.value) for f in figures] == [
        ("WK990102", "vrijwilligerswerk", 41.5),
        ("WK990102", "tevreden_dorpshuis", 76.5),
    ]
    assert figures[1].condition == "sociale_cohesie"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig", "utf-8"])
def test_encodings_read_the_same(checker, encoding: str) -> None:
    figures, errors = checker("e.csv", GOOD.encode(encoding))
    assert errors == []
    assert figures[0].source == "Dorpsenquête Súdhoek 2025, 212 respondenten"


def test_commas_and_decimal_points_also_work(checker) -> None:
    text = "gebied,indicator,jaar,waarde,bron\nWK990101,mantelzorg,2024,17.5,Enquête\n"
    figures, errors = checker("e.csv", text.encode())
    assert errors == [] and figures[0].value == 17.5


def test_every_problem_with_its_line_number_at_once(checker) -> None:
    text = (
        "gebied;indicator;jaar;waarde;bron\n"
        "WK990101;vrijwilligerswerk;2024;140;Enquête\n"
        "GM0000;vrijwilligerswerk;2024;10;Enquête\n"
        "Nergenshuizen;vrijwilligerswerk;2024;10;Enquête\n"
        "WK990101;vrijwilligerswerk;2024;=1+2;Enquête\n"
        "WK990101;mantelzorg;2024;10;Enquête\n"
        "WK990101;mantelzorg;2024;11;Enquête\n"
        "WK990101;mantelzorg;1850;11;\n"
    )
    figures, errors = checker("e.csv", text.encode())
    assert figures == []
    joined = "\n".join(errors)
    assert "Regel 2: een percentage ligt tussen 0 en 100, niet 140." in joined
    assert "Regel 3: gebied 'GM0000' is niet gevonden" in joined
    assert "Regel 4: gebied 'Nergenshuizen' is niet gevonden" in joined
    assert "Regel 5: waarde '=1+2' is geen getal." in joined
    assert "Regel 7: dezelfde gebied, indicator en jaar als regel 6." in joined
    assert "Regel 8: jaar '1850'" in joined and "Regel 8: vul bij 'bron'" in joined


def test_ambiguous_name_asks_for_code_or_gemeente(checker) -> None:
    text = "gebied;indicator;jaar;waarde;bron\nBinnenstad;mantelzorg;2024;10;E\n"
    message = _refused(checker, "e.csv", text.encode())
    assert "komt meer dan eens voor" in message and "WK990101" in message


def test_new_indicator_needs_title_condition_unit_direction(checker) -> None:
    text = "gebied;indicator;voorwaarde;jaar;waarde;bron\nWK990101;nieuw_ding;onzin;2024;1;E\n"
    message = _refused(checker, "e.csv", text.encode())
    assert "titel en een eenheid" in message
    assert "voorwaarde 'onzin' bestaat niet" in message
    assert "richting moet" in message


def test_html_in_every_cell_is_refused(checker) -> None:
    cell = "<script>alert(1)</script>"
    text = "gebied;indicator;jaar;waarde;bron\n" + ";".join([cell] * 5) + "\n"
    message = _refused(checker, "e.csv", text.encode())
    assert "opmaak en scripts zijn niet toegestaan" in message
    assert "Regel 2" in message


def test_formula_cells_are_neutralised_in_the_export(checker) -> None:
    text = (
        "gebied;indicator;titel;voorwaarde;eenheid;richting;jaar;waarde;bron\n"
        "WK990101;eigen_een;=HYPERLINK(1);algemeen;+x;neutraal;2024;3;@SUM(A1)\n"
        "WK990101;eigen_twee;-2+3;algemeen;aantal;neutraal;2024;-3;=cmd|' /C calc'!A0\n"
    )
    figures, errors = checker("e.csv", text.encode())
    assert errors == []
    exported = figures_csv(figures).decode("utf-8-sig")
    for line in exported.splitlines()[1:]:
        cells = line.split(";")
        assert cells[0] == "eigen gegevens"
        assert not any(c.startswith(("=", "+", "@")) for c in cells)
        assert not any(c.startswith("-") and c != "-3" for c in cells)


def test_big_file_refused_before_parsing() -> None:
    data = b"gebied;indicator;jaar;waarde;bron\n" + b"x" * (50 * 1024 * 1024)
    with pytest.raises(UploadError, match="hoogstens 5 MB"):
        read_upload("groot.csv", data)
    assert len(data) > MAX_UPLOAD_BYTES


def test_zip_bomb_xlsx_refused_from_the_declared_sizes(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    data = path.read_bytes()
    assert len(data) < 1024 * 1024
    with pytest.raises(UploadError, match="pakt uit tot veel meer"):
        read_upload("bom.xlsx", data)


def test_binary_named_csv_and_broken_xlsx_refused() -> None:
    with pytest.raises(UploadError, match="binaire gegevens"):
        read_upload("foto.csv", bytes(range(256)) * 40)
    with pytest.raises(UploadError, match="geen geldig Excel-bestand"):
        read_upload("nep.xlsx", b"gebied;indicator\n")
    with pytest.raises(UploadError, match="Alleen CSV- en Excel"):
        read_upload("x.exe", b"MZ")


@pytest.mark.parametrize("data", [b"", b"   \r\n", "\ufeff".encode(), b"gebied;jaar\n"])
def test_empty_files_refused(data: bytes) -> None:
    with pytest.raises(UploadError, match=r"leeg|geen regels"):
        read_upload("leeg.csv", data)


def test_hundred_thousand_rows_refused_with_the_limit() -> None:
    rows = "".join(f"WK990101;mantelzorg;2024;{n % 90};E\n" for n in range(100_000))
    data = ("gebied;indicator;jaar;waarde;bron\n" + rows).encode()
    assert len(data) < MAX_UPLOAD_BYTES
    with pytest.raises(UploadError, match=r"100\.000 regels.*5\.000"):
        read_upload("veel.csv", data)


def test_missing_columns_named(checker) -> None:
    message = _refused(checker, "e.csv", b"naam;getal\nDorpum;3\n")
    assert "Regel 1" in message and "'gebied'" in message and "'bron'" in message


def test_xlsx_upload_and_templates_read_back(checker) -> None:
    book = Workbook()
    for line in GOOD.strip().split("\r\n"):
        book.active.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    figures, errors = checker("e.xlsx", buffer.getvalue())
    assert errors == [] and len(figures) == 2
    for name, data in (("t.csv", template_csv()), ("t.xlsx", template_xlsx())):
        figures, errors = checker(name, data)
        assert errors == [], errors
        assert {f.region_code for f in figures} == {"GM9901", "WK990101"}


def test_store_is_one_transaction_and_delete_only_by_uploader(tmp_path: Path, checker) -> None:
    store = OwnFiguresStore(f"sqlite:///{tmp_path / 'r.sqlite'}")
    figures, _ = checker("e.csv", GOOD.encode())
    assert store.add_all(figures, "anna", "u1") == 2
    bad = [*figures[:1], figures[0].__class__(*[None] * 9)]  # a NOT NULL violation
    with pytest.raises(Exception):  # noqa: B017
        store.add_all(bad, "anna", "u2")
    assert store.count() == 2  # nothing of the failed upload is stored
    shown = store.for_region("WK990102")
    assert [f.indicator_id for f in shown] == ["tevreden_dorpshuis", "vrijwilligerswerk"]
    assert store.delete_upload("u1", "bert") == 0
    assert store.delete_upload("u1", "anna") == 2
    assert store.for_region("WK990102") == []
