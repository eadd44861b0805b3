"""Read the HTML tables the pages write (sq.render.html_table) back into DataFrames."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def read_tables(markup: str) -> list[pd.DataFrame]:
    """Return every <table> in the markup as a DataFrame (first row = header)."""
    parser = _Tables()
    parser.feed(markup)
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in parser.tables if rows]


def page_tables(at) -> list[pd.DataFrame]:
    """Return the HTML tables written by an AppTest run, in page order."""
    return [t for m in at.markdown if "sq-table" in m.value for t in read_tables(m.value)]
