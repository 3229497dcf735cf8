"""Every case of the shared corpus gives its expected rows and exit status (scored by its own grader; the builds
are kept for tests/publish/test_cells.py)."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS

CASES = sorted(p.parent.name for p in CORPUS.glob("*/case.json")) if CORPUS.exists() else []


@pytest.mark.cli
@pytest.mark.build
@pytest.mark.parametrize("case", CASES)
def test_corpus_case(graded, case):
    result = graded(case)
    problems = {name: (t["missed"], t["extra"]) for name, t in result["tables"].items()
                if t["recall"] < 1 or t["precision"] < 1}
    assert result["exit_ok"], f"exit {result['rc']}: {result['console_tail']}"
    assert result["checks_ok"], result["checks"]
    assert not problems, problems
    assert result["figures"] is None or result["figures"]["recall"] == 1, result["figures"]
    assert result["fully_right"]
