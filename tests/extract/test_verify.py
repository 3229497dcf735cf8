"""Verification of a table's records (pipeline/extract/verify.py): a reading that fails a check is refused."""
from __future__ import annotations

from pipeline.extract.families import load_families
from pipeline.extract.verify import verify_records

TABLES = {f.name: f.tables[0] for f in load_families() if f.tables}
PRIORITIES = TABLES["local_borough_priorities"]
OFFICERS = TABLES["police_and_crime_plan"]


def _row(borough: str, labels: tuple[str, str, str, str], page: int = 1) -> list[dict]:
    kinds = [("mandatory_high_harm", None), ("mandatory_volume", None), ("local", 1), ("local", 2)]
    return [{"borough_raw": borough, "priority_kind": k, "rank": r, "label_raw": lab, "page": page}
            for (k, r), lab in zip(kinds, labels)]


def test_a_well_formed_priorities_reading_verifies():
    recs = _row("LB Hackney", ("ALL", "ASB", "Burglary", "Robbery")) + _row("Barnet", ("ALL", "ASB", "Robbery", ""))
    assert verify_records({"borough_priorities": recs}, PRIORITIES) == ""


def test_a_shifted_column_is_refused_with_its_page_and_row():
    recs = _row("LB Bexley", ("ALL", "ASB", "Burglary", "Robbery"))
    shifted = [r for r in _row("LB Brent", ("ALL", "Burglary", "Robbery", ""), page=2)]
    problem = verify_records({"borough_priorities": recs + shifted}, PRIORITIES)
    assert problem.startswith("page 2: row 'LB Brent'") and "mandatory_volume" in problem


def test_a_key_that_is_not_a_borough_is_refused():
    recs = _row("Burglary", ("ALL", "ASB", "Robbery", "Burglary"))
    assert "is not a borough" in verify_records({"borough_priorities": recs}, PRIORITIES)


def _officers(change: str) -> dict:
    counts = [{"borough_raw": "Barnet", "team_raw": "Safer Neighbourhoods", "year": y, "officers_raw": v, "page": 3,
               "is_total": False} for y, v in ((2011, "60"), (2015, "135"))]
    changes = [{"borough_raw": "Barnet", "team_raw": "Safer Neighbourhoods", "from_year": 2011, "to_year": 2015,
                "change_raw": change, "page": 3, "is_total": False}]
    return {"officer_allocations": counts, "officer_changes": changes}


def test_printed_changes_must_agree_with_their_rows():
    assert verify_records(_officers("75"), OFFICERS) == ""
    assert verify_records(_officers("\u221275"), OFFICERS).startswith("page 3: row 'Barnet': printed change")
