"""raw/sources.yaml: optional metadata per PDF (source_id, title, publisher, date, URL, licence, period)."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

MANIFEST = "sources.yaml"


def load_manifest(raw_dir: Path) -> dict[str, dict]:
    """Entries of raw/sources.yaml by file name ({} when there is none); loaded with the safe loader."""
    path = raw_dir / MANIFEST
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # safe, C-accelerated
    entries = data.get("sources", []) if isinstance(data, dict) else []
    out = {}
    for e in entries:
        if isinstance(e, dict) and e.get("file"):
            out[str(e["file"])] = {k: v for k, v in e.items()}
    return out


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
