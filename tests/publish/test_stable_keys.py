"""Primary keys are stable: a rebuild with a changed extractor (a new cache fingerprint, so every PDF is
extracted again) and without the manifest's entries (only the period a document cannot be read without)
publishes the same keys in every resource, under the key each schema declares."""
from __future__ import annotations

import json
import shutil

import pytest
import yaml

from pipeline import build as build_module
from pipeline.diff import load_package
from pipeline.extract import stage
from pipeline.settings import Settings
from tests.conftest import RAW


@pytest.mark.build
def test_keys_survive_a_new_extractor_fingerprint_and_no_manifest(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setattr(build_module, "CACHE_DIR", cache)
    a = build_module.build(RAW, tmp_path / "a", tmp_path / "wa", Settings.load())
    assert a.published, a.errors
    extracted_once = len(list(cache.glob("*.json")))

    raw = tmp_path / "raw"
    raw.mkdir()
    for pdf in RAW.glob("*.pdf"):
        shutil.copy(pdf, raw / pdf.name)
    entries = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    bare = [{"file": e["file"], "period": e["period"]} for e in entries if e.get("period")]
    (raw / "sources.yaml").write_text(yaml.safe_dump({"sources": bare}), encoding="utf-8")
    monkeypatch.setattr(stage, "code_fingerprint", lambda: "a-changed-extractor")
    b = build_module.build(raw, tmp_path / "b", tmp_path / "wb", Settings.load())
    assert b.published, b.errors
    assert len(list(cache.glob("*.json"))) == 2 * extracted_once  # every PDF was extracted again

    pa, pb = load_package(tmp_path / "a"), load_package(tmp_path / "b")
    assert [r["name"] for r in pa.descriptor["resources"]] == [r["name"] for r in pb.descriptor["resources"]]
    for r in pa.descriptor["resources"]:
        key = r["schema"]["primaryKey"]

        def keys(p, name=r["name"], key=key):
            return sorted(json.dumps([row[k] for k in key]) for row in p.tables[name])

        assert keys(pa) == keys(pb), r["name"]
    # the manifest's metadata went, the ids did not
    assert {s["source_id"] for s in pb.tables["sources"]} == {e["source_id"] for e in entries}
    assert all(s["publisher"] is None for s in pb.tables["sources"])
