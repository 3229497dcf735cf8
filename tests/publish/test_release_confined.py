"""Issue 23: the previous release at --out is read only within itself. A tampered release whose resource path
leads outside (`../SECRET.env`) published the secret in reports/changes.json with exit 0; a FIFO as one of its
files hung the build holding both locks; malformed releases gave tracebacks. Each is one line, exit 2, --out
left as it was, before anything is extracted."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from helpers import pdfs
from helpers.cli import run_build
from test_safe_out import _raw, one_usage_error

SECRET = "API_KEY=hunter2"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    base = tmp_path_factory.mktemp("rel")
    proc = run_build(_raw(base / "raw", names=[pdfs.HAVERING.name]), base / "out", base / "work")
    assert proc.returncode == 0, proc.stderr
    return base / "out"


def _sources(descriptor: dict) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == "sources")


def tamper_path(out):
    (out.parent / "SECRET.env").write_text(SECRET + "\n", encoding="utf-8")
    d = json.loads((out / "datapackage.json").read_text())
    r = _sources(d)
    r.pop("json")
    r["path"] = "../SECRET.env"
    (out / "datapackage.json").write_text(json.dumps(d))


def tamper_absolute(out):
    d = json.loads((out / "datapackage.json").read_text())
    _sources(d)["json"]["path"] = "/etc/os-release"
    (out / "datapackage.json").write_text(json.dumps(d))


def tamper_fifo(out):
    (out / "data" / "sources.json").unlink()
    os.mkfifo(out / "data" / "sources.json")


def tamper_list(out):
    (out / "datapackage.json").write_text("[]")


def tamper_changelog(out):
    (out / "CHANGELOG.md").write_bytes(b"# Changelog\n\xff\xfe\n")


def tamper_changes(out):
    (out / "reports" / "changes.json").write_text("{not json")


@pytest.mark.slow
@pytest.mark.parametrize("tamper,words,names", [
    (tamper_path, ["leaves the package"], [pdfs.HAVERING.name]),
    (tamper_absolute, ["is absolute"], [pdfs.HAVERING.name]),
    (tamper_fifo, ["not a regular file"], [pdfs.HAVERING.name]),
    (tamper_list, ["not a JSON object"], [pdfs.HAVERING.name]),
    (tamper_changelog, ["CHANGELOG.md", "not UTF-8"], [pdfs.HAVERING.name, pdfs.BARNET.name]),
    (tamper_changes, ["changes.json", "not JSON"], [pdfs.HAVERING.name]),
])
def test_a_tampered_or_malformed_previous_release_is_one_line_and_left_as_it_was(release, tmp_path, tamper, words,
                                                                                names):
    out = tmp_path / "site" / "out"
    shutil.copytree(release, out)
    tamper(out)
    before = pdfs.snapshot(out) if tamper is not tamper_fifo else None
    proc = run_build(_raw(tmp_path / "raw", names=names), out, tmp_path / "work", timeout=240)
    line = one_usage_error(proc, "--out", "previous release", *words)
    assert SECRET not in line and SECRET not in proc.stderr
    if before is not None:
        assert pdfs.snapshot(out) == before
    assert not any(SECRET in p.read_text(errors="replace") for p in out.rglob("*.json") if p.is_file())
