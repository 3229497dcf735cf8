"""Table accounting: every row a grid found gave a record, and every word of its region is accounted for."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers.families import summary_without_rule

from pipeline.errors import BadInput
from pipeline.extract import document
from pipeline.extract.accounting import account_table
from pipeline.extract.document import extract_document
from pipeline.extract.families import load_families
from pipeline.settings import ExtractSettings

RAW = Path(__file__).resolve().parents[2] / "raw"


def test_raw_tables_leave_no_word_over() -> None:
    doc = extract_document(RAW / "local_borough_priorities_2017-18.pdf", {"period": "2017/18"}, ExtractSettings())
    tables = doc["coverage"]["tables"]
    assert [t["page"] for t in tables] == [2, 3] and sum(t["rows"] for t in tables) == 32
    assert all(t["words"] == t["assigned"] + t["explained"] and t["left_over"] == 0 for t in tables)
    assert sum(t["assigned_detail"]["wrapped"] for t in tables) > 0  # wrapped cells are counted as such


def test_a_row_that_gave_no_record_stops_the_build(monkeypatch) -> None:
    grids_seen: list = []
    real = document._read_table

    def spy(*args, **kwargs):
        found, grids, *rest = real(*args, **kwargs)
        grids_seen.extend(grids)
        return found, grids, *rest

    monkeypatch.setattr(document, "_read_table", spy)
    doc = extract_document(RAW / "draft_police_and_crime_plan_2013.pdf", {}, ExtractSettings())
    spec = next(f for f in load_families() if f.name == "police_and_crime_plan").tables[0]
    records = [r for r in doc["records"]["officer_allocations"] if r["borough_raw"] != "Croydon"]
    with pytest.raises(BadInput, match=r"^draft_police_and_crime_plan_2013\.pdf: page 6: .*gave no record: 'Croydon"):
        account_table("draft_police_and_crime_plan_2013.pdf", spec, grids_seen, records, [])


def test_removing_a_table_rule_stops_with_one_line_naming_the_words(monkeypatch) -> None:
    doc = extract_document(RAW / "lps_barnet_2009-10.pdf", {}, ExtractSettings())
    assert all(r.get("cells") for r in doc["records"]["borough_performance"])  # cell boxes (interface 1)
    (table,) = doc["coverage"]["tables"]
    assert table["boxes"] and table["explained_detail"]["change_wording"] == 14  # "offences or" in 7 rows
    monkeypatch.setattr(document, "recognise", lambda text: summary_without_rule("tables", "change_wording"))
    with pytest.raises(BadInput) as e:
        extract_document(RAW / "lps_barnet_2009-10.pdf", {}, ExtractSettings())
    line = e.value.line()
    assert "\n" not in line and "offences or" in line
    # no other reader's reading accounts for the words either: the best attempt is the geometry reader's
    assert line.startswith("lps_barnet_2009-10.pdf: Local Policing Summary: borough_performance table, page 4: "
                           "no reading verified; best (geometry): the borough_performance table holds words")
