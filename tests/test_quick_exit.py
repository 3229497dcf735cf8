"""pipeline/quick_exit.py and `python -m pipeline`: the process ends as a normal exit would, for anyone watching."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.quick_exit import exit_code

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_atexit_handlers_run_and_buffered_output_is_flushed():
    r = _run("import atexit, sys\n"
             "atexit.register(lambda: print('handler ran'))\n"
             "from pipeline.quick_exit import quick_exit\n"
             "sys.stdout.write('buffered ')\n"
             "sys.stderr.write('to stderr')\n"
             "quick_exit(3)\n")
    assert r.returncode == 3
    assert r.stdout == "buffered handler ran\n"
    assert r.stderr == "to stderr"


def test_a_thread_that_is_not_a_daemon_is_waited_for(tmp_path):
    done = tmp_path / "done"
    r = _run("import pathlib, threading, time\n"
             "from pipeline.quick_exit import quick_exit\n"
             f"t = threading.Thread(target=lambda: (time.sleep(0.5), pathlib.Path({str(done)!r}).touch()))\n"
             "t.start()\n"
             "quick_exit(0)\n")
    assert r.returncode == 0
    assert done.exists()


def test_exit_codes_map_as_the_interpreter_maps_them(capsys):
    assert exit_code(None) == 0
    assert exit_code(2) == 2
    assert exit_code("stopped: a message") == 1
    assert capsys.readouterr().err == "stopped: a message\n"


@pytest.mark.cli
def test_the_command_keeps_its_exit_code_and_one_line_error(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(tmp_path / "missing"), "--out",
                        str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1
    assert "missing" in r.stderr
    assert not (tmp_path / "out").exists()


def test_the_command_prints_its_version():
    r = subprocess.run([sys.executable, "-m", "pipeline", "--version"], cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0
    assert "version" in r.stdout
