"""Page geometry from pdfium (extract.engine: pdfium): the same words, rules and rows as pdfminer's, boxes close."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from pipeline.errors import UsageError
from pipeline.extract.document import extract_document
from pipeline.extract.layout import horizontal_rules, page_to_lines
from pipeline.extract.manifest import load_manifest
from pipeline.extract.pdfium_page import PdfiumDocument
from pipeline.settings import ExtractSettings, Settings
from tests.conftest import CORPUS, RAW

PDFS = sorted(RAW.glob("*.pdf")) + sorted(p for case in ("officers_synth_chromium", "priorities_2018_hrules",
                                                           "lps_bexley_synth") for p in (CORPUS / case).glob("*.pdf"))
MAX_BOX_SHIFT = 1.0  # points: pdfium keeps glyph widths in whole thousandths of an em, so x drifts along a line


def _without_cells(obj: object) -> object:
    if isinstance(obj, dict):
        return {k: _without_cells(v) for k, v in obj.items() if k != "cells"}
    if isinstance(obj, list):
        return [_without_cells(v) for v in obj]
    return obj


def _boxes(obj: object, out: list) -> list:
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.append(v) if k == "cells" else _boxes(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _boxes(v, out)
    return out


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_pages_give_pdfminers_words_and_rules(path: Path) -> None:
    """Every page: the same lines of words (text) and the same horizontal rules as pdfplumber's page."""
    with pdfplumber.open(path) as pdf, PdfiumDocument(path) as doc:
        assert len(doc.pages) == len(pdf.pages)
        for page, mine in zip(pdf.pages, doc.pages):
            assert mine.height == pytest.approx(float(page.height))
            theirs = page_to_lines(page)
            ours = page_to_lines(mine)
            assert [ln.text for ln in ours] == [ln.text for ln in theirs], f"page {page.page_number}"
            for a, b in zip(ours, theirs):
                assert a.top == pytest.approx(b.top, abs=0.05) and a.size == pytest.approx(b.size, abs=0.01)
            width = float(page.width)
            rules, expected = horizontal_rules(mine, 0, width), horizontal_rules(page, 0, width)
            assert rules == pytest.approx(expected, abs=0.5), f"page {page.page_number}"  # 32-bit floats: a half
            # point rounding step may differ


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_engine_extracts_the_same_records(path: Path) -> None:
    """The whole extraction: every record and the title identical; each cell box within MAX_BOX_SHIFT points."""
    meta = load_manifest(RAW).get(path.name, {}) if path.parent == RAW else {"period": "2018-19"}
    old = extract_document(path, meta, ExtractSettings())
    new = extract_document(path, meta, replace(ExtractSettings(), engine="pdfium"))
    assert _without_cells(new) == _without_cells(old)
    old_boxes, new_boxes = _boxes(old, []), _boxes(new, [])
    assert [sorted(b) for b in new_boxes] == [sorted(b) for b in old_boxes] and old_boxes
    for a, b in zip(old_boxes, new_boxes):
        for field, box in a.items():
            assert box["text"] == b[field]["text"] and box["page"] == b[field]["page"]
            for k in ("x0", "top", "x1", "bottom"):
                assert abs(box[k] - b[field][k]) <= MAX_BOX_SHIFT, (path.name, field, k, box, b[field])


def test_engine_setting_is_checked(tmp_path: Path) -> None:
    params = tmp_path / "params.yaml"
    params.write_text("extract:\n  engine: pdfium\n")
    assert Settings.load(params).extract.engine == "pdfium"
    params.write_text("extract:\n  engine: poppler\n")
    with pytest.raises(UsageError, match="engine must be one of pdfminer, pdfium"):
        Settings.load(params)
