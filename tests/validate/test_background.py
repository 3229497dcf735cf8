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


@pytest.mark.build
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


def test_an_error_in_the_background_job_is_raised_in_the_caller():
    job = OneJob("json")
    try:
        job.submit(int, "bad suite")  # ValueError: invalid literal for int() ... 'bad suite'
        with pytest.raises(ValueError, match="bad suite"):
            job.result()
    finally:
        job.close()


def test_a_job_is_taken_while_the_module_still_imports(tmp_path, monkeypatch):
    """The build hands its job over (far more than a pipe holds) and goes on while the child still imports."""
    import threading

    flag = tmp_path / "go"
    (tmp_path / "slow_to_import.py").write_text(
        "import pathlib, time\n"
        f"while not pathlib.Path({str(flag)!r}).exists():\n    time.sleep(0.02)\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    job = OneJob("slow_to_import")
    try:
        payload = b"x" * (4 * 1024 * 1024)
        handed = threading.Thread(target=job.submit, args=(len, payload), daemon=True)
        handed.start()
        handed.join(timeout=60)
        assert not handed.is_alive(), "submit waited for the import to end"
        assert job._process.poll() is None  # still importing: the flag is not there yet
        flag.touch()
        assert job.result() == len(payload)
    finally:
        job.close()


def test_the_result_is_read_without_waiting_for_the_child_to_exit(tmp_path, monkeypatch):
    """The child hands over its result and ends at once: nothing waits on its teardown (its atexit handlers,
    the modules it imported), which here would never end."""
    import threading

    (tmp_path / "slow_to_exit.py").write_text(
        "import atexit, time\natexit.register(time.sleep, 3600)\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    job = OneJob("slow_to_exit")
    try:
        job.submit(len, b"abc")
        got: list[int] = []
        reader = threading.Thread(target=lambda: got.append(job.result()), daemon=True)
        reader.start()
        reader.join(timeout=60)
        assert got == [3], "the result waited for the child's exit"
        assert job._process.wait(timeout=60) == 0  # it exited by itself, its atexit handler skipped
    finally:
        job.close()


@pytest.mark.slow
def test_a_child_started_nicer_runs_at_a_lower_priority():
    """Frictionless's process yields the cores to the build and to Great Expectations' import (nice +10)."""
    import os

    here = os.nice(0)
    jobs = {nice: OneJob("json", nice=nice) for nice in (0, 10)}
    try:
        for job in jobs.values():
            job.submit(os.nice, 0)  # the child's own niceness
        assert jobs[0].result() == here
        assert jobs[10].result() == min(here + 10, 19)
    finally:
        for job in jobs.values():
            job.close()
    background = Background()
    try:
        background._frictionless.submit(os.nice, 0)
        assert background._frictionless.result() == min(here + 10, 19)
    finally:
        background.close()


def test_a_truncated_result_is_an_error_not_a_crash():
    import io

    from pipeline.validate.background import _read_sized

    assert _read_sized(io.BytesIO((10).to_bytes(8, "big") + b"short")) is None
    assert _read_sized(io.BytesIO(b"\x00\x00")) is None
    assert _read_sized(io.BytesIO((3).to_bytes(8, "big") + b"abc")) == b"abc"


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
    assert all(p.poll() is not None for p in processes)


@pytest.mark.build
def test_a_script_without_a_main_guard_can_build(tmp_path):
    """The background processes never re-run the caller's script (as multiprocessing's spawn would)."""
    import subprocess
    import sys

    from tests.conftest import RAW

    script = tmp_path / "script.py"
    script.write_text(
        "from pathlib import Path\nfrom pipeline.build import build\nfrom pipeline.settings import Settings\n"
        f"o = build(Path({str(RAW)!r}), Path({str(tmp_path / 'out')!r}), Path({str(tmp_path / 'work')!r}), "
        "Settings(), use_cache=False)\nprint('published', o.published)\n", encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.count("published True") == 1
