"""Publish a finished folder into --out in one swap; a failed or killed build never loses --out.

Every package this tool publishes holds a marker file (MARKER). The swap beside --out is:
stage (`.NAME.staging-PID`, marker first) -> rename --out to `.NAME.old-PID` -> rename the stage to
--out -> delete the old one (marker last). A run killed between the two renames leaves no --out;
`recover()`, which every publish runs first, renames the old package back. It also deletes the
leftovers of killed runs, but only folders with this tool's names that hold its marker.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

MARKER = ".london-policing-pipeline"
MARKER_TEXT = "A data package published by london-policing-pipeline; a build may replace this folder.\n"


def is_ours(folder: Path) -> bool:
    """True when `folder` is a real folder holding this tool's marker file."""
    return folder.is_dir() and not folder.is_symlink() and (folder / MARKER).is_file()


def _leftovers(out: Path, kind: str) -> list[Path]:
    prefix = f".{out.name}.{kind}-"
    return sorted(p for p in out.parent.iterdir() if p.name.startswith(prefix) and p.name[len(prefix):].isdigit())


def remove_package(folder: Path) -> None:
    """Delete a folder of ours, its marker last, so that a kill midway leaves it recognisable."""
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            os.unlink(child)
    if (folder / MARKER).exists():
        os.unlink(folder / MARKER)
    os.rmdir(folder)


def recover(out: Path) -> list[str]:
    """Undo what killed runs left beside `out`: restore a package renamed aside, delete our leftovers."""
    out = out.resolve()
    if not out.parent.is_dir():
        return []
    notes = []
    olds = [p for p in _leftovers(out, "old") if is_ours(p)]
    if olds and not os.path.lexists(out):
        previous = max(olds, key=lambda p: (p / MARKER).stat().st_mtime_ns)
        os.rename(previous, out)
        olds.remove(previous)
        notes.append(f"restored the previous package at {out} (a build was stopped while replacing it)")
    for p in [p for p in _leftovers(out, "old") if p.exists()] + _leftovers(out, "staging"):
        if is_ours(p):
            remove_package(p)
            notes.append(f"removed {p.name}, left beside {out} by a stopped build")
        elif p.is_dir() and not p.is_symlink() and not any(p.iterdir()):
            os.rmdir(p)  # stopped before its marker was written or after it was deleted: empty
    return notes


def staging_dir(out: Path) -> Path:
    """A fresh folder beside --out (same file system, so the swap is a rename), marked as ours first."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = out.parent / f".{out.name}.staging-{os.getpid()}"
    if is_ours(stage):
        remove_package(stage)
    os.mkdir(stage)
    (stage / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")
    return stage


def swap_into(stage: Path, out: Path) -> None:
    """Replace --out by the staged folder: rename the old one aside, rename the new one in, drop the old."""
    out = out.resolve()
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if os.path.lexists(out):
        os.rename(out, old)
    try:
        os.rename(stage, out)
    except OSError:
        if os.path.lexists(old) and not os.path.lexists(out):
            os.rename(old, out)
        raise
    if is_ours(old):
        remove_package(old)
    elif old.is_dir() and not old.is_symlink() and not any(old.iterdir()):
        os.rmdir(old)  # --out was an empty folder


def publish_folder(out: Path, fill: Callable[[Path], None]) -> list[str]:
    """recover(), then fill a stage and swap it into `out`; returns recover()'s notes."""
    notes = recover(out)
    stage = staging_dir(out)
    try:
        fill(stage)
        swap_into(stage, out)
    finally:
        if is_ours(stage):
            remove_package(stage)
    return notes
