"""Second reader for ruled grids: camelot's lattice finder, used where the geometry reader finds no table.

camelot reads the ruling lines of a page (slow: about a quarter of a second a page), so it only runs on
pages that hold a table of the family (an anchor or caption of its tables) and where pipeline.extract.grid
found none.
"""
from __future__ import annotations

import logging
import warnings
from pathlib import Path

from pipeline.extract.grid import Grid, GridSpec, Row
from pipeline.extract.layout import Line, Word
from pipeline.normalise.canonical import join_wrapped


def _rows(table) -> list[list[str]]:
    return [[join_wrapped(str(cell).split("\n")) for cell in row] for row in table.df.values.tolist()]


def _cell_words(table, lines: list[Line], height: float) -> list[list[list[Word]]]:
    """The page's words inside each camelot cell (camelot's y runs up from the page's bottom)."""
    words = [w for ln in lines for w in ln.words]
    out = []
    for row in table.cells:
        out.append([[w for w in words if c.x1 <= w.centre <= c.x2 and height - c.y2 <= w.middle <= height - c.y1]
                    for c in row])
    return out


def table_to_grid(rows: list[list[str]], spec: GridSpec, page: int, lines: list[Line],
                  words: list[list[list[Word]]] | None = None) -> Grid | None:
    """A camelot table as a Grid: header rows above the first anchor row, data rows from it on."""
    anchors = [i for i, r in enumerate(rows) if spec.anchor.search(" ".join(r))]
    if not anchors:
        return None
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    head = rows[: anchors[0]]
    header = [" ".join(h[c] for h in head if h[c]) for c in range(width)]
    phrases = [[(text, float(c), float(c + 1)) for c, text in enumerate(h) if text] for h in head]
    caption = None
    if spec.caption is not None:
        caption = next((m for ln in lines if (m := spec.caption.search(ln.text))), None)
    words = words or [[] for _ in rows]
    data = [Row(r, float(i), list(words[k]) if k < len(words) else [])
            for i, (k, r) in enumerate(list(enumerate(rows))[anchors[0]: anchors[-1] + 1]) if any(r)]
    return Grid(page, [float(c) for c in range(1, width)], header, phrases, data, caption=caption)


def page_to_grids(path: Path, page: int, spec: GridSpec, lines: list[Line], height: float = 0.0) -> list[Grid]:
    """Grids camelot's lattice finder reads on one page (1-based) of a PDF; [] when it finds none."""
    import camelot

    logging.getLogger("camelot").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tables = camelot.read_pdf(str(path), pages=str(page), flavor="lattice")
        except Exception:  # noqa: BLE001  (a second reader's failure leaves the first reader's verdict)
            return []
    grids = [table_to_grid(_rows(t), spec, page, lines, _cell_words(t, lines, height) if height else None)
             for t in tables]
    return [g for g in grids if g is not None and g.rows]
