"""JSON entries kept by key in a cache folder (the extraction and validation caches).

Entries are written atomically. A cache that cannot be read or written only makes a
build slower: a missing, broken or unreadable entry reads as None, and a failed write
is ignored.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

ENTRY = re.compile(r"[0-9a-f]{64}(\.json)?")  # the only names a cache folder's owner wrote: sha256 keys


def get(cache_dir: Path | None, key: str) -> Any:
    """The entry stored under ``key``, or None."""
    if cache_dir is None:
        return None
    path = cache_dir / f"{key}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    touch(path)
    return entry


def touch(path: Path) -> None:
    """Mark an entry as used now, so pruning keeps it (the cache is least recently used first out)."""
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache is only slower


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


def entries(cache_dir: Path) -> list[Path]:
    """The entries the cache wrote in `cache_dir` (sha256-named files)."""
    return [p for p in cache_dir.glob("*.json") if p.is_file() and ENTRY.fullmatch(p.name)]


def prune(cache_dir: Path | None, max_bytes: int) -> int:
    """Delete the least recently used entries until the cache holds at most `max_bytes`; how many were deleted.

    Only entries the cache itself names (sha256 keys) are ever deleted; any other file is left alone.
    """
    if cache_dir is None or not cache_dir.is_dir():
        return 0
    try:
        sized = sorted(((p.stat().st_mtime, p.name, p, p.stat().st_size) for p in entries(cache_dir)), reverse=True)
    except OSError:
        return 0
    kept, deleted = 0, 0
    for _, _, path, size in sized:
        kept += size
        if kept <= max_bytes:
            continue
        try:
            path.unlink()
            deleted += 1
        except OSError:
            pass  # a read-only cache is only slower
    return deleted
