"""Issue 11: --out is the tool's or it is refused, no empty releases, one line and exit 2 for every usage
error, odd file names, locks. Each case is one a new user hit (see the issue's "Why"); each runs the
command line as a user would and checks the exit code, that stderr is one `error:` line (no traceback),
and that nothing the user owned changed."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import pdfs
from helpers.cli import error_lines, run_build

from pipeline.errors import Exit
from pipeline.locks import held, work_lock_path
from pipeline.publish.atomic import MARKER

# every test runs the command line as a user would
pytestmark = pytest.mark.cli

REPO = Path(__file__).resolve().parents[1]
GOOD = [pdfs.HAVERING.name, pdfs.BARNET.name]


def cli(*args, cwd: Path = REPO, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def one_usage_error(proc: subprocess.CompletedProcess, *words: str) -> str:
    """The single stderr line of a usage error (exit 2), which holds every word given."""
    assert proc.returncode == Exit.USAGE, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


def _raw(folder: Path, names=GOOD, manifest: bool = True) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy2(pdfs.RAW / name, folder / name)
    if manifest:
        pdfs.copy_manifest(folder, names)
    return folder


def _users_files(folder: Path) -> Path:
    (folder / "photos").mkdir(parents=True)
    (folder / "letter.docx").write_bytes(b"my letter")
    (folder / "photos" / "cat.jpg").write_bytes(b"\xff\xd8 a cat")
    return folder


# --- cheap: refused before anything is extracted --------------------------------------------------


def test_out_on_a_folder_of_someones_files_leaves_every_file(tmp_path):
    raw, docs = _raw(tmp_path / "raw"), _users_files(tmp_path / "Documents")
    before = pdfs.snapshot(docs)
    one_usage_error(run_build(raw, docs, tmp_path / "work"), str(docs), "other files")
    assert pdfs.snapshot(docs) == before
    assert not (tmp_path / "work" / "extracted").exists()  # refused before extracting


@pytest.mark.parametrize("where", ["raw", "raw/output", "work", "work/out", "."])
def test_out_that_is_or_lies_inside_raw_or_work_is_refused(tmp_path, where):
    raw, work = _raw(tmp_path / "raw"), tmp_path / "work"
    work.mkdir()
    (work / "keep.txt").write_text("x", encoding="utf-8")
    before = pdfs.snapshot(tmp_path)
    proc = cli("build", "--raw", raw, "--out", tmp_path / where if where != "." else tmp_path, "--work", work,
               cwd=tmp_path / "work" if where == "." else REPO)
    one_usage_error(proc, "--out")
    assert pdfs.snapshot(tmp_path) == before


@pytest.mark.parametrize("out", [".", "", "HOME", "/", "PARENT"])
def test_out_that_is_or_holds_the_current_home_or_root_folder_is_refused(tmp_path, out):
    raw, cwd, home = _raw(tmp_path / "raw"), tmp_path / "here", tmp_path / "home"
    _users_files(cwd)
    home.mkdir()
    out = {"HOME": "~", "PARENT": str(tmp_path)}.get(out, out)
    before = pdfs.snapshot(tmp_path)
    out_arg = os.path.expanduser(out) if out == "~" else out
    proc = cli("build", "--raw", raw, "--out", out_arg.replace("~", str(home)), "--work", tmp_path / "w",
               cwd=cwd, env={"HOME": str(home)})
    one_usage_error(proc, "--out")
    assert pdfs.snapshot(tmp_path) == before


def test_an_existing_file_at_out_is_refused_and_kept(tmp_path):
    raw, out = _raw(tmp_path / "raw"), tmp_path / "site" / "out"
    out.parent.mkdir()
    out.write_bytes(b"a file of mine")
    one_usage_error(run_build(raw, out, tmp_path / "work"), "is a file")
    assert out.read_bytes() == b"a file of mine" and [p.name for p in out.parent.iterdir()] == ["out"]


def test_an_unwritable_out_is_refused_before_extracting(tmp_path):
    raw = _raw(tmp_path / "raw")
    proc = run_build(raw, "/sys/pipeline-test/out", tmp_path / "work")  # sysfs: not writable, even by root
    one_usage_error(proc, "cannot write")
    assert not (tmp_path / "work" / "extracted").exists()
    (tmp_path / "afile").write_bytes(b"x")
    one_usage_error(run_build(raw, tmp_path / "afile" / "out", tmp_path / "work"), "not a folder")


def test_raw_missing_or_a_file_is_a_usage_error(tmp_path):
    one_usage_error(run_build(tmp_path / "nowhere", tmp_path / "out", tmp_path / "work"), "no such folder")
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    one_usage_error(run_build(tmp_path / "a.pdf", tmp_path / "out", tmp_path / "work"), "not a folder")


@pytest.mark.parametrize("text,words", [
    ("extract:\n  max_pagez: 3\n", ["params.yaml", "line 2", "extract.max_pagez"]),
    ("extract:\n  workers: two\n", ["params.yaml", "extract.workers", "expected int"]),
    ("normalise:\n  allow_quarantined: 1\n", ["normalise.allow_quarantined", "expected bool"]),
    ("extrakt:\n  workers: 1\n", ["unknown section 'extrakt'"]),
    ("extract:\n  workers: 0\n", ["extract", "out of range"]),
    ("extract: [1, 2\n", ["not valid YAML"]),
])
def test_params_file_errors_name_the_file_and_key(tmp_path, text, words):
    (tmp_path / "params.yaml").write_text(text, encoding="utf-8")
    proc = run_build(_raw(tmp_path / "raw"), tmp_path / "out", tmp_path / "work", "--params", tmp_path / "params.yaml")
    one_usage_error(proc, *words)


@pytest.mark.parametrize("workers", ["-1", "0", "x"])
def test_workers_below_one_is_a_usage_error(tmp_path, workers):
    one_usage_error(run_build(_raw(tmp_path / "raw"), tmp_path / "out", tmp_path / "work", "--workers", workers),
                    "--workers")


def test_unknown_option_is_one_line(tmp_path):
    one_usage_error(cli("build", "--outt", tmp_path), "--outt")


def test_a_second_build_on_the_same_work_folder_exits_2_naming_the_first(tmp_path):
    raw, work = _raw(tmp_path / "raw"), tmp_path / "work"
    with held(work_lock_path(work), "test"):
        start = time.monotonic()
        proc = run_build(raw, tmp_path / "out", work)
        waited = time.monotonic() - start
    one_usage_error(proc, "in use by process", str(os.getpid()))
    assert waited < 60 and not (tmp_path / "out").exists()


# --- raw/sources.yaml through the command line -----------------------------------------------------


@pytest.mark.parametrize("edit,words", [
    (lambda t: t.replace("  publisher:", "  publishr:", 1),
     ["sources.yaml", "entry 1", "unknown key publishr", "line "]),
    (lambda t: t + "  url: 'javascript:alert(1)'\n", ["url", "http or https"]),
    (lambda t: t + "x: [1\n", ["not valid YAML"]),
    (lambda t: t + "x: !!python/object/apply:os.system ['echo hi']\n", ["not valid YAML", "python/object"]),
    (lambda t: "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
               + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
                         for i in range(9)) + t, ["aliases", "not allowed"]),
])
def test_sources_yaml_errors_are_one_line(tmp_path, edit, words):
    raw = _raw(tmp_path / "raw")
    (raw / "sources.yaml").write_text(edit((raw / "sources.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    start = time.monotonic()
    one_usage_error(run_build(raw, tmp_path / "out", tmp_path / "work"), *words)
    assert time.monotonic() - start < 60  # the alias bomb is refused, not expanded


def test_labels_exit_code_says_whether_the_label_maps():
    assert cli("labels", "MV Theft").returncode == Exit.OK
    assert cli("labels", "Moped-enabled crime").returncode == 1


# --- builds: no empty releases, dropped sources, odd names ----------------------------------------


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """A good package (Havering and Barnet) published by the tool, to build over."""
    base = tmp_path_factory.mktemp("pkg")
    proc = run_build(_raw(base / "raw"), base / "out", base / "work")
    assert proc.returncode == 0, proc.stderr
    assert (base / "out" / MARKER).is_file()
    return base / "out"


def _copy(package: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site" / "out"
    shutil.copytree(package, out)
    return out


@pytest.mark.build
def test_an_empty_raw_leaves_the_previous_package_byte_for_byte(package, tmp_path):
    out, raw = _copy(package, tmp_path), tmp_path / "empty"
    raw.mkdir()
    before = pdfs.snapshot(out)
    line = one_usage_error(run_build(raw, out, tmp_path / "work"), "no PDFs")
    assert "left as it was" in line
    assert pdfs.snapshot(out) == before


@pytest.mark.build
def test_skip_bad_with_every_pdf_bad_publishes_nothing(package, tmp_path):
    out, raw = _copy(package, tmp_path), tmp_path / "bad"
    raw.mkdir()
    pdfs.empty(raw / "empty.pdf")
    pdfs.png_as_pdf(raw / "picture.pdf")
    before = pdfs.snapshot(out)
    proc = run_build(raw, out, tmp_path / "work", "--skip-bad")
    assert proc.returncode == Exit.BAD_INPUT and "Traceback" not in proc.stderr, proc.stderr
    assert "nothing to publish" in error_lines(proc.stderr)[-1] and "published" not in proc.stderr
    assert pdfs.snapshot(out) == before


@pytest.mark.build
def test_dropped_sources_are_named_and_odd_file_names_are_published_escaped(package, tmp_path):
    """Over the two-source package: Havering under a name with a non-UTF-8 byte, the letter under a 250-character
    name, a bad PDF under another odd name (--skip-bad), Barnet gone. Havering keeps its id (ids come from what
    a document is, not its name or a manifest); Barnet's removal, recorded with --remove, is named."""
    out, raw = _copy(package, tmp_path), tmp_path / "raw"
    raw.mkdir()
    odd, long_name = os.fsdecode(b"lps\xff havering.pdf"), "b" * 246 + ".pdf"
    shutil.copy2(pdfs.RAW / pdfs.HAVERING.name, raw / odd)
    shutil.copy2(pdfs.RAW / "mayor_letter_MGLA190319-8293.pdf", raw / long_name)
    pdfs.empty(raw / os.fsdecode(b"bad\xfe\x01.pdf"))
    old = {r["file"]: r["source_id"] for r in csv.DictReader(open(out / "data" / "sources.csv", encoding="utf-8"))}
    proc = run_build(raw, out, tmp_path / "work", "--skip-bad", "--remove", old[pdfs.BARNET.name])
    assert proc.returncode == Exit.BAD_INPUT and "Traceback" not in proc.stderr, proc.stderr
    assert f"published {out}" in proc.stderr
    assert [line for line in error_lines(proc.stderr) if "bad\\xfe\\x01.pdf" in line]
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note: source ")]
    assert [n for n in notes if n.startswith("note: source " + old[pdfs.BARNET.name])], proc.stderr
    assert not [n for n in notes if old[pdfs.HAVERING.name] in n], notes
    new = {r["file"]: r["source_id"] for r in csv.DictReader(open(out / "data" / "sources.csv", encoding="utf-8"))}
    assert sorted(new) == sorted(["lps\\xff havering.pdf", long_name])
    assert new["lps\\xff havering.pdf"] == old[pdfs.HAVERING.name]
    interim = [p for p in (tmp_path / "work" / "extracted").iterdir() if not p.name.startswith(".")]
    assert len(interim) == 3  # 2 documents + index.json
    assert all(len(p.name) < 60 for p in interim)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert all("path" not in s or s["path"].startswith(("http://", "https://")) for s in descriptor["sources"])


def test_a_second_build_into_the_same_out_exits_2_naming_the_first(tmp_path):
    """Another work folder, the same --out: the lock of --out is found by --out's path alone."""
    from pipeline.locks import out_lock_path

    raw, out = _raw(tmp_path / "raw"), tmp_path / "site" / "out"
    out.parent.mkdir()
    with held(out_lock_path(tmp_path / "site" / ".." / "site" / "out"), "test"):
        proc = run_build(raw, out, tmp_path / "work2")
    one_usage_error(proc, "in use by process", str(os.getpid()), "--out")
    assert not out.exists() and [p.name for p in out.parent.iterdir()] == []
