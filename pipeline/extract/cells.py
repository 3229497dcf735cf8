"""Cell boxes: where on the page each printed value of a record was read (INTERFACES.md, interface 1).

A box is the union of the words that made a cell (a wrapped cell: the union of its lines), in PDF
points with pdfplumber's names (top/bottom from the top of the page), rounded outwards to two
decimals so that the box still holds every glyph it was made of; `text` is the words as printed,
wraps joined by the contract's rules.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

from pipeline.extract.layout import Word
from pipeline.normalise.canonical import join_wrapped


def _down(x: float) -> float:
    return math.floor(round(x * 100, 6)) / 100


def _up(x: float) -> float:
    return math.ceil(round(x * 100, 6)) / 100


def words_to_box(words: Sequence[Word], page: int) -> dict | None:
    """The union box and printed text of `words` on `page`, or None when there are no words."""
    if not words:
        return None
    return words_box(words, page, join_wrapped([w.text for w in words]))


def words_box(words: Sequence[Word], page: int, text: str) -> dict | None:
    """The union box of `words` on `page` with `text` as its printed text, or None when there are no words."""
    if not words:
        return None
    return {"page": page, "x0": _down(min([w.x0 for w in words])), "top": _down(min([w.top for w in words])),
            "x1": _up(max([w.x1 for w in words])), "bottom": _up(max([w.bottom for w in words])), "text": text}


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


class WordText:
    """Words joined by single spaces, remembering which characters each word gave."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = list(words)
        self.spans: list[tuple[int, int]] = []
        pos = 0
        for w in self.words:
            self.spans.append((pos, pos + len(w.text)))
            pos += len(w.text) + 1
        self.text = " ".join(w.text for w in self.words)

    def words_between(self, start: int, end: int) -> list[Word]:
        """The words that overlap characters start..end of the joined text."""
        return [w for w, (a, b) in zip(self.words, self.spans) if a < end and b > start]

    def group_box(self, match: re.Match | None, group: str | int, expected: str, page: int) -> dict | None:
        """Box of a regex group matched on this text, when it reads `expected`; else None."""
        if match is None or match.group(group) is None or _bare(match.group(group)) != _bare(expected):
            return None
        start, end = match.span(group)
        return words_to_box(self.words_between(start, end), page)


def boxes(**fields: dict | None) -> dict[str, dict]:
    """The record's `cells` mapping: raw field name -> box, leaving out fields with no box."""
    return {name: box for name, box in fields.items() if box is not None}
