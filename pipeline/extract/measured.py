"""Lines whose derived values (text, top, bottom, middle, height, size) are worked out once, on first use.

A page's lines are read many times over by every later step (families, tables, lists, prose); each value
is the same as layout.Line's own (its property, cached on the line), so nothing read from them changes.
"""
from __future__ import annotations

from functools import cached_property

from pipeline.extract.layout import Line


class MeasuredLine(Line):
    """A layout.Line that keeps each derived value after its first use (the line is never changed)."""

    text = cached_property(Line.text.fget)
    top = cached_property(Line.top.fget)
    bottom = cached_property(Line.bottom.fget)
    middle = cached_property(Line.middle.fget)
    height = cached_property(Line.height.fget)
    size = cached_property(Line.size.fget)


def measured(lines: list[Line]) -> list[Line]:
    """The same lines, each keeping its derived values once worked out."""
    return [MeasuredLine(ln.words) for ln in lines]
