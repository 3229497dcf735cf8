"""The release script (tools/release.py), the logic of the rebuild workflow, run from a fresh clone against a
folder standing in for the GitHub releases: a first release, a second one after a PDF is added, none when
nothing changed, none when a PDF vanishes without a recorded removal, and one when its removal is recorded."""
from __future__ import annotations

import json
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from helpers import project
from helpers.cli import error_lines

from tools.release import FolderReleases, ReleaseError, pack, unpack

ADDED = "lps_barnet_2009-10.pdf"
ADDED_ID = "mpa-local-policing-summary-barnet-2009-10"
REMOVED = "lps_havering_2009-10.pdf"
REMOVED_ID = "mpa-local-policing-summary-havering-2009-10"


def _release(clone: Path, releases: Path, date: str, *extra: str, summary: Path | None = None):
    env = project.env() | ({"GITHUB_STEP_SUMMARY": str(summary)} if summary else {})
    return subprocess.run(
        [sys.executable, "tools/release.py", "--releases", str(releases), "--release-date", date, *extra],
        cwd=clone, capture_output=True, text=True, timeout=900, env=env)


def _manifest(clone: Path) -> dict:
    return yaml.safe_load((clone / "raw" / "sources.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    """Five runs of the release script over one clone and one releases folder, each after an edit of raw/."""
    root = tmp_path_factory.mktemp("release-script")
    clone, releases = project.project_clone(root / "clone"), root / "releases"
    releases.mkdir()
    raw = clone / "raw"
    added = (raw / ADDED).read_bytes()
    (raw / ADDED).unlink()
    out = {"clone": clone, "releases": releases, "summary": root / "summary.md"}
    out["first"] = _release(clone, releases, "2026-12-01")
    (raw / ADDED).write_bytes(added)  # a new year's PDF arrives (its manifest entry was there all along)
    out["second"] = _release(clone, releases, "2026-12-02", summary=out["summary"])
    out["same"] = _release(clone, releases, "2026-12-03")
    (raw / REMOVED).unlink()  # a PDF vanishes
    out["vanished"] = _release(clone, releases, "2026-12-04")
    manifest = _manifest(clone)
    manifest["removed"] = [{"source_id": REMOVED_ID, "reason": "withdrawn: superseded by the borough's 2010 summary"}]
    (raw / "sources.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    out["recorded"] = _release(clone, releases, "2026-12-05")
    return out


def _unpacked(releases: Path, tag: str, into: Path) -> Path:
    unpack(releases / tag / "package.zip", into)
    return into


@pytest.mark.slow
def test_two_releases_are_0_1_0_then_0_2_0_with_a_two_entry_changelog_and_the_diff_as_notes(runs, tmp_path):
    assert runs["first"].returncode == 0, runs["first"].stderr
    assert runs["second"].returncode == 0, runs["second"].stderr
    releases = runs["releases"]
    a = _unpacked(releases, "v0.1.0", tmp_path / "a")
    b = _unpacked(releases, "v0.2.0", tmp_path / "b")
    assert json.loads((a / "datapackage.json").read_text())["version"] == "0.1.0"
    dp = json.loads((b / "datapackage.json").read_text())
    assert dp["version"] == "0.2.0" and dp["released"] == "2026-12-02" and dp["created"].startswith("2019-05-03")
    log = (b / "CHANGELOG.md").read_text()
    assert [line for line in log.splitlines() if line.startswith("## ")] == ["## 0.2.0 (2026-12-02)",
                                                                             "## 0.1.0 (2026-12-01)"]
    assert f"- Source added: `{ADDED_ID}` ({ADDED.replace('_', chr(92) + '_')})" in log and "First release" in log
    notes = (releases / "v0.2.0" / "notes.md").read_text()
    assert notes.startswith("## 0.2.0 (2026-12-02)") and "### Changes since v0.1.0" in notes
    assert f"- added: `{ADDED_ID}` ({ADDED.replace('_', chr(92) + '_')})" in notes  # the diff, as Markdown
    assert "| + |" in notes and "### `cells`" in notes and "Provenance of the values above: counts only." in notes
    assert runs["summary"].read_text().rstrip("\n") == notes.rstrip("\n")  # the job summary is the notes


@pytest.mark.slow
def test_the_zip_keeps_the_hidden_marker_so_the_next_release_builds_over_it(runs):
    with zipfile.ZipFile(runs["releases"] / "v0.1.0" / "package.zip") as z:
        names = z.namelist()
    assert ".london-policing-pipeline" in names and "datapackage.json" in names and "CHANGELOG.md" in names
    assert names == sorted(names)
    assert "last release: v0.1.0" in runs["second"].stderr  # and 0.2.0 was built over it (the test above)


@pytest.mark.slow
def test_the_researchers_zip_is_its_own_asset_not_packed_twice(runs):
    release = runs["releases"] / "v0.1.0"
    with zipfile.ZipFile(release / "package.zip") as z:
        descriptor = json.loads(z.read("datapackage.json"))
        names = z.namelist()
    bundle = descriptor["download"]["path"]
    assert bundle not in names and not any(n.endswith(".zip") for n in names)
    with zipfile.ZipFile(release / bundle) as z:  # published beside it, whole
        assert any(n.endswith("/datapackage.json") for n in z.namelist())


@pytest.mark.slow
def test_nothing_changed_nothing_released(runs):
    assert runs["same"].returncode == 0, runs["same"].stderr
    assert "the package is the same as v0.2.0: nothing released" in runs["same"].stderr


@pytest.mark.slow
def test_a_vanished_pdf_without_a_recorded_removal_stops_the_release(runs):
    vanished = runs["vanished"]
    assert vanished.returncode == 1, vanished.stderr
    (line,) = error_lines(vanished.stderr)
    assert line.startswith(f"error: source {REMOVED_ID} ({REMOVED}) is in the previous release at ")
    assert f"--remove {REMOVED_ID}" in line and "removed:" in line
    tags = sorted(p.name for p in runs["releases"].iterdir())
    assert tags == ["v0.1.0", "v0.2.0", "v0.3.0"]  # v0.3.0 is the recorded removal's, made after


@pytest.mark.slow
def test_a_recorded_removal_is_released_with_its_reason(runs, tmp_path):
    assert runs["recorded"].returncode == 0, runs["recorded"].stderr
    c = _unpacked(runs["releases"], "v0.3.0", tmp_path / "c")
    reason = "withdrawn: superseded by the borough's 2010 summary"
    removed_md = REMOVED.replace("_", "\\_")  # the file name as the CHANGELOG's Markdown escapes it
    assert f"- Source removed: `{REMOVED_ID}` ({removed_md}): {reason}" in (c / "CHANGELOG.md").read_text()
    build = json.loads((c / "reports" / "build.json").read_text())
    assert build["removed"] == [{"file": REMOVED, "reason": reason, "source_id": REMOVED_ID}]
    assert REMOVED_ID not in {d["source_id"] for d in build["documents"]}


def test_the_zip_is_the_same_for_the_same_package_and_unpacks_to_it(tmp_path):
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / ".london-policing-pipeline").write_text("marker\n")
    (package / "data" / "x.csv").write_text("a,b\n1,2\n")
    pack(package, tmp_path / "one.zip", "2026-12-01")
    pack(package, tmp_path / "two.zip", "2026-12-01")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    unpack(tmp_path / "one.zip", tmp_path / "back")
    assert (tmp_path / "back" / ".london-policing-pipeline").read_text() == "marker\n"
    assert (tmp_path / "back" / "data" / "x.csv").read_text() == "a,b\n1,2\n"


@pytest.mark.parametrize("name,mode", [("../escape.txt", stat.S_IFREG), ("/etc/passwd", stat.S_IFREG),
                                       ("link", stat.S_IFLNK)])
def test_a_release_zip_with_a_path_outside_or_a_link_is_refused(tmp_path, name, mode):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as z:
        info = zipfile.ZipInfo(name)
        info.external_attr = (mode | 0o644) << 16
        z.writestr(info, "/etc/passwd" if mode == stat.S_IFLNK else "x")
    (tmp_path / "into").mkdir()
    with pytest.raises(ReleaseError):
        unpack(bad, tmp_path / "into")
    assert list((tmp_path / "into").iterdir()) == [] and not (tmp_path / "escape.txt").exists()


def test_the_last_release_of_a_folder_is_the_highest_version(tmp_path):
    for tag in ("v0.9.0", "v0.10.0", "v0.2.0", "latest"):
        (tmp_path / "releases" / tag).mkdir(parents=True)
        (tmp_path / "releases" / tag / "package.zip").write_text(tag)
    (tmp_path / "into").mkdir()
    assert FolderReleases(tmp_path / "releases").latest(tmp_path / "into") == "v0.10.0"
    assert (tmp_path / "into" / "package.zip").read_text() == "v0.10.0"
    assert FolderReleases(tmp_path / "none").latest(tmp_path / "into") is None
