"""camelot's lattice reader (the fallback for ruled grids) and the geometry reader agree on the raw/ grids."""
from __future__ import annotations

import pytest

from pipeline.extract.families import load_families, table_to_gridspec
from pipeline.extract.grid import lines_to_grid
from pipeline.extract.lattice import page_to_grids
from pipeline.extract.layout import horizontal_rules, page_to_lines
from pipeline.extract.pdfium_page import PdfiumDocument
from pipeline.extract.readers import officers, priorities
from tests.conftest import RAW

FAMILIES = {f.name: f for f in load_families()}


def _both(pdf_name: str, family: str):
    table = FAMILIES[family].tables[0]
    spec = table_to_gridspec(table)
    path = RAW / pdf_name
    pairs = []
    with PdfiumDocument(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = page_to_lines(page)
            geometry = lines_to_grid(lines, lambda a, b, p=page: horizontal_rules(p, a, b), spec, number)
            if geometry is None:
                continue
            lattice = page_to_grids(path, number, spec, lines, float(page.height))
            assert len(lattice) == 1, f"camelot found {len(lattice)} tables on page {number}"
            pairs.append((geometry, lattice[0]))
    assert pairs
    return table, pairs


@pytest.mark.slow
@pytest.mark.parametrize("pdf_name", ["local_borough_priorities_2017-18.pdf"])
def test_priorities_grid_read_the_same_by_both_readers(pdf_name):
    table, pairs = _both(pdf_name, "local_borough_priorities")
    for geometry, lattice in pairs:
        assert priorities.grid_to_records(lattice, table, {}) == priorities.grid_to_records(geometry, table, {})


@pytest.mark.slow
def test_officers_grid_read_the_same_by_both_readers():
    table, pairs = _both("draft_police_and_crime_plan_2013.pdf", "police_and_crime_plan")
    for geometry, lattice in pairs:
        assert officers.grid_to_records(lattice, table) == officers.grid_to_records(geometry, table)


def test_document_falls_back_to_another_reader_when_geometry_finds_no_grid(monkeypatch):
    import pipeline.extract.candidates as candidates
    import pipeline.extract.document as document
    from pipeline.extract.manifest import load_manifest
    from pipeline.settings import ExtractSettings

    path = RAW / "local_borough_priorities_2017-18.pdf"
    meta = load_manifest(RAW)[path.name]
    expected = document.extract_document(path, meta, ExtractSettings())["records"]["borough_priorities"]
    monkeypatch.setattr(candidates, "lines_to_grid", lambda *a, **k: None)
    doc = document.extract_document(path, meta, ExtractSettings())
    fallback = doc["records"]["borough_priorities"]
    assert fallback == expected and len(fallback) == 128  # the same records, with the same cell boxes
    assert {t["reader"] for t in doc["coverage"]["tables"]} == {"pdfplumber lines"}
