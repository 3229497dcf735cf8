"""Read a table from word geometry: anchor rows, column gaps and rules; no fixed coordinates.

A table is found by its content: *anchor* lines (a family's regex, e.g. a line
holding "ASB" or six numbers) are the rows; lines between them are wrapped
parts of cells and join the nearest anchor in the same ruled band. Columns are
the widest white-space gaps shared by every line of the table.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median

from pipeline.extract.layout import Line, Word
from pipeline.normalise.canonical import join_wrapped


@dataclass(frozen=True)
class GridSpec:
    """How to find one table kind on a page (built from a family spec in families/)."""

    anchor: re.Pattern
    max_columns: int
    header_words: frozenset[str] = frozenset()
    caption: re.Pattern | None = None
    stop: re.Pattern | None = None
    min_phrases: int = 2
    gap_factor: float = 0.45


@dataclass
class Row:
    cells: list[str]
    top: float
    words: list[list[Word]] = field(default_factory=list)  # the words of each cell, in reading order

    def cell_words(self, col: int) -> list[Word]:
        """The words that made cell `col` ([] when unknown or out of range)."""
        return self.words[col] if 0 <= col < len(self.words) else []


@dataclass
class Grid:
    """One table read from one page: header text per column, and rows of cell text."""

    page: int
    bounds: list[float]
    header: list[str]
    header_phrases: list[list[tuple[str, float, float]]]
    rows: list[Row] = field(default_factory=list)
    caption: re.Match | None = None
    span: tuple[float, float] = (0.0, 0.0)

    def column_centres(self, x0: float, x1: float) -> list[float]:
        edges = [x0, *self.bounds, x1]
        return [(a + b) / 2 for a, b in zip(edges, edges[1:])]


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^0-9a-z]+", text.lower().replace("high-harm", "highharm")) if t]


def line_to_phrases(line: Line, min_gap: float) -> list[tuple[str, float, float]]:
    """Runs of words closer together than `min_gap`: one phrase per cell on that line."""
    phrases: list[list[Word]] = []
    for w in line.words:
        if phrases and w.x0 - phrases[-1][-1].x1 < min_gap:
            phrases[-1].append(w)
        else:
            phrases.append([w])
    return [(" ".join(w.text for w in p), p[0].x0, p[-1].x1) for p in phrases]


def _is_header(line: Line, vocab: frozenset[str]) -> bool:
    """Whether every word of the line is a heading word (or a year); a line of only a unit ("%)", "(%)") is the
    wrapped end of a heading that states it."""
    toks = _tokens(line.text)
    if not toks:
        return bool(vocab) and bool(re.fullmatch(r"[\s()%*]*%[\s()%*]*", line.text))
    return all(t in vocab or re.fullmatch(r"(19|20)\d\d", t) for t in toks)


NUMBER = re.compile(r"[(+\-\u2212\u2013\u2014]?\d[\d,]*(?:\.\d+)?%?\)?")


def _splits_numbers(lines: list[Line], x0: float, x1: float, min_gap: float) -> bool:
    """Whether a narrow gap [x0, x1] is a column gap: on every line with words on both sides of it, the words
    beside it are two figures (a cell holds one figure, so two side by side are two cells, however close), or
    one figure and a word at least `min_gap` away."""
    seen = False
    for line in lines:
        left = [w for w in line.words if w.x1 <= x0 + 0.01]
        right = [w for w in line.words if w.x0 >= x1 - 0.01]
        if not left or not right:
            continue
        figures = [bool(NUMBER.fullmatch(w.text)) for w in (left[-1], right[0])]
        if not (all(figures) or any(figures) and right[0].x0 - left[-1].x1 >= min_gap):
            return False
        seen = True
    return seen


def _column_gaps(lines: list[Line], min_gap: float, max_columns: int) -> list[float]:
    """Boundaries at the widest gaps left uncovered by every line (at most max_columns - 1); a narrower gap
    counts where it only ever parts figures."""
    spans = sorted((w.x0, w.x1) for line in lines for w in line.words)
    gaps: list[tuple[float, float]] = []
    end = spans[0][1]
    for a, b in spans[1:]:
        if a - end >= min_gap or (a - end > 0.5 and _splits_numbers(lines, end, a, min_gap)):
            gaps.append((a - end, (a + end) / 2))
        end = max(end, b)
    size = median(ln.size for ln in lines)
    ranked = sorted(gaps, key=lambda g: (_joins_words(lines, g[1], 0.7 * size), -g[0]))
    return sorted(mid for _, mid in ranked[: max_columns - 1])


def _joins_words(lines: list[Line], x: float, space: float) -> bool:
    """Whether some line has two words, neither a figure, at most a word space (`space`) apart across x: such a
    gap reads as the space inside a phrase ("Target missed"), so it is the last choice for a column gap."""
    for line in lines:
        for a, b in zip(line.words, line.words[1:]):
            if a.x1 <= x <= b.x0 and b.x0 - a.x1 <= space:
                if not NUMBER.fullmatch(a.text) and not NUMBER.fullmatch(b.text):
                    return True
    return False


def _word_space(lines: list[Line], limit: float) -> float:
    """Median space between words on the same line (gaps narrower than `limit`), or `limit`."""
    gaps = [b.x0 - a.x1 for ln in lines for a, b in zip(ln.words, ln.words[1:]) if 0 < b.x0 - a.x1 < limit]
    return median(gaps) if gaps else limit


def _band(y: float, rules: list[float]) -> int:
    return bisect_left(rules, y)


def _blocks(data: list[Line]) -> list[int]:
    """Block number of each line: a gap clearly wider than the table's tightest line gap starts a block
    (the lines of one wrapped cell sit closer together than the rows do)."""
    gaps = [b.top - a.bottom for a, b in zip(data, data[1:])]
    if not gaps:
        return [0] * len(data)
    tight = max(min(gaps), 0.0)
    height = median(ln.height for ln in data)
    out = [0]
    for g in gaps:
        out.append(out[-1] + (g > max(2 * tight, tight + 0.3 * height)))
    return out


def _assign_rows(data: list[Line], anchors: list[int], ruled: Callable[[], list[float]]) -> dict[int, list[Line]]:
    """Each data line joined to its row's anchor; `ruled` gives the y of the horizontal rules, asked for only when a
    line's block of lines holds no single anchor (reading the page's rules is the costly part)."""
    groups: dict[int, list[Line]] = {i: [] for i in anchors}
    block = _blocks(data)
    rules: list[float] | None = None
    for i, line in enumerate(data):
        if i in groups:
            groups[i].append(line)
            continue
        own = [a for a in anchors if block[a] == block[i]]
        if len(own) == 1:  # the only anchor of its block of lines: the row it wraps in
            groups[own[0]].append(line)
            continue
        if rules is None:
            rules = ruled()
        same_band = [a for a in anchors if _band(data[a].middle, rules) == _band(line.middle, rules)] if rules else []
        pool = same_band or anchors
        best = min(pool, key=lambda a: (abs(data[a].middle - line.middle), a))
        groups[best].append(line)
    return groups


def _extents(data: list[Line], bounds: list[float]) -> list[tuple[float, float]]:
    """The x-range the data words of each column cover."""
    spans: list[list[float]] = [[] for _ in range(len(bounds) + 1)]
    for line in data:
        for w in line.words:
            spans[bisect_left(bounds, w.centre)] += [w.x0, w.x1]
    return [(min(s), max(s)) if s else (0.0, 0.0) for s in spans]


def _aligned_phrases(line: Line, min_gap: float, extents: list[tuple[float, float]],
                     tolerance: float = 1.0) -> list[tuple[str, float, float]]:
    """A header line's phrases (line_to_phrases), also split before a word that starts where a column's data
    starts and after one that ends where a column's data ends: headings set close together, each aligned with
    its own column, are separate headings however narrow the gap between them."""
    starts = [a for a, b in extents if b > a]
    ends = [b for a, b in extents if b > a]
    phrases: list[list[Word]] = []
    for w in line.words:
        prev = phrases[-1][-1] if phrases else None
        joined = prev is not None and w.x0 - prev.x1 < min_gap
        if joined and (any(abs(w.x0 - a) <= tolerance for a in starts)
                       or any(abs(prev.x1 - b) <= tolerance for b in ends)):
            joined = False
        if joined:
            phrases[-1].append(w)
        else:
            phrases.append([w])
    return [(" ".join(w.text for w in p), p[0].x0, p[-1].x1) for p in phrases]


def _header_cells(header: list[Line], data: list[Line], bounds: list[float], min_gap: float) -> list[str]:
    """Header text of each column: a header phrase belongs to every column whose data it spans
    (a spanning heading such as "Local Priorities" heads both its columns), else to the column
    holding its centre."""
    extents = _extents(data, bounds)
    parts: list[list[str]] = [[] for _ in extents]
    for line in sorted(header, key=lambda ln: ln.middle):
        for text, x0, x1 in _aligned_phrases(line, min_gap, extents):
            cols = [c for c, (a, b) in enumerate(extents)
                    if b > a and min(x1, b) - max(x0, a) > 0.25 * min(x1 - x0, b - a)]
            for c in cols or [bisect_left(bounds, (x0 + x1) / 2)]:
                parts[c].append(text)
    return [" ".join(p) for p in parts]


def _cells(lines: list[Line], bounds: list[float]) -> tuple[list[str], list[list[Word]]]:
    """Text of each cell of a row (wrapped lines joined) and the words that made it."""
    parts: list[list[str]] = [[] for _ in range(len(bounds) + 1)]
    words: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
    for line in sorted(lines, key=lambda ln: ln.middle):
        per_col: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
        for w in line.words:
            per_col[bisect_left(bounds, w.centre)].append(w)
        for c, ws in enumerate(per_col):
            if ws:
                parts[c].append(" ".join(w.text for w in ws))
                words[c].extend(ws)
    return [join_wrapped(p) for p in parts], words


def _region(lines: list[Line], spec: GridSpec, min_gap: float) -> tuple[int, int, int, list[int], re.Match | None]:
    """(start, end, header_start, anchor indexes) of the table on this page, or end == -1."""
    first = 0
    caption = None
    if spec.caption is not None:
        for i, line in enumerate(lines):
            m = spec.caption.search(line.text)
            if m:
                first, caption = i + 1, m
                break
    anchors = [i for i in range(first, len(lines))
               if spec.anchor.search(lines[i].text) and len(line_to_phrases(lines[i], min_gap)) >= spec.min_phrases]
    if not anchors:
        return 0, -1, 0, [], caption
    # stop at the first gap between anchors that holds a caption-like stop line
    if spec.stop is not None:
        for a, b in zip(anchors, anchors[1:]):
            if any(spec.stop.search(lines[k].text) for k in range(a + 1, b)):
                anchors = [x for x in anchors if x <= a]
                break
    lead = anchors[0]
    header_start = lead
    k = anchors[0] - 1
    skipped = 0
    while k >= first:
        if spec.header_words and _is_header(lines[k], spec.header_words):
            header_start = k
        elif header_start == lead and skipped < 3 and (lines[lead].top - lines[k].bottom) < 3 * lines[lead].height:
            skipped += 1
        else:
            break
        k -= 1
    start = lead
    if header_start < lead:
        start = max(i for i in range(header_start, lead) if _is_header(lines[i], spec.header_words)) + 1
    elif skipped:
        start = lead - skipped
    end = anchors[-1]
    while end + 1 < len(lines):
        nxt, cur = lines[end + 1], lines[end]
        if spec.stop is not None and spec.stop.search(nxt.text):
            break
        if nxt.top - cur.bottom > 0.6 * cur.height:
            break
        end += 1
    return start, end, header_start, [a - start for a in anchors], caption


def _trailing(lines: list[Line], start: int, last: int, end: int, min_gap: float, max_columns: int) -> int:
    """The end of the table: lines after its last row belong to it (a wrapped cell's tail) until one has a word
    across a column gap of the rows (a paragraph or another table set close below)."""
    rows = lines[start:last + 1]
    bounds = _column_gaps(rows, min(min_gap, 1.15 * _word_space(rows, min_gap)), max_columns)
    k = last
    while k < end and not any(w.x0 < b < w.x1 for w in lines[k + 1].words for b in bounds):
        k += 1
    return k


def lines_to_grid(lines: list[Line], rules: Callable[[float, float], list[float]], spec: GridSpec,
                  page: int) -> Grid | None:
    """The table of `spec` on one page, or None when the page holds no anchor row."""
    if not lines:
        return None
    min_gap = spec.gap_factor * median(ln.size for ln in lines)
    start, end, header_start, anchors, caption = _region(lines, spec, min_gap)
    if end < 0:
        return None
    end = _trailing(lines, start, start + anchors[-1], end, min_gap, spec.max_columns)
    data = lines[start:end + 1]
    bounds = _column_gaps(data, min(min_gap, 1.15 * _word_space(data, min_gap)), spec.max_columns)
    header_lines = [ln for ln in lines[header_start:start] if _is_header(ln, spec.header_words)]
    header = _header_cells(header_lines, data, bounds, min_gap) if header_lines else [""] * (len(bounds) + 1)
    top = min([ln.top for ln in header_lines] + [data[0].top])
    grid = Grid(page, bounds, header, [line_to_phrases(ln, min_gap) for ln in header_lines], caption=caption,
                span=(top, data[-1].bottom))
    x0 = min(w.x0 for ln in data for w in ln.words)
    x1 = max(w.x1 for ln in data for w in ln.words)
    groups = _assign_rows(data, anchors, lambda: rules(x0, x1))
    for a in anchors:
        texts, words = _cells(groups[a], bounds)
        grid.rows.append(Row(texts, data[a].top, words))
    return grid
