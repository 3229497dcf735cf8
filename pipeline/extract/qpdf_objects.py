"""pdfminer's document objects read by qpdf: the same values, without pdfminer's pure-Python lexer.

pdfminer (under pdfplumber) resolves every indirect object through `PDFDocument.getobj`:
page tree, pages, resources, fonts, widths arrays, ToUnicode streams. `serve_objects` makes
that method read the object with qpdf (pikepdf) and convert it to the types pdfminer's parser
gives (dict with str keys, list, int, float, bytes, literal, PDFObjRef, PDFStream whose raw
bytes pdfminer decodes itself). Anything qpdf had to repair, and anything this conversion
cannot vouch for (a name with # escapes or non-ASCII bytes, an object qpdf cannot find, an
encrypted document), is read by pdfminer's own getobj, so the objects are pdfminer's.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pikepdf
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import LIT

KIND = pikepdf.ObjectType
MISSING = object()


class Unsure(Exception):
    """An object whose pdfminer value the conversion cannot vouch for (pdfminer reads it)."""


class QpdfStream(PDFStream):
    """A PDFStream whose raw (still encoded) bytes are read from qpdf only when pdfminer decodes them."""

    def __init__(self, attrs: dict[str, Any], source: pikepdf.Stream, objid: int, genno: int) -> None:
        self._raw: object = MISSING
        self._source = source
        super().__init__(attrs, MISSING, None)  # type: ignore[arg-type]
        self.set_objid(objid, genno)

    @property
    def rawdata(self) -> bytes | None:  # type: ignore[override]
        if self._raw is MISSING:
            self._raw = self._source.read_raw_bytes()
        return self._raw  # type: ignore[return-value]

    @rawdata.setter
    def rawdata(self, value: object) -> None:
        if value is not MISSING:
            self._raw = value


class QpdfObjects:
    """`getobj` for a pdfminer document, reading objects with qpdf (pdfminer's own getobj when unsure)."""

    def __init__(self, doc: PDFDocument, pdf: pikepdf.Pdf) -> None:
        self.doc, self.pdf = doc, pdf
        self.pdfminer_getobj = doc.getobj
        self.cache: dict[int, object] = {}

    def getobj(self, objid: int) -> object:
        """Object `objid` as pdfminer's getobj returns it."""
        obj = self.cache.get(objid, MISSING)
        if obj is MISSING:
            obj = self.cache[objid] = self._read(objid)
        return obj

    def _read(self, objid: int) -> object:
        genno = self._genno(objid)
        if genno is None:
            return self.pdfminer_getobj(objid)
        self.pdf.get_warnings()  # qpdf hands its warnings over once: what came before is not this object's
        try:
            source = self.pdf.get_object(objid, genno)
            obj = None if source is None else self._value(source, top=True)
        except (Unsure, pikepdf.PdfError, ValueError, TypeError, UnicodeError):
            obj = None
        if obj is None or self.pdf.get_warnings():
            return self.pdfminer_getobj(objid)
        if isinstance(obj, QpdfStream):
            obj.set_objid(objid, genno)
        return obj

    def _genno(self, objid: int) -> int | None:
        """The generation pdfminer's cross-reference gives the object (None: not there)."""
        for xref in self.doc.xrefs:
            try:
                return xref.get_pos(objid)[2]
            except KeyError:
                continue
        return None

    def _value(self, v: Any, top: bool = False) -> object:
        """A qpdf value as pdfminer's parser gives it; a reference inside an object stays a reference."""
        t = type(v)
        if t is int or t is bool or v is None:
            return v
        if t is Decimal:
            return float(v)
        if not top and v.is_indirect:
            return PDFObjRef(self.doc, v.objgen[0])
        kind = v._type_code
        if kind == KIND.name_:
            name = str(v)[1:]
            if "#" in name or not name.isascii():
                raise Unsure(name)
            return LIT(name)
        if kind == KIND.string:
            return bytes(v)
        if kind == KIND.array:
            return [self._value(x) for x in v]
        if kind == KIND.dictionary:
            return self._dict(v)
        if kind == KIND.stream:
            objid, genno = v.objgen
            return QpdfStream(self._dict(v), v, objid, genno)
        raise Unsure(repr(kind))

    def _dict(self, v: Any) -> dict[str, object]:
        """A dictionary's entries (a null value leaves its key out, as pdfminer's parser does)."""
        out: dict[str, object] = {}
        for key, value in v.items():
            name = key[1:]
            if "#" in name or not name.isascii():
                raise Unsure(name)
            value = self._value(value)
            if value is not None:
                out[name] = value
        return out


def serve_objects(doc: PDFDocument, pdf: pikepdf.Pdf) -> None:
    """Make `doc` read its objects with qpdf, unless qpdf repaired the file or it is encrypted."""
    if pdf.get_warnings() or pdf.is_encrypted or doc.encryption is not None or doc.decipher is not None:
        return
    doc.getobj = QpdfObjects(doc, pdf).getobj  # type: ignore[method-assign]
