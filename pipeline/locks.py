"""One build at a time per work folder and per --out: lock files held with `filelock`."""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import UsageError, shown

WAIT_SECONDS = 10.0  # how long a second build waits for the first before it gives up (exit 2)


def private_lock_folder() -> Path:
    """This user's lock folder in the temporary folder (`london-policing-pipeline-locks-UID`, mode 0700), made if
    missing; UsageError when the one there is not a folder only this user can write (someone else made it)."""
    folder = Path(tempfile.gettempdir()) / f"london-policing-pipeline-locks-{os.getuid()}"
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as e:
        raise UsageError(f"{shown(folder)}: cannot make the lock folder ({e.strerror}); set TMPDIR to a folder "
                         "you can write to") from None
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise UsageError(f"{shown(folder)}: the lock folder is not a folder only you can write (owner uid "
                         f"{st.st_uid}, mode {stat.S_IMODE(st.st_mode):o}); remove it, or set TMPDIR to a folder "
                         "of your own")
    return folder


def out_lock_path(out: Path) -> Path:
    """The lock file of an --out folder, the same for every work folder of this user; kept in the user's private
    lock folder (by a hash of --out's real path), so that nothing is left beside --out and no one else can hold
    it or make it unusable."""
    key = hashlib.sha256(os.fsencode(out.resolve())).hexdigest()[:32]
    return private_lock_folder() / f"out-{key}.lock"


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
