"""A fresh clone of the project, to run it as a publisher would (edit its inputs, run its commands) without
touching this working tree: every file git tracks, as it is on disk now, in a new repository with one commit.
`python -m pipeline` run from the clone imports the clone's own code (the current folder comes first on
sys.path), so its paths (schemas/, vocab/, .cache/) are the clone's."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GIT_ENV = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args: str, cwd: Path) -> str:
    """`git ARGS` in `cwd` (no user or system configuration), its stdout."""
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=120,
                          env={**os.environ, **GIT_ENV}).stdout


def project_clone(dest: Path) -> Path:
    """`dest` holding a fresh clone of the working tree's tracked files (one commit), returned."""
    files = [f for f in git("ls-files", "-z", cwd=REPO).split("\0") if f and (REPO / f).is_file()]
    for f in files:
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / f, dest / f)
    git("init", "-q", "-b", "main", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "clone", cwd=dest)
    return dest


def env() -> dict[str, str]:
    """The environment a publisher has with the project's virtualenv active (its python and dvc first on PATH)."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def run(args: list[str] | str, cwd: Path, timeout: float = 600,
        extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """A command (a list, or a shell line run by bash as printed) in `cwd`, with the virtualenv active."""
    cmd = ["bash", "-c", args] if isinstance(args, str) else args
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env() | (extra_env or {}))


def pipeline(*args: object, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS` in `cwd` (the clone's own code)."""
    return run([sys.executable, "-m", "pipeline", *map(str, args)], cwd, timeout)
