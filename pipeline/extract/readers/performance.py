"""Local Policing Summary tables and lists -> performance rows and next year's targets, as printed."""
from __future__ import annotations

import re

from pipeline.extract.cells import WordText, boxes, words_to_box
from pipeline.extract.grid import Grid, Row
from pipeline.extract.layout import Line

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


def lines_to_targets(pages: list[list[Line]], spec: dict, context: dict) -> list[dict]:
    """Targets from a "Priorities for <year>" list: one record per "<n>% reduction in <measure>"."""
    heading = re.compile(spec["heading"], re.IGNORECASE)
    end = re.compile(spec["end"], re.IGNORECASE)
    item = re.compile(spec["item"], re.IGNORECASE | re.MULTILINE)
    out: list[dict] = []
    for page_no, lines in enumerate(pages, start=1):
        for i, line in enumerate(lines):
            h = heading.search(line.text)
            if not h:
                continue
            text, k = [], i + 1
            while k < len(lines) and not end.search(lines[k].text) and len(text) < 40:
                text.append(lines[k].text)
                k += 1
            body = _join_items(text)
            for m in item.finditer(body):
                out.append({**context, "period_raw": h["period"], "label_raw": m["label"].strip(),
                            "percent_raw": m["percent"], "page": page_no, "line": m.group(0).strip()})
    return out


def _join_items(lines: list[str]) -> str:
    """Bullet lines as one item per line: a line that does not start a bullet continues the previous one."""
    items: list[str] = []
    for text in lines:
        t = text.strip()
        bullet = re.match(r"^(?:[\u2022\u25cf\u25aa\u2013\-*]|\(cid:\d+\))\s*", t)
        if bullet or not items:
            items.append(t[bullet.end():] if bullet else t)
        else:
            items[-1] += " " + t
    return "\n".join(items)
