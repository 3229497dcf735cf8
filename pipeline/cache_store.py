"""JSON entries kept by key in a cache folder (the extraction and validation caches).

Entries are written atomically. A cache that cannot be read or written only makes a
build slower: a missing, broken or unreadable entry reads as None, and a failed write
is ignored.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def get(cache_dir: Path | None, key: str) -> Any:
    """The entry stored under ``key``, or None."""
    if cache_dir is None:
        return None
    try:
        return json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def put(cache_dir: Path | None, key: str, entry: Any) -> None:
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / f".{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(entry, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache_dir / f"{key}.json")
    except OSError:
        pass  # a read-only cache is only slower
