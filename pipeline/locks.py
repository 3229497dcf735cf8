"""One build at a time per work folder and per --out: lock files held with `filelock`."""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import UsageError, shown

WAIT_SECONDS = 10.0  # how long a second build waits for the first before it gives up (exit 2)


def out_lock_path(out: Path) -> Path:
    """The lock file of an --out folder, the same for every work folder; kept in the temporary folder (by a
    hash of --out's real path), so that nothing is left beside --out."""
    key = hashlib.sha256(os.fsencode(out.resolve())).hexdigest()[:32]
    return Path(tempfile.gettempdir()) / "london-policing-pipeline-locks" / f"out-{key}.lock"


def work_lock_path(work: Path) -> Path:
    """The lock file of a work folder: inside it."""
    return work / ".build.lock"


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


@contextmanager
def held(path: Path, what: str, wait: float | None = None) -> Iterator[None]:
    """Hold the lock at `path` for the block; after `wait` seconds a UsageError names the holder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=WAIT_SECONDS if wait is None else wait)
    except Timeout:
        raise UsageError(f"{shown(what)} is in use by {_holder(path)} (lock {shown(path)}); "
                         f"wait for it to finish or give another folder") from None
    try:
        with open(path, "r+", encoding="ascii") as f:  # the holder's id, for the message above
            f.write(f"{os.getpid()}\n")
            f.truncate()
        yield
    finally:
        lock.release()
