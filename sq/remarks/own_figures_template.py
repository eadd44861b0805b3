"""The downloadable template for own figures (CSV and XLSX), with example rows and instructions."""

from __future__ import annotations

import csv
import io
from typing import Final

from sq.remarks.own_figures import COLUMNS_ALL

TEMPLATE_ROWS: Final = (
    ("Dorpum", "Dorpum", "vrijwilligerswerk", "", "", "", "", "2025", "41",
     "Dorpsenquête Dorpum 2025, 212 respondenten"),
    ("WK990101", "", "tevreden_dorpshuis", "Tevreden over het dorpshuis", "sociale_cohesie", "%",
     "hoger is beter", "2025", "76,5", "Dorpsenquête Dorpum 2025, 212 respondenten"),
)  # fmt: skip
TEMPLATE_NOTES: Final = (
    "Eén regel per gebied, indicator en jaar. Kolommen: gebied (CBS-code zoals WK008001 of de"
    " naam), gemeente (alleen nodig als de naam vaker voorkomt), indicator (een bestaande naam"
    " uit 'Over de cijfers', of een nieuwe: dan ook titel, voorwaarde, eenheid en richting),"
    " jaar, waarde (komma of punt), bron (wie, wanneer, hoeveel respondenten)."
)


def template_csv() -> bytes:
    """Return the upload template (UTF-8 BOM, ';', as Dutch Excel opens it) with example rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS_ALL)
    writer.writerows(TEMPLATE_ROWS)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """Return the upload template as XLSX, with the instructions on a second sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "eigen gegevens"
    sheet.append(list(COLUMNS_ALL))
    for row in TEMPLATE_ROWS:
        sheet.append(list(row))
    notes = book.create_sheet("uitleg")
    notes.append([TEMPLATE_NOTES])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
