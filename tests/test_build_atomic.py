"""Nothing published is lost: a failed build leaves --out as it was, --skip-bad publishes the good PDFs,
raw/ is never written to, and published text cells cannot run as spreadsheet formulas.

Two command-line builds share one module-scoped set of folders (a full build takes seconds: the
validation stage imports Great Expectations): good + bad PDFs with --skip-bad, which publishes the good
ones, then the same folder without --skip-bad into that same --out, which must leave it as it was.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import unicodedata

import pytest
from helpers import pdfs
from helpers.cli import error_lines, run_build
from hypothesis import given
from hypothesis import strategies as st

from pipeline.publish.cells import FORMULA_START, clean_text, csv_text, safe_text, typed
from pipeline.publish.package import rows_to_csv, typed_rows

GOOD = [pdfs.HAVERING.name, pdfs.BARNET.name]
# bad file -> (maker, kind, text its reason must hold)
BAD = {
    "empty.pdf": (lambda p: pdfs.empty(p), "empty", "empty file"),
    "locked.pdf": (lambda p: pdfs.encrypted(pdfs.HAVERING, p), "encrypted", "password is needed"),
    "picture.pdf": (lambda p: pdfs.png_as_pdf(p), "not_pdf", "not a PDF"),
    "half.pdf": (lambda p: pdfs.truncated(pdfs.HAVERING, p), "corrupt", "truncated"),
    "scan.pdf": (lambda p: pdfs.shapes_only(p), "no_text", "no text layer"),
    "allotments.pdf": (lambda p: pdfs.unknown_family(p), "unknown_family", "not a known document family"),
    "lps_no_table.pdf": (lambda p: pdfs.lps_without_table(p), "table_unreadable", "borough_performance table"),
}


def _good_raw(folder):
    folder.mkdir()
    for name in GOOD:
        shutil.copy2(pdfs.RAW / name, folder / name)
    pdfs.copy_manifest(folder, GOOD)  # the manifest is read too (entries of these PDFs only)
    return folder


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The two builds; each records the raw folder and --out before and after it ran."""
    base = tmp_path_factory.mktemp("atomic")
    raw = _good_raw(base / "raw")
    for name, (make, _kind, _text) in BAD.items():
        make(raw / name)
    out = base / "site" / "out"
    runs = {}

    def run(key, *extra):
        before, out_before = pdfs.snapshot(raw), pdfs.snapshot(out)
        proc = run_build(raw, out, base / f"work_{key}", *extra)
        runs[key] = {"proc": proc, "raw_before": before, "raw_after": pdfs.snapshot(raw),
                     "out_before": out_before, "out_after": pdfs.snapshot(out)}

    run("skip", "--skip-bad")
    run("bad")
    return {"out": out, "raw": raw, "runs": runs}


def _sources(out) -> list[str]:
    with open(out / "data" / "sources.csv", encoding="utf-8", newline="") as f:
        return sorted(row["file"] for row in csv.DictReader(f))


@pytest.mark.cli
@pytest.mark.build
def test_skip_bad_publishes_the_good_and_lists_the_bad(builds):
    proc = builds["runs"]["skip"]["proc"]
    raw, out = builds["raw"], builds["out"]
    assert proc.returncode == 3, proc.stderr  # something was skipped
    assert "Traceback" not in proc.stderr
    assert f"published {out}" in proc.stderr
    assert sorted(line.split(": ", 2)[1] for line in error_lines(proc.stderr)) == sorted(str(raw / n) for n in BAD)
    assert _sources(out) == sorted(GOOD)
    report = json.loads((out / "reports" / "build.json").read_text(encoding="utf-8"))
    assert sorted(d["file"] for d in report["documents"]) == sorted(GOOD)
    skipped = {s["file"]: s for s in report["skipped"]}
    assert sorted(skipped) == sorted(BAD)
    for name, (_make, kind, text) in BAD.items():
        s = skipped[name]
        assert s["kind"] == kind and text in s["reason"] and s["hint"], s
        assert "trace" not in s and "\n" not in s["reason"]


@pytest.mark.cli
@pytest.mark.build
def test_bad_build_leaves_the_published_package_byte_for_byte(builds):
    run = builds["runs"]["bad"]
    proc = run["proc"]
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = error_lines(proc.stderr)
    assert lines == proc.stderr.splitlines()  # nothing but the error lines
    assert sorted(line.split(": ", 2)[1] for line in lines) == sorted(str(builds["raw"] / n) for n in BAD)
    assert run["out_before"] and run["out_after"] == run["out_before"]  # same names, bytes and mtimes
    assert [p.name for p in builds["out"].parent.iterdir()] == ["out"]  # no staging or old folder left


@pytest.mark.cli
@pytest.mark.build
def test_raw_folder_is_never_written(builds):
    for key, run in builds["runs"].items():
        assert run["raw_before"] and run["raw_after"] == run["raw_before"], key


@pytest.mark.cli
def test_repository_raw_is_not_written_by_a_build_over_it(tmp_path):
    """A build straight over the committed raw/ (rejected early by a 1-page limit, so it is quick)."""
    before = pdfs.snapshot(pdfs.RAW)
    (tmp_path / "params.yaml").write_text("extract: {max_pages: 1}\n", encoding="utf-8")
    proc = run_build(pdfs.RAW, tmp_path / "out", tmp_path / "work", "--params", tmp_path / "params.yaml")
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert len(error_lines(proc.stderr)) == len(list(pdfs.RAW.glob("*.pdf")))
    assert pdfs.snapshot(pdfs.RAW) == before
    assert not (tmp_path / "out").exists()


@pytest.mark.cli
@pytest.mark.build
def test_published_cells_are_formula_safe_and_numbers_stay_numbers(builds):
    """In the published package no text cell starts with a formula character; numbers are numbers."""
    out = builds["out"]
    assert builds["runs"]["skip"]["proc"].returncode == 3 and (out / "datapackage.json").exists()
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    negatives = 0
    for res in descriptor["resources"]:
        types = {f["name"]: f["type"] for f in res["schema"]["fields"]}
        rows = json.loads((out / res["json"]["path"]).read_text(encoding="utf-8"))
        with open(out / res["path"], encoding="utf-8", newline="") as f:
            csv_rows = list(csv.DictReader(f))
        assert len(csv_rows) == len(rows)
        for row, csv_row in zip(rows, csv_rows, strict=True):
            for name, value in row.items():
                if types[name] in ("integer", "number") and value is not None:
                    assert isinstance(value, int | float) and not isinstance(value, bool)
                    assert float(csv_row[name]) == value
                    negatives += value < 0
                elif isinstance(value, str):
                    assert not value.startswith(FORMULA_START), (res["name"], name, value)
                    assert not csv_row[name].startswith(FORMULA_START), (res["name"], name, value)
    assert negatives > 0  # the LPS tables hold falls in crime: they must stay negative numbers


# --- pipeline/publish/cells.py -----------------------------------------------------------------------

FORMULA = st.sampled_from(["=", "+", "-", "@"])


@pytest.mark.parametrize("text", ["=1+2", "+44 20 7230 1212", "-1.4%", "@SUM(A1:A2)", "=HYPERLINK(\"x\")",
                                  "\t=1", "\r=1"])
def test_formula_text_gets_one_apostrophe(text):
    assert safe_text(text) == "'" + text
    published = "'" + clean_text(text)  # a tab or CR first is published as a space (issue 23), still neutralised
    assert typed(text, "string") == published
    assert csv_text(typed(text, "string")) == published


@given(FORMULA, st.text())
def test_any_text_starting_with_a_formula_character_is_neutralised(first, rest):
    text = first + rest
    assert safe_text(text) == "'" + text
    assert typed(text, "string") == "'" + clean_text(text)  # control characters stripped (issue 23)
    assert safe_text(safe_text(text)) == safe_text(text)  # once only, however often it is applied


@given(st.text().filter(lambda s: not clean_text(s).lstrip(" ").startswith(FORMULA_START)))
def test_other_text_is_unchanged_but_for_control_characters(text):
    assert safe_text(clean_text(text)) == clean_text(text)
    assert csv_text(text) == clean_text(text)
    assert not [c for c in csv_text(text) if unicodedata.category(c) in ("Cc", "Cs")]


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_integers_stay_integers_in_csv_and_json(n):
    for value in (n, str(n)):
        cell = typed(value, "integer")
        assert cell == n and type(cell) is int
        assert csv_text(cell) == str(n)
        assert json.loads(json.dumps(cell)) == n
    assert typed(str(n), "number") == n


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_numbers_stay_numbers_in_csv_and_json(x):
    for value in (x, repr(x)):
        cell = typed(value, "number")
        assert isinstance(cell, int | float) and not isinstance(cell, bool) and cell == x
        text = csv_text(cell)
        assert not text.startswith("'") and float(text) == x
        assert json.loads(json.dumps(cell)) == x


def test_negative_numbers_stay_numbers_in_a_written_table():
    schema = {"fields": [{"name": "label", "type": "string"}, {"name": "change", "type": "integer"},
                         {"name": "percent", "type": "number"}], "primaryKey": ["label"]}
    rows = typed_rows([{"label": "=cmd|' /C calc'!A0", "change": "-427", "percent": "-12.5"},
                       {"label": "Theft from vehicles", "change": -2, "percent": -1.4}], schema)
    assert rows == [{"label": "'=cmd|' /C calc'!A0", "change": -427, "percent": -12.5},
                    {"label": "Theft from vehicles", "change": -2, "percent": -1.4}]
    text = rows_to_csv(rows, schema).decode("utf-8")
    assert list(csv.reader(io.StringIO(text))) == [["label", "change", "percent"],
                                                  ["'=cmd|' /C calc'!A0", "-427", "-12.5"],
                                                  ["Theft from vehicles", "-2", "-1.4"]]


def test_empty_cells_and_booleans():
    assert typed("", "string") is None and typed(None, "number") is None and csv_text(None) == ""
    assert typed(True, "boolean") is True and typed(False, "boolean") is False
    assert typed("false", "boolean") is False and typed("True", "boolean") is True  # not bool("false")
    with pytest.raises(ValueError):
        typed("maybe", "boolean")
    assert csv_text(True) == "true" and csv_text(False) == "false"
    assert typed("-0.0", "number") == 0 and csv_text(typed("-0.0", "number")) == "0"
