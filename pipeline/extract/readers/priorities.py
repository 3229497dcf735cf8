"""Local Borough Priorities grid -> one record per (borough, column, label) as printed."""
from __future__ import annotations

import re

from pipeline.extract.cells import boxes, words_to_box
from pipeline.extract.grid import Grid


def header_to_kinds(header: list[str], columns: list[list[str]], single: tuple[str, ...] = ()) -> list[str]:
    """Kind of each column from its header text; a column with no match continues the kind on its left, or,
    when that kind holds one cell per row (`single`), the kind on its right (a spanning heading set to the right)."""
    named = [next((k for k, pattern in columns if re.search(pattern, text, re.IGNORECASE)), "") for text in header]
    kinds: list[str] = []
    for i, kind in enumerate(named):
        left = kinds[-1] if kinds else ""
        right = next((k for k in named[i + 1:] if k), "")
        kinds.append(kind or (right if left in single and right else left))
    if not any(kinds):  # no header on this page: the spec's column order
        order = [k for k, _ in columns]
        kinds = [order[min(i, len(order) - 1)] for i in range(len(header))]
    return kinds


def grid_to_records(grid: Grid, table: dict, period: dict) -> list[dict]:
    """Records with `borough_raw`, `priority_kind`, `rank` and `label_raw` for every filled cell."""
    kinds = header_to_kinds(grid.header, table["columns"], tuple((table.get("verify") or {}).get("one_per_row") or ()))
    if "key" not in kinds:
        raise ValueError(f"page {grid.page}: no borough column in the table header {grid.header}")
    key = kinds.index("key")
    out = []
    for row in grid.rows:
        rank = 0
        for col, (kind, text) in enumerate(zip(kinds, row.cells)):
            if kind == "local":
                rank += 1
            if col == key or not kind or not text:
                continue
            out.append({"borough_raw": row.cells[key], "priority_kind": kind, "rank": rank if kind == "local" else None,
                        "label_raw": text, "page": grid.page, **period,
                        "cells": boxes(borough_raw=words_to_box(row.cell_words(key), grid.page),
                                       label_raw=words_to_box(row.cell_words(col), grid.page))})
    return out
