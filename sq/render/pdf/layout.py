"""A printable area profile (A4 PDF) to hand out in a village hall: calm, readable, with a QR link.

The profile's own input dataclasses live here; callers map their data onto them.
Text is always drawn as plain text (no markdown or HTML is interpreted).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Final

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from sq.render.qr import qr_matrix
from sq.text.formatting import long_date
from sq.text.i18n import t

FONT_DIRS: Final = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)
"""Where Debian (fonts-dejavu-core) and other distributions put DejaVu; never committed here."""
FONT_FILES: Final = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
}
FONT_NAME: Final = "DejaVu"
CORE_FONT: Final = "Helvetica"
PDF_LANG: Final = {"nl": "nl-NL", "en": "en-GB", "fy": "fy-NL"}
"""The document language the PDF declares (its /Lang entry), per interface language."""
PAGES_ALIAS: Final = "{sq-total-pages}"
"""Replaced by the page count in the footer; neutralised if it ever occurs in given text."""

INK: Final = (33, 37, 41)
MUTED: Final = (96, 103, 110)
ACCENT: Final = (0, 94, 110)
RULE: Final = (206, 212, 218)
HEADER_FILL: Final = (238, 242, 244)
SPARK: Final = (0, 94, 110)

_MARGIN: Final = 18.0
_COLUMNS: Final = (58.0, 31.0, 29.0, 32.0, 24.0)  # indicator, value, NL, verdict, trend
_COLUMN_KEYS: Final = ("indicator", "here", "nl", "verdict", "trend")
"""Column headings of an indicator table, as keys of the texts `pdf.column.*`."""
_LINE: Final = 4.6
_QR_SIZE: Final = 30.0

_TRANSLITERATION: Final = {
    "‘": "'",
    "’": "'",
    "‚": ",",
    "“": '"',
    "”": '"',
    "„": '"',
    "–": "-",
    "—": "-",
    "‑": "-",
    "…": "...",
    "•": "-",
    "€": "EUR",
    "≤": "<=",
    "≥": ">=",
    "→": "->",
    "Ł": "L",
    "ł": "l",
    "Œ": "OE",
    "œ": "oe",
    "ı": "i",
    "\u2009": " ",
    "\u202f": " ",
    "\u00a0": " ",
}


@dataclass(frozen=True)
class PdfIndicatorRow:
    """One indicator line: values already formatted in Dutch, plus a short trend for a sparkline."""

    title: str
    value_text: str
    nl_text: str
    verdict: str
    year: int | None
    source: str
    badges: tuple[str, ...] = ()
    trend: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True)
class PdfCondition:
    """One condition of social quality with the value it serves, its indicators and questions."""

    title: str
    serves: str
    rows: tuple[PdfIndicatorRow, ...]
    questions: tuple[str, ...] = ()
    without_data: tuple[str, ...] = ()  # indicators with no figure for this area: one line


@dataclass(frozen=True)
class PdfRemark:
    """A residents' remark as printed: date, meeting, condition label and text."""

    date: date | None
    meeting: str
    condition: str
    text: str


@dataclass(frozen=True)
class PdfProfile:
    """Everything the printed profile of one area shows."""

    area_name: str
    level_label: str
    parent_name: str
    generated_on: date
    highlights: tuple[str, ...]
    conditions: tuple[PdfCondition, ...]
    remarks: tuple[PdfRemark, ...]
    sources: tuple[str, ...]
    url: str
    language: str = "nl"


def find_font_dir(candidates: Sequence[Path] = FONT_DIRS) -> Path | None:
    """Return the first folder holding all DejaVu faces we use, or None."""
    for folder in candidates:
        if all((folder / name).is_file() for name in FONT_FILES.values()):
            return folder
    return None


def transliterate(text: str) -> str:
    """Make text printable with a Latin-1 core font: keep Dutch/Frisian accents, fold the rest."""
    out = []
    for ch in text:
        if ch in _TRANSLITERATION:
            out.append(_TRANSLITERATION[ch])
        elif ord(ch) < 256:
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
    return "".join(out)


def _clean(text: object) -> str:
    """Turn any value into single-spaced printable text without control characters."""
    raw = "" if text is None else str(text)
    raw = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in raw if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def _or_missing(text: str, language: str) -> str:
    """Show an empty value as 'geen gegevens'."""
    cleaned = _clean(text).strip()
    return cleaned or t("value.missing", language)


class _ProfilePdf(FPDF):
    """FPDF with our fonts, footer and safe text helpers."""

    def __init__(self, footer_text: str, font_dir: Path | None, language: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.language = language
        self.unicode = font_dir is not None
        if font_dir is not None:
            for style, name in FONT_FILES.items():
                self.add_font(FONT_NAME, style, str(font_dir / name))
        self.family = FONT_NAME if self.unicode else CORE_FONT
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages(PAGES_ALIAS)

    def txt(self, text: object) -> str:
        """Prepare text for the current font (transliterated when no Unicode font is loaded)."""
        if self.unicode:
            return _clean(text).replace(PAGES_ALIAS, "{\u2060" + PAGES_ALIAS[1:])
        return transliterate(_clean(text)).replace(PAGES_ALIAS, "{ " + PAGES_ALIAS[1:])

    def style(self, size: float, style: str = "", color: tuple[int, int, int] = INK) -> None:
        """Set font size, style and colour in one call."""
        self.set_font(self.family, style, size)
        self.set_text_color(*color)

    def para(self, text: str, size: float = 10, style: str = "", color=INK, h=_LINE) -> None:
        """Write a wrapped paragraph over the full width."""
        self.style(size, style, color)
        self.multi_cell(0, h, self.txt(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def footer(self) -> None:
        """Print the area name and 'pagina X van Y' at the foot of every page."""
        self.set_y(-13)
        self.style(8, "", MUTED)
        self.set_draw_color(*RULE)
        self.line(_MARGIN, self.get_y() - 1.5, self.w - _MARGIN, self.get_y() - 1.5)
        self.cell(0, 5, self.txt(self.footer_text), align="L")
        # Right-align by hand: fpdf would measure the alias, not the page count it becomes.
        label = t("pdf.page", self.language, n=self.page_no()) + " "
        self.set_x(self.w - _MARGIN - self.get_string_width(label + "99") - 2 * self.c_margin)
        self.cell(0, 5, label + PAGES_ALIAS, align="L")

    def ensure_space(self, height: float) -> None:
        """Start a new page when less than `height` mm is left."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def heading(self, text: str, size: float = 14) -> None:
        """Write a section heading with a short accent bar, kept with what follows."""
        self.ensure_space(size * 0.6 + 22)
        self.ln(3)
        y = self.get_y()
        self.set_fill_color(*ACCENT)
        self.rect(_MARGIN, y + 0.8, 1.6, size * 0.42, style="F")
        self.set_x(_MARGIN + 4)
        self.style(size, "B", ACCENT)
        self.multi_cell(
            0, size * 0.5, self.txt(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.ln(1)

    def bullets(self, items: Sequence[str], size: float = 10) -> None:
        """Write a list with hanging bullets."""
        for item in items:
            self.ensure_space(_LINE * 2)
            self.style(size)
            y = self.get_y()
            self.set_xy(_MARGIN + 1, y)
            self.cell(4, _LINE, self.txt("•"))
            self.set_xy(_MARGIN + 5, y)
            self.multi_cell(
                0, _LINE, self.txt(item), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.ln(0.8)


def _draw_qr(pdf: _ProfilePdf, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of a URL as vector squares (sharp at any print size)."""
    matrix = qr_matrix(url)
    module = size / (len(matrix) + 2)  # one-module quiet zone drawn as white
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(
                    x + (start + 1) * module,
                    y + (r + 1) * module,
                    (c - start) * module,
                    module,
                    style="F",
                )
            else:
                c += 1


def _finite_trend(trend: Sequence[tuple[int, float]]) -> list[tuple[int, float]]:
    """Keep trend points with a real number, sorted by year."""
    points = []
    for year, value in trend:
        if value is None:
            continue
        number = float(value)
        if math.isfinite(number):
            points.append((int(year), number))
    return sorted(points)


def sparkline_points(
    trend: Sequence[tuple[int, float]], x: float, y: float, w: float, h: float
) -> list[tuple[float, float]]:
    """Map a (year, value) trend into a box: later years right, higher values up."""
    points = _finite_trend(trend)
    if len(points) < 2:
        return []
    years = [p[0] for p in points]
    values = [p[1] for p in points]
    y_lo, y_hi = min(values), max(values)
    x_span = (max(years) - min(years)) or 1
    y_span = y_hi - y_lo
    out = []
    for year, value in points:
        px = x + (year - min(years)) / x_span * w
        py = y + h / 2 if y_span == 0 else y + h - (value - y_lo) / y_span * h
        out.append((round(px, 3), round(py, 3)))
    return out


def _draw_sparkline(pdf: _ProfilePdf, trend: Sequence[tuple[int, float]], x, y, w, h) -> None:
    """Draw a small trend line with the first and last year under it; a dash when too short."""
    points = sparkline_points(trend, x + 1, y + 1, w - 2, h - 5)
    if not points:
        pdf.style(8, "", MUTED)
        pdf.set_xy(x, y)
        pdf.cell(w, _LINE, "-", align="C")
        return
    pdf.set_draw_color(*SPARK)
    pdf.set_line_width(0.35)
    pdf.polyline(points)
    last_x, last_y = points[-1]
    pdf.set_fill_color(*SPARK)
    pdf.rect(last_x - 0.7, last_y - 0.7, 1.4, 1.4, style="F")
    pdf.set_line_width(0.2)
    years = [p[0] for p in _finite_trend(trend)]
    pdf.style(6, "", MUTED)
    pdf.set_xy(x, y + h - 3.5)
    pdf.cell(w / 2, 3, str(years[0]), align="L")
    pdf.cell(w / 2, 3, str(years[-1]), align="R")


def _indicator_text(row: PdfIndicatorRow, language: str) -> tuple[str, str]:
    """Return the title and the small line under it (source, year, badges)."""
    details = [row.source.strip()] if row.source.strip() else []
    if row.year:
        details.append(str(row.year))
    meta = (
        t("pdf.source", language, details=", ".join(details))
        if details
        else t("pdf.source_unknown", language)
    )
    if row.badges:
        meta += " · " + " · ".join(b.strip() for b in row.badges if b.strip())
    return row.title.strip() or t("pdf.no_name", language), meta


def _lines(pdf: _ProfilePdf, width: float, text: str) -> int:
    """Count the lines a text needs in a column of `width` mm at the current font."""
    return (
        len(pdf.multi_cell(width, _LINE, pdf.txt(text), align="L", dry_run=True, output="LINES"))
        or 1
    )


def _table_header(pdf: _ProfilePdf) -> None:
    """Draw the grey header row of an indicator table."""
    pdf.style(8.5, "B", MUTED)
    pdf.set_fill_color(*HEADER_FILL)
    y = pdf.get_y()
    pdf.rect(_MARGIN, y, sum(_COLUMNS), 6.5, style="F")
    x = _MARGIN
    for width, key in zip(_COLUMNS, _COLUMN_KEYS, strict=True):
        pdf.set_xy(x + 1, y)
        pdf.cell(width - 2, 6.5, pdf.txt(t(f"pdf.column.{key}", pdf.language)), align="L")
        x += width
    pdf.set_xy(_MARGIN, y + 6.5)


def _cell_style(pdf: _ProfilePdf, text: str, bold: bool) -> None:
    """Set the font of a value cell: 'geen gegevens' smaller and grey, so it reads as absent."""
    if text == t("value.missing", pdf.language):
        pdf.style(8, "", MUTED)
    else:
        pdf.style(9.5, "B" if bold else "", INK)


def _table_row(pdf: _ProfilePdf, row: PdfIndicatorRow) -> None:
    """Draw one indicator row; repeats the header when the row moves to a new page."""
    title, meta = _indicator_text(row, pdf.language)
    missing = (_or_missing(row.value_text, pdf.language), _or_missing(row.nl_text, pdf.language))
    cells = (*missing, _clean(row.verdict).strip())
    inner = [w - 2 for w in _COLUMNS]
    pdf.style(9.5, "B")
    title_lines = _lines(pdf, inner[0], title)
    pdf.style(7.5)
    meta_lines = _lines(pdf, inner[0], meta)
    bolds = (True, False, False)
    cell_lines = []
    for width, text, bold in zip(inner[1:4], cells, bolds, strict=True):
        _cell_style(pdf, text, bold)
        cell_lines.append(_lines(pdf, width, text))
    height = max(title_lines * _LINE + meta_lines * 3.6, max(cell_lines) * _LINE, 12) + 3
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
        _table_header(pdf)
    top = pdf.get_y()
    pdf.set_auto_page_break(False)
    pdf.set_xy(_MARGIN + 1, top + 1.5)
    pdf.style(9.5, "B")
    pdf.multi_cell(inner[0], _LINE, pdf.txt(title), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.style(7.5, "", MUTED)
    pdf.multi_cell(inner[0], 3.6, pdf.txt(meta), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    x = _MARGIN + _COLUMNS[0]
    for width, text, bold in zip(_COLUMNS[1:4], cells, bolds, strict=True):
        pdf.set_xy(x + 1, top + 1.5)
        _cell_style(pdf, text, bold)
        pdf.multi_cell(width - 2, _LINE, pdf.txt(text), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        x += width
    _draw_sparkline(pdf, row.trend, x + 1, top + 1.5, _COLUMNS[4] - 2, min(height - 3, 14))
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(_MARGIN, top + height, _MARGIN + sum(_COLUMNS), top + height)
    pdf.set_xy(_MARGIN, top + height)


def _title_block(pdf: _ProfilePdf, profile: PdfProfile) -> None:
    """Write area name, level, date and the QR code on the first page."""
    top = pdf.get_y()
    text_width = pdf.epw - _QR_SIZE - 6
    pdf.style(9, "", MUTED)
    pdf.cell(
        text_width,
        5,
        pdf.txt(t("pdf.header", pdf.language)),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.style(22, "B")
    pdf.multi_cell(
        text_width, 10, pdf.txt(profile.area_name), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    subtitle = profile.level_label.strip()
    if profile.parent_name.strip():
        parent = profile.parent_name.strip()
        subtitle = (
            t("pdf.level_in", pdf.language, level=subtitle, parent=parent) if subtitle else parent
        )
    pdf.style(11, "", MUTED)
    if subtitle:
        pdf.multi_cell(
            text_width, 6, pdf.txt(subtitle), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.multi_cell(
        text_width,
        6,
        pdf.txt(t("pdf.made_on", pdf.language, date=long_date(profile.generated_on, pdf.language))),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    bottom = pdf.get_y()
    if profile.url.strip():
        qr_x = pdf.w - _MARGIN - _QR_SIZE
        _draw_qr(pdf, profile.url.strip(), qr_x, top, _QR_SIZE)
        pdf.style(7, "", MUTED)
        pdf.set_xy(qr_x - 4, top + _QR_SIZE + 0.5)
        pdf.cell(_QR_SIZE + 8, 3.5, pdf.txt(t("pdf.scan", pdf.language)), align="C")
        bottom = max(bottom, top + _QR_SIZE + 5)
    pdf.set_xy(_MARGIN, bottom + 2)
    pdf.set_draw_color(*RULE)
    pdf.line(_MARGIN, pdf.get_y(), pdf.w - _MARGIN, pdf.get_y())
    pdf.ln(2)


def _condition_section(pdf: _ProfilePdf, condition: PdfCondition) -> None:
    """Write one condition: heading, the value it serves, the indicator table, the questions."""
    pdf.heading(condition.title)
    if condition.serves.strip():
        pdf.para(t("pdf.serves", pdf.language, value=condition.serves.strip()), 9.5, "I", MUTED)
        pdf.ln(1.5)
    if condition.rows:
        pdf.ensure_space(6.5 + 18)
        _table_header(pdf)
        for row in condition.rows:
            _table_row(pdf, row)
    else:
        pdf.para(t("pdf.no_figures", pdf.language), 9.5, "", MUTED)
    if condition.without_data:
        pdf.ln(1.5)
        pdf.para(
            t("pdf.without_data", pdf.language, titles=", ".join(condition.without_data)),
            8.5,
            "",
            MUTED,
        )
    if condition.questions:
        pdf.ensure_space(20)
        pdf.ln(2.5)
        pdf.para(t("pdf.questions", pdf.language), 10, "B")
        pdf.ln(0.5)
        pdf.bullets(condition.questions, 9.5)


def _remark_meta(remark: PdfRemark, language: str) -> str:
    """Return the grey line above a remark: date, meeting, condition."""
    parts = [long_date(remark.date, language)] if remark.date else []
    parts += [p.strip() for p in (remark.meeting, remark.condition) if p and p.strip()]
    return " · ".join(parts)


def _remarks_section(pdf: _ProfilePdf, remarks: Sequence[PdfRemark]) -> None:
    """Write what residents said, one block per remark, flowing over pages."""
    pdf.heading(t("nav.remarks", pdf.language))
    if not remarks:
        pdf.para(t("pdf.no_remarks", pdf.language), 9.5, "", MUTED)
        return
    for remark in remarks:
        pdf.ensure_space(14)
        meta = _remark_meta(remark, pdf.language)
        if meta:
            pdf.para(meta, 8, "", MUTED, h=4)
        pdf.para(_clean(remark.text).strip() or t("pdf.empty", pdf.language), 10)
        pdf.ln(2.5)


def _closing_section(pdf: _ProfilePdf, profile: PdfProfile) -> None:
    """Write sources, the date and the link on the last page."""
    language = pdf.language
    pdf.heading(t("pdf.sources", language))
    if profile.sources:
        pdf.bullets(profile.sources, 9)
    else:
        pdf.para(t("pdf.no_sources", language), 9, "", MUTED)
    pdf.ln(3)
    pdf.para(
        t("pdf.closing", language, date=long_date(profile.generated_on, language)),
        9,
        "",
        MUTED,
    )
    if profile.url.strip():
        pdf.ln(1)
        pdf.para(t("pdf.online", language, url=profile.url.strip()), 8, "", MUTED)


def build_profile_pdf(profile: PdfProfile, font_dirs: Sequence[Path] = FONT_DIRS) -> bytes:
    """Render an area profile as A4 PDF bytes; without DejaVu in `font_dirs`, core fonts."""
    language = profile.language
    footer = t("pdf.footer", language, name=profile.area_name)
    pdf = _ProfilePdf(footer, find_font_dir(font_dirs), language)
    stamp = datetime.combine(profile.generated_on, time(12, 0))
    pdf.set_creation_date(stamp)
    pdf.set_title(pdf.txt(t("pdf.title", language, name=profile.area_name)))
    pdf.set_author("Sociale Basis")
    pdf.set_lang(PDF_LANG.get(language, "nl-NL"))
    pdf.add_page()
    _title_block(pdf, profile)
    pdf.heading(t("profile.what_stands_out", language), 14)
    if profile.highlights:
        pdf.bullets(profile.highlights, 10)
    else:
        pdf.para(t("pdf.nothing_stands_out", language), 10, "", MUTED)
    for condition in profile.conditions:
        _condition_section(pdf, condition)
    _remarks_section(pdf, profile.remarks)
    _closing_section(pdf, profile)
    return bytes(pdf.output())
