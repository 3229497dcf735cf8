"""Page geometry under extract.engine pdfium: the same word boxes, rules and records as pdfminer's (pdfplumber's)."""
from __future__ import annotations

from dataclasses import astuple, replace
from pathlib import Path

import pdfplumber
import pytest

from pipeline.errors import UsageError
from pipeline.extract.document import extract_document
from pipeline.extract.layout import horizontal_rules, page_to_lines, page_to_words
from pipeline.extract.manifest import load_manifest
from pipeline.extract.pdfium_page import PdfiumDocument
from pipeline.settings import ExtractSettings, Settings
from tests.conftest import CORPUS, RAW, distinct
from helpers.tools import ENGINES
from tools.layouts.sweep import sample
from tools.layouts.sweep import render as render_layout

# (a corpus PDF byte-identical to another one, as seed_set/ repeats them, is compared once)
CORPUS_PDFS = distinct(sorted(p for p in CORPUS.glob("*/*.pdf") if not p.parent.name.startswith("bad_")))
PDFS = sorted(RAW.glob("*.pdf")) + CORPUS_PDFS
SWEEP_PER_KIND = 1  # sweep layouts per font and engine here; bench/engine_boxes.py compares every layout
SWEEP_ENGINES = ("reportlab", "fpdf2", "postscript", "chromium", "libreoffice")


def _sweep_cases(engine: str) -> list[dict]:
    """The first SWEEP_PER_KIND cases of the sweep (seed 12) of each font drawn by `engine`."""
    seen: dict[str, int] = {}
    out = []
    for dims in sample(12, 200):
        if dims["engine"] == engine and seen.get(dims["font"], 0) < SWEEP_PER_KIND:
            seen[dims["font"]] = seen.get(dims["font"], 0) + 1
            out.append(dims)
    return out


def _word_boxes(path: Path) -> tuple[list, list]:
    """Every page's words (text, x0, x1, top, bottom, size) from pdfplumber's pdfminer and from the pdfium engine."""
    with pdfplumber.open(path) as pdf, PdfiumDocument(path) as doc:
        assert len(doc.pages) == len(pdf.pages)
        theirs = [[astuple(w) for w in page_to_words(p)] for p in pdf.pages]
        ours = [[astuple(w) for w in page_to_words(p)] for p in doc.pages]
    return theirs, ours


@pytest.mark.sweep
@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_word_box_is_pdfminers(path: Path) -> None:
    """raw/ and the corpus: every word on every page, its text and its box, equal to pdfplumber's (not just
    after rounding: pdfminer's float operations are repeated in the same order)."""
    theirs, ours = _word_boxes(path)
    assert sum(map(len, theirs)) > 0
    for number, (a, b) in enumerate(zip(theirs, ours), 1):
        assert b == a, f"page {number}"


@pytest.mark.sweep
@pytest.mark.parametrize("engine", [pytest.param(e, marks=pytest.mark.needs(*ENGINES[e])) for e in SWEEP_ENGINES])
def test_every_word_box_of_sweep_layouts_is_pdfminers(engine: str, tmp_path: Path) -> None:
    """Layouts of every PDF engine and font the sweep draws (TrueType subsets, Type 1, Ghostscript's TJ kerning,
    Chromium's and LibreOffice's own PDFs)."""
    cases = _sweep_cases(engine)
    assert {d["font"] for d in cases} == {"sans", "serif", "mono"} and len(cases) == 3 * SWEEP_PER_KIND
    for dims in cases:
        path = tmp_path / f"case_{dims['case']:04d}_{engine}_{dims['font']}.pdf"
        render_layout(dims, path)
        theirs, ours = _word_boxes(path)
        assert sum(map(len, theirs)) > 0
        assert ours == theirs, path.name


@pytest.mark.sweep
@pytest.mark.parametrize("path", sorted(RAW.glob("*.pdf")) + CORPUS_PDFS[:3], ids=lambda p: p.name)
def test_pdfium_pages_give_pdfminers_rules(path: Path) -> None:
    """Every page: the same lines and the same horizontal rules (pdfium's paths) as pdfplumber's page."""
    with pdfplumber.open(path) as pdf, PdfiumDocument(path) as doc:
        for page, mine in zip(pdf.pages, doc.pages):
            assert mine.height == pytest.approx(float(page.height))
            assert [ln.text for ln in page_to_lines(mine)] == [ln.text for ln in page_to_lines(page)]
            width = float(page.width)
            rules, expected = horizontal_rules(mine, 0, width), horizontal_rules(page, 0, width)
            assert rules == pytest.approx(expected, abs=0.5), f"page {page.page_number}"  # 32-bit path
            # coordinates: a half-point rounding step may differ


@pytest.mark.sweep
@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_engines_extract_the_same_document(path: Path) -> None:
    """The whole extraction, cell boxes included, is the same under either engine."""
    meta = load_manifest(RAW).get(path.name, {}) if path.parent == RAW else {"period": "2018-19"}
    old = extract_document(path, meta, replace(ExtractSettings(), engine="pdfminer"))
    new = extract_document(path, meta, replace(ExtractSettings(), engine="pdfium"))
    assert new == old


def test_engine_setting_is_checked(tmp_path: Path) -> None:
    assert ExtractSettings().engine == "pdfium"
    params = tmp_path / "params.yaml"
    params.write_text("extract:\n  engine: pdfminer\n")
    assert Settings.load(params).extract.engine == "pdfminer"
    params.write_text("extract:\n  engine: poppler\n")
    with pytest.raises(UsageError, match="engine must be one of pdfminer, pdfium"):
        Settings.load(params)
