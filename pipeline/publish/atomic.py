"""Publish a finished folder into --out in one swap; a failed or killed build never loses --out.

Every package this tool publishes holds a marker file (MARKER). The swap beside --out is:
stage (`.NAME.staging-PID`, marker first) -> rename --out to `.NAME.old-PID` -> rename the stage to
--out -> delete the old one (marker last). A run killed between the two renames leaves no --out;
`recover()`, which every publish runs first, renames the old package back. It also deletes the
leftovers of killed runs, but only folders with this tool's names that hold its marker.
"""
from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

from pipeline.errors import shown

MARKER = ".london-policing-pipeline"
MARKER_TEXT = "A data package published by london-policing-pipeline; a build may replace this folder.\n"


LISTING = "\nIts files (a build refuses to replace this folder while it holds any other):\n"
EARLIER = frozenset({MARKER, "CHANGELOG.md", "README.md", "datapackage.json", "index.html", "data", "pages", "reports"})


def is_ours(folder: Path) -> bool:
    """True when `folder` is a real folder holding this tool's marker file."""
    return folder.is_dir() and not folder.is_symlink() and (folder / MARKER).is_file()


def _files(folder: Path) -> list[str]:
    """Every file under `folder` (POSIX paths relative to it), sorted; links are not followed."""
    out = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        out += [(here / name).relative_to(folder).as_posix() for name in files + [d for d in dirs
                                                                                 if (here / d).is_symlink()]]
    return sorted(out)


def mark_files(stage: Path) -> None:
    """Rewrite the marker of a filled stage with the list of the package's files (itself included)."""
    names = sorted(set(_files(stage)) | {MARKER})
    tmp = stage / f"{MARKER}.tmp"
    tmp.write_text(MARKER_TEXT + LISTING + "".join(f"{n}\n" for n in names), encoding="utf-8", newline="\n")
    os.replace(tmp, stage / MARKER)


def _listed(folder: Path) -> set[str] | None:
    """The files the marker of a package of ours lists (None for a package from before markers listed them)."""
    text = (folder / MARKER).read_text(encoding="utf-8", errors="replace")
    return set(text.split(LISTING, 1)[1].splitlines()) if LISTING in text else None


def unlisted(folder: Path) -> list[str]:
    """What a package of ours holds that its marker does not list (a user's files, a .git folder), sorted;
    for a package published before markers listed files, what is not one of the names it could hold."""
    listed = _listed(folder)
    if listed is None:
        return sorted(p.name for p in folder.iterdir() if p.name not in EARLIER)
    parents = {parent.as_posix() for name in listed for parent in Path(name).parents}
    out = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        for d in list(dirs):
            rel = (here / d).relative_to(folder).as_posix()
            if rel not in parents or (here / d).is_symlink():
                out.append(rel + "/")
                dirs.remove(d)
        out += [rel for rel in ((here / f).relative_to(folder).as_posix() for f in files) if rel not in listed]
    return sorted(out)


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
            failed = _try_remove(p)
            notes.append(f"removed {p.name}, left beside {out} by a stopped build" if failed is None else failed)
        elif p.is_dir() and not p.is_symlink() and not any(p.iterdir()):
            os.rmdir(p)  # stopped before its marker was written or after it was deleted: empty
    return notes


def _try_remove(folder: Path) -> str | None:
    """Delete a folder of ours; None when done, else a warning line saying what is left and what to do."""
    try:
        remove_package(folder)
    except OSError as e:
        return (f"warning: {shown(folder)} (an earlier package, no longer published) could not be deleted "
                f"({e.strerror or e}); delete it by hand: rm -rf {shlex.quote(str(folder))}")
    return None


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


def swap_into(stage: Path, out: Path) -> list[str]:
    """Replace --out by the staged folder: rename the old one aside, rename the new one in, drop the old.
    The new package is published once renamed in: an old one that cannot be deleted is a warning line (returned),
    not a failure; later builds try again to delete it (recover)."""
    out = out.resolve()
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    k = 0
    while os.path.lexists(old):  # an earlier package that could not be deleted, by a process of the same id
        k += 1
        old = out.parent / f".{out.name}.old-{os.getpid()}{k:03d}"
    if os.path.lexists(out):
        os.rename(out, old)
    try:
        os.rename(stage, out)
    except OSError:
        if os.path.lexists(old) and not os.path.lexists(out):
            os.rename(old, out)
        raise
    if is_ours(old):
        failed = _try_remove(old)
        return [failed] if failed else []
    if old.is_dir() and not old.is_symlink() and not any(old.iterdir()):
        os.rmdir(old)  # --out was an empty folder
    return []


def publish_folder(out: Path, fill: Callable[[Path], None]) -> list[str]:
    """recover(), then fill a stage and swap it into `out`; returns recover()'s and the swap's notes."""
    notes = recover(out)
    stage = staging_dir(out)
    try:
        fill(stage)
        mark_files(stage)
        notes += swap_into(stage, out)
    finally:
        if is_ours(stage):
            failed = _try_remove(stage)
            if failed:
                notes.append(failed)
    return notes
