"""A reading has as many rows on a page as the page prints rows of the table: the lines that match the family's
row anchor (split into cells at column-sized gaps, as grid.py requires of a row), after the table's caption and
before its stop line where the family names them. A reading that lost or split a row is refused."""
from __future__ import annotations

from collections import Counter
from statistics import median

from pipeline.extract.families import table_to_gridspec
from pipeline.extract.grid import Grid, GridSpec, line_to_phrases
from pipeline.extract.layout import Line


def printed_rows(lines: list[Line], spec: GridSpec) -> int:
    """How many lines of one page are rows of the table (between its caption and its stop line, if any)."""
    if not lines:
        return 0
    min_gap = spec.gap_factor * median(ln.size for ln in lines)
    start = 0
    if spec.caption is not None:
        start = next((i + 1 for i, ln in enumerate(lines) if spec.caption.search(ln.text)), 0)
    count = 0
    for ln in lines[start:]:
        if count and spec.stop is not None and spec.stop.search(ln.text):
            break
        count += bool(spec.anchor.search(ln.text) and len(line_to_phrases(ln, min_gap)) >= spec.min_phrases)
    return count


def rows_match(found: dict[str, list[dict]], table: dict, grids: list[Grid], pages: list[list[Line]]) -> str:
    """'' when every page of the reading has one record per printed row of the table; else the first page that has
    not, with both counts."""
    spec = table_to_gridspec(table)
    read = Counter(rec["page"] for records in found.values() for rec in records)
    for page in sorted({g.page for g in grids}):
        want = printed_rows(pages[page - 1], spec)
        if read[page] != want:
            return f"page {page}: {read[page]} rows read, the page prints {want}"
    return ""
