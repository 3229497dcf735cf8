"""Local Policing Summary tables -> performance rows as printed (the targets list: pipeline/extract/lists.py)."""
from __future__ import annotations

import re

from pipeline.core.numbers import NUMBER, SIGN
from pipeline.extract.cells import WordText, boxes, words_to_box
from pipeline.extract.grid import Grid, Row

# "432 offences or +16.6%", "−361 offences (−22.9%)": the count and the percentage each with the sign printed on it
# (pipeline.core.numbers reads them; a sign on either side is kept, normalise checks that they agree)
_FIGURES = (rf"(?P<count>{SIGN}?{NUMBER})\s+(?:offences|crimes)\s*(?:or\s+|\()\s*"
            rf"(?P<percent>{SIGN}?\s*{NUMBER})")
CHANGE = re.compile(rf"{_FIGURES}\s*%", re.IGNORECASE)
# the same cell where the column's heading states "%" once: the percentage ends at the cell's last figure
BARE = re.compile(rf"{_FIGURES}(?:\s*%)?(?![\d.])", re.IGNORECASE)
STATUS = re.compile(r"(?:\btarget\s+(?:was\s+)?)?\b(?P<status>achieved|missed|met|not\s+met|exceeded)\b", re.IGNORECASE)


def change_pattern(grid: Grid, percent_header: str) -> re.Pattern:
    """CHANGE, or BARE when a column heading states the per cent once (`percent_header`, from the family spec)."""
    heads = [h for h in grid.header if h]  # any column's: a narrow gap may put the change's heading over the label
    if percent_header and any(re.search(percent_header, h, re.IGNORECASE) for h in heads):
        return BARE
    return CHANGE


def grid_to_records(grid: Grid, context: dict, percent_header: str = "") -> list[dict]:
    """One record per row: label, printed count and percentage, and target status where printed."""
    out = []
    change = change_pattern(grid, percent_header)
    for row in grid.rows:
        rest = " ".join(row.cells[1:])
        m = change.search(rest)
        label = row.cells[0]
        split = not m
        if split:  # the figures landed in the label's column: split the label (and a wrapped tail) off them
            m = change.search(label)
            if not m:
                raise ValueError(f"page {grid.page}: cannot read the change in row {row.cells}")
            after = label[m.end():]
            st = STATUS.search(after)
            tail = f"{after[:st.start()]} {after[st.end():]}" if st else after
            rest = " ".join([m.group(0), st.group(0) if st else "", *row.cells[1:]])
            label = " ".join(f"{label[: m.start()]} {tail}".split())
            m = change.search(rest)
        status = STATUS.search(rest)
        rec = {**context, "label_raw": label, "offences_raw": m["count"],
               "percent_raw": m["percent"].replace(" ", ""),
               "status_raw": status.group(0) if status else "", "page": grid.page}
        out.append({**rec, "cells": _row_boxes(row, rec, split, grid.page, change)})
    return out


def _row_boxes(row: Row, rec: dict, split: bool, page: int, change: re.Pattern = CHANGE) -> dict[str, dict]:
    """Boxes of the label, count, per cent and status as printed in one row of the table."""
    cols = range(len(row.words)) if split else range(1, len(row.words))
    figures = WordText([w for c in cols for w in row.cell_words(c)])
    m = change.search(figures.text)
    status = STATUS.search(figures.text) if rec["status_raw"] else None
    if split:  # the label's words are those of its column outside the figures and the status
        taken = [m.span()] if m else []
        taken += [status.span()] if status else []
        first = set(map(id, row.cell_words(0)))
        label_words = [w for w, (a, b) in zip(figures.words, figures.spans)
                       if id(w) in first and not any(a < e and b > s for s, e in taken)]
    else:
        label_words = row.cell_words(0)
    return boxes(label_raw=words_to_box(label_words, page),
                 offences_raw=figures.group_box(m, "count", rec["offences_raw"], page),
                 percent_raw=figures.group_box(m, "percent", rec["percent_raw"], page),
                 status_raw=figures.group_box(status, 0, rec["status_raw"], page))
