"""Page geometry from one open of a PDF: pdfium's pages, text and path edges; chars placed as pdfminer places them.

A `PdfiumPage` offers what the readers ask of a page (`words`, `edges`, `height`, `text`).
pdfium (pypdfium2) opens and checks the document, loads each page once and gives its text
(triage, checks) and the edges of its paths (forms walked). Chars are not read from pdfium's
text page: pdfium keeps glyph widths in whole thousandths of an em and positions as 32-bit
floats, so its boxes drift from pdfminer's along a line (up to 0.98 pt on raw/). Instead
`content_chars` runs pdfminer's text state and fonts on qpdf's parse of the content streams,
which gives pdfminer's boxes exactly; words are grouped as pdfplumber's `extract_words` does.
"""
from __future__ import annotations

import ctypes
from itertools import groupby
from typing import BinaryIO
from operator import itemgetter
from pathlib import Path

import pdfplumber.page
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pc
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import BadInput
from pipeline.extract.content_chars import Unparsed, page_chars, pdfminer_chars
from pipeline.extract.layout import Word
from pipeline.extract.qpdf_objects import serve_objects
from pipeline.extract.run_words import line_words

FORM = pc.FPDF_PAGEOBJ_FORM
PATH = pc.FPDF_PAGEOBJ_PATH


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
    """One page of a PDF, loaded by pdfium when first asked for and parsed once; chars and edges built on demand."""

    def __init__(self, owner: PdfiumDocument, index: int) -> None:
        self.page = self  # what pdfplumber-based callers reach for (`view.page.height`)
        self.page_number = index + 1
        self._owner, self._index = owner, index
        self._loaded: tuple | None = None
        self._chars: list[tuple] | None = None
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
            self._loaded = (page, page.get_textpage(), float(page.get_height()), float(page.get_width()))
        return self._loaded

    @property
    def height(self) -> float:
        return self._load()[2]

    @property
    def width(self) -> float:
        return self._load()[3]

    def text(self) -> str:
        """The page's text as pdfium reads it (what triage's hint is made from)."""
        return self._textpage.get_text_range()

    @property
    def chars(self) -> list[tuple]:
        """Runs (size, top, chars) of chars (text, x0, x1, top, bottom), pdfminer's numbers, in content order."""
        if self._chars is None:
            self._chars = self._owner.chars(self._index)
        return self._chars

    @property
    def edges(self) -> list[dict]:
        """Horizontal and vertical segments of every path (lines, rectangle sides), pdfplumber's names."""
        if self._edges is None:
            self._edges = []
            self._walk(self.pdfium_page.raw, None, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
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
        top, bottom = self.height - max(y0, y1), self.height - min(y0, y1)
        self._edges.append({"x0": min(x0, x1), "x1": max(x0, x1), "top": top, "bottom": bottom,
                            "orientation": orient, "object_type": "edge"})

    def words(self, x_tolerance: float = 1.5, y_tolerance: float = 2) -> list[Word]:
        """Words as pdfplumber's extract_words groups chars (blank chars split, ligatures expanded,
        runs of one font size apart, lines by `top` within y_tolerance, left to right)."""
        out: list[Word] = []
        for size, runs in groupby(self.chars, key=itemgetter(0)):
            for line in _lines(list(runs), y_tolerance):
                line_words(line, size, x_tolerance, y_tolerance, out)
        return out

    def release(self) -> None:
        """Nothing to release: the page's parse is kept for the document's lifetime."""


class PdfiumDocument:
    """A PDF opened once by pdfium; its pages, each loaded and parsed once. Chars come from qpdf's parse of the
    content streams (pdfminer's placement, `content_chars`); a PDF or page qpdf cannot parse is read by pdfminer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdfium = pdfium.PdfDocument(str(path))
        self.pages = [PdfiumPage(self, i) for i in range(len(self.pdfium))]
        self._plumber: pdfplumber.PDF | None = None  # its objects read by qpdf when qpdf opens the file
        self._pdfminer: pdfplumber.PDF | None = None  # all pdfminer's, for pages qpdf cannot parse
        self._qpdf: pikepdf.Pdf | None = None
        self._stream: BinaryIO | None = None
        self._glyphs: dict = {}  # the fonts' glyphs, known from page to page

    def chars(self, index: int) -> list[tuple]:
        """Page `index`'s runs of chars (`content_chars.page_chars`), as pdfplumber's char dicts hold them."""
        if self._plumber is None:
            self._plumber = self._open_plumber()
            try:  # opened from a stream: pikepdf cannot take a file name that is not valid UTF-8
                self._stream = self.path.open("rb")
                self._qpdf = pikepdf.open(self._stream, inherit_page_attributes=False)  # objects as in the file
            except (OSError, pikepdf.PdfError):
                self._qpdf = None
            else:
                serve_objects(self._plumber.doc, self._qpdf)
        if self._qpdf is not None:
            try:
                return page_chars(self._plumber.pages[index], self._qpdf, self._glyphs)
            except Unparsed:
                pass
        if self._pdfminer is None:  # pdfminer's parse throughout, its objects read by pdfminer too
            self._pdfminer = self._open_plumber() if self._qpdf is not None else self._plumber
        return pdfminer_chars(self._pdfminer.pages[index])

    def _open_plumber(self) -> pdfplumber.PDF:
        try:
            return pdfplumber.open(self.path)
        except PdfminerException as e:
            raise BadInput(self.path.name, f"corrupt PDF (the text parser failed: {str(e)[:100]})",
                           "download the file again", "corrupt") from None

    def close(self) -> None:
        for p in self.pages:
            if p._loaded is not None:
                p._loaded[1].close()
                p._loaded[0].close()
        self.pdfium.close()
        for plumber in {id(p): p for p in (self._plumber, self._pdfminer) if p is not None}.values():
            plumber.close()
        if self._qpdf is not None:
            self._qpdf.close()
        if self._stream is not None:
            self._stream.close()

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
