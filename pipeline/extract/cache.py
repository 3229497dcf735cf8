"""Extraction results cached by the PDF's sha256 and everything else that shapes them."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pipeline.extract.document import EXTRACTOR_VERSION
from pipeline.paths import FAMILIES_DIR, ROOT


def code_fingerprint() -> str:
    """Hash of the extractor's code and family specs: a change to either invalidates the cache."""
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for folder, pattern in ((ROOT / "pipeline" / "extract", "**/*.py"), (FAMILIES_DIR, "*.yaml"),
                            (ROOT / "pipeline" / "normalise", "canonical.py")):
        for p in sorted(folder.glob(pattern)):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def cache_key(sha256: str, meta: dict, fingerprint: str) -> str:
    blob = json.dumps({"sha256": sha256, "meta": meta, "code": fingerprint}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def cache_get(cache_dir: Path | None, key: str) -> dict | None:
    if cache_dir is None:
        return None
    path = cache_dir / f"{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def cache_put(cache_dir: Path | None, key: str, doc: dict) -> None:
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / f".{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(doc, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache_dir / f"{key}.json")
    except OSError:
        pass  # a read-only cache is only slower
