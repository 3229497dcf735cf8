"""Whether a line ended where its text ended, or was wrapped: a deliberate break starts a new item or paragraph.

A line is wrapped when the next line's first word would not have fitted after it (before the text's right
edge); when it would have fitted, the line was ended on purpose (an item or paragraph ended there). This
reads lists and paragraphs whose bullets are drawn as shapes, not glyphs (HTML printed by a browser), and
paragraphs set with no space between them. A change of type size between two lines ends a paragraph too.
"""
from __future__ import annotations

from pipeline.extract.layout import Line

TOLERANCE = 1.0  # points: rounding of glyph boxes


def right_edge(lines: list[Line]) -> float:
    """The right edge of a page's text: where its longest line ends."""
    return max((ln.words[-1].x1 for ln in lines if ln.words), default=0.0)


def _space(a: Line, b: Line) -> float:
    """The width of a space in these lines: their narrowest gap between words, else a quarter of the size."""
    gaps = [w2.x0 - w1.x1 for ln in (a, b) for w1, w2 in zip(ln.words, ln.words[1:]) if w2.x0 > w1.x1]
    return min(gaps) if gaps else 0.25 * a.size


def ended_on_purpose(a: Line, b: Line, right: float) -> bool:
    """True when `b`'s first word would have fitted on `a` before `right`: `a` was ended, not wrapped."""
    if not a.words or not b.words or right <= 0 or a.text.rstrip().endswith(("-", "\u2010", "/")):
        return False
    first = b.words[0]
    return a.words[-1].x1 + _space(a, b) + (first.x1 - first.x0) < right - TOLERANCE


def size_changes(a: Line, b: Line) -> bool:
    """True when the two lines are set in clearly different sizes (a heading above its paragraph)."""
    return abs(a.size - b.size) > 0.08 * max(a.size, b.size)
