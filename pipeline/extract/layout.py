"""Page geometry from pdfplumber: words grouped into visual lines, and horizontal rules."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from statistics import median

import pdfplumber.page


@dataclass(slots=True, unsafe_hash=True)  # never changed once made; not frozen, which makes __init__ 4x slower
class Word:
    """A word as printed: its text and box (points from the page's top-left), and its font size (0 if unknown)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @cached_property  # a line's words never change: each measure is worked out once, kept in the line
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @cached_property
    def height(self) -> float:
        return median(w.bottom - w.top for w in self.words)

    @cached_property
    def size(self) -> float:
        """Font size of the line (its words' median), or its height when sizes are unknown."""
        return median(w.size or (w.bottom - w.top) for w in self.words)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


X_TOLERANCE, Y_TOLERANCE = 1.5, 2


def page_to_words(page: pdfplumber.page.Page) -> list[Word]:
    """Words of a page in reading order (pdfplumber's word grouping; a pdfium page groups its own chars alike)."""
    own = getattr(page, "words", None)
    if callable(own):
        return own(X_TOLERANCE, Y_TOLERANCE)
    raw = page.extract_words(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE, keep_blank_chars=False,
                             use_text_flow=False, extra_attrs=["size"])
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), float(w["size"]))
            for w in raw]


def _line_order(w: Word) -> tuple[float, float]:
    return (round((w.top + w.bottom) / 2, 1), w.x0)


def words_to_lines(words: list[Word]) -> list[Line]:
    """Group words into visual lines: a word joins a line when its middle lies within the line's height."""
    lines: list[list[Word]] = []
    top = bottom = 0.0  # of the last line's words
    for w in sorted(words, key=_line_order):
        if lines:
            slack = 0.25 * (bottom - top)
            if top + slack <= (w.top + w.bottom) / 2 <= bottom - slack:
                lines[-1].append(w)
                if w.top < top:
                    top = w.top
                if w.bottom > bottom:
                    bottom = w.bottom
                continue
        lines.append([w])
        top, bottom = w.top, w.bottom
    x0 = attrgetter("x0")
    return [Line(tuple(sorted(ws, key=x0))) for ws in lines]


def page_to_lines(page: pdfplumber.page.Page) -> list[Line]:
    return words_to_lines(page_to_words(page))


def horizontal_rules(page: pdfplumber.page.Page, x0: float, x1: float, min_cover: float = 0.6) -> list[float]:
    """y positions of horizontal rules (lines or rectangle edges) that together span most of [x0, x1]."""
    segments: dict[float, list[tuple[float, float]]] = {}
    for e in page.edges:
        if e.get("orientation") != "h":
            continue
        y = round(float(e["top"]) * 2) / 2
        segments.setdefault(y, []).append((max(float(e["x0"]), x0), min(float(e["x1"]), x1)))
    width = max(x1 - x0, 1.0)
    rules = []
    for y, segs in segments.items():
        covered, end = 0.0, x0
        for a, b in sorted(segs):
            a = max(a, end)
            if b > a:
                covered += b - a
                end = b
        if covered >= min_cover * width:
            rules.append(y)
    merged: list[float] = []
    for y in sorted(rules):
        if not merged or y - merged[-1] > 1.5:
            merged.append(y)
    return merged
