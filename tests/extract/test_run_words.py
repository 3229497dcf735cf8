"""Words of plain lines (pipeline/extract/run_words.py): the same words, to the last bit, as the char-by-char walk
(run_words.walk_words, pdfplumber's grouping), on generated lines and on every line of raw/ and the corpus."""
from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.pdfium_page import PdfiumDocument, _lines
from pipeline.extract.run_words import plain_line_words, walk_words
from tests.conftest import CORPUS, RAW

X_TOL, Y_TOL = 1.5, 2

TEXTS = ["a", "b", "7", " ", "\u00a0", "\ufb01", "xy", ""]  # a no-break space is blank; a ligature; two chars; none
GAPS = [0.0, 0.0, 0.25, -0.5, 1.5, 1.5000001, 2.0, 6.0]  # from one char's end to the next one's start


@st.composite
def runs(draw: st.DrawFn) -> list[tuple]:
    """One line's runs (size, top, chars), chars (text, x0, x1, top, bottom) as the pdfium page makes them."""
    out = []
    for _ in range(draw(st.integers(1, 4))):
        top = draw(st.sampled_from([100.0, 100.5, 101.25]))
        x = draw(st.sampled_from([0.0, 10.0, 30.0, 31.0, 60.0]))
        chars = []
        for _ in range(draw(st.integers(1, 8))):
            width = draw(st.sampled_from([0.0, 2.5, 4.75, 6.0]))
            chars.append((draw(st.sampled_from(TEXTS)), x, x + width, top, top + 10.0))
            x = x + width + draw(st.sampled_from(GAPS))
        out.append((10.0, top, chars))
    return out


def _walk(line: list[tuple]) -> list:
    out: list = []
    chars = [c for run in line for c in run[2]]
    walk_words(sorted(chars, key=itemgetter(1)), 10.0, X_TOL, Y_TOL, out)
    return out


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(runs())
def test_a_plain_line_gives_the_walks_words(line: list[tuple]) -> None:
    out: list = []
    if plain_line_words(line, 10.0, X_TOL, Y_TOL, out):
        assert out == _walk(line)
    else:
        assert out == []  # nothing half-appended when the line is left to the walk


def test_plain_lines_split_at_blanks_and_where_runs_part() -> None:
    run_a = (10.0, 100.0, [("a", 0.0, 5.0, 100.0, 110.0), (" ", 5.0, 7.0, 100.0, 110.0),
                           ("b", 7.0, 12.0, 100.0, 110.0)])
    run_b = (10.0, 100.5, [("c", 12.5, 17.0, 100.5, 110.5), ("d", 17.0, 20.0, 100.5, 110.5)])
    run_c = (10.0, 100.0, [("e", 30.0, 35.0, 100.0, 110.0)])
    out: list = []
    assert plain_line_words([run_c, run_a, run_b], 10.0, X_TOL, Y_TOL, out)  # content order is not left to right
    assert [(w.text, w.x0, w.x1, w.top, w.bottom) for w in out] == [
        ("a", 0.0, 5.0, 100.0, 110.0), ("bcd", 7.0, 20.0, 100.0, 110.5), ("e", 30.0, 35.0, 100.0, 110.0)]
    assert out == _walk([run_c, run_a, run_b])


def test_lines_that_are_not_plain_are_left_to_the_walk() -> None:
    overlapping = [(10.0, 100.0, [("a", 0.0, 5.0, 100.0, 110.0), ("b", 5.0, 9.0, 100.0, 110.0)]),
                   (10.0, 100.0, [("c", 3.0, 7.0, 100.0, 110.0)])]
    backwards = [(10.0, 100.0, [("a", 5.0, 9.0, 100.0, 110.0), ("b", 0.0, 4.0, 100.0, 110.0)])]
    ligature_glyph = [(10.0, 100.0, [("\ufb01", 0.0, 5.0, 100.0, 110.0), ("xy", 5.0, 9.0, 100.0, 110.0)])]
    for line in (overlapping, backwards, ligature_glyph):
        out: list = []
        assert not plain_line_words(line, 10.0, X_TOL, Y_TOL, out) and out == []


def _pdf_lines(path: Path) -> list[tuple[float, list[tuple]]]:
    """Every line of upright text in `path`, as its runs (size, top, chars), with its size."""
    with PdfiumDocument(path) as doc:
        return [(size, line) for page in doc.pages for (direction, size), group in groupby(page.runs, itemgetter(0, 1))
                if direction == 0 for line in _lines([(size, chars[0][3], chars) for *_, chars in group], Y_TOL)]


@pytest.mark.parametrize("folder", [RAW, CORPUS], ids=["raw", "corpus"])
def test_every_plain_line_of_real_pdfs_gives_the_walks_words(folder: Path) -> None:
    plain = total = 0
    for path in sorted(folder.glob("*.pdf")) + sorted(p for p in folder.glob("*/*.pdf") if "bad_" not in str(p)):
        for size, line in _pdf_lines(path):
            out: list = []
            chars = sum(len(run[2]) for run in line)
            total += chars
            if plain_line_words(line, size, X_TOL, Y_TOL, out):
                plain += chars
                walked: list = []
                walk_words(sorted([c for run in line for c in run[2]], key=itemgetter(1)), size, X_TOL, Y_TOL,
                            walked)
                assert out == walked, path.name
    assert plain >= 0.9 * total  # most lines take the plain path (all of raw/'s chars, 94 % of the corpus's)
