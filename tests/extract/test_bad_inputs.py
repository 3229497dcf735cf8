"""Untrusted input: every bad PDF gets one clear `error:` line and exit code 3, and nothing is published.

The bad files are made here, in tmp_path, from the facsimiles in raw/ (so a clean clone is enough).
Each case runs the command line once on a folder holding only that file; a bad file is rejected
during extraction, before the slow stages are imported, so each run takes about a second.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import pdfs
from helpers.cli import error_lines, run_build

from pipeline.extract.isolate import run_isolated
from pipeline.settings import ExtractSettings

# kinds of BadInput raised in pipeline/ (errors.BadInput.kind); a new kind must be added here on purpose
BAD_KINDS = {"empty", "too_large", "not_pdf", "corrupt", "encrypted", "too_many_pages", "no_text",
             "unknown_family", "table_unreadable", "no_period", "unreadable", "crash", "timeout", "io"}


def _havering(d: Path) -> Path:
    """An unchanged good PDF (for the page and time limits)."""
    dst = d / pdfs.HAVERING.name
    dst.write_bytes(pdfs.HAVERING.read_bytes())
    return dst


# id -> (make the file in a folder, params.yaml text or None, substrings the error line must hold)
CASES = {
    "empty": (lambda d: pdfs.empty(d / "empty.pdf"), None, ["empty file"]),
    "png_renamed": (lambda d: pdfs.png_as_pdf(d / "picture.pdf"), None, ["not a PDF"]),
    "text_renamed": (lambda d: pdfs.text_as_pdf(d / "notes.pdf"), None, ["not a PDF"]),
    "truncated": (lambda d: pdfs.truncated(pdfs.HAVERING, d / "half.pdf"), None, ["truncated"]),
    "user_password": (lambda d: pdfs.encrypted(pdfs.HAVERING, d / "locked.pdf"), None,
                      ["encrypted", "password is needed"]),
    "unsupported_security": (lambda d: pdfs.unsupported_security(pdfs.HAVERING, d / "pubsec.pdf"), None,
                             ["encrypted", "unsupported security handler"]),
    "no_text_layer": (lambda d: pdfs.shapes_only(d / "scan.pdf"), None, ["no text layer", "ocrmypdf"]),
    "invisible_text_only": (lambda d: pdfs.invisible_text(pdfs.HAVERING, d / "invisible.pdf"), None,
                            ["no visible text", "render mode 3"]),
    "unknown_family": (lambda d: pdfs.unknown_family(d / "allotments.pdf"), None,
                       ["not a known document family", "families/"]),
    "table_missing": (lambda d: pdfs.lps_without_table(d / "lps_no_table.pdf"), None,
                      ["Local Policing Summary", "borough_performance table", "not found or cannot be read"]),
    "over_page_limit": (_havering, "extract: {max_pages: 2}\n", ["too many pages (5 > 2)", "max_pages"]),
    "over_time_limit": (_havering, "extract: {timeout_seconds: 0.01}\n",
                        ["over the time limit (0.01 s)", "timeout_seconds"]),
}


def _assert_one_clean_error(proc, raw: Path, name: str) -> str:
    """Exit 3, no traceback, and stderr is exactly one `error: <raw>/<file>: <reason> — <hint>` line."""
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and error_lines(proc.stderr) == lines, proc.stderr
    line = lines[0]
    assert line.startswith(f"error: {raw / name}: "), line
    reason, _, hint = line[len(f"error: {raw / name}: "):].partition(" \u2014 ")
    assert reason.strip() and hint.strip(), line
    assert line.isprintable(), repr(line)
    return line


@pytest.mark.cli
@pytest.mark.parametrize("case", list(CASES))
def test_bad_pdf_gives_one_error_line_and_publishes_nothing(case, tmp_path):
    make, params, expected = CASES[case]
    raw, out, work = tmp_path / "raw", tmp_path / "out", tmp_path / "work"
    raw.mkdir()
    bad = make(raw)
    extra = []
    if params:
        (tmp_path / "params.yaml").write_text(params, encoding="utf-8")
        extra = ["--params", tmp_path / "params.yaml"]
    before = pdfs.snapshot(raw)
    proc = run_build(raw, out, work, *extra)
    line = _assert_one_clean_error(proc, raw, bad.name)
    for text in expected:
        assert text in line, line
    assert not out.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no staging folder left
    assert pdfs.snapshot(raw) == before


@pytest.mark.cli
def test_corrupt_middle_is_a_clean_error_or_a_correct_extraction(tmp_path):
    """Junk over the middle fifth of a good PDF, header and %%EOF kept."""
    raw = tmp_path / "raw"
    raw.mkdir()
    bad = pdfs.corrupt_middle(pdfs.HAVERING, raw / "damaged.pdf")
    proc = run_build(raw, tmp_path / "out", tmp_path / "work")
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 3), proc.stderr
    if proc.returncode == 3:
        _assert_one_clean_error(proc, raw, bad.name)
        assert not (tmp_path / "out").exists()
    else:  # read anyway: it must then read exactly what the undamaged file holds
        good, damaged = _extract([pdfs.HAVERING, bad])
        assert damaged["records"] == good["records"]


def _extract(paths: list[Path], **settings) -> list[dict]:
    """(status, payload) per path through the isolated workers, in the order given."""
    results = {p: (s, d) for p, s, d in run_isolated([(p, {}) for p in paths],
                                                     ExtractSettings(**{"timeout_seconds": 60, **settings}))}
    return [results[p][1] if results[p][0] == "ok" else {"bad": results[p][1]} for p in paths]


def test_owner_password_only_is_processed_normally(tmp_path):
    """No user password: any reader opens it (only 'permissions' are restricted), so it is extracted as usual."""
    locked = pdfs.encrypted(pdfs.HAVERING, tmp_path / pdfs.HAVERING.name, user="", owner="y")
    plain, owner_only = _extract([pdfs.HAVERING, locked])
    assert "bad" not in owner_only, owner_only
    for key in ("records", "pages", "family", "title"):
        assert owner_only[key] == plain[key], key
    assert owner_only["sha256"] != plain["sha256"]


def test_every_reason_names_the_file_kind_and_a_hint(tmp_path):
    """The isolated extraction's answer for each bad file: a known kind, a one-line reason and a hint."""
    made = [make(tmp_path) for make, params, _ in CASES.values() if params is None]
    for path, result in zip(made, _extract(made), strict=False):
        bad = result["bad"]
        assert bad["kind"] in BAD_KINDS, bad
        assert bad["file"] == path.name
        assert bad["reason"] and len(bad["reason"].splitlines()) == 1, bad
        assert bad["hint"] and len(bad["hint"].splitlines()) == 1, bad


def test_parser_message_with_control_characters_stays_one_printable_line(tmp_path):
    bad = pdfs.parser_error_with_control_char(tmp_path / "stray_byte.pdf", b"\x1c")
    (result,) = _extract([bad])
    reason = result["bad"]["reason"]
    assert len(reason.splitlines()) == 1 and reason.isprintable(), repr(reason)


@pytest.mark.cli
def test_file_name_with_a_newline_stays_one_error_line(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    pdfs.empty(raw / "two\nlines.pdf")
    proc = run_build(raw, tmp_path / "out", tmp_path / "work")
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
