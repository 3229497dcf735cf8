"""The extraction and validation caches (pipeline/cache_store.py): bounded, least recently used out, owner-only."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline import cache_store
from pipeline.errors import UsageError
from pipeline.settings import Settings


def _entry(folder: Path, n: int, size: int, age: int) -> Path:
    """An entry named as the cache names them, `size` bytes, last used `age` seconds ago."""
    path = folder / f"{n:064x}.json"
    path.write_text('"' + "x" * (size - 2) + '"', encoding="utf-8")
    then = 1_700_000_000 - age
    os.utime(path, (then, then))
    return path


def test_prune_keeps_the_most_recently_used_entries_within_the_cap(tmp_path):
    old, mid, new = (_entry(tmp_path, n, 1000, age) for n, age in ((1, 300), (2, 200), (3, 100)))
    assert cache_store.prune(tmp_path, 2500) == 1
    assert not old.exists() and mid.exists() and new.exists()


def test_reading_an_entry_makes_it_recent_so_pruning_keeps_it(tmp_path):
    old, new = _entry(tmp_path, 1, 1000, 300), _entry(tmp_path, 2, 1000, 100)
    assert cache_store.get(tmp_path, old.stem) == "x" * 998
    cache_store.prune(tmp_path, 1500)
    assert old.exists() and not new.exists()


def test_prune_never_deletes_what_the_cache_did_not_write(tmp_path):
    _entry(tmp_path, 1, 1000, 300)
    theirs = [tmp_path / "notes.json", tmp_path / "README.md", tmp_path / ("a" * 63 + ".json")]
    for p in theirs:
        p.write_text("x" * 5000, encoding="utf-8")
    folder = tmp_path / ("b" * 64)  # a folder named like an entry: not one the cache wrote
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "index.html").write_text("x" * 5000, encoding="utf-8")
    assert cache_store.prune(tmp_path, 10) == 1
    assert all(p.exists() for p in theirs) and (folder / "sub" / "index.html").is_file()


def test_a_missing_cache_prunes_nothing(tmp_path):
    assert cache_store.prune(tmp_path / "absent", 0) == 0
    assert cache_store.prune(None, 0) == 0


def test_the_cap_is_a_setting_checked_like_every_other(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text("cache:\n  max_mb: 64\n", encoding="utf-8")
    assert Settings.load(params).cache.max_mb == 64
    params.write_text("cache:\n  max_mb: 0\n", encoding="utf-8")
    with pytest.raises(UsageError, match="max_mb"):
        Settings.load(params)


@pytest.mark.build
def test_a_build_cuts_its_caches_to_the_cap_and_keeps_what_it_used(tmp_path, monkeypatch):
    from dataclasses import replace

    from pipeline import build as build_module
    from pipeline.settings import CacheSettings
    from tests.conftest import RAW

    extract, validate = tmp_path / "extract", tmp_path / "validate"
    extract.mkdir()
    stale = _entry(extract, 1, 2 * 1024 * 1024, 10_000)
    monkeypatch.setattr(build_module, "CACHE_DIR", extract)
    monkeypatch.setattr(build_module, "VALIDATE_CACHE_DIR", validate)
    settings = replace(Settings.load(), cache=CacheSettings(max_mb=1))
    done = build_module.build(RAW, tmp_path / "out", tmp_path / "work", settings)
    assert done.published, done.errors
    assert not stale.exists()
    used = cache_store.entries(extract)
    assert len(used) == len(list(RAW.glob("*.pdf")))  # this build's extractions are kept
    assert sum(p.stat().st_size for p in used) <= 1024 * 1024
