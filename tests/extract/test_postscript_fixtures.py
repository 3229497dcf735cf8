"""PDFs distilled by Ghostscript from hand-written PostScript (tests/fixtures/postscript/*.ps):
no rules, centred wrapped cells, a header whose text is wider than its column, en-dash minus."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.document import extract_document
from pipeline.normalise.stage import normalise_documents
from pipeline.settings import ExtractSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "postscript"


def _tables(name: str) -> dict:
    doc = extract_document(FIXTURES / name, {}, ExtractSettings())
    doc["source_id"], doc["manifest"] = "fixture", {}
    out = normalise_documents([doc])
    assert out.quarantine == [] and out.errors == []
    return out.tables


@pytest.fixture(scope="module")
def kingston() -> dict:
    return _tables("lps_kingston.pdf")


@pytest.fixture(scope="module")
def priorities() -> dict:
    return _tables("priorities_2020.pdf")


def test_summary_rows_as_written_in_the_postscript(kingston):
    rows = {r["crime_type_id"]: (r["offences_change"], r["percent_change"], r["target_status"])
            for r in kingston["borough_performance"]}
    assert rows == {"burglary_residential": (-118, -8.4, "achieved"), "robbery": (21, 9.1, "missed"),
                    "theft_from_motor_vehicle": (-64, -3.2, "achieved"),
                    "theft_of_motor_vehicle": (-17, -6, "achieved"),
                    "serious_youth_violence": (5, 3.3, "missed"), "knife_crime": (-2, -1.5, None),
                    "gun_crime": (1, 12.5, "missed")}
    assert {r["gss_code"] for r in kingston["borough_performance"]} == {"E09000021"}
    labels = {r["label_raw"] for r in kingston["borough_performance"]}
    assert "Theft or taking of vehicles" in labels


def test_summary_targets_including_one_wrapped_onto_the_next_line(kingston):
    assert {(r["crime_type_id"], r["target_reduction_percent"]) for r in kingston["borough_targets"]} == {
        ("serious_acquisitive_crime", 3), ("most_serious_violence", 2.5), ("serious_youth_violence", 2),
        ("gun_crime", 1.2), ("knife_crime", 0.8)}


def test_priorities_without_rules_and_a_wide_header(priorities):
    rows = priorities["borough_priorities"]
    assert {r["period"] for r in rows} == {"2020-21"}
    assert len({r["gss_code"] for r in rows}) == 32
    assert len(rows) == 32 * 8 + 2  # two compound labels
    by = {(r["gss_code"], r["priority_kind"], r["rank"], r["crime_type_id"]) for r in rows}
    assert ("E09000003", "local", 1, "violence_with_injury_non_domestic") in by  # wrapped over two lines
    assert ("E09000005", "local", 2, "robbery") in by and ("E09000005", "local", 2, "theft_from_person") in by
    assert ("E09000011", "local", 2, "theft_of_motor_vehicle") in by  # "Royal Borough of / Greenwich"
    assert ("E09000020", "local", 2, "theft_from_motor_vehicle") in by
    assert sum(r["priority_kind"] == "mandatory_high_harm" for r in rows) == 32 * 5


def test_officers_right_aligned_with_en_dash_changes_and_other_years():
    import csv

    from pipeline.validate.identities import officer_identities

    doc = extract_document(FIXTURES / "officers_2012.pdf", {}, ExtractSettings())
    doc["source_id"], doc["manifest"] = "fixture", {}
    out = normalise_documents([doc])
    assert out.quarantine == [] and out.errors == []
    got = {(r["borough_raw"], r["team"], r["year"]): r["officers"] for r in out.tables["officer_allocations"]}
    with open(FIXTURES / "officers_2012_expected.csv", newline="") as f:
        expected = {}
        for row in csv.DictReader(f):
            for team, year, col in (("safer_neighbourhoods", 2012, "sn_2012"),
                                    ("safer_neighbourhoods", 2016, "sn_2016"),
                                    ("borough_total", 2012, "total_2012"), ("borough_total", 2016, "total_2016")):
                expected[(row["borough"], team, year)] = int(row[col])
    assert got == expected
    assert any(c["change"] < 0 for c in out.checks["officer_changes"])
    found, checked = officer_identities(out.tables["officer_allocations"], out.checks["officer_totals"],
                                        out.checks["officer_changes"], {"fixture": "police_and_crime_plan"})
    assert found == [] and checked == 32 * 2 + 2 + 4 + 2
