"""Read an uploaded CSV or XLSX into rows of text, refusing hostile files before parsing.

Limits (documented in the README and on the upload form): at most `MAX_UPLOAD_BYTES` bytes,
`MAX_ROWS` data rows and, for XLSX, `MAX_XLSX_UNCOMPRESSED` bytes once unzipped (a zip bomb is
refused by reading the sizes the zip declares, before openpyxl opens it). CSV files may be
UTF-8 (with or without BOM), UTF-16 (with BOM) or cp1252, separated by ';', ',' or tabs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Final

MAX_UPLOAD_BYTES: Final = 5 * 1024 * 1024
MAX_ROWS: Final = 5_000
MAX_XLSX_UNCOMPRESSED: Final = 50 * 1024 * 1024
MAX_XLSX_RATIO: Final = 200
MAX_CELL_CHARS: Final = 500


def _n(number: float) -> str:
    """Write a whole number the Dutch way: 100.000."""
    return f"{number:,.0f}".replace(",", ".")


class UploadError(ValueError):
    """The file cannot be read; the message is plain Dutch."""


@dataclass
class UploadTable:
    """The header (lower-cased, stripped) and data rows with their line numbers in the file."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def _decode(data: bytes) -> str:
    """Decode CSV bytes: BOMs first, then UTF-8, then cp1252; binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:20_000] if ord(ch) < 32 and ch not in "\r\n\t")
    if "\x00" in text or controls > 0:
        raise UploadError(
            "Dit bestand is geen leesbaar CSV-bestand (het bevat binaire gegevens). "
            "Sla het in Excel op als 'CSV (gescheiden door lijstscheidingsteken)'."
        )
    return text


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"


def _table(records: list[list[str]], first_line: int = 1) -> UploadTable:
    """Turn raw records into an UploadTable; empty lines are skipped, limits checked."""
    numbered = [
        (n, [c.strip() for c in rec])
        for n, rec in enumerate(records, start=first_line)
        if any(c.strip() for c in rec)
    ]
    if not numbered:
        raise UploadError("Het bestand is leeg: er staan geen kolomnamen en geen regels in.")
    (_, header), data = numbered[0], numbered[1:]
    if not data:
        raise UploadError("Het bestand heeft kolomnamen maar geen regels met cijfers.")
    if len(data) > MAX_ROWS:
        raise UploadError(
            f"Het bestand heeft {_n(len(data))} regels; er kunnen er hoogstens {_n(MAX_ROWS)}"
            " tegelijk. Splits het bestand op."
        )
    return UploadTable([h.lower() for h in header], data)


def read_csv_bytes(data: bytes) -> UploadTable:
    """Read CSV bytes (Dutch Excel exports included) into an UploadTable."""
    text = _decode(data)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    try:
        reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first))
        records = [list(rec) for rec in reader]
    except csv.Error as exc:
        raise UploadError(f"Het CSV-bestand is onleesbaar: {exc}.") from exc
    return _table(records)


def check_zip(data: bytes) -> None:
    """Refuse an XLSX whose zip is broken or unpacks to far more than it weighs (zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UploadError(
            "Dit is geen geldig Excel-bestand (.xlsx). Sla het opnieuw op in Excel."
        ) from exc
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if total > MAX_XLSX_UNCOMPRESSED or total / packed > MAX_XLSX_RATIO:
        raise UploadError(
            "Dit Excel-bestand pakt uit tot veel meer gegevens dan het groot is en is daarom"
            " geweigerd. Sla alleen het ingevulde werkblad op."
        )


def read_xlsx_bytes(data: bytes) -> UploadTable:
    """Read the first sheet of an XLSX into an UploadTable, after the zip checks."""
    check_zip(data)
    from openpyxl import load_workbook  # imported late: only uploads need it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        records = []
        for row in sheet.iter_rows(values_only=True):
            records.append(["" if v is None else str(v) for v in row])
            if len(records) > MAX_ROWS + 10:
                break
        book.close()
    except Exception as exc:  # openpyxl raises many kinds on broken files
        raise UploadError(
            "Dit Excel-bestand kon niet worden gelezen. Sla het opnieuw op als .xlsx."
        ) from exc
    if len(records) > MAX_ROWS + 10:
        raise UploadError(f"Het bestand heeft meer dan {_n(MAX_ROWS)} regels.")
    return _table(records)


def read_upload(filename: str, data: bytes) -> UploadTable:
    """Read an uploaded file by its extension; every refusal is an UploadError in Dutch."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(
            f"Het bestand is {_n(len(data) / 1024 / 1024)} MB; het mag hoogstens"
            f" {_n(MAX_UPLOAD_BYTES / 1024 / 1024)} MB zijn. Het is niet gelezen."
        )
    if not data.strip():
        raise UploadError("Het bestand is leeg: er staan geen kolomnamen en geen regels in.")
    name = filename.lower()
    if name.endswith(".xlsx"):
        return read_xlsx_bytes(data)
    if name.endswith((".csv", ".txt")):
        if data.startswith(b"PK\x03\x04"):
            raise UploadError("Dit is een Excel-bestand met de naam .csv; noem het .xlsx.")
        return read_csv_bytes(data)
    raise UploadError("Alleen CSV- en Excel-bestanden (.csv, .xlsx) kunnen worden ingelezen.")
