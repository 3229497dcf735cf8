"""The published package: byte-identical rebuilds, a valid descriptor with true sizes and hashes,
typed JSON, formula-safe CSV, and a codebook that documents every column."""
from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import RAW, run_cli


@pytest.fixture(scope="module")
def packages(built, tmp_path_factory) -> tuple[Path, Path]:
    """The package built twice from raw/: once with the cache (this folder's shared build), once extracting
    everything again."""
    root = tmp_path_factory.mktemp("pkg")
    r = run_cli("build", "--raw", RAW, "--out", root / "b", "--work", root / "work-b", "--no-cache")
    assert r.returncode == 0, r.stderr
    return built, root / "b"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_building_twice_gives_byte_identical_output(packages):
    a, b = packages
    fa, fb = _files(a), _files(b)
    assert sorted(fa) == sorted(fb)
    assert [name for name in fa if fa[name] != fb[name]] == []


@pytest.mark.build
def test_descriptor_sizes_and_hashes_match_the_files(packages):
    out = packages[0]
    dp = json.loads((out / "datapackage.json").read_text())
    assert dp["licenses"][0]["name"] == "OGL-UK-3.0"
    assert {s["source_id"] for s in dp["sources"]} == {r["source_id"] for r in
                                                         csv.DictReader(open(out / "data/sources.csv"))}
    for res in dp["resources"]:
        for meta in (res, res["json"]):
            data = (out / meta["path"]).read_bytes()
            assert meta["bytes"] == len(data)
            assert meta["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    keyed = {r["name"]: r["schema"] for r in dp["resources"]}
    for table in ("borough_priorities", "officer_allocations", "borough_performance", "borough_targets"):
        refs = {fk["reference"]["resource"] for fk in keyed[table]["foreignKeys"]}
        assert {"boroughs", "sources"} <= refs


@pytest.mark.build
def test_frictionless_validate_passes(packages):
    from frictionless import validate

    report = validate(str(packages[0] / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


@pytest.mark.build
def test_json_has_the_csv_rows_typed(packages):
    out = packages[0]
    rows = json.loads((out / "data/borough_performance.json").read_text())
    with open(out / "data/borough_performance.csv", newline="") as f:
        csv_rows = list(csv.DictReader(f))
    assert len(rows) == len(csv_rows) == 14
    barnet = [r for r in rows if r["gss_code"] == "E09000003"]
    assert {(r["crime_type_id"], r["offences_change"], r["percent_change"]) for r in barnet
            if r["offences_change"] < 0} == {("theft_from_motor_vehicle", -427, -12.5),
                                              ("theft_of_motor_vehicle", -172, -17.1)}
    assert all(isinstance(r["percent_change"], (int, float)) for r in rows)
    assert sum(r["target_status"] is None for r in barnet) == 5
    raw_csv = (out / "data/borough_performance.csv").read_bytes()
    assert b"\r\n" not in raw_csv and raw_csv.endswith(b"\n")


@pytest.mark.build
def test_codebook_documents_every_resource_and_column(packages):
    out = packages[0]
    readme = (out / "README.md").read_text()
    dp = json.loads((out / "datapackage.json").read_text())
    for res in dp["resources"]:
        assert f"### `{res['name']}`" in readme
        for field in res["schema"]["fields"]:
            assert field.get("description"), (res["name"], field["name"])
            assert f"| `{field['name']}` |" in readme
    assert "19285" in readme.replace(",", "") and "Errata" in readme


@pytest.mark.build
def test_reports_are_written(packages):
    out = packages[0]
    validation = json.loads((out / "reports/validation.json").read_text())
    assert validation["passed"] and validation["summary"]["failed"] == 0
    kinds = {c["check"] for c in validation["checks"]}
    assert {"expectation", "frictionless", "identity"} <= kinds
    assert not (out / "reports/data_docs").exists()  # replaced by index.html's quality section
    build = json.loads((out / "reports/build.json").read_text())
    assert len(build["documents"]) == 5 and build["skipped"] == [] and build["quarantine"] == []


@pytest.mark.build
def test_coverage_report_accounts_for_every_table_word_list_item_and_figure(packages):
    out = packages[0]
    coverage = json.loads((out / "reports/coverage.json").read_text())
    assert coverage["left_over"] == 0
    sources = {s["file"]: s for s in coverage["sources"]}
    assert set(sources) == {p.name for p in RAW.glob("*.pdf")}
    figures = json.loads((out / "data/reported_figures.json").read_text())
    assert sum(s["prose"]["published"] for s in sources.values()) == len(figures)
    for lps in ("lps_barnet_2009-10.pdf", "lps_havering_2009-10.pdf"):
        (lst,) = sources[lps]["lists"]
        assert (lst["items"], lst["rows"], lst["figures_published"], lst["left_over"]) == (4, 5, 5, 0)
        assert lst["items_explained"] == {"sanction_detection_targets": 1}
    officers = sources["draft_police_and_crime_plan_2013.pdf"]["tables"]
    assert [(t["rows"], t["left_over"]) for t in officers] == [(33, 0)]
    for s in sources.values():
        words = s["table_words"]
        assert words["words"] == words["assigned"] + words["explained"] and words["left_over"] == 0
    readme = (out / "README.md").read_text()
    assert "## Coverage" in readme and "sanction_detection_targets 1" in readme
