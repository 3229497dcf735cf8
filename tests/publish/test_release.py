"""Releases: build raw/ without one PDF into A, add the PDF (with no manifest entry) and build again into the
same --out: the diff names the added rows, the version is the next minor one, CHANGELOG.md says so on top of
A's history, and the new PDF's source_id is the one its manifest entry would have given."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from pipeline.publish.changelog import changelog, release_notes
from pipeline.publish.version import bump, created, next_version, release_level
from tests.conftest import RAW, run_cli

NEW_PDF = "lps_barnet_2009-10.pdf"
NEW_ID = "mpa-local-policing-summary-barnet-2009-10"


def _diff(**resources) -> dict:
    empty = {"added": [], "removed": [], "changed": [], "schema": {}}
    return {"resources": {k: {**empty, **v} for k, v in resources.items()},
            "sources": {"added": [], "removed": [], "changed": []}}


def test_release_level_and_next_version():
    assert release_level(_diff(a={})) is None
    assert release_level(_diff(a={"changed": [{"key": {}, "columns": {}}]})) == "patch"
    assert release_level(_diff(a={"added": [{}]}, b={"changed": [{}]})) == "minor"
    assert release_level(_diff(a={"removed": [{}]}, b={"schema": {"fields_added": ["x"]}})) == "major"
    assert [bump("1.4.2", lv) for lv in ("major", "minor", "patch", None)] == ["2.0.0", "1.5.0", "1.4.3", "1.4.2"]
    assert next_version(None, None, "0.1.0") == "0.1.0"
    assert next_version("0.1.0", "minor", "0.1.0", override="3.0.0") == "3.0.0"
    with pytest.raises(ValueError):
        next_version("0.1.0", "minor", "0.1.0", override="v3")


def test_created_comes_from_source_date_epoch(monkeypatch):
    sources = [{"published": "2010"}, {"published": "2019-05-03"}]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert created(sources) == "2019-05-03T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert created(sources) == "2023-11-14T22:13:20Z"


def test_changelog_carries_the_earlier_history_forward():
    first = changelog("0.1.0", "2019-05-03T00:00:00Z", None, None, release_notes(None, {"sources": [{}]}), None)
    second = changelog("0.2.0", "2019-06-01T00:00:00Z", "0.1.0", "minor",
                       release_notes(_diff(t={"added": [{}, {}]}), {}), first)
    assert second.index("## 0.2.0") < second.index("## 0.1.0")
    assert "`t`: rows 2 added" in second and "First release" in second
    assert second.count("# Changelog") == 1


@pytest.fixture(scope="module")
def releases(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A (raw/ without NEW_PDF), its copy, then B built into A's --out with NEW_PDF added and no entry for it."""
    root = tmp_path_factory.mktemp("release")
    raw = root / "raw"
    raw.mkdir()
    manifest = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))
    manifest["sources"] = [e for e in manifest["sources"] if e["file"] != NEW_PDF]
    (raw / "sources.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    for pdf in RAW.glob("*.pdf"):
        if pdf.name != NEW_PDF:
            shutil.copy(pdf, raw / pdf.name)
    out = root / "out"
    r = run_cli("build", "--raw", raw, "--out", out, "--work", root / "work")
    assert r.returncode == 0, r.stderr
    shutil.copytree(out, root / "a")
    shutil.copy(RAW / NEW_PDF, raw / NEW_PDF)
    r = run_cli("build", "--raw", raw, "--out", out, "--work", root / "work")
    assert r.returncode == 0, r.stderr
    return root / "a", out, raw


@pytest.mark.cli
@pytest.mark.build
def test_adding_a_pdf_is_a_minor_release_named_in_the_diff_and_changelog(releases):
    a, b, _ = releases
    dp_a = json.loads((a / "datapackage.json").read_text())
    dp_b = json.loads((b / "datapackage.json").read_text())
    assert (dp_a["version"], dp_b["version"]) == ("0.1.0", "0.2.0")
    r = run_cli("diff", a, b, "--json")
    assert r.returncode == 0, r.stderr
    diff = json.loads(r.stdout)
    assert [s["source_id"] for s in diff["sources"]["added"]] == [NEW_ID]
    added = diff["resources"]["borough_performance"]["added"]
    assert added and {row["source_id"] for row in added} == {NEW_ID}
    assert {row["gss_code"] for row in added} == {"E09000003"}
    assert not diff["resources"]["borough_performance"]["removed"]
    text = run_cli("diff", a / "datapackage.json", b)
    assert text.returncode == 0 and f"source added: {NEW_ID}" in text.stdout
    assert f"borough_performance: {len(added)} added, 0 removed, 0 changed" in text.stdout
    log = (b / "CHANGELOG.md").read_text()
    assert log.index("## 0.2.0") < log.index("## 0.1.0")
    assert f"Source added: `{NEW_ID}`" in log and f"`borough_performance`: rows {len(added)} added" in log
    changes = json.loads((b / "reports" / "changes.json").read_text())
    assert changes["level"] == "minor" and changes["previous_version"] == "0.1.0"


@pytest.mark.cli
@pytest.mark.build
def test_diff_of_a_package_with_itself_is_empty_and_bad_arguments_exit_2(releases):
    a, _, raw = releases
    r = run_cli("diff", a, a)
    assert r.returncode == 0 and "no changes" in r.stdout
    for args in ((a,), (a, raw), (a, raw / "missing")):
        r = run_cli("diff", *args)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("error:")


@pytest.mark.cli
@pytest.mark.build
def test_publishing_the_same_inputs_again_gives_the_same_release_byte_for_byte(releases, tmp_path):
    _, b, raw = releases
    again = tmp_path / "again"
    shutil.copytree(b, again)
    r = run_cli("build", "--raw", raw, "--out", again, "--work", tmp_path / "work", "--no-cache")
    assert r.returncode == 0, r.stderr
    files = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert [f for f in files if (b / f).read_bytes() != (again / f).read_bytes()] == []


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.cli
@pytest.mark.build
def test_a_release_prepared_while_the_checks_run_is_the_release_made_after_them(releases, tmp_path):
    """The build writes the release files while the suites run (prepare_release), then adds the checks' files:
    the same bytes as publishing in one go, release diff against the previous package included."""
    from pipeline.publish.stage import prepare_release, run_publish

    a, _, raw = releases
    work = a.parent / "work"
    validated, normalised = work / "validated", work / "normalised" / "tables.json"
    at_once, in_two = tmp_path / "at_once", tmp_path / "in_two"
    shutil.copytree(a, at_once)
    shutil.copytree(a, in_two)
    run_publish(validated, normalised, at_once, raw=raw)
    prepared = prepare_release(validated, normalised, tmp_path / "release", in_two, raw=raw)
    assert not (prepared.folder / "index.html").exists()  # made from the checks' results: not yet
    run_publish(validated, normalised, in_two, raw=raw, prepared=prepared)
    once, two = _files(at_once), _files(in_two)
    assert "index.html" in once and "reports/metrics.json" in once
    assert json.loads(once["reports/changes.json"])["level"] == "minor"  # diffed against A, as the build did
    assert sorted(two) == sorted(once)
    assert [name for name in once if once[name] != two[name]] == []
