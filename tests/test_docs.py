"""Docs that cannot drift: the README's commands, CI, every CLI command documented, vocab/specs load safely."""
from __future__ import annotations

import re

from click.testing import CliRunner

from pipeline.cli import main
from tests.conftest import REPO


def _readme_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", (REPO / "README.md").read_text(), re.S)
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_the_build_and_test_commands():
    assert (REPO / "README.md").read_text().startswith("```sh\n")
    build, test = _readme_commands()[:2]
    assert build.startswith("python3 -m venv .venv") and build.endswith("-m pipeline build --raw raw --out output")
    assert test.startswith("python3 -m venv .venv") and test.endswith("-m pytest")


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    assert _readme_commands()[1] in ci


def test_every_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text()
    for name in main.commands:
        assert re.search(rf"python -m pipeline [^\n]*\b{name}\b", readme), name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and result.output.strip()


def test_dvc_stages_run_each_stage_command():
    dvc = (REPO / "dvc.yaml").read_text()
    for stage in ("extract", "normalise", "validate", "publish"):
        assert f"python -m pipeline {stage} " in dvc


def test_every_test_mark_is_documented_for_developers():
    import tomllib

    markers = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["markers"]
    names = [re.match(r"\w+", m).group(0) for m in markers]
    guide = (REPO / "docs" / "DEVELOPING.md").read_text()
    assert {"slow", "build", "cli", "sweep", "needs"} <= set(names)
    assert [n for n in names if f"@pytest.mark.{n}" not in guide] == []
