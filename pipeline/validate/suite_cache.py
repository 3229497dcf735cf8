"""Expectation-suite results cached by the rows they checked, so a rebuild re-runs only changed tables.

A suite's entry is keyed by everything its results depend on: the table's rows, the
suite file, the table's schema, the validation code and the versions of Great
Expectations and pandas. It holds the pipeline's results and Great Expectations'
own serialised validation results when the run built Data Docs (they are put back into
the store Data Docs are built from, so cached and fresh runs give the same reports; an
entry without them does not serve a run that builds Data Docs). Data Docs are cached as
a folder keyed by all the suites' keys. A cache that cannot be read or written is
only slower: entries are written atomically and a broken one is ignored.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pipeline import cache_store
from pipeline.paths import PACKAGE, SCHEMAS_DIR

CODE = (PACKAGE / "validate" / "expectations.py", PACKAGE / "validate" / "suite_cache.py")
LIBRARIES = ("great-expectations", "pandas", "numpy")


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    h = hashlib.sha256()
    for p in CODE:
        h.update(p.read_bytes())
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(name.encode())
    return h.hexdigest()


def suite_key(suite: dict, rows: list[dict]) -> str:
    """Hash of a suite, its table's rows and schema, the validation code and library versions."""
    schema = SCHEMAS_DIR / f"{suite['name']}.schema.json"
    blob = json.dumps({"suite": suite, "rows": rows, "code": _fingerprint(),
                       "schema": schema.read_text(encoding="utf-8") if schema.exists() else None},
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def docs_key(keys: list[str]) -> str:
    """Key of the Data Docs built from suites with these keys (in suite order)."""
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


def load(cache_dir: Path | None, key: str) -> dict | None:
    """The cached entry {"results": [...], "gx": [[key parts], json]...]}, or None ("gx", GX's own results for
    Data Docs, only when the run that cached it built them)."""
    entry = cache_store.get(cache_dir, key)
    ok = isinstance(entry, dict) and isinstance(entry.get("results"), list) and \
        isinstance(entry.get("gx", []), list)
    return entry if ok else None


def save(cache_dir: Path | None, key: str, entry: dict) -> None:
    cache_store.put(cache_dir, key, entry)


def has_docs(cache_dir: Path | None, key: str) -> bool:
    return cache_dir is not None and (cache_dir / "docs" / key / "index.html").is_file()


def restore_docs(cache_dir: Path | None, key: str, folder: Path) -> bool:
    """Copy cached Data Docs into ``folder`` (replacing it); False when there are none."""
    if not has_docs(cache_dir, key):
        return False
    cached = cache_dir / "docs" / key
    cache_store.touch(cached)
    try:
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(cached, folder)
    except OSError:
        return False
    return True


def save_docs(cache_dir: Path | None, key: str, folder: Path) -> None:
    if cache_dir is None:
        return
    target = cache_dir / "docs" / key
    tmp = cache_dir / "docs" / f".{key}.{os.getpid()}.tmp"
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        shutil.copytree(folder, tmp)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
