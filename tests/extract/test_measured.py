"""Measured lines: the same text, top, bottom, middle, height and size as layout.Line's, each worked out once."""
from __future__ import annotations

from pipeline.extract.layout import Line, page_to_lines
from pipeline.extract.measured import MeasuredLine, measured
from pipeline.extract.open_pdf import open_checked
from pipeline.settings import ExtractSettings
from tests.conftest import RAW

FACTS = ("text", "top", "bottom", "middle", "height", "size")


def test_every_line_of_raw_measures_as_layout_measures_it():
    checked = 0
    for path in sorted(RAW.glob("*.pdf")):
        _, doc = open_checked(path, ExtractSettings())
        with doc:
            for page in doc.pages:
                lines = page_to_lines(page)
                for plain, kept in zip(lines, measured(lines), strict=True):
                    assert isinstance(kept, Line) and kept.words == plain.words
                    assert [getattr(kept, f) for f in FACTS] == [getattr(plain, f) for f in FACTS]
                    checked += 1
    assert checked > 500


def test_a_value_is_kept_after_its_first_use():
    (line,) = measured(page_to_lines_of_first_page())
    assert "size" not in vars(line)
    size = line.size
    assert vars(line)["size"] == size and line.size is size  # read from the line, not worked out again


def page_to_lines_of_first_page() -> list[Line]:
    """The first line of the first page of a raw PDF (a real line, words from pdfium)."""
    path = sorted(RAW.glob("*.pdf"))[0]
    _, doc = open_checked(path, ExtractSettings())
    with doc:
        return page_to_lines(doc.pages[0])[:1]


def test_a_measured_line_equals_another_measured_line_of_the_same_words():
    (a,) = measured(page_to_lines_of_first_page())
    b = MeasuredLine(a.words)
    assert a == b and a in [b]
