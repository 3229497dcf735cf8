"""Exit codes are a contract: the README's table lists exactly pipeline.errors.Exit, every code is
asserted by some test, and the cheap ones are exercised here through the command line."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import pdfs

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
