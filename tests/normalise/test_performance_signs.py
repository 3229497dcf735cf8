"""The Local Policing Summary's change cells ("432 offences or +16.6%"): the sign printed on either side is kept,
an unsigned side takes the other's, and a count and a per cent printed with contradictory signs stop the build
(exit 5, an unreviewed discrepancy in the source) unless reviewed (schemas/accepted_discrepancies.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest

import pipeline.build as build_module
import pipeline.validate.stage as validate_stage
from pipeline.errors import Exit
from pipeline.extract.document import extract_document
from pipeline.jsonio import read_json
from pipeline.normalise.stage import normalise_documents
from pipeline.settings import ExtractSettings, Settings
from pipeline.validate.review import load_accepted

ROWS = [  # label, change as printed, status; what is published
    ("Residential burglary", "432 offences or +16.6%", "Target missed"),
    ("Total robbery", "\u2212361 offences or 22.9%", "Target achieved"),   # the minus on the count (was +361)
    ("Theft from vehicles", "120 offences or \u201210.5%", "Target achieved"),  # figure dash on the per cent
    ("Theft or taking of vehicles", "1\u2009015 offences or 5\u00b77%", ""),  # thin space, raised decimal point
    ("Knife crime", "\u20107 offences or \u20101.0%", ""),                # U+2010 hyphens on both
    ("Gun crime", "+3 offences or +2.0%", "Target missed"),
]
PUBLISHED = {("burglary_residential", 432, 16.6), ("robbery", -361, -22.9), ("theft_from_motor_vehicle", -120, -10.5),
             ("theft_of_motor_vehicle", 1015, 5.7), ("knife_crime", -7, -1), ("gun_crime", 3, 2)}
CONTRADICTION = [("Residential burglary", "432 offences or +16.6%", "Target missed"),
                 ("Theft from vehicles", "+361 offences or \u221222.9%", "Target achieved")]


def _normalised(path: Path):
    doc = extract_document(path, {}, ExtractSettings())
    return normalise_documents([{**doc, "source_id": "test-summary", "manifest": {}}])


def test_signs_printed_on_either_side_are_kept(tmp_path):
    from helpers.pdfs import summary_pdf

    out = _normalised(summary_pdf(tmp_path / "summary.pdf", ROWS))
    assert out.errors == [] and out.quarantine == []
    rows = out.tables["borough_performance"]
    assert {(r["crime_type_id"], r["offences_change"], r["percent_change"]) for r in rows} == PUBLISHED
    robbery = next(r for r in rows if r["crime_type_id"] == "robbery")
    assert (robbery["offences_printed"], robbery["percent_printed"]) == ("\u2212361", "22.9")


@pytest.mark.parametrize("change, published", [("\u2212361 offences or 22.9%", (-361, -22.9)),   # main: +361
                                               ("361 offences or \u221222.9%", (-361, -22.9)),
                                               ("+361 offences or 22.9%", (361, 22.9))])
def test_a_minus_printed_on_the_count_is_kept(tmp_path, change, published):
    from helpers.pdfs import summary_pdf

    out = _normalised(summary_pdf(tmp_path / "summary.pdf", [
        ("Residential burglary", "432 offences or +16.6%", "Target missed"), ("Total robbery", change, "")]))
    robbery = next(r for r in out.tables["borough_performance"] if r["crime_type_id"] == "robbery")
    assert (robbery["offences_change"], robbery["percent_change"]) == published


@pytest.mark.parametrize("count, percent, published", [
    ("361", "\u221222.9", (-361, -22.9)), ("\u2212361", "22.9", (-361, -22.9)), ("+361", "22.9", (361, 22.9)),
    ("361", "22.9", (361, 22.9)), ("+361", "\u221222.9", (361, -22.9)), ("\u2212361", "+22.9", (-361, 22.9)),
])
def test_an_unsigned_side_takes_the_others_sign_and_contradictory_signs_are_kept_as_printed(count, percent,
                                                                                             published):
    from pipeline.core.numbers import read_number
    from pipeline.normalise.tables import signed_change

    assert signed_change(read_number(count), read_number(percent)) == published


@pytest.mark.build
def test_contradictory_signs_stop_the_build_as_an_unreviewed_discrepancy(tmp_path):
    """Issue 23: "+361 offences or −22.9%" was published as −361, exit 0."""
    from helpers.pdfs import summary_pdf

    raw = tmp_path / "raw"
    raw.mkdir()
    summary_pdf(raw / "summary.pdf", CONTRADICTION)
    outcome = build_module.build(raw, tmp_path / "out", tmp_path / "work", Settings())
    assert outcome.code == Exit.UNREVIEWED_DISCREPANCY and not outcome.published
    assert len(outcome.errors) == 1 and "\n" not in outcome.errors[0], outcome.errors
    line = outcome.errors[0]
    assert "unreviewed discrepancy" in line and "Theft from vehicles" in line and "printed 361" in line, line
    assert "schemas/accepted_discrepancies.yaml" in line
    assert not (tmp_path / "out" / "data").exists()


@pytest.mark.build
def test_reviewed_contradictory_signs_are_published_as_printed_and_listed_in_the_errata(tmp_path, monkeypatch):
    from helpers.pdfs import summary_pdf

    raw = tmp_path / "raw"
    raw.mkdir()
    summary_pdf(raw / "summary.pdf", CONTRADICTION)
    reviewed = {"family": "local_policing_summary", "table": "borough_performance",
                "row": "Theft from vehicles (E09000010 2009-10)",
                "column": "offences_change (sign of percent_change \u221222.9)", "printed": 361, "computed": -361,
                "note": "test: the source prints a rise of 361 offences as a fall of 22.9%"}
    monkeypatch.setattr(validate_stage, "load_accepted", lambda: [*load_accepted(), reviewed])
    outcome = build_module.build(raw, tmp_path / "out", tmp_path / "work", Settings())
    assert outcome.code == Exit.OK, outcome.errors
    rows = read_json(tmp_path / "out" / "data" / "borough_performance.json")
    assert {(r["crime_type_id"], r["offences_change"], r["percent_change"]) for r in rows} == {
        ("burglary_residential", 432, 16.6), ("theft_from_motor_vehicle", 361, -22.9)}
    errata = read_json(tmp_path / "out" / "data" / "errata.json")
    assert [(e["table"], e["printed"], e["computed"]) for e in errata] == [("borough_performance", 361, -361)]
    checks = read_json(tmp_path / "out" / "reports" / "validation.json")["checks"]
    explained = [c for c in checks if c.get("expectation") == "pipeline_same_sign" and "explained" in c["message"]]
    assert explained and all(c["success"] for c in checks)


def test_a_count_grouped_by_a_space_is_read_whole(tmp_path):
    """"1 432 offences": the reader's count started at the last group ("432"), so the table was refused as unread."""
    from helpers.pdfs import summary_pdf

    out = _normalised(summary_pdf(tmp_path / "summary.pdf", [
        ("Residential burglary", "1 432 offences or +16.6%", "Target missed"),
        ("Theft from vehicles", "1\u202f015 offences or \u221222.9%", "Target achieved")]))
    assert {(r["crime_type_id"], r["offences_change"]) for r in out.tables["borough_performance"]} == {
        ("burglary_residential", 1432), ("theft_from_motor_vehicle", -1015)}


def test_a_count_that_reads_two_ways_stops_the_build_with_one_line(tmp_path):
    """"1.432 offences" (1 432 or 1.432) was published as 432, exit 0."""
    from helpers.pdfs import summary_pdf

    raw = tmp_path / "raw"
    raw.mkdir()
    summary_pdf(raw / "summary.pdf", [("Residential burglary", "1.432 offences or +16.6%", "Target missed"),
                                      ("Theft from vehicles", "361 offences or \u221222.9%", "Target achieved")])
    outcome = build_module.build(raw, tmp_path / "out", tmp_path / "work", Settings())
    assert outcome.code == Exit.BAD_INPUT and not outcome.published
    assert len(outcome.errors) == 1 and "summary.pdf" in outcome.errors[0] and "'1.432'" in outcome.errors[0]
