"""Publish a finished folder into --out in one swap; a failed build never touches --out."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(out: Path) -> Path:
    """A fresh folder beside --out (same file system, so the swap is a rename)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = out.parent / f".{out.name}.staging-{os.getpid()}"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir()
    return stage


def swap_into(stage: Path, out: Path) -> None:
    """Replace --out by the staged folder: rename the old one aside, rename the new one in, drop the old."""
    out = out.resolve()
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.replace(out, old)
    try:
        os.replace(stage, out)
    except OSError:
        if old.exists():
            os.replace(old, out)
        raise
    if old.exists():
        shutil.rmtree(old)
