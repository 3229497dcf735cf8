"""Every case of the shared corpus gives its expected rows and exit status (scored by its own grader)."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import CORPUS, REPO

CASES = sorted(p.parent.name for p in CORPUS.glob("*/case.json")) if CORPUS.exists() else []


@pytest.fixture(scope="module")
def grader(corpus):
    spec = importlib.util.spec_from_file_location("corpus_grade", corpus / "grade.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.cli
@pytest.mark.build
@pytest.mark.parametrize("case", CASES)
def test_corpus_case(grader, corpus, case):
    result = grader.grade_case(corpus / case, REPO, sys.executable, timeout=300, keep=False)
    problems = {name: (t["missed"], t["extra"]) for name, t in result["tables"].items()
                if t["recall"] < 1 or t["precision"] < 1}
    assert result["exit_ok"], f"exit {result['rc']}: {result['console_tail']}"
    assert result["checks_ok"], result["checks"]
    assert not problems, problems
    assert result["figures"] is None or result["figures"]["recall"] == 1, result["figures"]
    assert result["fully_right"]
