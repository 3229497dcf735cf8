"""A printed value that cannot be typed stops only its own document, with a one-line reason."""
from __future__ import annotations

from pipeline.normalise.stage import normalise_documents


def _doc(file: str, officers: str) -> dict:
    row = {"borough_raw": "Barnet", "page": 4, "is_total": False, "team_raw": "Safer Neighbourhoods"}
    return {"file": file, "source_id": file.removesuffix(".pdf"), "family": "police_and_crime_plan", "sha256": "0" * 64,
            "bytes": 10, "pages": 5, "title": file, "manifest": {},
            "records": {"officer_allocations": [{**row, "year": 2011, "officers_raw": "60"},
                                                {**row, "year": 2015, "officers_raw": officers}],
                        "officer_changes": []}}


def test_unparseable_number_names_the_file_and_keeps_no_partial_rows():
    out = normalise_documents([_doc("good.pdf", "135"), _doc("bad.pdf", "13S")])
    assert [(e["file"], e["kind"]) for e in out.errors] == [("bad.pdf", "unnormalisable")]
    assert "13S" in out.errors[0]["reason"] and "\n" not in out.errors[0]["reason"]
    assert {r["source_id"] for r in out.tables["officer_allocations"]} == {"good"}
    assert [s["file"] for s in out.tables["sources"]] == ["good.pdf"]
