"""Run `python -m pipeline build` in a subprocess, as a user would, and read its stderr."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_build(raw: Path, out: Path, work: Path, *extra: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """`python -m pipeline build --raw RAW --out OUT --work WORK --no-cache EXTRA...` from the repository root."""
    cmd = [sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out), "--work", str(work),
           "--no-cache", *map(str, extra)]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)


def error_lines(stderr: str) -> list[str]:
    """The `error: ...` lines of stderr."""
    return [line for line in stderr.splitlines() if line.startswith("error:")]
