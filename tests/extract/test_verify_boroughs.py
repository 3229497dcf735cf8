"""A reading's rows are the boroughs printed in the table (pipeline/extract/verify_boroughs.py): a row lost,
a row that is not printed there and a borough read twice are refused."""
from __future__ import annotations

import copy

import pytest

from pipeline.extract.families import load_families
from pipeline.extract.verify import verify_records
from tests.conftest import RAW
from tests.helpers.readings import read_table

FAMILY = next(f for f in load_families() if f.name == "local_borough_priorities")
TABLE = FAMILY.tables[0]
PDF = RAW / "local_borough_priorities_2017-18.pdf"


@pytest.fixture(scope="module")
def reading() -> tuple[dict, list, list]:
    """(records, grids, page lines) of the priorities table in raw/, as the geometry reader reads it."""
    return read_table(PDF, FAMILY, {"period": "2017-18"})


def test_the_raw_table_verifies(reading):
    found, grids, lines = reading
    assert verify_records(found, TABLE, grids, lines) == ""


def test_a_reading_that_lost_a_row_is_refused(reading):
    found, grids, lines = reading
    lost_name = grids[0].rows[3].cells[0]
    lost = {"borough_priorities": [r for r in found["borough_priorities"] if r["borough_raw"] != lost_name]}
    short = copy.copy(grids[0])
    short.rows = [r for r in grids[0].rows if r.cells[0] != lost_name]
    assert verify_records(lost, TABLE) == ""  # every earlier check passes: each row it read has its shape
    problem = verify_records(lost, TABLE, [short, *grids[1:]], lines)
    assert problem.startswith(f"page {grids[0].page}: ") and "is printed in the table but no row was read" in problem


def test_a_borough_read_twice_is_refused(reading):
    found, grids, lines = reading
    first, second = grids[0].rows[0].cells[0], grids[1].rows[0].cells[0]
    twice = copy.deepcopy(found)
    for r in twice["borough_priorities"]:
        if r["borough_raw"] == second:
            r["borough_raw"] = first  # the first row's borough read again on the next page
    problem = verify_records(twice, TABLE, grids, lines)
    assert problem == f"page {grids[1].page}: row {first!r} is not a borough printed in the table"


def test_one_borough_read_as_two_rows_is_refused(reading):
    found, grids, lines = reading
    name = grids[0].rows[0].cells[0]
    again = [{**r, "borough_raw": f"London Borough of {name.removeprefix('LB ')}"}
             for r in found["borough_priorities"] if r["borough_raw"] == name]
    problem = verify_records({"borough_priorities": found["borough_priorities"] + again}, TABLE, grids, lines)
    assert problem.startswith(f"page {grids[0].page}: ") and problem.endswith("has 2 rows, expected 1")


def test_a_row_whose_borough_is_printed_elsewhere_is_refused(reading):
    found, grids, lines = reading
    elsewhere = grids[1].rows[0].cells[0]  # printed on the next page only
    moved = copy.deepcopy(found)
    name = grids[0].rows[0].cells[0]
    for r in moved["borough_priorities"]:
        if r["borough_raw"] == name:
            r["borough_raw"] = elsewhere
    problem = verify_records(moved, TABLE, grids, lines)
    assert problem == f"page {grids[0].page}: row {elsewhere!r} is not a borough printed in the table"
