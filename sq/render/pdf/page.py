"""The printed page: fonts, colours, safe text, and drawing of QR codes and sparklines (fpdf2).

Text is always drawn as plain text (no markdown or HTML is interpreted); without DejaVu the
core font is used and text is transliterated to Latin-1.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from sq.render.qr import qr_matrix
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

MARGIN: Final = 18.0
COLUMNS: Final = (58.0, 31.0, 29.0, 32.0, 24.0)  # indicator, value, NL, verdict, trend
COLUMN_KEYS: Final = ("indicator", "here", "nl", "verdict", "trend")
"""Column headings of an indicator table, as keys of the texts `pdf.column.*`."""
LINE: Final = 4.6
QR_SIZE: Final = 30.0

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


def clean(text: object) -> str:
    """Turn any value into single-spaced printable text without control characters."""
    raw = "" if text is None else str(text)
    raw = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in raw if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def or_missing(text: str, language: str) -> str:
    """Show an empty value as 'geen gegevens'."""
    cleaned = clean(text).strip()
    return cleaned or t("value.missing", language)


class ProfilePdf(FPDF):
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
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages(PAGES_ALIAS)

    def txt(self, text: object) -> str:
        """Prepare text for the current font (transliterated when no Unicode font is loaded)."""
        if self.unicode:
            return clean(text).replace(PAGES_ALIAS, "{\u2060" + PAGES_ALIAS[1:])
        return transliterate(clean(text)).replace(PAGES_ALIAS, "{ " + PAGES_ALIAS[1:])

    def style(self, size: float, style: str = "", color: tuple[int, int, int] = INK) -> None:
        """Set font size, style and colour in one call."""
        self.set_font(self.family, style, size)
        self.set_text_color(*color)

    def para(self, text: str, size: float = 10, style: str = "", color=INK, h=LINE) -> None:
        """Write a wrapped paragraph over the full width."""
        self.style(size, style, color)
        self.multi_cell(0, h, self.txt(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def footer(self) -> None:
        """Print the area name and 'pagina X van Y' at the foot of every page."""
        self.set_y(-13)
        self.style(8, "", MUTED)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y() - 1.5, self.w - MARGIN, self.get_y() - 1.5)
        self.cell(0, 5, self.txt(self.footer_text), align="L")
        # Right-align by hand: fpdf would measure the alias, not the page count it becomes.
        label = t("pdf.page", self.language, n=self.page_no()) + " "
        self.set_x(self.w - MARGIN - self.get_string_width(label + "99") - 2 * self.c_margin)
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
        self.rect(MARGIN, y + 0.8, 1.6, size * 0.42, style="F")
        self.set_x(MARGIN + 4)
        self.style(size, "B", ACCENT)
        self.multi_cell(
            0, size * 0.5, self.txt(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.ln(1)

    def bullets(self, items: Sequence[str], size: float = 10) -> None:
        """Write a list with hanging bullets."""
        for item in items:
            self.ensure_space(LINE * 2)
            self.style(size)
            y = self.get_y()
            self.set_xy(MARGIN + 1, y)
            self.cell(4, LINE, self.txt("•"))
            self.set_xy(MARGIN + 5, y)
            self.multi_cell(0, LINE, self.txt(item), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(0.8)


def draw_qr(pdf: ProfilePdf, url: str, x: float, y: float, size: float) -> None:
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


def draw_sparkline(pdf: ProfilePdf, trend: Sequence[tuple[int, float]], x, y, w, h) -> None:
    """Draw a small trend line with the first and last year under it; a dash when too short."""
    points = sparkline_points(trend, x + 1, y + 1, w - 2, h - 5)
    if not points:
        pdf.style(8, "", MUTED)
        pdf.set_xy(x, y)
        pdf.cell(w, LINE, "-", align="C")
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
