"""Running headers and footers: lines repeated at the top or bottom of most pages (digits folded)."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.layout import Line


DIGITS = re.compile(r"\d+")


def line_shape(line: Line) -> str:
    """A line's text with its digits folded, so "Page 3" and "Page 4" are the same running footer."""
    return DIGITS.sub("#", line.text.strip())


def page_shapes(pages: list[list[Line]]) -> list[list[str]]:
    """Each page's line shapes, in the page's order."""
    return [[line_shape(ln) for ln in page] for page in pages]


def repeated_shapes(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines (digits folded) found on most pages: candidates for running headers and footers."""
    return repeated_among(page_shapes(pages))


def repeated_among(shaped: list[list[str]]) -> set[str]:
    """repeated_shapes given each page's line shapes (page_shapes)."""
    if len(shaped) < 2:
        return set()
    counts: Counter = Counter()
    for page in shaped:
        counts.update(set(page))
    return {t for t, n in counts.items() if n >= max(2, len(shaped) // 2 + 1)}


def _edges(page: list[Line], shapes: set[str], shaped: list[str]) -> set[int]:
    """Indexes of the page's leading and trailing lines whose shapes (`shaped`, per line) are in `shapes` (in
    reading order)."""
    order = sorted(range(len(page)), key=lambda i: page[i].top)
    out: set[int] = set()
    for run in (order, order[::-1]):
        for i in run:
            if shaped[i] not in shapes:
                break
            out.add(i)
    return out


def _running(pages: list[list[Line]], shaped: list[list[str]]) -> set[str]:
    """running_shapes given each page's line shapes."""
    shapes = repeated_among(shaped)
    while True:  # a shape found away from the edges on some page is not running; that may shrink other edges
        inner = set()  # (a page that also holds it at an edge, e.g. a running header above a contact of that name,
        for page, own in zip(pages, shaped):  # does not count)
            edges = _edges(page, shapes, own)
            at_edge = {own[i] for i in edges}
            inner |= {own[i] for i in range(len(page)) if i not in edges} - at_edge
        if not shapes & inner:
            return shapes
        shapes -= inner


def running_shapes(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines found on most pages and, on every page that holds them, only above or below all else."""
    return _running(pages, page_shapes(pages))


def without_running(pages: list[list[Line]]) -> list[list[Line]]:
    """Every page's lines less its running headers and footers."""
    shaped = page_shapes(pages)
    shapes = _running(pages, shaped)
    if not shapes:
        return pages
    return [[ln for i, ln in enumerate(page) if i not in edges]
            for page, own in zip(pages, shaped) for edges in [_edges(page, shapes, own)]]
