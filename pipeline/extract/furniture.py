"""Running headers and footers: lines repeated at the top or bottom of most pages (digits folded)."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.layout import Line


def line_shape(line: Line) -> str:
    """A line's text with its digits folded, so "Page 3" and "Page 4" are the same running footer."""
    return re.sub(r"\d+", "#", line.text.strip())


def repeated_shapes(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines (digits folded) found on most pages: candidates for running headers and footers."""
    if len(pages) < 2:
        return set()
    counts: Counter = Counter()
    for page in pages:
        counts.update({line_shape(ln) for ln in page})
    return {t for t, n in counts.items() if n >= max(2, len(pages) // 2 + 1)}


def _edges(page: list[Line], shapes: set[str]) -> set[int]:
    """Indexes of the page's leading and trailing lines whose shapes are in `shapes` (in reading order)."""
    order = sorted(range(len(page)), key=lambda i: page[i].top)
    out: set[int] = set()
    for run in (order, order[::-1]):
        for i in run:
            if line_shape(page[i]) not in shapes:
                break
            out.add(i)
    return out


def _inner(page: list[Line], shapes: set[str]) -> list[tuple[int, Line]]:
    """The page's lines (with their indexes) that are not among its leading or trailing `shapes`."""
    edges = _edges(page, shapes)
    return [(i, ln) for i, ln in enumerate(page) if i not in edges]


def running_shapes(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines found on most pages and, on every page that holds them, only above or below all else."""
    shapes = repeated_shapes(pages)
    while True:  # a shape found away from the edges on some page is not running; that may shrink other edges
        inner = {line_shape(ln) for page in pages for i, ln in _inner(page, shapes)}
        if not shapes & inner:
            return shapes
        shapes -= inner


def without_running(pages: list[list[Line]]) -> list[list[Line]]:
    """Every page's lines less its running headers and footers."""
    shapes = running_shapes(pages)
    if not shapes:
        return pages
    return [[ln for _, ln in _inner(page, shapes)] for page in pages]
