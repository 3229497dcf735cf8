"""A page's chars placed exactly as pdfminer places them, from content streams qpdf tokenises.

pdfminer's own interpreter (text state, graphics state stack, fonts, forms) runs on the
instructions pikepdf parses, instead of on pdfminer's pure-Python lexer, and a light device
keeps each char as a tuple (text, x0, x1, top, bottom, size) computed with the same float
arithmetic as pdfminer's `LTChar` and pdfplumber's char dicts: the same numbers, to the last
bit, without a Python object per token or per glyph. Only the operators that move or show
text are run; paths, colours and images change no char's box.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from unicodedata import normalize as normalize_unicode

import pikepdf
import pdfplumber.page
from pdfplumber.utils.exceptions import PdfminerException
from pdfminer.layout import LTChar
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager, PDFTextState
from pdfminer.psparser import LIT
from pdfminer.utils import mult_matrix

from pipeline.extract.tounicode import parsing_tounicode
from pipeline.extract.triage import PageView

# operator -> pdfminer's method and its operand count; every other operator leaves the chars as they are
TEXT_OPERATORS = {op: (f"do_{name}", n) for op, name, n in (
    ("q", "q", 0), ("Q", "Q", 0), ("cm", "cm", 6), ("BT", "BT", 0), ("ET", "ET", 0), ("Tc", "Tc", 1),
    ("Tw", "Tw", 1), ("Tz", "Tz", 1), ("TL", "TL", 1), ("Tf", "Tf", 2), ("Tr", "Tr", 1), ("Ts", "Ts", 1),
    ("Td", "Td", 2), ("TD", "TD", 2), ("Tm", "Tm", 6), ("T*", "T_a", 0), ("Tj", "Tj", 1), ("TJ", "TJ", 1),
    ("'", "_q", 1), ('"', "_w", 3), ("Do", "Do", 1))}
WANTED = " ".join(TEXT_OPERATORS)  # qpdf returns only these instructions
STRING, NAME, ARRAY = pikepdf.ObjectType.string, pikepdf.ObjectType.name_, pikepdf.ObjectType.array


def _operand(v: object) -> object:
    """A pikepdf operand as pdfminer's parser gives it (float, int, bytes, literal, list)."""
    t = type(v)
    if t is int:
        return v
    if t is Decimal:
        return float(v)  # type: ignore[arg-type]
    if t is not pikepdf.Object:
        return v
    kind = v._type_code  # type: ignore[attr-defined]
    if kind == STRING:
        return bytes(v)  # type: ignore[call-overload]
    if kind == NAME:
        return LIT(str(v)[1:])
    if kind == ARRAY:  # a TJ array: numbers (taken here) and strings
        return [x if type(x) is int else float(x) if type(x) is Decimal else _operand(x)  # type: ignore[arg-type]
                for x in v]  # type: ignore[attr-defined]
    return v


class Unparsed(Exception):
    """A content stream qpdf cannot parse (the page is then read by pdfminer itself)."""


class CharDevice(PDFTextDevice):
    """Keeps the chars shown in runs, in content order: (size, top, chars), each char (text, x0, x1, top, bottom)
    with pdfminer's numbers (`top` and `bottom` from the top of the page as pdfplumber computes them:
    (height - y) + the mediabox's top). The chars of one run share their size, top and bottom."""

    def __init__(self, rsrcmgr: PDFResourceManager, height: float, top: float, glyphs: dict | None = None) -> None:
        """`glyphs`: what is known of the document's fonts (kept by the caller for the next page)."""
        super().__init__(rsrcmgr)
        self.height, self.top = height, top
        self.runs: list[tuple[float, float, list[tuple]]] = []
        known = {} if glyphs is None else glyphs
        # a font (the object, so it stays alive) -> char code -> (text, width); (font, size, scaling) -> advances
        self._glyphs: dict[PDFFont, dict[int, tuple[str, float]]] = known.setdefault("glyphs", {})
        self._advances: dict[tuple, dict[int, tuple[str, float]]] = known.setdefault("advances", {})

    def _glyph(self, font: PDFFont, cid: int) -> tuple[str, float]:
        """The text and width (in text space units per point of size) pdfminer gives a char code."""
        known = self._glyphs.setdefault(font, {})
        glyph = known.get(cid)
        if glyph is None:
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = f"(cid:{cid})"
            glyph = known[cid] = (text, font.char_width(cid))
        return glyph

    def render_string(self, textstate: PDFTextState, seq: list, ncs: object, graphicstate: object) -> None:
        """pdfminer's PDFTextDevice.render_string; an unrotated, unskewed horizontal string takes `_horizontal`."""
        font = textstate.font
        matrix = mult_matrix(textstate.matrix, self.ctm)
        if matrix[1] != 0 or matrix[2] != 0 or font.is_vertical():
            super().render_string(textstate, seq, ncs, graphicstate)  # type: ignore[arg-type]
            return
        fontsize = textstate.fontsize
        scaling = textstate.scaling * 0.01
        charspace = textstate.charspace * scaling
        wordspace = 0 if font.is_multibyte() else textstate.wordspace * scaling
        dxscale = 0.001 * fontsize * scaling
        textstate.linematrix = self._horizontal(seq, matrix, textstate.linematrix, font, fontsize, scaling,
                                                charspace, wordspace, textstate.rise, dxscale)

    def _horizontal(self, seq: list, matrix: tuple, pos: tuple, font: PDFFont, fontsize: float, scaling: float,
                    charspace: float, wordspace: float, rise: float, dxscale: float) -> tuple:
        """pdfminer's render_string_horizontal and render_char for a matrix (a 0 0 d e f), with the same float
        operations as its translate_matrix and apply_matrix_rect (so the same results)."""
        a, _, _, d, e, f = matrix
        x, y = pos
        descent = font.get_descent() * fontsize
        lo, hi = descent + rise, descent + rise + fontsize
        fy = y * d + f
        y0, y1 = d * lo + fy, d * hi + fy
        if y1 < y0:
            y0, y1 = y1, y0
        top, bottom = (self.height - y1) + self.top, (self.height - y0) + self.top
        key = (font, fontsize, scaling)
        advances = self._advances.get(key)
        if advances is None:
            advances = self._advances[key] = {}
        chars: list[tuple] = []
        out = chars.append
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    glyph = advances.get(cid)
                    if glyph is None:
                        text, textwidth = self._glyph(font, cid)
                        glyph = advances[cid] = (text, textwidth * fontsize * scaling)
                    text, adv = glyph
                    x0 = x * a + e
                    x1 = a * adv + x0
                    out((text, x0, x1, top, bottom) if x0 <= x1 else (text, x1, x0, top, bottom))
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
        if chars:
            self.runs.append((y1 - y0, top, chars))
        return (x, y)

    def render_char(self, matrix: tuple, font: PDFFont, fontsize: float, scaling: float, rise: float, cid: int,
                    ncs: object, graphicstate: object) -> float:
        """pdfminer's PDFLayoutAnalyzer.render_char, keeping LTChar's box as a run of one char."""
        text, textwidth = self._glyph(font, cid)
        item = LTChar(matrix, font, fontsize, scaling, rise, text, textwidth, font.char_disp(cid), None,
                      None)  # type: ignore[arg-type]
        top = (self.height - item.y1) + self.top
        self.runs.append((item.size, top, [(text, item.x0, item.x1, top, (self.height - item.y0) + self.top)]))
        return item.adv


class PikepdfInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter fed by pikepdf's parse of each content stream (forms included)."""

    def __init__(self, rsrcmgr: PDFResourceManager, device: CharDevice, pdf: pikepdf.Pdf | None = None) -> None:
        super().__init__(rsrcmgr, device)
        self.pdf = pdf

    def init_resources(self, resources: dict) -> None:
        """pdfminer's, with fonts' ToUnicode CMaps read by `tounicode` (the same maps)."""
        with parsing_tounicode():
            super().init_resources(resources)

    def dup(self) -> PikepdfInterpreter:
        return self.__class__(self.rsrcmgr, self.device, self.pdf)  # type: ignore[arg-type]

    def do_TJ(self, seq: object) -> None:
        """Show text (the graphic state plays no part in a char's box, so it is not copied)."""
        if self.textstate.font is not None:
            self.device.render_string(self.textstate, seq, None, None)  # type: ignore[arg-type]

    def execute(self, streams: list) -> None:
        """Run the text operators of each stream, parsed by qpdf (a stream already running is skipped)."""
        self.stream_ids.clear()
        run = {op: (getattr(self, method), n) for op, (method, n) in TEXT_OPERATORS.items()}
        for obj in streams:
            stream = obj.resolve() if hasattr(obj, "resolve") else obj
            objid = getattr(stream, "objid", None)
            if objid is None or objid in self.parent_stream_ids:
                continue
            self.stream_ids.add(objid)
            try:
                ops = pikepdf.parse_content_stream(self.pdf.get_object(objid, stream.genno), WANTED)
            except (pikepdf.PdfError, ValueError, TypeError) as e:
                raise Unparsed(str(e)) from None
            for ins in ops:
                found = run.get(str(ins.operator))  # (the name: hashing pikepdf's Operator costs twice as much)
                if found is None:
                    continue
                method, n = found
                if n == 0:
                    method()
                    continue
                args = ins.operands
                if n == 1 and args:
                    method(_operand(args[-1]))
                elif len(args) >= n:  # (most operands are numbers: converted here, without a call)
                    method(*[v if type(v) is int else float(v) if type(v) is Decimal else _operand(v)
                             for v in args[len(args) - n:]])


def page_chars(page: pdfplumber.page.Page, pdf: pikepdf.Pdf, glyphs: dict | None = None) -> list[tuple]:
    """The runs (size, top, chars) of a pdfplumber page, each char (text, x0, x1, top, bottom) as pdfplumber's
    char dicts hold it, in content order; Unparsed if qpdf cannot parse a content stream. `glyphs` carries what
    is known of the document's fonts from page to page."""
    mb_x0, mb_top = page.mediabox[:2]
    device = CharDevice(page.pdf.rsrcmgr, page.height, mb_top, glyphs)
    try:
        PikepdfInterpreter(page.pdf.rsrcmgr, device, pdf).process_page(page.page_obj)
    except Unparsed:
        raise
    except Exception as e:  # as pdfplumber reports a failure of pdfminer's interpreter
        raise PdfminerException(e) from e
    norm = page.pdf.unicode_norm
    if mb_x0 == 0 and norm is None:
        return device.runs
    return [(size, top, [(normalize_unicode(norm, t) if norm is not None else t, x0 + mb_x0 if mb_x0 != 0 else x0,
                          x1 + mb_x0 if mb_x0 != 0 else x1, top, bottom) for t, x0, x1, top, bottom in chars])
            for size, top, chars in device.runs]


def pdfminer_chars(page: pdfplumber.page.Page) -> list[tuple]:
    """The same runs from pdfminer's own parse of the page (for content qpdf cannot parse)."""
    chars = PageView(page).chars
    page.close()
    runs: list[tuple] = []
    for (size, top), group in groupby(chars, key=itemgetter("size", "top")):
        runs.append((size, top, [(c["text"], c["x0"], c["x1"], c["top"], c["bottom"]) for c in group]))
    return runs
