"""A printable area profile (A4 PDF) to hand out in a village hall: calm, readable, with a QR link.

The profile's own input dataclasses live here; callers map their data onto them. The page
itself (fonts, safe text, QR and sparkline drawing) is `sq.render.pdf.page`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from fpdf.enums import XPos, YPos

from sq.render.pdf.page import (
    COLUMN_KEYS,
    COLUMNS,
    FONT_DIRS,
    HEADER_FILL,
    INK,
    LINE,
    MARGIN,
    MUTED,
    PDF_LANG,
    QR_SIZE,
    RULE,
    ProfilePdf,
    clean,
    draw_qr,
    draw_sparkline,
    find_font_dir,
    or_missing,
)
from sq.text.formatting import long_date
from sq.text.i18n import t


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
    own_figures: tuple[str, ...] = ()
    """Own figures, one printed line each (title, value, year, source), kept apart."""


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


def _lines(pdf: ProfilePdf, width: float, text: str) -> int:
    """Count the lines a text needs in a column of `width` mm at the current font."""
    return (
        len(pdf.multi_cell(width, LINE, pdf.txt(text), align="L", dry_run=True, output="LINES"))
        or 1
    )


def _table_header(pdf: ProfilePdf) -> None:
    """Draw the grey header row of an indicator table."""
    pdf.style(8.5, "B", MUTED)
    pdf.set_fill_color(*HEADER_FILL)
    y = pdf.get_y()
    pdf.rect(MARGIN, y, sum(COLUMNS), 6.5, style="F")
    x = MARGIN
    for width, key in zip(COLUMNS, COLUMN_KEYS, strict=True):
        pdf.set_xy(x + 1, y)
        pdf.cell(width - 2, 6.5, pdf.txt(t(f"pdf.column.{key}", pdf.language)), align="L")
        x += width
    pdf.set_xy(MARGIN, y + 6.5)


def _cell_style(pdf: ProfilePdf, text: str, bold: bool) -> None:
    """Set the font of a value cell: 'geen gegevens' smaller and grey, so it reads as absent."""
    if text == t("value.missing", pdf.language):
        pdf.style(8, "", MUTED)
    else:
        pdf.style(9.5, "B" if bold else "", INK)


def _table_row(pdf: ProfilePdf, row: PdfIndicatorRow) -> None:
    """Draw one indicator row; repeats the header when the row moves to a new page."""
    title, meta = _indicator_text(row, pdf.language)
    missing = (or_missing(row.value_text, pdf.language), or_missing(row.nl_text, pdf.language))
    cells = (*missing, clean(row.verdict).strip())
    inner = [w - 2 for w in COLUMNS]
    pdf.style(9.5, "B")
    title_lines = _lines(pdf, inner[0], title)
    pdf.style(7.5)
    meta_lines = _lines(pdf, inner[0], meta)
    bolds = (True, False, False)
    cell_lines = []
    for width, text, bold in zip(inner[1:4], cells, bolds, strict=True):
        _cell_style(pdf, text, bold)
        cell_lines.append(_lines(pdf, width, text))
    height = max(title_lines * LINE + meta_lines * 3.6, max(cell_lines) * LINE, 12) + 3
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
        _table_header(pdf)
    top = pdf.get_y()
    pdf.set_auto_page_break(False)
    pdf.set_xy(MARGIN + 1, top + 1.5)
    pdf.style(9.5, "B")
    pdf.multi_cell(inner[0], LINE, pdf.txt(title), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.style(7.5, "", MUTED)
    pdf.multi_cell(inner[0], 3.6, pdf.txt(meta), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    x = MARGIN + COLUMNS[0]
    for width, text, bold in zip(COLUMNS[1:4], cells, bolds, strict=True):
        pdf.set_xy(x + 1, top + 1.5)
        _cell_style(pdf, text, bold)
        pdf.multi_cell(width - 2, LINE, pdf.txt(text), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        x += width
    draw_sparkline(pdf, row.trend, x + 1, top + 1.5, COLUMNS[4] - 2, min(height - 3, 14))
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(MARGIN, top + height, MARGIN + sum(COLUMNS), top + height)
    pdf.set_xy(MARGIN, top + height)


def _title_block(pdf: ProfilePdf, profile: PdfProfile) -> None:
    """Write area name, level, date and the QR code on the first page."""
    top = pdf.get_y()
    text_width = pdf.epw - QR_SIZE - 6
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
        qr_x = pdf.w - MARGIN - QR_SIZE
        draw_qr(pdf, profile.url.strip(), qr_x, top, QR_SIZE)
        pdf.style(7, "", MUTED)
        pdf.set_xy(qr_x - 4, top + QR_SIZE + 0.5)
        pdf.cell(QR_SIZE + 8, 3.5, pdf.txt(t("pdf.scan", pdf.language)), align="C")
        bottom = max(bottom, top + QR_SIZE + 5)
    pdf.set_xy(MARGIN, bottom + 2)
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
    pdf.ln(2)


def _condition_section(pdf: ProfilePdf, condition: PdfCondition) -> None:
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


def _own_figures_section(pdf: ProfilePdf, lines: Sequence[str]) -> None:
    """Write the own figures (a village survey) apart from the official ones, marked as such."""
    if not lines:
        return
    pdf.heading(t("own.title", pdf.language))
    pdf.para(t("own.marked", pdf.language), 8.5, "I", MUTED)
    pdf.ln(1)
    pdf.bullets(lines, 9.5)


def _remark_meta(remark: PdfRemark, language: str) -> str:
    """Return the grey line above a remark: date, meeting, condition."""
    parts = [long_date(remark.date, language)] if remark.date else []
    parts += [p.strip() for p in (remark.meeting, remark.condition) if p and p.strip()]
    return " · ".join(parts)


def _remarks_section(pdf: ProfilePdf, remarks: Sequence[PdfRemark]) -> None:
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
        pdf.para(clean(remark.text).strip() or t("pdf.empty", pdf.language), 10)
        pdf.ln(2.5)


def _closing_section(pdf: ProfilePdf, profile: PdfProfile) -> None:
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
    pdf = ProfilePdf(footer, find_font_dir(font_dirs), language)
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
    _own_figures_section(pdf, profile.own_figures)
    _remarks_section(pdf, profile.remarks)
    _closing_section(pdf, profile)
    return bytes(pdf.output())
