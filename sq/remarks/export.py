"""Remarks leaving the database: CSV for Excel (no formula injection) and escaped HTML."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from datetime import UTC
from typing import Final

from sq.remarks.model import Remark, condition_label
from sq.text.formatting import long_date

CSV_HEADER: Final = (
    "nummer",
    "gebiedscode",
    "voorwaarde",
    "opmerking",
    "bijeenkomst",
    "datum_bijeenkomst",
    "vastgelegd_op_utc",
)
AUDIT_HEADER: Final = ("auteur", "status", "vervangt_nummer", "aangepast_door", "aangepast_op_utc")
"""Extra columns only in the facilitators' export (visitors never see account names)."""
STATUS_WORDS: Final = {
    "active": "zichtbaar",
    "corrected": "gecorrigeerd",
    "withdrawn": "ingetrokken",
}
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas: prefix cells starting with = + - @ tab CR with a quote."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _stamp(remark: Remark) -> str:
    """Return the creation time as 'YYYY-MM-DD HH:MM:SS' in UTC."""
    return remark.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _cells(r: Remark, audit: bool) -> list[str]:
    """Return one CSV row of a remark, with the audit columns when asked."""
    cells = [
        str(r.id),
        r.region_code,
        r.condition,
        r.text,
        r.meeting,
        r.meeting_date.isoformat() if r.meeting_date else "",
        _stamp(r),
    ]
    if audit:
        changed = r.changed_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if r.changed_at else ""
        replaces = str(r.replaces) if r.replaces else ""
        cells += [r.author, STATUS_WORDS.get(r.status, r.status), replaces, r.changed_by, changed]
    return cells


def remarks_csv(remarks: Sequence[Remark], *, audit: bool = False) -> bytes:
    """Write remarks as UTF-8 CSV with BOM and ';' separator, as Dutch Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER + (AUDIT_HEADER if audit else ()))
    for remark in remarks:
        writer.writerow([csv_safe(cell) for cell in _cells(remark, audit)])
    return buffer.getvalue().encode("utf-8-sig")


def remark_html(r: Remark, language: str = "nl") -> str:
    """Render a remark as escaped HTML: whatever residents typed shows as text, never markup."""
    meta = [long_date(r.meeting_date, language)] if r.meeting_date else []
    if r.meeting:
        meta.append(r.meeting)
    meta.append(condition_label(r.condition, language))
    meta_html = " · ".join(html.escape(part, quote=True) for part in meta)
    body = "<br>".join(html.escape(line, quote=True) for line in r.text.split("\n"))
    return (
        '<div class="sq-remark">'
        f'<p class="sq-remark-meta">{meta_html}</p>'
        f'<p class="sq-remark-text">{body}</p>'
        "</div>"
    )
