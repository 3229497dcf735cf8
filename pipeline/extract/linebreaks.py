"""Whether a line ended where its text ended, or was wrapped: a deliberate break starts a new item or paragraph.

A line is wrapped when the next line's first word would not have fitted after it (before the text's right
edge); when it would have fitted, the line was ended on purpose (an item or paragraph ended there). This
reads lists and paragraphs whose bullets are drawn as shapes, not glyphs (HTML printed by a browser), and
paragraphs set with no space between them. A change of type size between two lines ends a paragraph too, and
so does a line set further below the one before it than the page's usual line pitch for its size (list items
with a little space between them, their bullets drawn as shapes).
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


def _bucket(line: Line) -> float:
    return round(line.size * 2) / 2


def usual_pitches(lines: list[Line]) -> dict[float, float]:
    """Per type size, the page's usual distance from one line's top to the next's (its closest wrapped lines)."""
    out: dict[float, float] = {}
    buckets = [_bucket(ln) for ln in lines]
    for a, b, size_a, size_b in zip(lines, lines[1:], buckets, buckets[1:]):
        pitch = b.top - a.top
        if size_a == size_b and 0 < pitch < 2.5 * a.size:
            out[size_a] = min(out.get(size_a, pitch), pitch)
    return out


def spaced_apart(a: Line, b: Line, pitches: dict[float, float]) -> bool:
    """True when `b` lies further below `a` than the usual pitch of their size (by a fifth of the size or more)."""
    usual = pitches.get(_bucket(a))
    return usual is not None and _bucket(a) == _bucket(b) and b.top - a.top > usual + 0.2 * a.size
