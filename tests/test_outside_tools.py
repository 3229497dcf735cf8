"""The rule for outside programs (tests/helpers/tools.py): a test whose tool is missing from PATH is skipped with a
reason naming the tool and how to install it; under CI=true the same test fails; the tiers follow the marks."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import tools

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SAMPLE = '''
import pytest
from helpers.tools import require


@pytest.fixture
def distilled():
    return require("gs")


@pytest.mark.needs("gs")
def test_marked(distilled):
    assert distilled


def test_from_a_fixture_alone(distilled):
    assert distilled


def test_without_tools():
    pass
'''


def _fake_program(folder: Path, name: str) -> Path:
    """An executable called `name` in `folder` (found by PATH look-ups; never run)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_a_tool_hidden_from_path_skips_naming_it_and_its_package(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    reason = r"Ghostscript \(gs\) is not installed: apt-get install ghostscript"
    with pytest.raises(pytest.skip.Exception, match=reason):
        tools.require("gs")


def test_under_ci_a_tool_hidden_from_path_fails_the_test(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI=true and Ghostscript \(gs\) is not installed: apt-get"):
        tools.require("gs")


def test_every_missing_tool_is_named_and_a_present_one_is_found(tmp_path, monkeypatch):
    gs = _fake_program(tmp_path / "bin", "gs")
    monkeypatch.setenv("PATH", str(gs.parent))
    monkeypatch.setenv("CI", "false")
    assert tools.require("gs") == str(gs)
    with pytest.raises(pytest.skip.Exception) as caught:
        tools.require("gs", "chromium", "groff")
    assert "Ghostscript" not in str(caught.value)
    assert "apt-get install chromium" in str(caught.value) and "apt-get install groff" in str(caught.value)


def test_every_tool_names_its_debian_package():
    for name, tool in tools.TOOLS.items():
        assert tool.programs or tool.files, name
        assert re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", tool.package), name
    for engine, needed in tools.ENGINES.items():
        assert set(needed) <= set(tools.TOOLS), engine


def _pytest(folder: Path, path: str, ci: str | None, *args: str) -> subprocess.CompletedProcess:
    """pytest over the sample tests with PATH = `path` only, the project's tool plugin and marks."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PATH=path, PYTHONPATH=str(TESTS))
    if ci is not None:
        env["CI"] = ci
    cmd = [sys.executable, "-m", "pytest", "-c", str(REPO / "pyproject.toml"), "--rootdir", str(folder),
           "-p", "helpers.tools", "-p", "helpers.tiers", "-n0", "-rs", "-q", *args, str(folder / "test_sample.py")]
    return subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def sample(tmp_path) -> Path:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    return tmp_path / "tests"


@pytest.mark.slow
def test_a_run_without_the_tool_passes_with_skips_naming_it(sample, tmp_path):
    done = _pytest(sample, str(tmp_path / "empty"), None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 2 skipped" in done.stdout, done.stdout
    skips = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skips) == 2 and all("Ghostscript (gs) is not installed: apt-get install ghostscript" in line
                                   for line in skips), done.stdout


@pytest.mark.slow
def test_a_ci_run_without_the_tool_fails(sample, tmp_path):
    done = _pytest(sample, str(tmp_path / "empty"), "true")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 passed, 2 errors" in done.stdout, done.stdout  # failed at setup, before the test body
    assert "CI=true and Ghostscript (gs) is not installed" in done.stdout


@pytest.mark.slow
def test_a_ci_run_with_the_tool_skips_nothing_and_the_fast_tier_leaves_out_the_marked_test(sample, tmp_path):
    path = str(_fake_program(tmp_path / "bin", "gs").parent)
    done = _pytest(sample, path, "true")
    assert done.returncode == 0 and "3 passed" in done.stdout and "skipped" not in done.stdout, done.stdout
    fast = _pytest(sample, path, "true", "-m", "not slow")
    assert fast.returncode == 0 and "2 passed, 1 deselected" in fast.stdout, fast.stdout


def test_no_test_looks_for_an_outside_program_by_itself():
    """Tests find programs and fonts through helpers/tools.py only (so the skip reasons and CI rule hold)."""
    own = re.compile(r"shutil\.which\(|skip(if)?\(.*(not installed|chromium|soffice|libreoffice|ghostscript|\bgs\b|"
                     r"latex|groff|fonts)", re.IGNORECASE)
    mine = {TESTS / "helpers" / "tools.py", Path(__file__).resolve()}
    offenders = [f"{p.relative_to(REPO)}:{n}" for p in sorted(TESTS.rglob("*.py")) if p not in mine
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if own.search(line)]
    assert offenders == []


def test_ci_installs_every_tool_a_test_needs():
    """.ci/run's PACKAGES holds the Debian package of every tool a test names (needs marks, require calls, the
    sweep's engines), so that CI, where a missing tool fails, has them all."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    packages = set(re.search(r'^PACKAGES="([^"]*)"', script, re.MULTILINE).group(1).split())
    named = {tool for tools_ in tools.ENGINES.values() for tool in tools_}
    for path in TESTS.rglob("*.py"):
        if path != Path(__file__).resolve():
            for call in re.finditer(r"\b(?:needs|require)\(([^)]*)\)", path.read_text(encoding="utf-8")):
                named |= set(re.findall(r"""["']([a-z0-9_]+)["']""", call.group(1)))
    assert named <= set(tools.TOOLS), named - set(tools.TOOLS)
    assert {tools.TOOLS[t].package for t in named} <= packages, named
