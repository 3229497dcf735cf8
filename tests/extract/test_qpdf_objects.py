"""pdfminer's document objects read by qpdf: the same values pdfminer's own parser gives, object by object."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import PSLiteral

from pipeline.extract.qpdf_objects import QpdfObjects, serve_objects
from tests.conftest import CORPUS, RAW

PDFS = sorted(RAW.glob("*.pdf")) + sorted(p for p in CORPUS.glob("*/*.pdf") if not p.parent.name.startswith("bad_"))


def _plain(v: object, doc: object) -> object:
    """A pdfminer value with its Python types kept: references by number (a reference to a number by the
    number: qpdf gives numbers resolved), streams by their attributes and decoded data."""
    if isinstance(v, PDFObjRef):
        target = doc.getobj(v.objid)  # type: ignore[attr-defined]
        return _plain(target, doc) if isinstance(target, int | float) else ("ref", v.objid)
    if isinstance(v, PDFStream):
        return ("stream", v.objid, v.genno, _plain(v.attrs, doc), v.get_data())
    if isinstance(v, dict):
        return {k: _plain(x, doc) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x, doc) for x in v]
    if isinstance(v, PSLiteral):
        return ("name", v.name)
    return (type(v).__name__, v)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_object_is_pdfminers(path: Path) -> None:
    """Every object in pdfminer's cross-reference, read by qpdf, equals pdfminer's (types included)."""
    with pdfplumber.open(path) as theirs, pdfplumber.open(path) as ours, pikepdf.open(
            path, inherit_page_attributes=False) as pdf:
        objects = QpdfObjects(ours.doc, pdf)
        ids = sorted({i for xref in theirs.doc.xrefs for i in xref.get_objids()})
        assert ids
        for objid in ids:
            try:
                expected = _plain(theirs.doc.getobj(objid), theirs.doc)
            except Exception as e:  # noqa: BLE001 - what pdfminer cannot read, qpdf leaves to it
                with pytest.raises(type(e)):
                    objects.getobj(objid)
                continue
            assert _plain(objects.getobj(objid), ours.doc) == expected, objid


def test_served_pages_give_pdfminers_chars() -> None:
    """A document served by qpdf: the same chars (pdfplumber's dicts) on every page as pdfminer's own."""
    path = RAW / "lps_barnet_2009-10.pdf"
    with pdfplumber.open(path) as theirs, pdfplumber.open(path) as ours, pikepdf.open(
            path, inherit_page_attributes=False) as pdf:
        serve_objects(ours.doc, pdf)
        assert ours.doc.getobj.__self__.__class__ is QpdfObjects
        for a, b in zip(theirs.pages, ours.pages, strict=True):
            assert b.chars == a.chars and b.chars


def test_repaired_file_is_left_to_pdfminer(tmp_path: Path) -> None:
    """A file qpdf has to repair (its cross-reference offset broken) keeps pdfminer's own reading."""
    data = (RAW / "lps_barnet_2009-10.pdf").read_bytes()
    at = data.rindex(b"startxref") + len(b"startxref")
    end = data.index(b"%%EOF", at)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[:at] + b"\n12\n" + data[end:])
    with pikepdf.open(broken) as pdf:
        assert pdf.get_warnings()
    with pdfplumber.open(broken) as plumber, pikepdf.open(broken, inherit_page_attributes=False) as pdf:
        before = plumber.doc.getobj
        serve_objects(plumber.doc, pdf)
        assert plumber.doc.getobj == before
