"""Printed Totals agree with their rows (pipeline/extract/verify_totals.py): a reading that lost or misread a row
is refused; the source's own reviewed discrepancies (schemas/accepted_discrepancies.yaml) are not."""
from __future__ import annotations

import copy

import pytest

from pipeline.extract import verify_totals
from pipeline.extract.families import load_families
from pipeline.extract.verify import _checks, verify_records, verify_steps
from tests.conftest import RAW
from tests.helpers.readings import read_table

FAMILY = next(f for f in load_families() if f.name == "police_and_crime_plan")
TABLE = FAMILY.tables[0]
PLAN = RAW / "draft_police_and_crime_plan_2013.pdf"


@pytest.fixture(scope="module")
def reading() -> tuple[dict, list, list]:
    """(records, grids, page lines) of the officers table in raw/, as the geometry reader reads it."""
    return read_table(PLAN, FAMILY)


def test_the_raw_table_verifies_with_its_reviewed_discrepancies(reading):
    found, grids, lines = reading
    assert verify_records(found, TABLE, grids, lines) == ""


def test_an_unreviewed_total_is_refused(reading, monkeypatch):
    found, grids, lines = reading
    monkeypatch.setattr(verify_totals, "_reviewed", lambda: ())
    problem = verify_records(found, TABLE, grids, lines)
    assert problem.startswith("page 6: Total row 'Total': printed '19285' for Total Borough officers 2015 is not "
                              "the sum of its rows (19287)"), problem


def test_a_reading_that_lost_a_row_is_refused_by_its_totals(reading):
    found, grids, lines = reading
    lost = {k: [r for r in v if r["borough_raw"] != "Croydon"] for k, v in found.items()}
    assert len(lost["officer_allocations"]) == len(found["officer_allocations"]) - 4
    problem = verify_records(lost, TABLE)  # every other check passes: each row's Change is its own difference
    assert problem.startswith("page 6: Total row 'Total': printed") and "is not the sum of its rows" in problem


def test_a_count_read_in_the_wrong_row_is_refused(reading):
    found, grids, lines = reading
    wrong = copy.deepcopy(found)
    counts = wrong["officer_allocations"]
    a = next(r for r in counts if r["borough_raw"] == "Barnet" and r["year"] == 2011 and "Safer" in r["team_raw"])
    b = next(r for r in counts if r["borough_raw"] == "Bexley" and r["year"] == 2011 and "Safer" in r["team_raw"])
    assert a["officers_raw"] != b["officers_raw"]
    a["officers_raw"] = b["officers_raw"]  # Bexley's figure read into Barnet's row as well
    for ch in wrong["officer_changes"]:  # and the printed changes read to agree, so only the Total tells
        if ch["borough_raw"] == "Barnet" and "Safer" in ch["team_raw"]:
            later = next(r for r in counts if r["borough_raw"] == "Barnet" and r["year"] == ch["to_year"]
                         and r["team_raw"] == ch["team_raw"])
            ch["change_raw"] = str(int(later["officers_raw"].replace(",", "")) - int(b["officers_raw"]))
    assert "Total row 'Total'" in verify_records(wrong, TABLE)


def test_an_unreviewed_total_under_rows_that_all_verify_is_the_sources_own(reading, monkeypatch):
    """Each row's printed Change is its own difference and the rows are the boroughs printed: a Total that is not
    their sum is the source's discrepancy (the reading stands; validation exits 5 until it is reviewed)."""
    found, grids, lines = reading
    monkeypatch.setattr(verify_totals, "_reviewed", lambda: ())
    verdict = verify_steps(found, TABLE, grids, lines)
    assert verdict.in_source and "printed '19285'" in verdict.problem and "(19287)" in verdict.problem
    assert verdict.passed == len(_checks(found, TABLE, grids, lines)) - 1


def test_a_total_that_disagrees_because_a_row_was_lost_is_a_misreading(reading, monkeypatch):
    found, grids, lines = reading
    monkeypatch.setattr(verify_totals, "_reviewed", lambda: ())
    lost = {k: [r for r in v if r["borough_raw"] != "Croydon"] for k, v in found.items()}
    verdict = verify_steps(lost, TABLE, grids, lines)  # Croydon is printed in the table but not read
    assert not verdict.in_source and verdict.problem.startswith("page 6: Total row 'Total': printed")
    assert not verify_steps(lost, TABLE).in_source  # without the printed rows to compare, never the source's
