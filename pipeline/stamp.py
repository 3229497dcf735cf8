"""Build stamps: a rebuild with nothing changed reports the last build instead of running it again.

A stamp hashes everything a published package depends on: every PDF in raw/ and its
sources.yaml (names and sha256; a file that is not a regular file of bounded size gives
no stamp), the pipeline's code and data files (the package, families/, vocab/, schemas/),
the settings in force, the build's options, and the versions of Python
and of the libraries that read and check the data. It is kept in the work folder
with a digest of the package it published; a build is skipped only when both the
stamp and the package on disk are unchanged, so a deleted or edited package is
rebuilt. Only builds that published are stamped: failures always run again.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from pipeline.extract.open_pdf import sha256_file
from pipeline.extract.manifest import MANIFEST
from pipeline.paths import FAMILIES_DIR, PACKAGE, SCHEMAS_DIR, VOCAB_DIR
from pipeline.safe_files import UnsafeFile, sha256_bounded
from pipeline.safe_yaml import MAX_BYTES as MANIFEST_BYTES
from pipeline.settings import Settings

STAMP_FILE = "build_stamp.json"
CODE_DIRS = (PACKAGE, FAMILIES_DIR, VOCAB_DIR, SCHEMAS_DIR)  # in a wheel the data lie inside the package
LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "camelot-py", "great-expectations", "frictionless",
             "rapidfuzz", "pyyaml", "pandas", "numpy")


def _tree_digest(folder: Path, h: hashlib._Hash, skip_caches: bool = True) -> None:  # noqa: SLF001
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not (skip_caches and "__pycache__" in p.parts):
            h.update(str(p.relative_to(folder)).encode() + b"\0")
            h.update(sha256_file(p).encode())


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def build_stamp(raw: Path, settings: Settings, options: dict) -> str | None:
    """Hash of the inputs, code, data files, settings, options and library versions of a build.

    None when a file cannot be read: such a build is neither skipped nor stamped.
    """
    try:
        return _stamp(raw, settings, options)
    except (OSError, UnsafeFile):
        return None


def _stamp(raw: Path, settings: Settings, options: dict) -> str:
    h = hashlib.sha256()
    h.update(json.dumps({"settings": asdict(settings), "options": options, "python": platform.python_version(),
                         "libraries": {n: _version(n) for n in LIBRARIES}}, sort_keys=True, default=str).encode())
    for d in CODE_DIRS:
        _tree_digest(d, h)
    h.update(b"raw\0")
    for p in sorted(raw.iterdir()) if raw.is_dir() else []:  # the build's inputs: its PDFs and the manifest,
        if p.suffix.lower() == ".pdf" and not p.is_dir() or p.name == MANIFEST:  # each bounded before it is read
            limit = settings.extract.max_bytes if p.name != MANIFEST else MANIFEST_BYTES
            h.update(os.fsencode(p.name) + b"\0" + sha256_bounded(p, limit).encode())
    return h.hexdigest()


def package_digest(out: Path) -> str:
    """Hash of every file of a published package ("" when there is none)."""
    if not out.is_dir():
        return ""
    h = hashlib.sha256()
    _tree_digest(out, h, skip_caches=False)
    return h.hexdigest()


def last_build(work: Path, stamp: str, out: Path) -> dict | None:
    """The recorded outcome of the last build if it had this stamp and its package is untouched."""
    try:
        rec = json.loads((work / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if rec.get("stamp") != stamp or rec.get("package") != package_digest(out):
        return None
    return rec


def record_build(work: Path, stamp: str, out: Path, outcome: dict) -> None:
    """Remember a build that published: its stamp, its package's digest and its outcome."""
    work.mkdir(parents=True, exist_ok=True)
    tmp = work / f".{STAMP_FILE}.tmp"
    tmp.write_text(json.dumps({"stamp": stamp, "package": package_digest(out), **outcome}, sort_keys=True),
                   encoding="utf-8")
    tmp.replace(work / STAMP_FILE)
