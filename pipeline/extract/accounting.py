"""Every word in a table's region accounted for: header, data cell, wrapped part of a cell, total row, or a rule.

A table's region is the vertical span its grid covers on the page (header to last row). Where the
records carry cell boxes (INTERFACES.md, interface 1) a data word counts as assigned only when it lies
in the box of a field some record read; otherwise the grid's own rows are the assignment. Words the
family spec's `not_data` rules explain (e.g. the "offences or" wording of a change cell) are counted
by rule; anything else stops the build with one line naming the page and the words. Each row the grid
found must also have given a record with its key (every borough printed in the key column is a row).
"""
from __future__ import annotations

import re

from pipeline.errors import BadInput
from pipeline.extract.grid import Grid
from pipeline.extract.layout import Line, Word

TOLERANCE = 0.6


Reach = tuple[float, float, float, float, dict, bool]  # a box widened by TOLERANCE: x0, x1, top, bottom, box, total


def _reaches(boxes: list[tuple[dict, bool]]) -> list[Reach]:
    """Each box widened by TOLERANCE once (a word is in a box when its centre lies within these), in order."""
    return [(b["x0"] - TOLERANCE, b["x1"] + TOLERANCE, b["top"] - TOLERANCE, b["bottom"] + TOLERANCE, b, t)
            for b, t in boxes]


def _hit(w: Word, reaches: list[Reach]) -> tuple[dict, bool] | None:
    """The first box (and its total flag) that holds the word's centre; None when none does."""
    cx, cy = w.centre, (w.top + w.bottom) / 2
    for x0, x1, top, bottom, box, total in reaches:
        if x0 <= cx <= x1 and top <= cy <= bottom:
            return box, total
    return None


def _boxes(records: list[dict], page: int) -> list[tuple[dict, bool]]:
    """(box, from a total row) of every field of every record read on this page."""
    out = []
    for r in records:
        for box in (r.get("cells") or {}).values():
            if box and box.get("page") == page and "x0" in box:
                out.append((box, bool(r.get("is_total"))))
    return out


def _region(lines: list[Line], grid: Grid) -> list[Line]:
    top, bottom = grid.span
    return [ln for ln in lines if top - TOLERANCE <= ln.middle <= bottom + TOLERANCE]


def _rule(word: str, rules: list[dict]) -> str:
    """Id of the first not_data rule that explains this word, or ""."""
    return next((r["id"] for r in rules if re.fullmatch(r["pattern"], word, re.IGNORECASE)), "")


def _header_texts(grid: Grid) -> set[str]:
    """The text of each header line the grid read."""
    return {" ".join(" ".join(t for t, _, _ in phrases).split()) for phrases in grid.header_phrases}


def _count(counts: dict, key: str, n: int = 1) -> None:
    counts[key] = counts.get(key, 0) + n


def _first_row(grid: Grid) -> float:
    """The top of the grid's first row: its rows' tops and their words' tops."""
    return min([r.top for r in grid.rows] + [w.top for r in grid.rows for ws in r.words for w in ws])


def _classify(line: Line, w: Word, header_bottom: float, headers: set[str], reaches: list[Reach] | None,
              rules: list[dict], anchors: set[float]) -> str:
    """header / cell / wrapped / total / rule:<id> / left for one word of the region (`header_bottom`: the first
    row's top plus TOLERANCE; `reaches`: the record boxes near its line, None when the records carry no boxes)."""
    if line.bottom <= header_bottom:
        if " ".join(line.text.split()) in headers:
            return "header"
        rule = _rule(w.text, rules)
        return f"rule:{rule}" if rule else "left"
    if reaches is not None:
        hit = _hit(w, reaches)
        if hit is not None:
            box, total = hit
            if total:
                return "total"
            return "wrapped" if w.top > box["top"] + 0.5 * (w.bottom - w.top) else "cell"
        rule = _rule(w.text, rules)
        return f"rule:{rule}" if rule else "left"
    return "cell" if any(abs(line.top - a) < TOLERANCE for a in anchors) else "wrapped"


def _check_keys(name: str, resource: str, grid: Grid, records: list[dict], key: str) -> int:
    """Every row of the grid gave a record with its printed key; returns the number of keys."""
    keys = {" ".join(str(r.get(key, "")).split()) for r in records if r.get("page") == grid.page}
    for row in grid.rows:
        cells = {" ".join(c.split()) for c in row.cells}
        if not cells & keys and not any(k and k in " ".join(row.cells) for k in keys):
            raise BadInput(name, f"page {grid.page}: the {resource} table has a row that gave no record: "
                                 f"{' | '.join(row.cells)[:120]!r}", "check the table's reader and family spec",
                           "table_unread")
    return len(grid.rows)


def account_table(name: str, table: dict, grids: list[Grid], records: list[dict],
                  pages: list[list[Line]]) -> list[dict]:
    """Coverage of one table spec, one entry per grid; BadInput when a word or a row is left unread."""
    rules = list(table.get("not_data") or [])
    out = []
    for grid in grids:
        counts: dict = {}
        keys = _check_keys(name, table["resource"], grid, records, table.get("key", "borough_raw"))
        if grid.span == (0.0, 0.0):  # camelot's lattice grid: its cells are the region
            n = sum(len(c.split()) for row in grid.rows for c in row.cells)
            counts = {"cell": n, "header": sum(len(h.split()) for h in grid.header)}
        else:
            boxes = _boxes(records, grid.page)
            anchors = {r.top for r in grid.rows}
            header_bottom, headers = _first_row(grid) + TOLERANCE, _header_texts(grid)
            reaches = _reaches(boxes)
            left = []
            for line in _region(pages[grid.page - 1], grid):
                # only boxes that reach the line's height can hold one of its words' centres
                top, bottom = line.top, line.bottom
                near = [r for r in reaches if r[2] <= bottom and r[3] >= top] if reaches else None
                for w in line.words:
                    kind = _classify(line, w, header_bottom, headers, near, rules, anchors)
                    _count(counts, kind)
                    if kind == "left":
                        left.append(w.text)
            if left:
                raise BadInput(name, f"page {grid.page}: the {table['resource']} table holds words that are neither "
                                     f"read nor explained by a rule: {' '.join(left)[:120]!r}",
                               "add a not_data rule (or fix the reader) in its family spec", "table_unread")
        assigned = sum(counts.get(k, 0) for k in ("cell", "wrapped", "total"))
        explained = {k[5:]: v for k, v in counts.items() if k.startswith("rule:")}
        out.append({"resource": table["resource"], "page": grid.page, "rows": len(grid.rows), "keys": keys,
                    "words": sum(counts.values()), "assigned": assigned,
                    "assigned_detail": {k: counts.get(k, 0) for k in ("cell", "wrapped", "total")},
                    "explained": counts.get("header", 0) + sum(explained.values()),
                    "explained_detail": {"header": counts.get("header", 0), **dict(sorted(explained.items()))},
                    "boxes": bool(grid.span != (0.0, 0.0) and _boxes(records, grid.page)), "left_over": 0})
    return out
