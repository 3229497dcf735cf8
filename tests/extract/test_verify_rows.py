"""A reading has one row per row the page prints (pipeline/extract/verify_rows.py): a reading that lost a row, or
took a row for a header line, is refused."""
from __future__ import annotations


from pipeline.extract.families import load_families, table_to_gridspec
from pipeline.extract.verify import verify_records
from pipeline.extract.verify_rows import printed_rows
from tests.conftest import RAW
from tests.helpers.readings import read_table

FAMILY = next(f for f in load_families() if f.name == "local_policing_summary")
TABLE = FAMILY.tables[0]
BARNET = RAW / "lps_barnet_2009-10.pdf"

def _reading(path, name: str = "geometry") -> tuple[dict, list, list]:
    return read_table(path, FAMILY, candidate=name)


def test_the_raw_summary_verifies_and_prints_seven_rows():
    found, grids, lines = _reading(BARNET)
    assert printed_rows(lines[grids[0].page - 1], table_to_gridspec(TABLE)) == 7
    assert verify_records(found, TABLE, grids, lines) == ""


def test_a_reading_that_lost_a_row_is_refused():
    found, grids, lines = _reading(BARNET)
    lost = {"borough_performance": found["borough_performance"][:-1]}
    assert verify_records(lost, TABLE, grids, lines) == f"page {grids[0].page}: 6 rows read, the page prints 7"


def test_a_reading_that_took_rows_for_its_header_is_refused():
    """As pdfplumber's text strategy once read sweep seed 77 case 239: the table's first rows taken for header lines
    (so accounting finds every word read or a heading) and only the rest read as rows; only the row count tells."""
    found, grids, lines = _reading(BARNET)
    for g in grids:
        g.header_phrases = g.header_phrases + [[(r.cells[0], 0.0, 1.0)] for r in g.rows[:2]]
        g.rows = g.rows[2:]
    taken = {"borough_performance": found["borough_performance"][2:]}
    assert verify_records(taken, TABLE, grids, lines) == f"page {grids[0].page}: 5 rows read, the page prints 7"
