"""Validation in background processes (pipeline/validate/background.py): same results, errors
raised in the build, nothing left running."""
from __future__ import annotations

import copy
import time

import pytest

from pipeline.jsonio import read_json, write_json
from pipeline.settings import Settings
from pipeline.validate.background import Background, OneJob
from pipeline.validate.stage import run_validate
from tests.validate.test_gate import normalised  # noqa: F401 - the module-scoped fixture


def _tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_background_validation_gives_the_same_checks_package_and_reports(normalised, tmp_path):  # noqa: F811
    data = copy.deepcopy(normalised)
    data["tables"]["officer_allocations"][0]["officers"] = 99999  # out of range: a failure to carry over
    write_json(tmp_path / "tables.json", data)
    here = run_validate(tmp_path / "tables.json", tmp_path / "here", Settings())
    with Background() as background:
        there = run_validate(tmp_path / "tables.json", tmp_path / "there", Settings(), background=background)
    assert there.checks == here.checks
    assert any(c["check"] == "expectation" and not c["success"] for c in there.checks)
    assert any(c["check"] == "frictionless" for c in there.checks)
    assert _tree(tmp_path / "there") == _tree(tmp_path / "here")
    assert read_json(tmp_path / "there" / "reports" / "validation.json")["passed"] is False


def _fails(message: str) -> None:
    raise ValueError(message)


def test_an_error_in_the_background_job_is_raised_in_the_caller():
    job = OneJob("json")
    try:
        job.submit(_fails, "bad suite")
        with pytest.raises(ValueError, match="bad suite"):
            job.result()
    finally:
        job.close()


def test_a_process_that_dies_gives_a_clear_error():
    job = OneJob("json")
    try:
        job.submit(time.sleep, 30)
        job._process.terminate()  # as if it were killed (out of memory, a signal)
        with pytest.raises(RuntimeError, match="background json process ended without a result"):
            job.result()
    finally:
        job.close()


def test_closing_stops_the_processes_at_once_even_mid_import():
    start = time.perf_counter()
    background = Background()
    processes = [background._suites._process, background._frictionless._process]
    background.close()
    assert time.perf_counter() - start < 3  # importing Great Expectations alone takes longer
    assert not any(p.is_alive() for p in processes)
