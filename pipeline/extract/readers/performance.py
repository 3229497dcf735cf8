"""Local Policing Summary tables -> performance rows as printed (the targets list: pipeline/extract/lists.py)."""
from __future__ import annotations

import re

from pipeline.extract.cells import WordText, boxes, words_to_box
from pipeline.extract.grid import Grid, Row

CHANGE = re.compile(r"[+\-\u2212\u2013\u2014]?(?P<count>\d[\d,]*)\s+(?:offences|crimes)\s*(?:or\s+|\()\s*"
                    r"(?P<percent>[+\-\u2212\u2013\u2014]?\s*\d+(?:\.\d+)?)\s*%", re.IGNORECASE)
STATUS = re.compile(r"(?:\btarget\s+(?:was\s+)?)?\b(?P<status>achieved|missed|met|not\s+met|exceeded)\b", re.IGNORECASE)


def grid_to_records(grid: Grid, context: dict) -> list[dict]:
    """One record per row: label, printed count and percentage, and target status where printed."""
    out = []
    for row in grid.rows:
        rest = " ".join(row.cells[1:])
        m = CHANGE.search(rest)
        label = row.cells[0]
        split = not m
        if split:  # everything landed in one column: split the label off the figures
            m = CHANGE.search(label)
            if not m:
                raise ValueError(f"page {grid.page}: cannot read the change in row {row.cells}")
            rest, label = label[m.start():], label[: m.start()].strip()
            m = CHANGE.search(rest)
        status = STATUS.search(rest)
        rec = {**context, "label_raw": label, "offences_raw": m["count"],
               "percent_raw": m["percent"].replace(" ", ""),
               "status_raw": status.group(0) if status else "", "page": grid.page}
        out.append({**rec, "cells": _row_boxes(row, rec, split, grid.page)})
    return out


def _row_boxes(row: Row, rec: dict, split: bool, page: int) -> dict[str, dict]:
    """Boxes of the label, count, per cent and status as printed in one row of the table."""
    cols = [0] if split else range(1, len(row.words))
    figures = WordText([w for c in cols for w in row.cell_words(c)])
    m = CHANGE.search(figures.text)
    if split:  # the label's words are those before the figures
        label_words = [w for w, (_, end) in zip(figures.words, figures.spans) if m and end <= m.start()]
    else:
        label_words = row.cell_words(0)
    status = STATUS.search(figures.text) if rec["status_raw"] else None
    return boxes(label_raw=words_to_box(label_words, page),
                 offences_raw=figures.group_box(m, "count", rec["offences_raw"], page),
                 percent_raw=figures.group_box(m, "percent", rec["percent_raw"], page),
                 status_raw=figures.group_box(status, 0, rec["status_raw"], page))
