"""Exit codes are a contract: the README's table lists exactly pipeline.errors.Exit, every code is
asserted by some test, and the cheap ones are exercised here through the command line."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import pdfs, project
from helpers.cli import error_lines

from tools.layouts.sweep import render

from pipeline.errors import Exit

REPO = Path(__file__).resolve().parents[1]
ROW = re.compile(r"^\| `(\d+)` \| (.+?) \| (.+?) \|$")


def _table() -> dict[int, tuple[str, str]]:
    rows = [ROW.match(line) for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()]
    return {int(m.group(1)): (m.group(2), m.group(3)) for m in rows if m}


def test_the_readme_table_lists_every_exit_code_once_with_what_ci_should_do():
    table = _table()
    assert sorted(table) == sorted(int(e) for e in Exit)
    assert all(meaning.strip() and todo.strip() for meaning, todo in table.values())
    assert "--skip-bad" in table[Exit.BAD_INPUT][0] and "--skip-bad" in table[Exit.BAD_INPUT][1]
    assert "labels" in table[Exit.OK][0] and "labels" in table[Exit.VALIDATION_FAILED][0]
    # diff exits as diff tools do (tests/publish/test_release.py), a missing source without a recorded removal is 1
    # (tests/test_release_script.py), copies are 3 and a source's discrepancy 5 (below)
    assert all("`diff`" in table[code][0] for code in (Exit.OK, Exit.VALIDATION_FAILED, Exit.USAGE))
    assert "--remove" in table[Exit.VALIDATION_FAILED][0] and "copy of another PDF" in table[Exit.BAD_INPUT][0]
    assert "accepted_discrepancies.yaml" in table[Exit.UNREVIEWED_DISCREPANCY][1]


def test_every_exit_code_is_asserted_by_a_test():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("test_*.py")
                     if p.name != Path(__file__).name)
    for code in Exit:
        pattern = rf"(returncode|\.code|exit_code\(\))\s*==\s*({int(code)}\b|Exit\.{code.name}\b)"
        assert re.search(pattern, text), f"no test asserts exit code {int(code)} ({code.name})"


def _run(*args, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("code,args", [
    (Exit.OK, ["labels", "MV Theft"]),
    (Exit.VALIDATION_FAILED, ["labels", "Moped-enabled crime"]),
    (Exit.USAGE, ["build", "--workers", "0"]),
    (Exit.USAGE, ["labels"]),
])
@pytest.mark.cli
def test_cheap_codes_through_the_command_line(code, args):
    proc = _run(*args)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.cli
def test_a_bad_pdf_exits_3(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    pdfs.empty(raw / "empty.pdf")
    proc = _run("build", "--raw", raw, "--out", tmp_path / "out", "--work", tmp_path / "work")
    assert proc.returncode == Exit.BAD_INPUT and "Traceback" not in proc.stderr, proc.stderr


def _without_first_accepted(path: Path) -> None:
    """schemas/accepted_discrepancies.yaml without its first entry (the plan's printed 2015 Total)."""
    text = path.read_text(encoding="utf-8")
    first = text.index("  - family:")
    path.write_text(text[:first] + text[text.index("  - family:", first + 1):], encoding="utf-8")


@pytest.mark.slow
def test_an_unreviewed_discrepancy_exits_5_with_the_entry_that_pasted_makes_the_build_pass(tmp_path):
    """Rows that each verify under a printed Total that is not their sum: the source's discrepancy, not a reading
    failure (exit 5, not 3), naming the printed and computed values and the row, ending with the entry to paste."""
    clone = project.project_clone(tmp_path / "clone")
    accepted = clone / "schemas" / "accepted_discrepancies.yaml"
    _without_first_accepted(accepted)
    args = ("build", "--raw", "raw", "--out", "out", "--work", "work")
    stopped = project.pipeline(*args, cwd=clone)
    assert stopped.returncode == Exit.UNREVIEWED_DISCREPANCY, stopped.stderr
    (line,) = error_lines(stopped.stderr)
    assert "no reading verified" not in line and "explain" not in line
    assert "row 'Total'" in line and "printed 19285, computed 19287" in line
    assert not (clone / "out").exists()
    entry = line[line.index("schemas/accepted_discrepancies.yaml: ") + len("schemas/accepted_discrepancies.yaml: "):]
    assert entry.startswith("- {family: police_and_crime_plan, table: officer_allocations, row: Total, column: ")
    with open(accepted, "a", encoding="utf-8") as f:  # pasted into the list, indented as the entries above it
        f.write(f"  {entry}\n")
    passed = project.pipeline(*args, cwd=clone)
    assert passed.returncode == Exit.OK, passed.stderr
    errata = json.loads((clone / "out" / "data" / "errata.json").read_text(encoding="utf-8"))
    assert sorted((e["printed"], e["computed"]) for e in errata) == [(1182, 1184), (19285, 19287)]


@pytest.mark.cli
@pytest.mark.build
def test_two_copies_of_a_pdf_are_one_line_naming_both(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    letter = pdfs.RAW / "mayor_letter_MGLA190319-8293.pdf"
    shutil.copy2(letter, raw / letter.name)
    pdfs.copy_manifest(raw, [letter.name])  # the file raw/sources.yaml describes is the one kept
    shutil.copy2(letter, raw / "Mayor letter (copy).pdf")  # the same bytes under another (earlier) name
    reprint = raw / "zz letter reprinted.pdf"  # other bytes, the same document: the same source_id
    reprint.write_bytes(letter.read_bytes() + b"\n% reprinted\n")
    proc = _run("build", "--raw", raw, "--out", tmp_path / "out", "--work", tmp_path / "work")
    assert proc.returncode == Exit.BAD_INPUT, proc.stderr
    lines = error_lines(proc.stderr)
    assert len(lines) == 2 and all(len(line.replace(str(raw), "raw")) < 300 for line in lines), lines
    assert lines[0].startswith(f"error: {raw}/Mayor letter (copy).pdf: the same content as {letter.name}")
    assert lines[1].startswith(f"error: {raw}/zz letter reprinted.pdf: derives the same source_id "
                               f"(mayor-letter-mgla190319-8293) as {letter.name}")
    assert "Frictionless" not in proc.stderr and "primary key" not in proc.stderr


@pytest.mark.cli
@pytest.mark.build
@pytest.mark.needs("dejavu")
def test_every_command_a_message_suggests_runs_as_printed(tmp_path):
    """A table no reader verifies, in a PDF whose name and folder hold spaces: the suggested `explain` runs, as
    printed, from where the build was run."""
    from tests.extract.test_explain import STOPS

    clone = project.project_clone(tmp_path / "clone")
    (clone / "my raw").mkdir()
    render(STOPS, clone / "my raw" / "Local Policing Summary.pdf")
    stopped = project.pipeline("build", "--raw", "my raw", "--out", "out", "--work", "work", cwd=clone)
    assert stopped.returncode == Exit.BAD_INPUT, stopped.stderr
    commands = [m.group(1) for line in error_lines(stopped.stderr) for m in re.finditer(r"`([^`]+)`", line)]
    assert commands == ["python -m pipeline explain 'my raw/Local Policing Summary.pdf'"]
    for command in commands:
        done = project.run(command, clone)
        assert done.returncode == 0 and "borough_performance: no reader verified" in done.stdout, done.stderr
