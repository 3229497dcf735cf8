"""Lines (pipeline/extract/layout.py): a line's text, top, bottom, middle, height and size, each worked out once."""
from __future__ import annotations

from statistics import median

from pipeline.extract.layout import Line, Word, page_to_lines, words_to_lines
from pipeline.extract.open_pdf import open_checked
from pipeline.settings import ExtractSettings
from tests.conftest import RAW


def _raw_lines() -> list[Line]:
    lines = []
    for path in sorted(RAW.glob("*.pdf")):
        _, doc = open_checked(path, ExtractSettings())
        with doc:
            for page in doc.pages:
                lines += page_to_lines(page)
    return lines


def test_every_line_of_raw_measures_as_its_words_say():
    lines = _raw_lines()
    assert len(lines) > 500
    for ln in lines:
        w = ln.words
        assert ln.text == " ".join(x.text for x in w)
        assert (ln.top, ln.bottom) == (min(x.top for x in w), max(x.bottom for x in w))
        assert ln.middle == (ln.top + ln.bottom) / 2
        assert ln.height == median(x.bottom - x.top for x in w)
        assert ln.size == median(x.size or (x.bottom - x.top) for x in w)


def test_a_value_is_kept_after_its_first_use_and_equality_is_the_words():
    line = _raw_lines()[0]
    assert "size" not in vars(line)
    size = line.size
    assert vars(line)["size"] == size and line.size is size  # read from the line, not worked out again
    other = Line(line.words)
    assert other == line and hash(other) == hash(line) and "size" not in vars(other)


def test_words_are_values_equal_and_hashed_by_their_fields():
    """Word is a slotted dataclass (not frozen, for speed): still compared and hashed by value, so lines and
    sets of words behave as before, and it holds no per-instance dict."""
    a, b = Word("Total", 1.0, 2.0, 3.0, 4.0, 9.0), Word("Total", 1.0, 2.0, 3.0, 4.0, 9.0)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Word("Total", 1.0, 2.0, 3.0, 4.0, 10.0)
    assert hash(Line((a,))) == hash(Line((b,)))
    assert not hasattr(a, "__dict__")


def test_lines_hold_words_of_one_direction_read_as_a_person_turning_the_page_would():
    """Words running up the page (90) make lines of their own: each column one line, read bottom to top, the
    leftmost column first (the top line once the page is turned clockwise); upright lines come first."""
    def up(text: str, x0: float, top: float, bottom: float) -> Word:
        return Word(text, x0, x0 + 10.0, top, bottom, 10.0, 90)

    words = [up("1234", 100.0, 150.0, 180.0), up("Camden", 115.0, 190.0, 235.0), up("Barnet", 100.0, 190.0, 230.0),
             Word("Total", 10.0, 50.0, 100.0, 110.0, 10.0), Word("Harrow", 10.0, 50.0, 150.0, 160.0, 10.0, 270)]
    lines = words_to_lines(words)
    assert [(ln.text, ln.direction) for ln in lines] == [("Total", 0), ("Barnet 1234", 90), ("Camden", 90),
                                                         ("Harrow", 270)]
