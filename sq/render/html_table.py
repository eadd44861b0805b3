"""Tables as real HTML text: every row on the page, readable on a phone as stacked cards.

Streamlit's data grid draws on a canvas, scrolls inside itself and cuts values off at a
phone's edge. These tables are plain `<table>` markup (every cell escaped), so all rows show,
screen readers read them as tables, and under 640 px each row becomes a card of
"label: value" lines (`TABLE_CSS`). A cell that holds a list of numbers is drawn as a small
line (an inline SVG sparkline, hidden from screen readers; its numbers are in the text).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Final

import pandas as pd

TABLE_CSS: Final = """
<style>
.sq-table-wrap {width: 100%;}
table.sq-table {border-collapse: collapse; width: 100%; font-size: 0.95rem; line-height: 1.35;}
table.sq-table caption {text-align: left; font-weight: 600; padding: 0.2rem 0 0.4rem 0;}
table.sq-table th, table.sq-table td {text-align: left; vertical-align: top;
  padding: 0.35rem 0.6rem; border-bottom: 1px solid #dee2e6; overflow-wrap: break-word;
  hyphens: auto;}
table.sq-table thead th {background: #f1f3f6; font-weight: 600; border-bottom: 2px solid #adb5bd;
  overflow-wrap: normal;}
table.sq-table td.sq-num {font-variant-numeric: tabular-nums; overflow-wrap: normal;
  min-width: 4.5rem;}
table.sq-table tbody th.sq-first {min-width: 8rem; overflow-wrap: normal; hyphens: auto;}
table.sq-table svg {display: block;}
@media (max-width: 640px) {
  table.sq-table, table.sq-table tbody, table.sq-table tr, table.sq-table td,
  table.sq-table tbody th {display: block; width: 100%; box-sizing: border-box;}
  table.sq-table thead {position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap;}
  table.sq-table tr {border: 1px solid #ced4da; border-radius: 0.4rem; margin-bottom: 0.6rem;
    padding: 0.3rem 0.2rem;}
  table.sq-table td {border: none; padding: 0.15rem 0.6rem; display: flex; gap: 0.6rem;
    white-space: normal;}
  table.sq-table td.sq-num {white-space: normal;}
  table.sq-table td::before {content: attr(data-label); flex: 0 0 42%; color: #495057;}
  table.sq-table tbody th {border: none; padding: 0.15rem 0.6rem; font-size: 1.05rem;}
  table.sq-table td.sq-empty {display: none;}
}
</style>
"""
SPARK_WIDTH: Final = 90
SPARK_HEIGHT: Final = 24


def sparkline_svg(values: Sequence[float], colour: str = "#1f4e8c") -> str:
    """Return a small inline SVG line through the values (empty for fewer than two)."""
    points = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if len(points) < 2:
        return ""
    lo, hi = min(points), max(points)
    span = (hi - lo) or 1.0
    step = (SPARK_WIDTH - 4) / (len(points) - 1)
    coords = " ".join(
        f"{2 + i * step:.1f},{SPARK_HEIGHT - 2 - (p - lo) / span * (SPARK_HEIGHT - 4):.1f}"
        for i, p in enumerate(points)
    )
    return (
        f'<svg width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" aria-hidden="true"'
        f' focusable="false"><polyline points="{coords}" fill="none" stroke="{colour}"'
        ' stroke-width="2"/></svg>'
    )


def _cell(value: object) -> tuple[str, bool]:
    """Return a cell's HTML and whether it is empty."""
    if isinstance(value, list | tuple):
        svg = sparkline_svg(value)
        return svg, not svg
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "", True
    text = str(value)
    return html.escape(text), not text.strip()


def html_table(
    frame: pd.DataFrame,
    caption: str = "",
    numeric: Sequence[str] = (),
    label: str = "",
) -> str:
    """Return the frame as an escaped HTML table; the first column names each row."""
    columns = [str(c) for c in frame.columns]
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body = []
    for record in frame.itertuples(index=False):
        cells = []
        for i, (column, value) in enumerate(zip(columns, record, strict=True)):
            content, empty = _cell(value)
            classes = ["sq-first"] if i == 0 else []
            classes += ["sq-num"] if column in numeric else []
            classes += ["sq-empty"] if empty and i > 0 else []
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            cls = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f'<{tag}{scope}{cls} data-label="{html.escape(column)}">{content}</{tag}>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    aria = f' aria-label="{html.escape(label)}"' if label and not caption else ""
    return (
        f'<div class="sq-table-wrap"><table class="sq-table"{aria}>{cap}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
