"""Page geometry (pipeline/extract/pdfium_page.py): chars, words and rules in one space, the page as displayed.

Whatever a page's /Rotate, its chars, words and rules come on the page as a viewer shows it, and each knows the
direction its text runs at there; words join chars of one direction, size and line, split at blanks and visible
gaps. On raw/ and the shared corpus the lines read as pdfplumber reads them, and the rules lie where its rules do.
"""
from __future__ import annotations

import math
from pathlib import Path

import pdfplumber
import pytest

from pipeline.extract.layout import Line, Word, horizontal_rules, page_to_lines, turn_box, unturn_box, words_to_lines
from pipeline.extract.pdfium_page import PdfiumDocument
from pipeline.extract.run_words import LIGATURE_TABLE
from tests.conftest import CORPUS, RAW, distinct
from tests.helpers.sideways import (BASELINE, LEFT, RULE_BELOW, RULE_LENGTH, SIZE, hyphenated_pdf, mixed_pdf,
                                    sideways_pdf, spaced_pdf)
from tools.layouts.render import TTF

WIDTH, HEIGHT = 400.0, 300.0  # the helper's pages as displayed
EDGE = ("x0", "x1", "top", "bottom")
# (a corpus PDF byte-identical to another one, as seed_set/ repeats them, is read once)
CORPUS_PDFS = distinct(sorted(p for p in CORPUS.glob("*/*.pdf") if not p.parent.name.startswith("bad_")))


def _page(path: Path):  # noqa: ANN202
    doc = PdfiumDocument(path)
    return doc, doc.pages[0]


def _turned(box: tuple[float, float, float, float], turn: int) -> tuple[float, float, float, float]:
    """An upright box (x0, x1, top, bottom) turned `turn` degrees counter-clockwise about the line's start."""
    px, py = LEFT, HEIGHT - BASELINE  # the start of the baseline, y measured down
    cos, sin = round(math.cos(math.radians(turn))), round(math.sin(math.radians(turn)))
    x0, x1, top, bottom = box
    corners = [(px + (x - px) * cos + (y - py) * sin, py - (x - px) * sin + (y - py) * cos)
               for x in (x0, x1) for y in (top, bottom)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), max(xs), min(ys), max(ys)


@pytest.fixture(scope="module")
def upright(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Word], list[dict]]:
    """The words and edges of the line on an upright page with no /Rotate."""
    doc, page = _page(sideways_pdf(tmp_path_factory.mktemp("upright") / "upright.pdf"))
    with doc:
        return page.words(), page.edges


def test_an_upright_line_reads_as_printed(upright: tuple[list[Word], list[dict]]) -> None:
    words, edges = upright
    assert [(w.text, w.direction, w.size) for w in words] == [("Barnet", 0, SIZE), ("1234", 0, SIZE)]
    barnet = words[0]
    assert barnet.x0 == pytest.approx(LEFT, abs=0.01)
    assert barnet.bottom - barnet.top == pytest.approx(SIZE, abs=0.01)  # one font size high, from the descent
    assert HEIGHT - BASELINE < barnet.bottom < HEIGHT - BASELINE + 0.3 * SIZE  # the baseline, y measured down
    (rule,) = edges
    assert rule["orientation"] == "h" and rule["top"] == pytest.approx(HEIGHT - BASELINE + RULE_BELOW, abs=0.01)
    assert (rule["x0"], rule["x1"]) == pytest.approx((LEFT, LEFT + RULE_LENGTH), abs=0.01)


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_page_turned_by_rotate_and_drawn_back_reads_as_the_upright_one(
        tmp_path: Path, rotate: int, upright: tuple[list[Word], list[dict]]) -> None:
    """/Rotate with content drawn turned back: the same words, boxes and rules as the page without /Rotate."""
    doc, page = _page(sideways_pdf(tmp_path / "p.pdf", rotate=rotate))
    with doc:
        assert page.rotation == rotate and (page.width, page.height) == pytest.approx((WIDTH, HEIGHT))
        words, edges = page.words(), page.edges
        assert [ln.text for ln in page_to_lines(page)] == ["Barnet 1234"]
        assert horizontal_rules(page, LEFT, LEFT + RULE_LENGTH) == horizontal_rules_of(upright[1])
    for mine, theirs in zip(words, upright[0], strict=True):
        assert (mine.text, mine.direction) == (theirs.text, 0)
        assert (mine.x0, mine.x1, mine.top, mine.bottom) == pytest.approx(
            (theirs.x0, theirs.x1, theirs.top, theirs.bottom), abs=0.01)
    (rule,), (theirs,) = edges, upright[1]
    assert rule["orientation"] == theirs["orientation"] == "h"
    assert [rule[k] for k in EDGE] == pytest.approx([theirs[k] for k in EDGE], abs=0.01)


def horizontal_rules_of(edges: list[dict]) -> list[float]:
    """horizontal_rules of a page holding only these edges."""
    class Edges:
        def __init__(self) -> None:
            self.edges = edges

    return horizontal_rules(Edges(), LEFT, LEFT + RULE_LENGTH)  # type: ignore[arg-type]


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_text_turned_on_the_page_reads_as_whole_words_in_its_direction(
        tmp_path: Path, turn: int, upright: tuple[list[Word], list[dict]]) -> None:
    """Content turned with no /Rotate: whole words, each knowing its direction, and chars, words and rule where
    the upright ones lie turned about the line's start (one space for all of them)."""
    doc, page = _page(sideways_pdf(tmp_path / "p.pdf", turn=turn))
    with doc:
        words, edges, chars = page.words(), page.edges, page.chars
        lines = page_to_lines(page)
    assert [(w.text, w.direction) for w in words] == [("Barnet", turn), ("1234", turn)]
    assert {c.direction for c in chars} == {turn} and "".join(c.text for c in chars) == "Barnet 1234"
    assert [(ln.text, ln.direction) for ln in lines] == [("Barnet 1234", turn)]
    for mine, theirs in zip(words, upright[0], strict=True):
        assert (mine.x0, mine.x1, mine.top, mine.bottom) == pytest.approx(
            _turned((theirs.x0, theirs.x1, theirs.top, theirs.bottom), turn), abs=0.01)
        assert words_to_lines([mine])[0].words == (mine,)
    ((rule,), (theirs,)) = (edges, upright[1])
    assert rule["orientation"] == ("h" if turn == 180 else "v")
    assert (rule["x0"], rule["x1"], rule["top"], rule["bottom"]) == pytest.approx(
        _turned((theirs["x0"], theirs["x1"], theirs["top"], theirs["bottom"]), turn), abs=0.01)


@pytest.mark.parametrize("rotate", [90, 270])
def test_a_page_whose_rotate_sets_its_text_sideways_reads_it_so(tmp_path: Path, rotate: int) -> None:
    """/Rotate turns content drawn upright: the viewer shows its text sideways (rotate 90: reading down, 270:
    reading up); its words and rule lie where pdfplumber (pdfminer, which applies /Rotate too) puts them."""
    path = sideways_pdf(tmp_path / "p.pdf", rotate=rotate, uncompensated=True)
    doc, page = _page(path)
    with doc:
        words, edges = page.words(), page.edges
    assert [(w.text, w.direction) for w in words] == [("Barnet", 360 - rotate), ("1234", 360 - rotate)]
    with pdfplumber.open(path) as pdf:
        theirs = pdf.pages[0]
        assert (page.width, page.height) == pytest.approx((float(theirs.width), float(theirs.height)))
        for word in words:  # the word's chars, as pdfplumber places them, lie in the word's box
            along = [c for c in theirs.chars if c["text"] in word.text and word.x0 - 1 <= c["x0"] <= word.x1 + 1
                     and word.top - 1 <= c["top"] <= word.bottom + 1]
            assert "".join(sorted(c["text"] for c in along)) == "".join(sorted(word.text))
        (rule,) = edges
        (plumbers,) = theirs.edges
        assert rule["orientation"] == plumbers["orientation"] == "v"
        assert [rule[k] for k in ("x0", "top", "bottom")] == pytest.approx(
            [float(plumbers[k]) for k in ("x0", "top", "bottom")], abs=0.01)


@pytest.mark.parametrize("variant", [{"rotate": 90}, {"rotate": 270}, {"turn": 90}, {"turn": 180},
                                     {"rotate": 90, "uncompensated": True}], ids=str)
def test_words_and_rules_lie_where_the_page_shows_ink(tmp_path: Path, variant: dict) -> None:
    """The page rendered as a viewer shows it (pdfium): its ink lies inside the words' and rules' boxes, and they
    reach to its ink (within the space a glyph leaves under its box's top and above its descent)."""
    doc, page = _page(sideways_pdf(tmp_path / "p.pdf", **variant))
    with doc:
        boxes = [(w.x0, w.top, w.x1, w.bottom) for w in page.words()]
        boxes += [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in page.edges]
        image = page.pdfium_page.render(scale=2, grayscale=True).to_pil().convert("L")
    ink = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink is not None
    x0, top, x1, bottom = (v / 2 for v in ink)
    union = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    assert union[0] - 1 <= x0 and union[1] - 1 <= top and x1 <= union[2] + 1 and bottom <= union[3] + 1
    slack = 0.4 * SIZE
    assert x0 <= union[0] + slack and top <= union[1] + slack and x1 >= union[2] - slack and bottom >= union[3] - slack


def test_words_hold_chars_of_one_direction(tmp_path: Path) -> None:
    """An upright word and a turned one whose chars touch stay two words, each in a line of its own direction."""
    doc, page = _page(mixed_pdf(tmp_path / "mixed.pdf"))
    with doc:
        words = page.words()
        lines = page_to_lines(page)
    assert [(w.text, w.direction) for w in words] == [("Total", 0), ("1234", 90)]
    assert [(ln.text, ln.direction) for ln in lines] == [("Total", 0), ("1234", 90)]


@pytest.mark.parametrize(("gaps", "expected"), [([0.5, 1.4], ["ababab"]), ([1.6], ["ab", "ab"]),
                                                ([6.0, 0.2], ["ab", "abab"])])
def test_a_visible_gap_splits_a_word_and_a_small_one_does_not(tmp_path: Path, gaps: list[float],
                                                              expected: list[str]) -> None:
    """Words split where the ink has a gap wider than 1.5 pt, whatever spaces pdfium infers between strings."""
    doc, page = _page(spaced_pdf(tmp_path / "gaps.pdf", gaps))
    with doc:
        assert [w.text for w in page.words()] == expected


@pytest.mark.needs("dejavu")
def test_a_ligature_glyph_is_read_as_its_letters(tmp_path: Path) -> None:
    doc, page = _page(spaced_pdf(tmp_path / "lig.pdf", [], font=("DejaVuSans", TTF["sans"]),
                                 text="\ufb01nance o\ufb03ce"))
    with doc:
        assert [w.text for w in page.words()] == ["finance", "office"]


def test_a_hyphen_that_ends_a_line_is_a_hyphen(tmp_path: Path) -> None:
    """pdfium's text marks a line-end hyphen (U+FFFE in its text): the word keeps the printed "-"."""
    doc, page = _page(hyphenated_pdf(tmp_path / "hyphen.pdf"))
    with doc:
        assert [ln.text for ln in page_to_lines(page)] == ["LB Richmond-upon-", "Thames"]


@pytest.mark.parametrize("direction", [0, 90, 180, 270])
def test_turning_a_box_and_back_gives_the_box(direction: int) -> None:
    box = (10.0, 30.0, 100.0, 112.0)
    turned = turn_box(box, direction, WIDTH, HEIGHT)
    assert turned[0] <= turned[1] and turned[2] <= turned[3]
    assert unturn_box(turned, direction, WIDTH, HEIGHT) == pytest.approx(box)


def _plumber_lines(page: pdfplumber.page.Page) -> list[Line]:
    """pdfplumber's words of the page in lines, as the project groups words (a bullet glyph it cannot map reads as
    "(cid:127)"; pdfium maps it to "•")."""
    raw = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False,
                             extra_attrs=["size"])
    return words_to_lines([Word(w["text"].replace("(cid:127)", "\u2022"), float(w["x0"]), float(w["x1"]),
                                float(w["top"]), float(w["bottom"]), float(w["size"])) for w in raw])


@pytest.mark.parametrize("path", sorted(RAW.glob("*.pdf")) + CORPUS_PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_pages_read_as_pdfplumber_reads_them(path: Path) -> None:
    """raw/ and the corpus: every page's lines are pdfplumber's, word for word; its words lie within 1.5 pt of
    pdfplumber's, and its horizontal rules within half a point; every char is upright."""
    with pdfplumber.open(path) as pdf, PdfiumDocument(path) as doc:
        assert len(doc.pages) == len(pdf.pages)
        for theirs, mine in zip(pdf.pages, doc.pages):
            assert (mine.width, mine.height) == pytest.approx((float(theirs.width), float(theirs.height)), abs=0.01)
            lines, expected = page_to_lines(mine), _plumber_lines(theirs)
            assert [ln.text for ln in lines] == [ln.text for ln in expected], f"page {mine.page_number}"
            for line, other in zip(lines, expected):
                for w, x in zip(line.words, other.words, strict=True):
                    if x.x1 == x.x0:  # a bullet pdfminer cannot map ("(cid:127)"): it gives the glyph no width
                        continue
                    assert max(abs(w.x0 - x.x0), abs(w.x1 - x.x1), abs(w.top - x.top), abs(w.bottom - x.bottom),
                               abs(w.size - x.size)) <= 1.5, (w, x)
            assert {c.direction for c in mine.chars} <= {0}
            width = float(theirs.width)
            assert horizontal_rules(mine, 0, width) == pytest.approx(horizontal_rules(theirs, 0, width), abs=0.5)


@pytest.mark.parametrize("path", sorted(RAW.glob("*.pdf")) + CORPUS_PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_printed_char_is_in_a_word(path: Path) -> None:
    """The words of a page hold exactly its chars that are not blank (ligatures expanded), and no char is one of
    pdfium's markers (U+FFFE, U+0002)."""
    with PdfiumDocument(path) as doc:
        for page in doc.pages:
            chars = sorted("".join(c.text for c in page.chars if not c.text.isspace()).translate(LIGATURE_TABLE))
            words = sorted("".join(w.text for w in page.words()))
            assert words == chars
            assert not {"\ufffe", "\x02"} & set(chars)
