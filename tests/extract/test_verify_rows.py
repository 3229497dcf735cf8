"""A reading has one row per row the page prints (pipeline/extract/verify_rows.py): a reading that lost a row, or
took a row for a header line, is refused."""
from __future__ import annotations

import pytest

from pipeline.extract.candidates import TablePages, table_candidates
from pipeline.extract.document import _table_records
from pipeline.extract.families import load_families, table_to_gridspec
from pipeline.extract.furniture import without_running
from pipeline.extract.layout import page_to_lines
from pipeline.extract.pages import open_pages
from pipeline.extract.verify import verify_records
from pipeline.settings import ExtractSettings
from pipeline.extract.verify_rows import printed_rows
from tests.conftest import RAW
from tools.layouts.render import font_available
from tools.layouts.sweep import render

FAMILY = next(f for f in load_families() if f.name == "local_policing_summary")
TABLE = FAMILY.tables[0]
BARNET = RAW / "lps_barnet_2009-10.pdf"
# a layout (sweep seed 77, case 239) where pdfplumber's text strategy took the table's first rows for its header
# and read only two rows; accounting took those lines for header lines, so only the row count tells
HEADER_ROWS = {"case": 239, "family": "performance", "engine": "fpdf2", "font": "mono", "size": "9", "rules": "zebra",
               "align": "left", "valign": "top", "wrap": "yes", "subheaders": "yes", "header_lines": "multi",
               "split": "repeated", "orientation": "portrait", "prose": "yes", "second_table": "no",
               "negative": "hyphen", "plus": "yes", "thousands": "yes", "gutter": "narrow", "running": "yes"}


def _reading(path, name: str = "geometry") -> tuple[dict, list, list]:
    _, pdf, views, _ = open_pages(path, ExtractSettings())
    with pdf:
        lines = without_running([page_to_lines(v) for v in views])
        grids = next(c for c in table_candidates(TablePages(path, views, lines, TABLE)) if c.name == name).read()
    return _table_records(path.name, FAMILY, TABLE, grids, "", {}), grids, lines


def test_the_raw_summary_verifies_and_prints_seven_rows():
    found, grids, lines = _reading(BARNET)
    assert printed_rows(lines[grids[0].page - 1], table_to_gridspec(TABLE)) == 7
    assert verify_records(found, TABLE, grids, lines) == ""


def test_a_reading_that_lost_a_row_is_refused():
    found, grids, lines = _reading(BARNET)
    lost = {"borough_performance": found["borough_performance"][:-1]}
    assert verify_records(lost, TABLE, grids, lines) == f"page {grids[0].page}: 6 rows read, the page prints 7"


@pytest.mark.skipif(not font_available("mono"), reason="DejaVu fonts are not installed")
def test_a_reading_that_took_rows_for_its_header_is_refused(tmp_path):
    pdf = tmp_path / "header_rows.pdf"
    render(HEADER_ROWS, pdf)
    found, grids, lines = _reading(pdf, "pdfplumber text")
    assert len(found["borough_performance"]) == 2  # the other rows went into its header
    assert verify_records(found, TABLE, grids, lines) == "page 1: 2 rows read, the page prints 5"
