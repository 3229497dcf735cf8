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
from unicodedata import normalize as normalize_unicode

import pikepdf
import pdfplumber.page
from pdfplumber.utils.exceptions import PdfminerException
from pdfminer.layout import LTChar
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.psparser import LIT

from pipeline.extract.triage import PageView

# operator -> pdfminer's method and its operand count; every other operator leaves the chars as they are
TEXT_OPERATORS = {op: (f"do_{name}", n) for op, name, n in (
    ("q", "q", 0), ("Q", "Q", 0), ("cm", "cm", 6), ("BT", "BT", 0), ("ET", "ET", 0), ("Tc", "Tc", 1),
    ("Tw", "Tw", 1), ("Tz", "Tz", 1), ("TL", "TL", 1), ("Tf", "Tf", 2), ("Tr", "Tr", 1), ("Ts", "Ts", 1),
    ("Td", "Td", 2), ("TD", "TD", 2), ("Tm", "Tm", 6), ("T*", "T_a", 0), ("Tj", "Tj", 1), ("TJ", "TJ", 1),
    ("'", "_q", 1), ('"', "_w", 3), ("Do", "Do", 1))}
WANTED = " ".join(TEXT_OPERATORS)  # qpdf returns only these instructions


def _operand(v: object) -> object:
    """A pikepdf operand as pdfminer's parser gives it (float, int, bytes, literal, list)."""
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, int):
        return v
    if isinstance(v, pikepdf.String):
        return bytes(v)
    if isinstance(v, pikepdf.Name):
        return LIT(str(v)[1:])
    if isinstance(v, pikepdf.Array):
        return [_operand(x) for x in v]
    return v


class Unparsed(Exception):
    """A content stream qpdf cannot parse (the page is then read by pdfminer itself)."""


class CharDevice(PDFTextDevice):
    """Keeps (text, x0, x1, top, bottom, size) of every char shown, in content order (pdfminer's numbers;
    `top` and `bottom` from the top of the page as pdfplumber computes them: (height - y) + the mediabox's top)."""

    def __init__(self, rsrcmgr: PDFResourceManager, height: float, top: float) -> None:
        super().__init__(rsrcmgr)
        self.height, self.top = height, top
        self.chars: list[tuple] = []
        self._glyphs: dict[int, dict[int, tuple[str, float]]] = {}

    def _glyph(self, font: PDFFont, cid: int) -> tuple[str, float]:
        """The text and width (in text space units per point of size) pdfminer gives a char code."""
        known = self._glyphs.setdefault(id(font), {})
        glyph = known.get(cid)
        if glyph is None:
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = f"(cid:{cid})"
            glyph = known[cid] = (text, font.char_width(cid))
        return glyph

    def render_string_horizontal(self, seq: list, matrix: tuple, pos: tuple, font: PDFFont, fontsize: float,
                                 scaling: float, charspace: float, wordspace: float, rise: float, dxscale: float,
                                 ncs: object, graphicstate: object) -> tuple:
        """pdfminer's loop over a string's chars; an unrotated, unskewed matrix takes a shortcut with the same
        float operations as pdfminer's translate_matrix and apply_matrix_rect (so the same results)."""
        if matrix[1] != 0 or matrix[2] != 0:
            return super().render_string_horizontal(seq, matrix, pos, font, fontsize, scaling, charspace, wordspace,
                                                     rise, dxscale, ncs, graphicstate)
        a, _, _, d, e, f = matrix
        x, y = pos
        descent = font.get_descent() * fontsize
        lo, hi = descent + rise, descent + rise + fontsize
        fy = y * d + f
        y0, y1 = d * lo + fy, d * hi + fy
        if y1 < y0:
            y0, y1 = y1, y0
        size = y1 - y0
        top, bottom = (self.height - y1) + self.top, (self.height - y0) + self.top
        glyph, out = self._glyph, self.chars
        known = self._glyphs.setdefault(id(font), {})
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    text, textwidth = known.get(cid) or glyph(font, cid)
                    adv = textwidth * fontsize * scaling
                    x0 = x * a + e
                    x1 = a * adv + x0
                    out.append((text, x0, x1, top, bottom, size) if x0 <= x1 else (text, x1, x0, top, bottom, size))
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
        return (x, y)

    def render_char(self, matrix: tuple, font: PDFFont, fontsize: float, scaling: float, rise: float, cid: int,
                    ncs: object, graphicstate: object) -> float:
        """pdfminer's PDFLayoutAnalyzer.render_char, keeping LTChar's box as a tuple."""
        text, textwidth = self._glyph(font, cid)
        item = LTChar(matrix, font, fontsize, scaling, rise, text, textwidth, font.char_disp(cid), None,
                      None)  # type: ignore[arg-type]
        self.chars.append((text, item.x0, item.x1, (self.height - item.y1) + self.top,
                           (self.height - item.y0) + self.top, item.size))
        return item.adv


class PikepdfInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter fed by pikepdf's parse of each content stream (forms included)."""

    def __init__(self, rsrcmgr: PDFResourceManager, device: CharDevice, pdf: pikepdf.Pdf | None = None) -> None:
        super().__init__(rsrcmgr, device)
        self.pdf = pdf

    def dup(self) -> PikepdfInterpreter:
        return self.__class__(self.rsrcmgr, self.device, self.pdf)  # type: ignore[arg-type]

    def do_TJ(self, seq: object) -> None:
        """Show text (the graphic state plays no part in a char's box, so it is not copied)."""
        if self.textstate.font is not None:
            self.device.render_string(self.textstate, seq, None, None)  # type: ignore[arg-type]

    def execute(self, streams: list) -> None:
        """Run the text operators of each stream, parsed by qpdf (a stream already running is skipped)."""
        self.stream_ids.clear()
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
                if isinstance(ins, pikepdf.ContentStreamInlineImage):
                    continue
                found = TEXT_OPERATORS.get(str(ins.operator))
                if found is None:
                    continue
                method, n = found
                args = ins.operands
                if len(args) < n:
                    continue
                getattr(self, method)(*[_operand(a) for a in args[len(args) - n:]])


def page_chars(page: pdfplumber.page.Page, pdf: pikepdf.Pdf) -> list[tuple]:
    """(text, x0, x1, top, bottom, size) of every char of a pdfplumber page, as pdfplumber's char dicts hold them."""
    mb_x0, mb_top = page.mediabox[:2]
    device = CharDevice(page.pdf.rsrcmgr, page.height, mb_top)
    try:
        PikepdfInterpreter(page.pdf.rsrcmgr, device, pdf).process_page(page.page_obj)
    except Unparsed:
        return pdfminer_chars(page)
    except Exception as e:  # as pdfplumber reports a failure of pdfminer's interpreter
        raise PdfminerException(e) from e
    norm = page.pdf.unicode_norm
    if mb_x0 == 0 and norm is None:
        return device.chars
    return [(normalize_unicode(norm, t) if norm is not None else t, x0 + mb_x0 if mb_x0 != 0 else x0,
             x1 + mb_x0 if mb_x0 != 0 else x1, top, bottom, size) for t, x0, x1, top, bottom, size in device.chars]


def pdfminer_chars(page: pdfplumber.page.Page) -> list[tuple]:
    """The same tuples from pdfminer's own parse of the page (for content qpdf cannot parse)."""
    chars = PageView(page).chars
    page.close()
    return [(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"]) for c in chars]
