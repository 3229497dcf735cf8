"""The validation gate: a deliberately broken table stops publication with a message naming the place,
and the previous package stays byte-for-byte as it was."""
from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest

import pipeline.build as build_module
from pipeline.errors import Exit
from pipeline.extract.stage import extract_all, write_extracted
from pipeline.jsonio import read_json, write_json
from pipeline.normalise.stage import run_normalise
from pipeline.settings import Settings
from pipeline.validate.stage import run_validate
from tests.conftest import RAW


@pytest.fixture(scope="module")
def normalised(tmp_path_factory) -> dict:
    """tables.json of the five facsimiles in raw/."""
    work = tmp_path_factory.mktemp("work")
    write_extracted(extract_all(RAW, Settings().extract), work / "extracted")
    run_normalise(work / "extracted", work / "normalised")
    return read_json(work / "normalised" / "tables.json")


def _validate(data: dict, tmp_path: Path):
    write_json(tmp_path / "tables.json", data)
    return run_validate(tmp_path / "tables.json", tmp_path / "validated", Settings())


def _messages(v) -> str:
    return "\n".join([c["message"] for c in v.failed] + v.unreviewed)


def test_seed_sources_pass_with_their_discrepancies_in_the_errata(normalised, tmp_path):
    v = _validate(normalised, tmp_path)
    assert v.exit_code() == Exit.OK, _messages(v)
    assert {(e["row"], e["column"], e["printed"], e["computed"]) for e in v.errata} == {
        ("Total", "borough_total 2015 (sum of rows)", 19285, 19287),
        ("Total", "borough_total change 2011-2015 (sum of rows)", 1182, 1184)}
    report = read_json(tmp_path / "validated" / "reports" / "validation.json")
    assert report["passed"] and report["summary"]["errata"] == 2
    assert (tmp_path / "validated" / "data" / "errata.csv").read_text().count("\n") == 3


def test_changed_digit_in_an_officer_count_is_an_unreviewed_discrepancy(normalised, tmp_path):
    data = copy.deepcopy(normalised)
    row = next(r for r in data["tables"]["officer_allocations"]
               if r["borough_raw"] == "Camden" and r["team"] == "borough_total" and r["year"] == 2015)
    row["officers"] = 781  # printed 751: a misread digit
    v = _validate(data, tmp_path)
    assert v.exit_code() == Exit.UNREVIEWED_DISCREPANCY
    text = _messages(v)
    assert "row 'Camden', column 'borough_total change 2011-2015': printed 2, computed 32" in text
    assert "mopac-draft-police-and-crime-plan-2013 p." in text


def test_dropped_row_fails_the_per_borough_counts(normalised, tmp_path):
    data = copy.deepcopy(normalised)
    rows = data["tables"]["borough_priorities"]
    gone = next(r for r in rows if r["gss_code"] == "E09000019" and r["rank"] == 2)
    rows.remove(gone)
    v = _validate(data, tmp_path)
    assert v.exit_code() == Exit.VALIDATION_FAILED
    assert "E09000019" in _messages(v)


def test_duplicated_borough_fails_the_primary_key(normalised, tmp_path):
    data = copy.deepcopy(normalised)
    rows = data["tables"]["borough_performance"]
    rows.append(dict(rows[0]))
    v = _validate(data, tmp_path)
    assert v.exit_code() == Exit.VALIDATION_FAILED
    failed = {(c["check"], c["resource"]) for c in v.failed}
    assert failed == {("frictionless", "borough_performance")}  # the schema's primary key; no suite repeats it
    assert "primary key" in _messages(v)


def test_wrong_sign_fails_the_sign_agreement(normalised, tmp_path):
    data = copy.deepcopy(normalised)
    row = next(r for r in data["tables"]["borough_performance"] if r["percent_change"] < 0)
    row["offences_change"] = abs(row["offences_change"])
    v = _validate(data, tmp_path)
    assert v.exit_code() == Exit.VALIDATION_FAILED
    assert any(c.get("expectation") == "pipeline_same_sign" for c in v.failed)
    assert row["gss_code"] in _messages(v)


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_failed_build_leaves_the_previous_package_byte_for_byte(tmp_path, monkeypatch):
    out, work = tmp_path / "out", tmp_path / "work"
    first = build_module.build(RAW, out, work, Settings())
    assert first.code == Exit.OK and first.published
    before = _snapshot(out)

    real = build_module.run_normalise

    def broken(extracted: Path, out_dir: Path):
        result = real(extracted, out_dir)
        data = read_json(out_dir / "tables.json")
        data["tables"]["borough_priorities"].append(dict(data["tables"]["borough_priorities"][0]))
        write_json(out_dir / "tables.json", data)
        return result

    monkeypatch.setattr(build_module, "run_normalise", broken)
    second = build_module.build(RAW, out, work, Settings())
    assert second.code == Exit.VALIDATION_FAILED and not second.published
    assert any("borough_priorities" in e for e in second.errors)
    assert _snapshot(out) == before
    assert not list(tmp_path.glob(".out.*")), "no staging folder is left behind"


@pytest.mark.build
def test_another_copy_of_a_document_passes_with_its_own_errata(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    plan = (RAW / "draft_police_and_crime_plan_2013.pdf").read_bytes()
    (raw / "plan.pdf").write_bytes(plan)
    (raw / "copy of the plan.pdf").write_bytes(plan + b"\n% another copy\n")
    # the same document twice is refused unless one is given its own source_id (tests/test_exit_codes.py)
    (raw / "sources.yaml").write_text("sources:\n- file: copy of the plan.pdf\n"
                                      "  source_id: mopac-draft-police-and-crime-plan-2013-copy\n", encoding="utf-8")
    outcome = build_module.build(raw, tmp_path / "out", tmp_path / "work", Settings())
    assert outcome.code == Exit.OK, outcome.errors
    errata = read_json(tmp_path / "out" / "data" / "errata.json")
    assert len(errata) == 4 and len({e["discrepancy_id"] for e in errata}) == 4
    ids = [e["source_id"] for e in errata]  # each copy its own id
    assert len(set(ids)) == 2 and all(ids.count(i) == 2 for i in ids)
