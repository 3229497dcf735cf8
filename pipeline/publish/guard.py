"""--out belongs to this tool or it is refused: checks made before a build reads or writes anything."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.errors import UsageError, shown
from pipeline.publish.atomic import is_ours, unlisted


def _related(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def _refuse(out: Path, why: str, todo: str) -> UsageError:
    return UsageError(f"--out {shown(out)}: {why}; {todo}")


def _writable(folder: Path) -> str | None:
    """None when a file can be created in `folder` (tried, not guessed), else the reason."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        return e.strerror or str(e)
    return None


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def check_out(out: Path, raw: Path | None = None, work: Path | None = None) -> None:
    """Raise UsageError unless a build may replace `out` and can write beside it."""
    if str(out).strip() == "":
        raise UsageError("--out is empty; give the folder to publish the package into")
    target = out.resolve()
    for name, folder in (("--raw", raw), ("--work", work)):
        if folder is not None and _related(target, folder.resolve()):
            raise _refuse(out, f"is, holds or lies inside {name} {shown(folder)}", "give a folder apart from it")
    for name, folder in (("the current folder", Path.cwd()), ("the home folder", Path.home()),
                         ("the root folder", Path("/"))):
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise _refuse(out, f"is or holds {name}", "give a new folder, e.g. ./output")
    if out.is_symlink():
        raise _refuse(out, "is a symbolic link", "give the folder it points to, or a new folder")
    if out.exists() and not out.is_dir():
        raise _refuse(out, "is a file, not a folder", "move the file or give another path")
    if out.is_dir() and any(out.iterdir()) and not is_ours(out):
        raise _refuse(out, "is a folder of other files (no package published by this tool)",
                      "give a new or empty folder; nothing in it was changed")
    extra = unlisted(out) if is_ours(out) else []
    if extra:
        raise _refuse(out, f"holds {len(extra)} file(s) that the package published there does not list (e.g. "
                           f"{shown(extra[0])}); a build would delete them", "move them out of it or give another "
                      "folder; nothing in it was changed")
    parent = _nearest_existing(target.parent)
    if not parent.is_dir():
        raise _refuse(out, f"{shown(parent)} is not a folder", "give a path inside a folder")
    reason = _writable(parent)  # tried; --out itself only asked, so that a refused build leaves it untouched
    if reason is None and out.is_dir() and not os.access(out, os.W_OK | os.X_OK):
        parent, reason = out, "permission denied"
    if reason:
        raise _refuse(out, f"cannot write in {shown(parent)} ({reason})", "give a folder you can write to")


def check_raw(raw: Path) -> None:
    """Raise UsageError unless `raw` is a folder."""
    if not raw.exists():
        raise UsageError(f"--raw {shown(raw)}: no such folder; give the folder of source PDFs")
    if not raw.is_dir():
        raise UsageError(f"--raw {shown(raw)}: is not a folder; give the folder of source PDFs")
