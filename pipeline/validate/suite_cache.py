"""Expectation-suite results cached by the rows they checked, so a rebuild re-runs only changed tables.

A suite's entry is keyed by everything its results depend on: the table's rows, the
suite file, the table's schema, the validation code and the versions of Great
Expectations and pandas, and holds the pipeline's results. A cache that cannot be read
or written is only slower: entries are written atomically and a broken one is ignored.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pipeline import cache_store
from pipeline.paths import PACKAGE, SCHEMAS_DIR

CODE = (PACKAGE / "validate" / "expectations.py", PACKAGE / "validate" / "suite_cache.py",
        PACKAGE / "core" / "numbers.py", SCHEMAS_DIR / "cell_columns.yaml")  # as_printed; printed columns
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


def load(cache_dir: Path | None, key: str) -> dict | None:
    """The cached entry {"results": [...]}, or None."""
    entry = cache_store.get(cache_dir, key)
    return entry if isinstance(entry, dict) and isinstance(entry.get("results"), list) else None


def save(cache_dir: Path | None, key: str, entry: dict) -> None:
    cache_store.put(cache_dir, key, entry)
