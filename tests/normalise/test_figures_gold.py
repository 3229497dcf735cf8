"""Prose figures from raw/ against the hand-labelled gold set, and the examples of issue 17.

The gold set (gold_reported_figures.csv) was labelled by reading the sentences of raw/'s five PDFs; a label
is what the words of the figure's own clause, or the words linked to it, name (empty where they name none).
"""
from __future__ import annotations

import random

import pytest

from pipeline.extract.document import extract_document
from pipeline.extract.manifest import load_manifest
from pipeline.normalise.figures import measures_code_list, sentence_groups
from pipeline.normalise.stage import normalise_documents
from pipeline.publish.package import load_schema
from pipeline.settings import ExtractSettings
from tests.conftest import RAW

from .gold import COLUMNS, load_gold, published_labels, score


@pytest.fixture(scope="module")
def extracted() -> list[dict]:
    manifest = load_manifest(RAW)
    docs = []
    for p in sorted(RAW.glob("*.pdf")):
        doc = extract_document(p, manifest.get(p.name, {}), ExtractSettings())
        docs.append({**doc, "source_id": p.stem.lower().replace("_", "-"), "manifest": manifest.get(p.name, {})})
    return docs


@pytest.fixture(scope="module")
def rows(extracted) -> list[dict]:
    return normalise_documents(extracted).tables["reported_figures"]


@pytest.fixture(scope="module")
def result(extracted, rows) -> dict:
    files = {d["source_id"]: d["file"] for d in extracted}
    return score(published_labels(rows, files), load_gold())


def test_only_statistics_are_published_and_all_of_them(result):
    assert result["published"]["precision"] == 1.0
    assert result["published"]["recall"] >= 0.9
    assert result["published"]["unlabelled"] == []  # every published figure was read by a person


@pytest.mark.parametrize("column", COLUMNS)
def test_no_wrong_label_and_recall_at_least_0_9(result, column):
    r = result[column]
    assert r["wrong"] == [] and r["precision"] == 1.0
    assert r["recall"] >= 0.9, r["missed"]


def _row(rows: list[dict], printed: str, fragment: str, n: int = 1) -> dict:
    found = [r for r in rows if r["printed"] == printed and fragment in r["sentence"]]
    return found[n - 1]


@pytest.mark.parametrize("printed, fragment, n, expected", [
    ("31,000", "from 31,000 to 28,215", 1, {"measure": "police_officers", "kind": "baseline"}),
    ("28,215", "from 31,000 to 28,215", 1, {"measure": "police_officers", "kind": "level"}),
    ("3,000", "London losing 3,000 police officers", 1,
     {"measure": "police_officers", "area": "London", "kind": "change", "direction": "down"}),
    ("3,000", "London losing 3,000 police officers", 2,
     {"measure": "pcsos", "area": "London", "kind": "change", "direction": "down"}),
    ("5,000", "London losing 3,000 police officers", 1,
     {"measure": "police_staff", "area": "London", "kind": "change", "direction": "down"}),
    ("5.3 per cent", "MPS average of 5.3 per cent", 1, {"gss_code": None, "area": "MPS", "crime_type_id": "burglary"}),
    ("1.5 per cent", "MPS average of 5.3 per cent", 1, {"gss_code": "E09000008", "crime_type_id": "burglary"}),
    ("10.2%", "domestic violence (down 10.2%", 1,
     {"crime_type_id": "domestic_abuse", "kind": "change", "direction": "down", "value": -10.2}),
    ("100,000", "Overall crime has fallen by 100,000 offences", 1,
     {"measure": "recorded_crime", "crime_type_id": "total_recorded_crime", "kind": "change", "value": -100000}),
    ("4.2%", "a target to reduce gun crime by 4.2%", 1,
     {"kind": "target", "direction": "down", "crime_type_id": "gun_crime", "value": 4.2}),
    ("2.5%", "exceeding the 2.5% reduction target", 1, {"kind": "target", "direction": "down"}),
    ("20%", "Reduce court delays by 20%", 1, {"measure": "court_delays", "kind": "target", "direction": "down"}),
])
def test_the_issues_examples_are_labelled_from_their_own_clause(rows, printed, fragment, n, expected):
    row = _row(rows, printed, fragment, n)
    assert {k: row[k] for k in expected} == expected


def test_durations_addresses_names_and_section_numbers_are_not_published(rows):
    sentences = {(r["printed"], r["sentence"]) for r in rows}
    for printed, fragment in [("12", "Over the last 12 months"), ("12", "In the last 12 months"),
                              ("10", "10 Dean Farrar Street"), ("7", "MOPAC 7"), ("24", "24 hours"),
                              ("2", "section 2")]:
        assert not any(p == printed and fragment in s for p, s in sentences)


def test_compared_with_points_at_the_figure_it_is_set_against(rows):
    ids = {r["figure_id"]: r for r in rows}
    croydon = _row(rows, "1.5 per cent", "in Croydon")
    assert ids[croydon["compared_with"]]["printed"] == "5.3 per cent"
    staff = _row(rows, "11,846", "from 14,513 to 11,846")
    assert ids[staff["compared_with"]]["printed"] == "14,513"
    assert all(r["compared_with"] in ids for r in rows if r["compared_with"])


def test_figure_id_is_the_key_and_does_not_depend_on_extraction_order(extracted, rows):
    assert len({r["figure_id"] for r in rows}) == len(rows)
    shuffled = []
    for doc in extracted:
        groups = sentence_groups(doc["records"].get("reported_figures", []))
        random.Random(7).shuffle(groups)
        shuffled.append({**doc, "records": {**doc["records"], "reported_figures": [f for g in groups for f in g]}})
    again = normalise_documents(shuffled).tables["reported_figures"]
    key = ("figure_id", "printed", "sentence", "compared_with", "measure", "kind")
    assert sorted(tuple(r[k] or "" for k in key) for r in again) == sorted(tuple(r[k] or "" for k in key)
                                                                          for r in rows)


def test_measures_is_a_code_list_with_a_foreign_key_from_reported_figures(rows):
    ids = {m["id"] for m in measures_code_list()}
    for needed in ("police_officers", "pcsos", "police_staff", "budget_cuts", "funds", "recorded_crime", "victims",
                   "public_confidence", "victim_satisfaction", "victim_satisfaction_gap", "detections",
                   "reoffending", "court_delays"):
        assert needed in ids
    assert all(m["label"] and m["description"] and m["unit"] for m in measures_code_list())
    assert {r["measure"] for r in rows if r["measure"]} <= ids
    fks = load_schema("reported_figures")["foreignKeys"]
    assert {"fields": ["measure"], "reference": {"resource": "measures", "fields": ["id"]}} in fks
    assert load_schema("reported_figures")["primaryKey"] == ["figure_id"]
