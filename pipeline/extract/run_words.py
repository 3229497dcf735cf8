"""A line's words from its runs of chars: a blank char or a visible gap ends a word.

The walk (`walk_words`, the word grouping pdfplumber's extract_words does) sorts a line's chars
by x0 and walks them: a blank char ends a word, and so does a char that starts left of the last
one, more than x_tolerance right of its end, or more than y_tolerance above or below it. On a
plain line every run (the chars of one shown string, which share top and bottom) already runs
left to right with no gap wider than x_tolerance, and the runs lie apart from each other, so
that walk can only split at blank chars and between runs: the words are found in the line's
text, checking only the pairs of chars where two runs meet (`plain_line_words`). The same words,
to the last bit (`tests/extract/test_run_words.py`); a line that is not plain is walked.
A char is (text, x0, x1, top, bottom) and a run (size, top, chars), in the frame in which the line reads left to right.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice, repeat
from operator import add, itemgetter, le

from pipeline.extract.layout import Word

LIGATURES = {"\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb01": "fi", "\ufb02": "fl", "\ufb06": "st",
             "\ufb05": "st"}  # the Latin ligatures a font may print as one glyph
LIGATURE_TABLE = str.maketrans(LIGATURES)
NOT_BLANK = re.compile(r"\S+")  # \S in a str pattern: not str.isspace(), as the walk tests each char
TEXT, X0, X1, TOP, BOTTOM = (itemgetter(i) for i in range(5))


def line_words(runs: list[tuple], size: float, x_tolerance: float, y_tolerance: float, out: list[Word]) -> None:
    """Append the words of one line given as its runs (size, top, chars): found in its text when the line is plain,
    else by the walk."""
    if not plain_line_words(runs, size, x_tolerance, y_tolerance, out):
        chars = [c for run in runs for c in run[2]]
        walk_words(sorted(chars, key=X0), size, x_tolerance, y_tolerance, out)


def walk_words(chars: list[tuple], size: float, x_tolerance: float, y_tolerance: float, out: list[Word]) -> None:
    """Append the words of one line's chars (sorted left to right), split where pdfplumber splits them."""
    word: list[tuple] = []
    last_x0 = last_x1 = last_top = 0.0
    for c in chars:
        text, x0, x1, top, _ = c
        if text.isspace():
            if word:
                out.append(_walked_word(word, size))
                word = []
            continue
        if word and (x0 < last_x0 or x0 > last_x1 + x_tolerance or abs(top - last_top) > y_tolerance):
            out.append(_walked_word(word, size))
            word = [c]
        else:
            word.append(c)
        last_x0, last_x1, last_top = x0, x1, top
    if word:
        out.append(_walked_word(word, size))


def _walked_word(chars: list[tuple], size: float) -> Word:
    """One word of chars (sorted by x0): their text (ligatures expanded) and the box around them."""
    if len(chars) == 1:
        text, x0, x1, top, bottom = chars[0]
        return Word(_expanded(text), x0, x1, top, bottom, size)
    texts, _, x1, top, bottom = zip(*chars)
    return Word(_expanded("".join(texts)), chars[0][1], max(x1), min(top), max(bottom), size)


def _expanded(text: str) -> str:
    """The text with its ligatures expanded (an ASCII text has none)."""
    return text if text.isascii() else text.translate(LIGATURE_TABLE)


def _first_x0(run: tuple) -> float:
    return run[2][0][1]


def _joined(runs: list[tuple], x_tolerance: float,
            y_tolerance: float) -> tuple[list[tuple], list[int], list[int]] | None:
    """The line's chars, runs in left-to-right order; the indexes where two runs meet, and those of them where the
    walk would split the chars; None unless the line is plain."""
    if len(runs) > 1:
        runs = sorted(runs, key=_first_x0)
    chars: list[tuple] = []
    meets: list[int] = []
    cuts: list[int] = []
    last = None
    for run in runs:
        run_chars = run[2]
        x0s = list(map(X0, run_chars))
        if x0s != sorted(x0s):
            return None
        if len(x0s) > 1 and not all(map(le, islice(x0s, 1, None), map(add, map(X1, run_chars), repeat(x_tolerance)))):
            return None
        first = run_chars[0]
        if last is not None:
            if not last[1] < first[1]:  # runs that overlap or touch: only sorting their chars orders them
                return None
            meets.append(len(chars))
            if first[1] > last[2] + x_tolerance or abs(first[3] - last[3]) > y_tolerance:
                cuts.append(len(chars))
        chars.extend(run_chars)
        last = run_chars[-1]
    return chars, meets, cuts


def plain_line_words(runs: list[tuple], size: float, x_tolerance: float, y_tolerance: float,
                     out: list[Word]) -> bool:
    """Append the words of one line given as its runs (size, top, chars), as the walk would, and return True;
    return False, appending nothing, when the line is not plain (or a char's text is not one character)."""
    joined = _joined(runs, x_tolerance, y_tolerance)
    if joined is None:
        return False
    chars, meets, cuts = joined
    texts = list(map(TEXT, chars))
    text = "".join(texts)
    if len(text) != len(chars) or "" in texts:  # (with no empty text, every char's text is one character)
        return False
    if not meets:  # one run: no cut, and every char has the run's top and bottom
        for m in NOT_BLANK.finditer(text):
            start, end = m.span()
            out.append(_word(text, chars, start, end, size, True))
        return True
    for start, end in _spans(text, cuts):
        out.append(_word(text, chars, start, end, size, _within(meets, start, end)))
    return True


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """The words' [start, end) in the line's text: its runs of non-blank chars, cut where the walk splits them."""
    out = []
    cut = iter(cuts)
    next_cut = next(cut, len(text))
    for m in NOT_BLANK.finditer(text):
        start, end = m.span()
        while next_cut <= start:
            next_cut = next(cut, len(text))
        while next_cut < end:
            out.append((start, next_cut))
            start, next_cut = next_cut, next(cut, len(text))
        out.append((start, end))
    return out


def _within(meets: list[int], start: int, end: int) -> bool:
    """Whether chars[start:end] lie in one run (no two runs meet inside it)."""
    i = bisect_right(meets, start)
    return i == len(meets) or meets[i] >= end


def _word(text: str, chars: list[tuple], start: int, end: int, size: float, one_run: bool) -> Word:
    """The word of chars[start:end]: its text (ligatures expanded) and the box around its chars (`one_run`: they
    share one top and bottom)."""
    word = _expanded(text[start:end])
    first = chars[start]
    if end - start == 1:
        return Word(word, first[1], first[2], first[3], first[4], size)
    part = chars[start:end]
    if one_run:
        return Word(word, first[1], max(map(X1, part)), first[3], first[4], size)
    return Word(word, first[1], max(map(X1, part)), min(map(TOP, part)), max(map(BOTTOM, part)), size)
