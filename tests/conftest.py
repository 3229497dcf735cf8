"""Shared fixtures: paths to the real PDFs, a helper that runs the command line, the corpus graded once a run."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from filelock import FileLock

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
CORPUS = REPO.parent / "shared" / "corpus"


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS` from the repository root, capturing text output."""
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


def distinct(paths: Iterable[Path]) -> list[Path]:
    """The paths, a file byte-identical to an earlier one left out (the corpus repeats some PDFs in seed_set/)."""
    seen: set[str] = set()
    out = []
    for path in paths:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            out.append(path)
    return out


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """This run's temporary folder, which its pytest-xdist workers share (each worker's own is inside it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus of PDF cases (skips when the repository is used without ../shared)."""
    if not (CORPUS / "grade.py").exists():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def graded(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict]:
    """The corpus grader's result for a case, its build kept (`result["tmp"]`/out): each case is graded once a run,
    by whichever test or worker asks first, one at a time (the grader's builds share the default --work)."""
    spec = importlib.util.spec_from_file_location("corpus_grade", corpus / "grade.py")
    grader = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(grader)
    shared = run_folder(tmp_path_factory) / "corpus"
    shared.mkdir(exist_ok=True)

    def grade(case: str) -> dict:
        done = shared / f"{case}.json"
        with FileLock(str(shared / "grading.lock")):
            if not done.is_file():
                result = grader.grade_case(corpus / case, REPO, sys.executable, timeout=300, keep=True)
                shutil.move(result["tmp"], shared / case)
                done.write_text(json.dumps({**result, "tmp": str(shared / case)}), encoding="utf-8")
        return json.loads(done.read_text(encoding="utf-8"))

    return grade

# tests/helpers/ (PDF-making helpers) is imported as `helpers`, whatever pytest's import mode
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

# the marks: outside programs checked before a test's fixtures (tools); the slow tier and the modules' order (tiers)
from helpers.tiers import pytest_collection_modifyitems  # noqa: E402, F401
from helpers.tools import pytest_runtest_setup  # noqa: E402, F401


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: a worker per core, at most 4 (each imports the pipeline and runs builds of two processes)."""
    return max(1, min(os.cpu_count() or 1, 4))


# Property tests: no per-example deadline (a loaded 2-core CI machine is slow, not wrong), and the
# same examples on every run so that CI results are reproducible.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("project", deadline=None, derandomize=True)
_hypothesis_settings.load_profile("project")
