"""Words and lines of a page as displayed, and its horizontal rules.

Coordinates are points on the page as displayed (its /Rotate applied), from its top-left corner. A word's
`direction` is the angle, counter-clockwise, at which its text runs on the displayed page (0: left to right;
90: bottom to top; 180: upside down; 270: top to bottom); `turn_box` gives a box in the frame of the page
turned so that text of that direction reads left to right, as a person turns the page to read it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from statistics import median
from typing import Protocol


class Page(Protocol):
    """What the readers ask of a page (pipeline.extract.pdfium_page.PdfiumPage gives it)."""

    width: float
    height: float
    edges: list[dict]

    def words(self, x_tolerance: float, y_tolerance: float) -> list[Word]: ...


@dataclass(slots=True, unsafe_hash=True)  # never changed once made; not frozen, which makes __init__ 4x slower
class Word:
    """A word as printed: its text and box (points from the displayed page's top-left), its font size (0 if
    unknown) and the direction its text runs at (degrees counter-clockwise: 0, 90, 180, 270)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0
    direction: int = 0

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

    @property
    def direction(self) -> int:
        """The direction of the line's text (all its words run the same way)."""
        return self.words[0].direction


X_TOLERANCE, Y_TOLERANCE = 1.5, 2
DIRECTIONS = (0, 90, 180, 270)


def turn_box(box: tuple[float, float, float, float], direction: int, width: float,
             height: float) -> tuple[float, float, float, float]:
    """A box (x0, x1, top, bottom) on a displayed page of `width` x `height`, in the frame of that page turned
    so that text running at `direction` reads left to right (turned clockwise by `direction` degrees)."""
    x0, x1, top, bottom = box
    if direction == 90:
        return height - bottom, height - top, x0, x1
    if direction == 180:
        return width - x1, width - x0, height - bottom, height - top
    if direction == 270:
        return top, bottom, width - x1, width - x0
    return box


def unturn_box(box: tuple[float, float, float, float], direction: int, width: float,
               height: float) -> tuple[float, float, float, float]:
    """The box on the displayed page of a box `turn_box` gave (the inverse turn)."""
    x0, x1, top, bottom = box
    if direction == 90:
        return top, bottom, height - x1, height - x0
    if direction == 180:
        return width - x1, width - x0, height - bottom, height - top
    if direction == 270:
        return width - bottom, width - top, x0, x1
    return box


def turn_word(w: Word, direction: int, width: float, height: float) -> Word:
    """The word in the frame of the page turned to read `direction` (its direction there is its own less that)."""
    x0, x1, top, bottom = turn_box((w.x0, w.x1, w.top, w.bottom), direction, width, height)
    return Word(w.text, x0, x1, top, bottom, w.size, (w.direction - direction) % 360)


def unturn_word(w: Word, direction: int, width: float, height: float) -> Word:
    """A word read in the frame of the page turned to `direction`, back on the displayed page."""
    x0, x1, top, bottom = unturn_box((w.x0, w.x1, w.top, w.bottom), direction, width, height)
    return Word(w.text, x0, x1, top, bottom, w.size, (w.direction + direction) % 360)


def page_to_words(page: Page) -> list[Word]:
    """Words of a page: chars of one direction, size and line, split at blanks and visible gaps."""
    return page.words(X_TOLERANCE, Y_TOLERANCE)


def _line_order(w: Word) -> tuple[float, float]:
    return (round((w.top + w.bottom) / 2, 1), w.x0)


def words_to_lines(words: list[Word]) -> list[Line]:
    """Group words into visual lines, each of words of one direction: a word joins a line when its middle lies
    within the line's height (in the frame of the page turned to read them). Upright lines first, top to bottom;
    then the lines of each other direction, in the order a person turning the page would read them."""
    upright = [w for w in words if not w.direction]
    if len(upright) == len(words):
        return _upright_lines(words)
    out = _upright_lines(upright)
    for direction in DIRECTIONS[1:]:
        pairs = [(turn_word(w, direction, 0.0, 0.0), w) for w in words if w.direction == direction]
        shown = {id(t): w for t, w in pairs}
        out += [Line(tuple(shown[id(t)] for t in ln.words)) for ln in _upright_lines([t for t, _ in pairs])]
    return out


def _upright_lines(words: list[Word]) -> list[Line]:
    """words_to_lines for words that all run left to right."""
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


def page_to_lines(page: Page) -> list[Line]:
    return words_to_lines(page_to_words(page))


def horizontal_rules(page: Page, x0: float, x1: float, min_cover: float = 0.6) -> list[float]:
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
