"""Issue 23: inputs are data, read within bounds. raw/ (PDFs, sources.yaml) and --params are read only when
they are regular files, their size checked before a byte is read or hashed; settings are validated as values
(package_name a slug, version semver, timeout finite, SOURCE_DATE_EPOCH an integer in range); YAML nested too
deep is one line. A FIFO or /dev/zero never hangs a command: the process boundary (a timeout) is what is tested."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import pdfs
from test_safe_out import _raw, one_usage_error

from pipeline.errors import UsageError
from pipeline.extract.stage import extract_all
from pipeline.safe_yaml import load as load_yaml
from pipeline.settings import ExtractSettings, Settings

REPO = Path(__file__).resolve().parents[1]


def cli(*args, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def build(raw: Path, tmp_path: Path, *extra, env: dict | None = None, timeout: float = 60):
    return cli("build", "--raw", raw, "--out", tmp_path / "out", "--work", tmp_path / "work", "--no-cache", *extra,
               env=env, timeout=timeout)


# --- settings as data ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,words", [
    ('publish:\n  package_name: "../../escaped"\n', ["publish", "package_name", "not a slug"]),
    ("publish:\n  package_name: Big Name\n", ["package_name", "not a slug"]),
    ("publish:\n  version: abc\n", ["publish", "version", "MAJOR.MINOR.PATCH"]),
    ("extract:\n  timeout_seconds: .nan\n", ["extract", "timeout_seconds", "finite"]),
    ("extract:\n  timeout_seconds: .inf\n", ["extract", "timeout_seconds", "finite"]),
    ("extract:\n  max_bytes: -1\n", ["extract", "max_bytes"]),
])
def test_settings_are_validated_as_values(tmp_path, text, words):
    params = tmp_path / "params.yaml"
    params.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as e:
        Settings.load(params)
    for w in words:
        assert w in str(e.value)


@pytest.mark.cli
def test_a_package_name_that_leaves_the_package_never_writes_outside(tmp_path):
    """The SQLite file is data/<package_name>.sqlite: "../../escaped" put it beside --out (exit 0)."""
    params = tmp_path / "params.yaml"
    params.write_text('publish:\n  package_name: "../../escaped"\n', encoding="utf-8")
    raw = _raw(tmp_path / "raw", names=[pdfs.HAVERING.name])
    one_usage_error(build(raw, tmp_path, "--params", params, timeout=300), "package_name")
    assert not list(tmp_path.rglob("escaped*"))


@pytest.mark.parametrize("epoch", ["99999999999999", "abc", "-5", "1e9", "٣"])
def test_a_malformed_source_date_epoch_is_one_line_before_anything_is_read(tmp_path, epoch):
    raw = _raw(tmp_path / "raw", names=[pdfs.HAVERING.name])
    one_usage_error(build(raw, tmp_path, env={"SOURCE_DATE_EPOCH": epoch}, timeout=300), "SOURCE_DATE_EPOCH")
    assert not (tmp_path / "work" / "extracted").exists()


def test_source_date_epoch_in_range_still_sets_the_release_date(monkeypatch):
    from pipeline.publish.version import MAX_EPOCH, created, release_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(MAX_EPOCH))
    assert release_date() == "9999-12-31"
    assert created([{"published": "2010"}]) == "2010-01-01T00:00:00Z"  # the data's date is the sources'
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert release_date() is None


@pytest.mark.cli
def test_yaml_nested_200000_deep_is_one_line(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("extract: " + "[" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="nested too deeply"):
        load_yaml(path)
    one_usage_error(build(_raw(tmp_path / "raw", names=[pdfs.HAVERING.name]), tmp_path, "--params", path), "nested")


# --- no FIFO, device or unbounded file is read -----------------------------------------------------------


@pytest.mark.cli
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_sources_yaml_that_is_not_a_regular_file_is_one_line_not_a_hang(tmp_path, kind):
    raw = _raw(tmp_path / "raw", names=[pdfs.HAVERING.name], manifest=False)
    os.mkfifo(raw / "sources.yaml") if kind == "fifo" else os.symlink("/dev/zero", raw / "sources.yaml")
    line = one_usage_error(build(raw, tmp_path, timeout=60), "sources.yaml", "not a regular file")
    assert "character device" in line or "FIFO" in line


@pytest.mark.cli
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_params_that_is_not_a_regular_file_is_one_line_not_a_hang(tmp_path, kind):
    params = tmp_path / "params.yaml"
    os.mkfifo(params) if kind == "fifo" else os.symlink("/dev/zero", params)
    one_usage_error(build(_raw(tmp_path / "raw", names=[pdfs.HAVERING.name]), tmp_path, "--params", params,
                          timeout=60), "params.yaml", "not a regular file")


def test_explain_on_a_fifo_is_one_line_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "x.pdf")
    proc = cli("explain", tmp_path / "x.pdf", "--out", tmp_path / "explain", timeout=60)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == ["error: x.pdf: is a FIFO (named pipe), not a regular file — give a PDF file"]


def test_a_pdf_that_is_not_a_regular_file_is_a_skipped_file_not_a_hang(tmp_path):
    raw = _raw(tmp_path / "raw", names=[pdfs.HAVERING.name])
    os.mkfifo(raw / "pipe.pdf")
    os.symlink("/dev/zero", raw / "zero.pdf")
    result = extract_all(raw, ExtractSettings(workers=1))
    bad = {b["file"]: b for b in result.bad}
    assert sorted(bad) == ["pipe.pdf", "zero.pdf"]
    assert "FIFO" in bad["pipe.pdf"]["reason"] and "character device" in bad["zero.pdf"]["reason"]
    assert [d["file"] for d in result.documents] == [pdfs.HAVERING.name]


def test_a_sparse_20_gib_pdf_is_refused_by_its_size_before_it_is_hashed(tmp_path):
    raw = _raw(tmp_path / "raw", names=[pdfs.HAVERING.name])
    with open(raw / "huge.pdf", "wb") as f:
        f.truncate(20 << 30)  # 20 GiB of holes: nothing written, reading it takes about a minute
    start = time.monotonic()
    result = extract_all(raw, ExtractSettings(workers=1))
    assert time.monotonic() - start < 20  # Havering's extraction takes a few seconds; hashing 20 GiB takes ~60
    assert [(b["file"], b["kind"]) for b in result.bad] == [("huge.pdf", "too_large")]
    from pipeline.stamp import build_stamp

    start = time.monotonic()
    assert build_stamp(raw, Settings(), {}) is None  # the build is not skipped and not stamped: it reports the file
    assert time.monotonic() - start < 10


@pytest.mark.slow
def test_control_characters_in_sources_yaml_are_not_published(tmp_path):
    """A CR inside a title split a CSV row with a cryptic error; a NUL or an escape sequence reached the data."""
    import csv

    raw = _raw(tmp_path / "raw", names=[pdfs.HAVERING.name])
    text = (raw / "sources.yaml").read_text(encoding="utf-8")
    assert "  title: " in text
    (raw / "sources.yaml").write_text(text.replace("  title: ", '  title: "Local\\rPolicing\\u0000 \\e[2J" # ', 1),
                                      encoding="utf-8")
    proc = build(raw, tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    with open(out / "data" / "sources.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["title"] for r in rows] == ["Local Policing [2J"]
    assert (out / "data" / "sources.csv").read_bytes().count(b"\n") == 2
    for path in out.rglob("*"):
        if path.suffix in (".csv", ".json", ".md", ".html"):
            data = path.read_text(encoding="utf-8")
            assert not any(c in data for c in "\r\x00\x1b"), path
            if path.suffix == ".json":
                assert "\\u0000" not in data and "\\u001b" not in data and "\\r" not in data, path
