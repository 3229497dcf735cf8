"""Releases: build raw/ without one PDF into A, add the PDF (with no manifest entry) and build again into the
same --out: the diff names the added rows, the version is the next minor one, CHANGELOG.md says so on top of
A's history, and the new PDF's source_id is the one its manifest entry would have given."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from pipeline.errors import UsageError
from pipeline.publish.changelog import changelog, release_notes
from pipeline.publish.version import bump, created, next_version, release_date, release_level
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
    with pytest.raises((ValueError, UsageError)):
        next_version("0.1.0", "minor", "0.1.0", override="v3")


def test_created_is_the_datas_date_and_the_release_date_comes_from_the_release_step(monkeypatch):
    sources = [{"published": "2010"}, {"published": "2019-05-03"}]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert created(sources) == "2019-05-03T00:00:00Z"
    assert release_date(None) is None  # a build, not a release
    assert release_date("2026-12-01") == "2026-12-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert created(sources) == "2019-05-03T00:00:00Z"  # the data's date does not move with the release
    assert release_date(None) == "2023-11-14"
    assert release_date("2026-12-01") == "2026-12-01"  # given by the release step: it wins
    assert release_date("none") is None  # not a release, whatever the environment says (dvc.yaml's publish)
    for bad in ("99999999999999", "-5", "1e9", "\u00b2"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
        with pytest.raises((ValueError, UsageError)):
            release_date(None)
    for bad in ("2026-13-01", "2026-1-1", "today"):
        with pytest.raises((ValueError, UsageError)):
            release_date(bad)


def test_changelog_carries_the_earlier_history_forward():
    first = changelog("0.1.0", "2026-05-01", "2019-05-03T00:00:00Z", None, None,
                      release_notes(None, {"sources": [{}]}), None)
    second = changelog("0.2.0", "2026-06-01", "2019-06-01T00:00:00Z", "0.1.0", "minor",
                       release_notes(_diff(t={"added": [{}, {}]}), {}), first)
    assert second.index("## 0.2.0 (2026-06-01)") < second.index("## 0.1.0 (2026-05-01)")
    assert "Data as of 2019-06-01" in second and "Data as of 2019-05-03" in second
    assert "`t`: rows 2 added" in second and "First release" in second
    assert second.count("# Changelog") == 1
    assert "## 0.3.0 (unreleased)" in changelog("0.3.0", None, None, "0.2.0", "patch", ["- x"], second)


def test_a_recorded_removal_is_in_the_release_notes_with_its_reason():
    diff = _diff(t={"removed": [{}]})
    diff["sources"]["removed"] = [{"source_id": "s-1", "title": "T", "file": "s1.pdf"}]
    notes = release_notes(diff, {}, [{"source_id": "s-1", "file": "s1.pdf", "reason": "withdrawn by MOPAC"}])
    assert "- Source removed: `s-1` (s1.pdf): withdrawn by MOPAC" in notes


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
    assert r.returncode == 1, r.stderr  # as diff(1): the packages differ
    diff = json.loads(r.stdout)
    # 7 performance rows, 5 targets, 36 figures and the source itself (the cells that locate them are counted apart)
    assert diff["same"] is False and diff["summary"].endswith("1 source(s) added; rows 49 added, 0 removed, "
                                                              "0 changed in 5 resources of 11")
    assert [s["source_id"] for s in diff["sources"]["added"]] == [NEW_ID]
    added = diff["resources"]["borough_performance"]["added"]
    assert added and {row["source_id"] for row in added} == {NEW_ID}
    assert {row["gss_code"] for row in added} == {"E09000003"}
    assert not diff["resources"]["borough_performance"]["removed"]
    text = run_cli("diff", a / "datapackage.json", b)
    assert text.returncode == 1 and f"source added: {NEW_ID}" in text.stdout
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
def test_diff_behaves_as_diff_tools_do(releases):
    """A summary line first; exit 0 when the same, 1 when different; unchanged resources hidden unless --all; rows
    added shown whole; the provenance `cells` as counts only; --markdown for release notes."""
    a, b, _ = releases
    same = run_cli("diff", b, b)
    assert same.returncode == 0 and same.stdout.splitlines()[0].endswith("0.2.0 -> 0.2.0: no changes "
                                                                         "(11 resources compared)")
    r = run_cli("diff", a, b)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("london-policing-priorities-and-performance 0.1.0 -> 0.2.0: 1 source(s) added")
    assert not any(line.startswith(("boroughs:", "crime_types:", "borough_priorities:")) for line in lines)
    performance = [line for line in lines if line.startswith("  + ") and "offences_change=" in line]
    assert len(performance) == 7 and all(f"{column}=" in line for line in performance for column in
                                         ("source_id", "gss_code", "crime_type_id", "label_raw", "percent_change",
                                          "target_status", "page"))
    (cells,) = [line for line in lines if line.startswith("cells: ")]
    assert cells.endswith("0 removed, 0 changed (provenance of the values above: counts only)")
    after = lines[lines.index(cells) + 1]
    assert not after.startswith("  "), after  # no row of `cells` listed
    assert len(lines) < 70
    everything = run_cli("diff", a, b, "--all")
    assert "boroughs: 0 added, 0 removed, 0 changed" in everything.stdout.splitlines()
    md = run_cli("diff", a, b, "--markdown")
    assert md.returncode == 1 and md.stdout.startswith("**london-policing-priorities-and-performance 0.1.0 -\\> 0.2.0")
    assert "### `borough_performance`: 7 added, 0 removed, 0 changed" in md.stdout
    assert md.stdout.count("\n| + | ") >= 7 and "### `boroughs`" not in md.stdout
    assert run_cli("diff", a, b, "--json", "--markdown").returncode == 2


@pytest.mark.cli
@pytest.mark.build
def test_a_pdf_gone_without_a_recorded_removal_stops_the_build_and_remove_as_printed_releases_it(releases, tmp_path):
    _, b, raw = releases
    out, less = tmp_path / "out", tmp_path / "raw"
    shutil.copytree(b, out)
    shutil.copytree(raw, less)
    (less / NEW_PDF).unlink()
    stopped = run_cli("build", "--raw", less, "--out", out, "--work", tmp_path / "work")
    assert stopped.returncode == 1, stopped.stderr
    (line,) = [x for x in stopped.stderr.splitlines() if x.startswith("error:")]
    assert line.startswith(f"error: source {NEW_ID} ({NEW_PDF}) is in the previous release at {out} and missing")
    assert _files(out) == _files(b)  # nothing published
    option = re.search(r"--remove \S+", line).group(0).split()
    assert option == ["--remove", NEW_ID]
    done = run_cli("build", "--raw", less, "--out", out, "--work", tmp_path / "work", *option)
    assert done.returncode == 0, done.stderr
    assert f"note: source {NEW_ID} ({NEW_PDF}) removed: removal recorded with --remove" in done.stderr
    assert json.loads((out / "datapackage.json").read_text())["version"] == "0.3.0"
    log = (out / "CHANGELOG.md").read_text()
    file_md = NEW_PDF.replace("_", "\\_")  # the file name as Markdown text (publish/markdown.py escapes it)
    assert f"- Source removed: `{NEW_ID}` ({file_md}): removal recorded with --remove" in log
    assert json.loads((out / "reports" / "build.json").read_text())["removed"] == [
        {"file": NEW_PDF, "reason": "removal recorded with --remove", "source_id": NEW_ID}]
