"""source_id is derived from what a document is, the same with or without a manifest entry."""
from __future__ import annotations

import shutil

import pytest
import yaml

from pipeline.extract.families import load_families
from pipeline.extract.identity import derive_source_id, slug
from pipeline.extract.manifest import assign_source_ids, load_manifest
from pipeline.extract.stage import extract_all
from pipeline.settings import Settings
from tests.conftest import RAW

SPECS = {f.name: f.spec for f in load_families()}


def test_first_template_with_every_fact_wins():
    spec = SPECS["mayors_letter"]
    assert derive_source_id(spec, {"reference": "MGLA190319-8293", "date": "03 MAY 2019"}, "ab" * 32) == \
        "mayor-letter-mgla190319-8293"
    assert derive_source_id(spec, {"date": "03 MAY 2019"}, "ab" * 32) == "mayor-letter-03-may-2019"


def test_a_document_stating_no_identity_is_named_by_family_and_content():
    assert derive_source_id(SPECS["mayors_letter"], {}, "0123456789abcdef" * 4) == "mayors-letter-0123456789ab"


def test_place_is_the_official_borough_name():
    spec = SPECS["local_policing_summary"]
    assert derive_source_id(spec, {"borough": "Kensington & Chelsea", "period": "2009-10"}, "0" * 64,
                            place="Kensington and Chelsea") == \
        "mpa-local-policing-summary-kensington-and-chelsea-2009-10"
    assert slug("Richmond-upon- Thames") == "richmond-upon-thames"


def _doc(file: str, family: str, sha: str, **facts) -> dict:
    return {"file": file, "family": family, "sha256": sha, "identity": facts}


def test_manifest_overrides_explicitly_and_copies_are_named_with_the_document_they_copy():
    docs = [_doc("b.pdf", "local_policing_summary", "1" * 64, borough="Havering", period="2009-10"),
            _doc("a.pdf", "local_policing_summary", "2" * 64, borough="LB Havering", period="2009-10"),
            _doc("c.pdf", "local_policing_summary", "3" * 64, borough="Barnet", period="2009-10")]
    ids, copies = assign_source_ids(docs, {"c.pdf": {"source_id": "my-own-id"}})
    assert ids == {"a.pdf": "mpa-local-policing-summary-havering-2009-10",
                   "b.pdf": "mpa-local-policing-summary-havering-2009-10", "c.pdf": "my-own-id"}
    assert copies == {"b.pdf": "a.pdf"}  # the same document twice: the build refuses b.pdf, naming a.pdf
    # the one raw/sources.yaml describes keeps the id, whatever the file names' order
    ids, copies = assign_source_ids(docs, {"b.pdf": {"title": "Havering"}, "c.pdf": {"source_id": "my-own-id"}})
    assert copies == {"a.pdf": "b.pdf"}
    # an explicit id that another document derives is a copy too
    ids, copies = assign_source_ids(docs, {"c.pdf": {"source_id": "mpa-local-policing-summary-havering-2009-10"}})
    assert copies == {"a.pdf": "c.pdf", "b.pdf": "c.pdf"}


@pytest.mark.slow
def test_raw_ids_are_the_same_without_the_manifest(tmp_path):
    """Every PDF of raw/ gets the id its manifest entry names, when the entry is removed (a document that
    states no period keeps only `period`, which it cannot be read without)."""
    manifest = load_manifest(RAW)
    for pdf in RAW.glob("*.pdf"):
        shutil.copy(pdf, tmp_path / pdf.name)
    bare = [{"file": f, "period": e["period"]} for f, e in manifest.items() if e.get("period")]
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump({"sources": bare}), encoding="utf-8")
    result = extract_all(tmp_path, Settings.load().extract, cache_dir=None)
    assert not result.bad
    assert {d["file"]: d["source_id"] for d in result.documents} == \
        {f: e["source_id"] for f, e in manifest.items()}
