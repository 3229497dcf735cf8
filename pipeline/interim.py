"""Interim folders (build/extracted, build/normalised, build/validated): replaced only when this tool made them."""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.errors import UsageError, shown

MARKER = ".london-policing-interim"
STAGE_FOLDERS = ("sources", "extracted", "normalised", "validated", "release")


def _related(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def check_work(work: Path, raw: Path | None = None) -> None:
    """Raise UsageError unless `work` may hold this tool's interim folders (checked before anything is read)."""
    target = work.resolve()
    if raw is not None and _related(target, raw.resolve()):
        raise UsageError(f"--work {shown(work)}: is, holds or lies inside --raw {shown(raw)}; give a folder apart "
                         "from it")
    for name, folder in (("the current folder", Path.cwd()), ("the home folder", Path.home()),
                         ("the root folder", Path("/"))):
        if folder.resolve().is_relative_to(target):
            raise UsageError(f"--work {shown(work)}: is or holds {name}; give a new folder, e.g. ./build")
    if work.exists() and not work.is_dir():
        raise UsageError(f"--work {shown(work)}: is a file, not a folder; move the file or give another path")
    for name in STAGE_FOLDERS:
        check_ours(work / name)


def check_ours(folder: Path) -> None:
    """Raise UsageError when `folder` exists and is not an empty folder or one this tool made."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(f"{shown(folder)}: is not a folder this tool made; move it or give another --work")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
        raise UsageError(f"{shown(folder)}: holds files this tool did not write (no {MARKER} marker); give another "
                         "--work, or delete the folder if an older version of this tool made it")


def fresh_folder(folder: Path) -> Path:
    """An empty `folder` holding only the interim marker; an existing one is emptied only when it is ours.

    The marker is written first and kept while the rest is deleted, so that a build stopped at any point leaves
    a folder that is empty or marked: recognisably this tool's, never refused by the next build."""
    check_ours(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / MARKER).is_file():  # a new or empty folder: marked before anything is written into it
        (folder / MARKER).write_text("interim files of london-policing-pipeline; safe to delete\n", encoding="utf-8")
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    return folder
