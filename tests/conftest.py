"""Shared fixtures: paths to the real PDFs and a helper that runs the command line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
CORPUS = REPO.parent / "shared" / "corpus"


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS` from the repository root, capturing text output."""
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus of PDF cases (skips when the repository is used without ../shared)."""
    if not (CORPUS / "grade.py").exists():
        pytest.skip("../shared/corpus is not present")
    return CORPUS

# tests/helpers/ (PDF-making helpers) is imported as `helpers`, whatever pytest's import mode
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

# the needs, build, cli and sweep marks: outside programs checked before a test's fixtures; the slow tier
from helpers.tools import pytest_collection_modifyitems, pytest_runtest_setup  # noqa: E402, F401


# Property tests: no per-example deadline (a loaded 2-core CI machine is slow, not wrong), and the
# same examples on every run so that CI results are reproducible.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("project", deadline=None, derandomize=True)
_hypothesis_settings.load_profile("project")
