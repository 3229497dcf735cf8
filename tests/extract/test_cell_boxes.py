"""Cell boxes of table records (INTERFACES.md 1): cropping each box from its page gives the printed text back."""
from __future__ import annotations

import re

import pdfplumber
import pytest

from pipeline.extract.document import extract_document
from pipeline.extract.manifest import load_manifest
from pipeline.normalise.canonical import join_wrapped
from pipeline.normalise.stage import normalise_documents
from pipeline.publish.package import load_schema, typed_rows
from pipeline.settings import ExtractSettings
from tests.conftest import RAW

TABLES = {  # resource -> raw fields every record must box (status only where a status was printed)
    "borough_priorities": ("borough_raw", "label_raw"),
    "officer_allocations": ("borough_raw", "officers_raw"),
    "officer_changes": ("borough_raw", "change_raw"),
    "borough_performance": ("label_raw", "offences_raw", "percent_raw"),
}
WHOLE_CELL = {"borough_raw", "label_raw", "officers_raw", "change_raw"}  # the field is the cell's whole text


@pytest.fixture(scope="module")
def docs() -> dict[str, dict]:
    manifest = load_manifest(RAW)
    return {p.name: extract_document(p, manifest.get(p.name, {}), ExtractSettings())
            for p in sorted(RAW.glob("*.pdf"))}


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


SLACK = 1.0  # points: pdfium (the boxes) keeps glyph widths in whole thousandths of an em, pdfminer (the check)
# as printed in the font, so along a line a box can end up to 0.9 pt before pdfminer's last glyph does


def _printed(pdf: pdfplumber.PDF, box: dict) -> str:
    """The text pdfplumber finds wholly inside the box (widened by SLACK), lines joined by the contract's rules."""
    page = pdf.pages[box["page"] - 1]
    text = page.within_bbox((box["x0"] - SLACK, box["top"] - SLACK, box["x1"] + SLACK,
                             box["bottom"] + SLACK)).extract_text()
    return join_wrapped(text.splitlines())


def test_every_table_record_has_the_boxes_of_its_printed_fields(docs):
    seen = set()
    for doc in docs.values():
        for resource, fields in TABLES.items():
            for rec in doc["records"].get(resource, []):
                seen.add(resource)
                wanted = set(fields) | ({"status_raw"} if rec.get("status_raw") else set())
                assert wanted <= set(rec["cells"]), (doc["file"], resource, rec)
    assert seen == set(TABLES)


def test_cropping_each_box_gives_its_printed_text_back(docs):
    checked = 0
    for name, doc in docs.items():
        with pdfplumber.open(RAW / name) as pdf:
            for resource in TABLES:
                for rec in doc["records"].get(resource, []):
                    for field, box in rec["cells"].items():
                        assert set(box) == {"page", "x0", "top", "x1", "bottom", "text"}
                        assert box["x0"] < box["x1"] and box["top"] < box["bottom"]
                        assert all(round(box[k], 2) == box[k] for k in ("x0", "top", "x1", "bottom"))
                        assert _printed(pdf, box) == box["text"], (name, field, box)
                        assert _bare(rec[field]) in _bare(box["text"]), (name, field, rec[field], box)
                        if field in WHOLE_CELL:
                            assert rec[field] == box["text"]
                        checked += 1
    assert checked > 600


def test_a_wrapped_cell_box_is_the_union_of_its_lines(docs):
    recs = docs["local_borough_priorities_2017-18.pdf"]["records"]["borough_priorities"]
    rec = next(r for r in recs if r["borough_raw"] == "LB Islington" and r["rank"] == 1)
    box = rec["cells"]["label_raw"]
    assert box["text"] == "Theft Person (Snatch)"
    row_height = rec["cells"]["borough_raw"]["bottom"] - rec["cells"]["borough_raw"]["top"]
    assert box["bottom"] - box["top"] > 1.5 * row_height  # two printed lines


def test_normalise_carries_cells_privately_and_publishing_drops_them(docs):
    for name, doc in docs.items():
        doc["source_id"] = name
    out = normalise_documents(list(docs.values()))
    for resource in ("borough_priorities", "officer_allocations", "borough_performance"):
        rows = out.tables[resource]
        assert rows and all("_cells" in r for r in rows)
        published = typed_rows(rows, load_schema(resource))
        assert all("_cells" not in r and "cells" not in r for r in published)
