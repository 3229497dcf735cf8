"""Page geometry from one open of a PDF by pdfium, through pypdfium2's binding of PDFium's public C API.

A `PdfiumPage` gives what the readers ask of a page: its size, text, chars, the edges of its paths (lines and
rectangle sides, forms walked) and the words its chars make, all in one coordinate space: the page as displayed
(its /Rotate applied, as a viewer shows it), in points from its top-left corner. Each char and word knows its
direction: the angle, counter-clockwise, at which its text runs on the displayed page (0, 90, 180 or 270), from
its matrix and the page's rotation.

Chars come from pdfium's text page (`FPDFText_*`): text, loose box, font size, matrix and origin. A char's box runs
along its line as its loose box does (its advance) and across it one font size, from DESCENT of the size below the
baseline, in every font alike. The chars pdfium generates (spaces and line breaks it infers) are left out, so a gap
in the ink decides where a word ends. Words are grouped in the frame of the page turned so that their text reads
left to right, as a person turns the page (`run_words`): a blank char or a visible gap splits, and a word holds
chars of one direction, size and line only.
"""
from __future__ import annotations

import ctypes
import math
from array import array
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pc

from pipeline.extract.layout import Word, turn_box, unturn_word
from pipeline.extract.run_words import line_words

FORM = pc.FPDF_PAGEOBJ_FORM
PATH = pc.FPDF_PAGEOBJ_PATH
BLANKS = frozenset(" \t\r\n")  # what pdfium generates (spaces and line breaks it infers between chars)
HYPHEN_MARKS = frozenset("\x02\ufffe")  # how pdfium's text gives a hyphen that ends a line (FPDFText_IsHyphen)
# a char's box spans one font size across its line, from this share of it below the baseline, in every font: fonts
# state their descents differently (or not at all, or pdfium and pdfminer read them differently), and a line set in
# two fonts must not read as two lines
DESCENT = 0.2
JOIN = 1.0  # points: a char that starts this close to where the char before ends continues its run (pdfium's loose
# boxes are as wide as whole thousandths of an em, its chars placed by the font's own widths)


class Char(NamedTuple):
    """A char as printed: its text, box on the displayed page, font size (points) and direction (degrees)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    direction: int


def _mul(m: tuple, n: tuple) -> tuple:
    """The matrix m then n (PDF order: [a b c d e f])."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2)


def _matrix(obj) -> tuple:  # noqa: ANN001
    m = pc.FS_MATRIX()
    pc.FPDFPageObj_GetMatrix(obj, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def display_matrix(rotation: int, box: tuple[float, float, float, float]) -> tuple:
    """The matrix from PDF user space (y up) to the displayed page (y down from its top-left corner), for a page
    turned `rotation` degrees clockwise (/Rotate) whose visible box is `box` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    return {0: (1.0, 0.0, 0.0, -1.0, -x0, y1), 90: (0.0, 1.0, 1.0, 0.0, -y0, -x0),
            180: (-1.0, 0.0, 0.0, 1.0, x1, -y0), 270: (0.0, -1.0, -1.0, 0.0, y1, x1)}[rotation]


def direction_of(a: float, b: float, rotation: int) -> int:
    """The direction (0, 90, 180, 270: counter-clockwise on the displayed page) of text whose matrix starts
    [a b ...], on a page turned `rotation` degrees clockwise."""
    angle = math.degrees(math.atan2(b, a)) - rotation
    return int(round(angle / 90.0)) % 4 * 90


def _clusters(values: set[float], tolerance: float) -> dict[float, int]:
    """Each value's cluster number: sorted values chained while each is within `tolerance` of the last."""
    out: dict[float, int] = {}
    k, last = -1, None
    for v in sorted(values):
        if last is None or v > last + tolerance:
            k += 1
        out[v] = k
        last = v
    return out


def _lines(runs: list[tuple], y_tolerance: float) -> list[list[tuple]]:
    """Runs of one size in lines (tops chained within y_tolerance, top to bottom; content order in a line)."""
    if len(runs) == 1:
        return [runs]
    rank = _clusters({r[1] for r in runs}, y_tolerance)
    runs = sorted(runs, key=lambda r: rank[r[1]])
    return [list(line) for _, line in groupby(runs, key=lambda r: rank[r[1]])]


class PdfiumPage:
    """One page of a PDF, loaded by pdfium when first asked for; its chars, edges and words read once."""

    def __init__(self, owner: PdfiumDocument, index: int) -> None:
        self.page_number = index + 1
        self._owner, self._index = owner, index
        self._loaded: tuple | None = None
        self._runs: list[tuple] | None = None
        self._edges: list[dict] | None = None

    @property
    def pdfium_page(self) -> pdfium.PdfPage:
        """pypdfium2's page (loaded once)."""
        return self._load()[0]

    @property
    def _textpage(self) -> pdfium.PdfTextPage:
        return self._load()[1]

    def _load(self) -> tuple:
        if self._loaded is None:
            page = self._owner.pdfium[self._index]
            rotation = page.get_rotation()
            box = tuple(float(v) for v in page.get_bbox())  # what a viewer shows: the MediaBox within the CropBox
            width, height = box[2] - box[0], box[3] - box[1]
            if rotation in (90, 270):
                width, height = height, width
            self._loaded = (page, page.get_textpage(), height, width, rotation, display_matrix(rotation, box))
        return self._loaded

    @property
    def height(self) -> float:
        """Height of the page as displayed (points)."""
        return self._load()[2]

    @property
    def width(self) -> float:
        """Width of the page as displayed (points)."""
        return self._load()[3]

    @property
    def rotation(self) -> int:
        """The page's /Rotate: degrees it is turned clockwise when displayed (0, 90, 180, 270)."""
        return self._load()[4]

    def text(self) -> str:
        """The page's text as pdfium reads it (for the checks of open_pdf)."""
        return self._textpage.get_text_range()

    @property
    def chars(self) -> list[Char]:
        """Every char pdfium reads on the page (generated ones left out), in its order."""
        return [Char(*c, size, d) for d, size, _, chars in self.runs for c in chars]

    @property
    def runs(self) -> list[tuple]:
        """The chars in runs (direction, size, line, chars), each char (text, x0, x1, top, bottom) on the displayed
        page; a run's chars share direction, size and their extent across the line (`line`: (top, bottom) for
        text across the page, (x0, x1) for text up or down it)."""
        if self._runs is None:
            self._runs = self._read_runs()
        return self._runs

    def _read_runs(self) -> list[tuple]:
        """Read every char's text and loose box, and its matrix, font size and origin only where a new run may
        start (its loose box across the line differs from the char before's). A run holds chars of one shown string
        and line (run_words relies on it)."""
        tp = self._textpage.raw
        n = pc.FPDFText_CountChars(tp)
        if n <= 0:
            return []
        text = self._text(tp, n)
        slots = (pc.FS_RECTF * n)()
        get_box = pc.FPDFText_GetLooseCharBox
        for k in range(n):
            get_box(tp, k, slots[k])
        boxes = array("f")
        boxes.frombytes(bytes(slots))  # left, top, right, bottom (user space) of each char
        a, b, c, d, e, f = self._load()[5]
        rotation = self.rotation
        matrix, x, y = pc.FS_MATRIX(), ctypes.c_double(), ctypes.c_double()
        runs: list[tuple] = []
        run: list[tuple] = []
        key = direction = size = placed = foot = None
        turn = 0  # the run's direction in user space (its text runs along x for 0 and 180, along y for 90 and 270)
        lo = hi = top = bottom = 0.0
        edge = -math.inf  # where the char before ends along its line (user space); foot: its box's descent side
        upright = False  # the run is upright text on an unturned page: only its chars' x need placing
        for k, t, left, up, right, down in zip(range(n), text, boxes[0::4], boxes[1::4], boxes[2::4], boxes[3::4]):
            if t in BLANKS and left == right and pc.FPDFText_IsGenerated(tp, k) == 1:  # (a generated char has no width)
                continue
            if t in HYPHEN_MARKS and pc.FPDFText_IsHyphen(tp, k) == 1:
                t = "-"
            # a loose box spans the font's descent (the same for every char of a text object) to the higher of its
            # ascent and the glyph's top: an upright char that starts where the char before ends (within JOIN),
            # its box's descent side where that one's was, continues its run; any other is placed anew, unless it
            # is of the same text object (after a kerning or a word space; a ligature's piece, boxed as the glyph)
            if upright and down == foot and edge - JOIN <= left <= edge + JOIN:  # the next char of the string
                run.append((t, left + e, right + e, top, bottom))
                edge = right
                continue
            edge = right
            pc.FPDFText_GetMatrix(tp, k, matrix)
            font_size = pc.FPDFText_GetFontSize(tp, k)
            here = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f, font_size)
            if here != placed:  # another text object (shown string): a run of its own
                placed, key = here, None
                turn = direction_of(matrix.a, matrix.b, 0)
                size = font_size * math.hypot(matrix.c, matrix.d)
                lo, hi = self._across(tp, k, turn, size, x, y)
                direction = (turn - rotation) % 360
                upright = turn == 0 and rotation == 0
            foot = down if turn == 0 else up if turn == 180 else right if turn == 90 else left
            if turn in (0, 180):
                down, up = lo, hi
            else:
                left, right = lo, hi
            # the box's corners on the displayed page (axis-aligned: a page turns by quarter turns)
            p, q = a * left + c * up + e, b * left + d * up + f
            r, s = a * right + c * down + e, b * right + d * down + f
            x0, x1 = (p, r) if p <= r else (r, p)
            top, bottom = (q, s) if q <= s else (s, q)
            across = (top, bottom) if direction in (0, 180) else (x0, x1)
            if key != (direction, size, across):
                key = (direction, size, across)
                run = []
                runs.append((direction, size, across, run))
            run.append((t, x0, x1, top, bottom))
        return runs

    @staticmethod
    def _across(tp, k: int, turn: int, size: float, x: ctypes.c_double,  # noqa: ANN001
                y: ctypes.c_double) -> tuple[float, float]:
        """Char k's extent across its line in user space: one font size, from DESCENT of it below the baseline."""
        pc.FPDFText_GetCharOrigin(tp, k, x, y)
        base = y.value if turn in (0, 180) else x.value
        foot = base - DESCENT * size if turn in (0, 270) else base + DESCENT * size
        return (foot, foot + size) if turn in (0, 270) else (foot - size, foot)

    @staticmethod
    def _text(tp, n: int) -> str:  # noqa: ANN001
        """The text of chars 0..n-1, one character each: read at once, or char by char when that is not so."""
        buffer = (ctypes.c_ushort * (2 * n + 1))()
        written = pc.FPDFText_GetText(tp, 0, n, buffer)
        text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
        if len(text) == n:
            return text
        return "".join(chr(pc.FPDFText_GetUnicode(tp, k)) for k in range(n))

    @property
    def edges(self) -> list[dict]:
        """Horizontal and vertical segments of every path (lines, rectangle sides) on the displayed page,
        pdfplumber's names."""
        if self._edges is None:
            self._edges = []
            self._walk(self.pdfium_page.raw, None, self._load()[5])
        return self._edges

    def _walk(self, page, form, outer: tuple) -> None:  # noqa: ANN001
        """Collect the edges of the objects of a page, or of a form XObject placed by `outer`."""
        count = pc.FPDFFormObj_CountObjects(form) if form is not None else pc.FPDFPage_CountObjects(page)
        for k in range(count):
            obj = pc.FPDFFormObj_GetObject(form, k) if form is not None else pc.FPDFPage_GetObject(page, k)
            kind = pc.FPDFPageObj_GetType(obj)
            if kind == FORM:
                self._walk(page, obj, _mul(_matrix(obj), outer))
            elif kind == PATH:
                self._path_edges(obj, _mul(_matrix(obj), outer))

    def _path_edges(self, obj, m: tuple) -> None:  # noqa: ANN001
        """Edges between consecutive points of a path (a closed subpath also back to its start)."""
        a, b, c, d, e, f = m
        px, py = ctypes.c_float(), ctypes.c_float()
        points: list[tuple[float, float]] = []
        start = None
        for k in range(pc.FPDFPath_CountSegments(obj)):
            seg = pc.FPDFPath_GetPathSegment(obj, k)
            pc.FPDFPathSegment_GetPoint(seg, px, py)
            pt = (a * px.value + c * py.value + e, b * px.value + d * py.value + f)
            if pc.FPDFPathSegment_GetType(seg) == pc.FPDF_SEGMENT_MOVETO:
                start = pt
            elif points:
                self._edge(points[-1], pt)
            points.append(pt)
            if pc.FPDFPathSegment_GetClose(seg) and start is not None:
                self._edge(pt, start)

    def _edge(self, p: tuple[float, float], q: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p, q
        if abs(y0 - y1) < 1e-6 and abs(x0 - x1) < 1e-6:
            return  # a point, not an edge
        if abs(y0 - y1) < 1e-6:
            orient = "h"
        elif abs(x0 - x1) < 1e-6:
            orient = "v"
        else:
            return
        self._edges.append({"x0": min(x0, x1), "x1": max(x0, x1), "top": min(y0, y1), "bottom": max(y0, y1),
                            "orientation": orient, "object_type": "edge"})

    def words(self, x_tolerance: float = 1.5, y_tolerance: float = 2) -> list[Word]:
        """The page's words: chars of one direction and size in lines (their tops within y_tolerance, in the frame
        of the page turned to read them), each line's chars split at blank chars and at gaps over x_tolerance."""
        out: list[Word] = []
        width, height = self.width, self.height
        for (direction, size), group in groupby(self.runs, key=itemgetter(0, 1)):
            if direction == 0:
                runs = [(size, chars[0][3], chars) for _, _, _, chars in group]
                for line in _lines(runs, y_tolerance):
                    line_words(line, size, x_tolerance, y_tolerance, out)
                continue
            turned = []
            for _, _, _, chars in group:
                boxes = [(t, *turn_box((x0, x1, top, bottom), direction, width, height))
                         for t, x0, x1, top, bottom in chars]
                turned.append((size, boxes[0][3], sorted(boxes, key=itemgetter(1))))
            read: list[Word] = []
            for line in _lines(turned, y_tolerance):
                line_words(line, size, x_tolerance, y_tolerance, read)
            out += [unturn_word(w, direction, width, height) for w in read]
        return out


class PdfiumDocument:
    """A PDF opened once by pdfium; its pages, each loaded and read once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdfium = pdfium.PdfDocument(str(path))
        self.pages = [PdfiumPage(self, i) for i in range(len(self.pdfium))]

    def close(self) -> None:
        for p in self.pages:
            if p._loaded is not None:
                p._loaded[1].close()
                p._loaded[0].close()
        self.pdfium.close()

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
