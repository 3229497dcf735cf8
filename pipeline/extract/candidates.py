"""Candidate readings of one table, cheapest first: each a name and a lazy function giving `list[Grid]`.

The geometry reader (pipeline.extract.grid) comes first, then the same rows under other hypotheses
(header cells by their centres, columns at the page's vertical rules), then other readers: pdfplumber's
table finder (ruling lines, then text alignment) and camelot's lattice, stream, network and hybrid
flavours. A candidate runs only when asked for (pipeline.extract.choose asks in order and stops at the
first that verifies), so the slow readers never run on a table the geometry reader reads. Every Grid
carries the page's own Word objects per cell, so cell boxes, accounting and `explain` work for any reader.
A reader that fails on a page gives no reading for that page, never an exception.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from statistics import median

from pipeline.extract.families import table_to_gridspec
from pipeline.extract.grid import Grid, GridSpec, Row, line_to_phrases, lines_to_grid
from pipeline.extract.lattice import _rows as camelot_rows
from pipeline.extract.lattice import table_to_grid
from pipeline.extract.layout import Line, Page, Word, horizontal_rules, words_to_lines
from pipeline.normalise.canonical import join_wrapped

CAMELOT_FLAVORS = ("lattice", "stream", "network", "hybrid")
PLUMBER_STRATEGIES = ("lines", "text")
MAX_HEADER_LINES = 4  # header lines read above a table's first row by the header hypothesis
MIN_RULE_COVER = 0.8  # a vertical rule bounds columns when it runs down this share of the table's rows


@dataclass(frozen=True)
class Candidate:
    """One way of reading a table: its name and a function that reads it (called at most once)."""

    name: str
    read: Callable[[], list[Grid] | None]  # None: the hypothesis reads nothing different here


@dataclass(frozen=True)
class TablePages:
    """What every candidate reads from: the PDF, its pages and lines, and the table's spec."""

    path: Path
    views: list[Page]  # each page's geometry (edges, size)
    pages: list[list[Line]]  # each page's lines, running headers and footers left out
    table: dict

    @property
    def spec(self) -> GridSpec:
        return table_to_gridspec(self.table)

    def numbers(self) -> list[int]:
        """Pages (1-based) with a line that matches the table's anchor or caption."""
        return [i + 1 for i, lines in enumerate(self.pages) if holds_table([self.table], [ln.text for ln in lines])]


def holds_table(tables: list[dict], lines: list[str]) -> bool:
    """Whether any line matches the anchor or caption of one of `tables` (anchors are case-sensitive)."""
    specs = [table_to_gridspec(t) for t in tables]
    patterns: list[re.Pattern] = [p for s in specs for p in (s.anchor, s.caption) if p is not None]
    return any(p.search(line) for p in patterns for line in lines)


def table_candidates(src: TablePages) -> list[Candidate]:
    """The candidate readings of one table, cheapest first."""
    geometry = cache(lambda: _geometry(src))
    copies = lambda: [replace(g) for g in geometry()]  # noqa: E731  (readers reassign a grid's header)
    out = [Candidate("geometry", copies),
           Candidate("geometry, header words by centre", lambda: _by_centre(src, geometry())),
           Candidate("geometry, columns at vertical rules", lambda: _at_rules(src, geometry())),
           Candidate("geometry, camelot lattice where it finds none", lambda: _mixed(src, geometry()))]
    out += [Candidate(f"pdfplumber {s}", lambda s=s: _plumber(src, s)) for s in PLUMBER_STRATEGIES]
    out += [Candidate(f"camelot {f}", lambda f=f: _camelot(src, f)) for f in CAMELOT_FLAVORS]
    return out


# the geometry reader and its other hypotheses ------------------------------------------------------------

def _geometry(src: TablePages) -> list[Grid]:
    """The geometry reader's grid on every page that holds the table (pages where it finds none are left out)."""
    out = []
    for n in src.numbers():
        view = src.views[n - 1]
        grid = lines_to_grid(src.pages[n - 1], lambda a, b, v=view: horizontal_rules(v, a, b), src.spec, n)
        if grid is not None and grid.rows:
            out.append(grid)
    return out


def _mixed(src: TablePages, geometry: list[Grid]) -> list[Grid] | None:
    """Geometry grids, and camelot's lattice grids on the pages where geometry found none ([] when it missed none)."""
    found = {g.page for g in geometry}
    missed = [n for n in src.numbers() if n not in found]
    if not missed or not geometry:
        return None
    extra = {n: _camelot_page(src, n, "lattice") for n in missed}
    return sorted([replace(g) for g in geometry] + [g for grids in extra.values() for g in grids], key=lambda g: g.page)


def _cell_text(words: list[Word]) -> str:
    """A cell's text from its words: its lines top to bottom, wraps joined."""
    return join_wrapped([ln.text for ln in words_to_lines(words)]) if words else ""


def _regrid(grid: Grid, bounds: list[float], header: list[str]) -> Grid:
    """The grid's rows with their words put in the columns of `bounds`, under `header`."""
    rows = []
    for row in grid.rows:
        cells: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
        for w in sorted((w for ws in row.words for w in ws), key=lambda w: (w.top, w.x0)):
            cells[bisect_left(bounds, w.centre)].append(w)
        rows.append(Row([_cell_text(ws) for ws in cells], row.top, cells))
    return Grid(grid.page, list(bounds), header, grid.header_phrases, rows, grid.caption, grid.span)


def _header_block(lines: list[Line], first: float, top: float, spec: GridSpec) -> list[Line]:
    """The header lines above a table's first row: those the geometry reader took (from `top`), and the block of
    lines set tight above the first row (at most MAX_HEADER_LINES, no row among them) even where their words are
    not header words, e.g. glyphs of neighbouring headings run together ("MandatorMyandatory")."""
    above = sorted((ln for ln in lines if ln.bottom <= first + 0.5), key=lambda ln: ln.top)
    block: list[Line] = []
    for ln in reversed(above):
        edge = block[-1].top if block else first
        if len(block) >= MAX_HEADER_LINES or spec.anchor.search(ln.text) or edge - ln.bottom > ln.height:
            break
        block.append(ln)
    return [ln for ln in above if ln.middle >= top - 0.5 or ln in block]


def _by_centre(src: TablePages, geometry: list[Grid]) -> list[Grid] | None:
    """The geometry grids with each header word heading the column holding its centre (not every column its
    phrase overlaps), the header being the lines set tight above the first row: a heading that overflows into
    its neighbour's ("Mandatory Mandatory") names one column, and a header line of run-together glyphs counts."""
    out = []
    changed = False
    for g in geometry:
        first = min(r.top for r in g.rows)
        lines = src.pages[g.page - 1]
        header = _header_block(lines, first, g.span[0] if g.header_phrases else first, src.spec)
        parts: list[list[str]] = [[] for _ in range(len(g.bounds) + 1)]
        for ln in header:
            for w in ln.words:
                parts[bisect_left(g.bounds, w.centre)].append(w.text)
        texts = [" ".join(p) for p in parts]
        changed |= texts != g.header
        min_gap = src.spec.gap_factor * median(ln.size for ln in lines)
        top = min([ln.top for ln in header] + [g.span[0]])
        out.append(Grid(g.page, list(g.bounds), texts, [line_to_phrases(ln, min_gap) for ln in header],
                        list(g.rows), g.caption, (top, g.span[1])))
    return out if changed else None


def _vertical_rules(view: Page, top: float, bottom: float, x0: float, x1: float) -> list[float]:
    """x of vertical rules strictly inside [x0, x1] that run down most of [top, bottom] (merged within 1.5 pt)."""
    cover: dict[float, float] = {}
    for e in view.edges:
        if e.get("orientation") != "v" or not x0 < float(e["x0"]) < x1:
            continue
        x = round(float(e["x0"]) * 2) / 2
        cover[x] = cover.get(x, 0.0) + max(0.0, min(float(e["bottom"]), bottom) - max(float(e["top"]), top))
    xs: list[float] = []
    for x in sorted(x for x, c in cover.items() if c >= MIN_RULE_COVER * (bottom - top)):
        if not xs or x - xs[-1] > 1.5:
            xs.append(x)
    return xs


def _at_rules(src: TablePages, geometry: list[Grid]) -> list[Grid] | None:
    """The geometry grids with columns bounded by the page's vertical rules, where a page has them."""
    out, changed = [], False
    for g in geometry:
        words = [w for r in g.rows for ws in r.words for w in ws]
        if not words:
            return None
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        rules = _vertical_rules(src.views[g.page - 1], top, bottom, min(w.x0 for w in words), max(w.x1 for w in words))
        if not rules or len(rules) + 1 > src.spec.max_columns:
            out.append(replace(g))
            continue
        parts: list[list[str]] = [[] for _ in range(len(rules) + 1)]
        for line in g.header_phrases:
            for text, x0, x1 in line:
                cols = {bisect_left(rules, x0 + 0.01), bisect_left(rules, x1 - 0.01)}
                for c in range(min(cols), max(cols) + 1):
                    parts[c].append(text)  # a heading over several ruled columns heads each of them
        header = [" ".join(p) for p in parts]
        changed |= rules != g.bounds
        out.append(_regrid(g, rules, header))
    return out if changed else None


# other readers: their cells, mapped to the page's own words ----------------------------------------------

def _inside(w: Word, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return x0 <= w.centre <= x1 and top <= w.middle <= bottom


def _boxed_grid(src: TablePages, page: int, texts: list[list[str]],
                boxes: list[list[tuple[float, float, float, float] | None]]) -> Grid | None:
    """A reader's table (cell texts and boxes, top-based) as a Grid whose cells hold the page's words."""
    lines = src.pages[page - 1]
    words = [w for ln in lines for w in ln.words]
    cell_words = [[[w for w in words if _inside(w, b)] if b else [] for b in row] for row in boxes]
    grid = table_to_grid(texts, src.spec, page, lines, cell_words)
    if grid is None or not grid.rows:
        return None
    table_words = [w for row in cell_words for ws in row for w in ws]
    return _placed(grid, lines, boxes, table_words, src.spec)


def _placed(grid: Grid, lines: list[Line], boxes: list[list[tuple[float, float, float, float] | None]],
            table_words: list[Word], spec: GridSpec) -> Grid:
    """The grid placed on its page as the geometry reader places its own: rows at their words' tops, column
    bounds in points (the cells' right edges), its region from the top of the words it read to the bottom of its
    last row, and the page's lines in that region above the first row as its header lines, so that accounting
    checks every word of the region."""
    rows = [Row(r.cells, min((w.top for ws in r.words for w in ws), default=r.top), r.words) for r in grid.rows]
    row_words = [w for r in rows for ws in r.words for w in ws]
    if not row_words:
        return grid
    first = min(r.top for r in rows if any(r.words))
    top = min([w.top for w in table_words if w.bottom <= first + 0.5] + [first])
    width = len(grid.header)
    full = next((row for row in boxes if len(row) == width and all(row)), None)
    bounds = [float(b[2]) for b in full[:-1]] if full else grid.bounds
    min_gap = spec.gap_factor * median(ln.size for ln in lines)
    # a line above the first row that is a row of the table is no header line: accounting finds it unread
    header = [ln for ln in lines if top - 0.5 <= ln.middle and ln.bottom <= first + 0.5
              and not spec.anchor.search(ln.text)]
    phrases = [line_to_phrases(ln, min_gap) for ln in header] if full else grid.header_phrases
    return Grid(grid.page, bounds, grid.header, phrases, rows, grid.caption, (top, max(w.bottom for w in row_words)))


@contextlib.contextmanager
def _quiet():
    """Silence a third-party reader's warnings, log lines and prints."""
    logging.getLogger("camelot").setLevel(logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


def _plumber(src: TablePages, strategy: str) -> list[Grid]:
    """pdfplumber's table finder on each page of the table (its own parse of the page, opened only now)."""
    import pdfplumber

    settings = {"vertical_strategy": strategy, "horizontal_strategy": strategy}
    out = []
    try:
        with _quiet(), pdfplumber.open(src.path) as pdf:
            for n in src.numbers():
                try:
                    tables = pdf.pages[n - 1].find_tables(settings)
                    for t in tables:
                        texts = [[c or "" for c in row] for row in t.extract()]
                        texts = [[join_wrapped(c.split("\n")) for c in row] for row in texts]
                        grid = _boxed_grid(src, n, texts, [list(r.cells) for r in t.rows])
                        if grid is not None and grid.rows:
                            out.append(grid)
                except Exception:  # noqa: BLE001  (a reader's failure on a page is no reading of that page)
                    continue
    except Exception:  # noqa: BLE001
        return []
    return out


def _camelot_page(src: TablePages, page: int, flavor: str) -> list[Grid]:
    """Grids camelot's `flavor` reads on one page; [] when it finds none or fails."""
    import camelot

    height = float(src.views[page - 1].height)
    try:
        with _quiet():
            tables = camelot.read_pdf(str(src.path), pages=str(page), flavor=flavor, suppress_stdout=True)
    except Exception:  # noqa: BLE001  (a reader's failure is no reading, never a stop)
        return []
    out = []
    for t in tables:
        boxes = [[(c.x1, height - c.y2, c.x2, height - c.y1) for c in row] for row in t.cells]
        grid = _boxed_grid(src, page, camelot_rows(t), boxes)
        if grid is not None and grid.rows:
            out.append(grid)
    return out


def _camelot(src: TablePages, flavor: str) -> list[Grid]:
    """camelot's `flavor` on each page of the table, one page at a time."""
    return [g for n in src.numbers() for g in _camelot_page(src, n, flavor)]
