"""raw/sources.yaml: optional metadata per PDF (source_id, title, publisher, date, URL, licence, period)."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.extract.manifest_check import check_manifest

MANIFEST = "sources.yaml"


def load_manifest(raw_dir: Path, notes: list[str] | None = None) -> dict[str, dict]:
    """Entries of raw/sources.yaml by file name ({} when there is none), checked against its schema.

    An invalid file raises pipeline.errors.UsageError (one line: file, entry, key, line); `notes` gets a
    line for each entry whose file is not in raw_dir.
    """
    path = raw_dir / MANIFEST
    if not path.exists():
        return {}
    return {str(e["file"]): dict(e) for e in check_manifest(path, raw_dir, notes)}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "source"


def assign_source_ids(files: list[str], manifest: dict[str, dict], sha: dict[str, str]) -> dict[str, str]:
    """A stable source_id per file: the manifest's, else a slug of the file name (+ hash prefix on a clash)."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(files):
        sid = str(manifest.get(name, {}).get("source_id") or slug(Path(name).stem))
        if sid in taken:
            sid = f"{sid}-{sha[name][:8]}"
        taken.add(sid)
        ids[name] = sid
    return ids
