"""Text that fits: estimate how wide a label is drawn, before the browser draws it.

Vega-Lite cannot size a chart to its labels' widths, so the builders estimate them. The widths
per character are those of the widest common sans-serif fonts a browser falls back to (DejaVu
Sans, a little wider than Arial/Liberation Sans), so an estimate errs on the wide side.
"""

from __future__ import annotations

from typing import Final

CHART_FONT: Final = "Arial, 'Liberation Sans', Helvetica, sans-serif"
"""The chart font: metric-compatible Arial or Liberation Sans on most machines."""

_NARROW: Final = frozenset(".,;:'!|il ()[]/-")
_WIDE: Final = frozenset("mwMW%@")
_EM_NARROW: Final = 0.34
_EM_WIDE: Final = 0.98
_EM_DIGIT: Final = 0.64
_EM_UPPER: Final = 0.74
_EM_LOWER: Final = 0.62
BOLD_FACTOR: Final = 1.12


def text_width(text: str, font_size: float, bold: bool = False) -> float:
    """Return an upper estimate of the width in pixels of one line of text."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += _EM_NARROW
        elif char in _WIDE:
            em += _EM_WIDE
        elif char.isdigit():
            em += _EM_DIGIT
        elif char.isupper():
            em += _EM_UPPER
        else:
            em += _EM_LOWER
    return em * font_size * (BOLD_FACTOR if bold else 1.0)


def wrap_words(text: str, font_size: float, width: float, bold: bool = False) -> list[str]:
    """Split text at spaces into lines no wider than `width` (a long word gets its own line)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, font_size, bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def fitting_size(
    texts: list[str], width: float, largest: float, smallest: float, bold: bool = False
) -> float:
    """Return the largest font size (from `largest` down to `smallest`) at which all texts fit."""
    widest_em = max((text_width(t, 1.0, bold) for t in texts), default=0.0)
    if widest_em <= 0:
        return largest
    return max(smallest, min(largest, width / widest_em))


def fit_lines(
    text: str, width: float, largest: float, smallest: float, max_lines: int = 2, bold: bool = False
) -> tuple[list[str], float]:
    """Wrap text into at most `max_lines` lines of `width`, shrinking the font when needed."""
    size = largest
    while True:
        lines = wrap_words(text, size, width, bold)
        widest = max(text_width(line, size, bold) for line in lines)
        if (len(lines) <= max_lines and widest <= width) or size <= smallest:
            return lines, size
        size = max(smallest, size - 2)
