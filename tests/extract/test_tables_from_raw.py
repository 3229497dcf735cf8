"""Tables read from the facsimiles in raw/: wrapped cells, spanning headers, compound labels, spellings."""
from __future__ import annotations


import pytest

from pipeline.extract.document import extract_document
from pipeline.extract.manifest import load_manifest
from pipeline.settings import ExtractSettings
from tests.conftest import RAW


@pytest.fixture(scope="module")
def docs() -> dict[str, dict]:
    manifest = load_manifest(RAW)
    return {p.name: extract_document(p, manifest.get(p.name, {}), ExtractSettings()) for p in sorted(RAW.glob("*.pdf"))}


def _cells(doc: dict, borough: str) -> dict[tuple[str, int | None], str]:
    return {(r["priority_kind"], r["rank"]): r["label_raw"] for r in doc["records"]["borough_priorities"]
            if r["borough_raw"] == borough}


def test_every_raw_pdf_is_recognised_by_content(docs):
    assert {name: d["family"] for name, d in docs.items()} == {
        "local_borough_priorities_2017-18.pdf": "local_borough_priorities",
        "draft_police_and_crime_plan_2013.pdf": "police_and_crime_plan",
        "lps_havering_2009-10.pdf": "local_policing_summary",
        "lps_barnet_2009-10.pdf": "local_policing_summary",
        "mayor_letter_MGLA190319-8293.pdf": "mayors_letter",
    }


def test_priorities_rows_one_per_borough_and_column(docs):
    recs = docs["local_borough_priorities_2017-18.pdf"]["records"]["borough_priorities"]
    boroughs = {r["borough_raw"] for r in recs}
    assert len(boroughs) == 32
    assert len(recs) == 32 * 4


def test_wrapped_cell_is_joined_into_one_label(docs):
    cells = _cells(docs["local_borough_priorities_2017-18.pdf"], "LB Islington")
    assert cells[("local", 1)] == "Theft Person (Snatch)"
    assert cells[("local", 2)] == "Theft of a motor vehicle"


def test_wrap_after_hyphen_joins_without_space(docs):
    boroughs = {r["borough_raw"] for r in docs["local_borough_priorities_2017-18.pdf"]["records"]["borough_priorities"]}
    assert "LB Richmond-upon-Thames" in boroughs
    assert "LB Kensington & Chelsea" in boroughs


def test_spanning_header_gives_two_ranked_local_columns(docs):
    cells = _cells(docs["local_borough_priorities_2017-18.pdf"], "LB Hackney")
    assert cells == {("mandatory_high_harm", None): "ALL", ("mandatory_volume", None): "ASB",
                     ("local", 1): "Burglary", ("local", 2): "Theft (robbery, snatch, person)"}


def test_period_comes_from_manifest_when_the_text_states_none(docs):
    recs = docs["local_borough_priorities_2017-18.pdf"]["records"]["borough_priorities"]
    assert {(r["period_raw"], r["period_from"]) for r in recs} == {("2017-18", "manifest")}


def test_officers_two_row_header_and_total_row(docs):
    doc = docs["draft_police_and_crime_plan_2013.pdf"]["records"]
    westminster = {(r["team_raw"], r["year"]): r["officers_raw"] for r in doc["officer_allocations"]
                   if r["borough_raw"] == "Westminster"}
    assert westminster == {("Safer Neighbourhoods", 2011): "73", ("Safer Neighbourhoods", 2015): "230",
                           ("Total Borough officers", 2011): "1412", ("Total Borough officers", 2015): "1413"}
    totals = [r for r in doc["officer_allocations"] if r["is_total"]]
    assert {(r["team_raw"], r["year"], r["officers_raw"]) for r in totals} == {
        ("Safer Neighbourhoods", 2011, "1849"), ("Safer Neighbourhoods", 2015, "4491"),
        ("Total Borough officers", 2011, "18103"), ("Total Borough officers", 2015, "19285")}
    changes = {(r["borough_raw"], r["team_raw"]): r["change_raw"] for r in doc["officer_changes"]}
    assert changes[("Waltham Forest", "Total Borough officers")] == "119"
    assert changes[("Total", "Safer Neighbourhoods")] == "2642"


def test_performance_rows_keep_printed_signs(docs):
    rows = docs["lps_havering_2009-10.pdf"]["records"]["borough_performance"]
    assert [(r["label_raw"], r["offences_raw"], r["percent_raw"], r["status_raw"]) for r in rows][2:5] == [
        ("Theft from vehicles", "361", "-22.9", "Target achieved"),
        ("Theft or taking of vehicles", "321", "-28.2", "Target achieved"),
        ("Serious youth violence", "2", "\u22121.4", "Target missed")]
    assert {(r["borough_raw"], r["period_raw"]) for r in rows} == {("Havering", "2009/10")}


def test_barnet_states_status_only_where_printed(docs):
    rows = docs["lps_barnet_2009-10.pdf"]["records"]["borough_performance"]
    assert [r["status_raw"] for r in rows] == ["", "", "Target achieved", "Target achieved", "", "", ""]
    assert rows[2]["percent_raw"] == "\u221212.5"


def test_targets_two_per_line_and_no_row_without_a_figure(docs):
    rows = docs["lps_havering_2009-10.pdf"]["records"]["borough_targets"]
    assert [(r["label_raw"], r["percent_raw"]) for r in rows] == [
        ("serious acquisitive crime", "2.3"), ("most serious violence", "4.0"), ("serious youth violence", "1.0"),
        ("gun crime", "1.6"), ("knife crime", "1.0")]
    assert all("sanction" not in r["line"] for r in rows)


def test_letter_prose_figures_with_sentences(docs):
    figs = docs["mayor_letter_MGLA190319-8293.pdf"]["records"]["reported_figures"]
    found = {(f["value"], f["unit"]) for f in figs}
    for expected in [(850e6, "gbp"), (263e6, "gbp"), (31000, "count"), (28215, "count"), (1.5, "percent"),
                     (5.3, "percent"), (7.7, "percent"), (8, "percent")]:  # as printed: normalise signs a fall
        assert expected in found
    croydon = next(f for f in figs if f["value"] == 1.5)
    assert "burglary has increased by 1.5 per cent in Croydon" in croydon["sentence"]
    assert croydon["page"] == 2


def test_table_rows_are_not_prose_figures(docs):
    figs = docs["draft_police_and_crime_plan_2013.pdf"]["records"]["reported_figures"]
    assert not any(f["value"] == 19285 for f in figs)
    assert any(f["value"] == 32000 and "32,000" in f["sentence"] for f in figs)


def test_summary_period_from_the_text_when_the_caption_wraps():
    from pipeline.extract.document import _context, _document_period
    from pipeline.extract.families import load_families

    lps = next(f for f in load_families() if f.name == "local_policing_summary")
    text = "Local Policing Summary Kensington and Chelsea\nHow did Kensington and Chelsea perform during\n2009/10?"
    assert _document_period(lps, text) == "2009/10"
    assert _context(lps, text)["borough_raw"] == "Kensington and Chelsea"
