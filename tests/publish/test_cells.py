"""The `cells` resource: every published value of the table resources traces to its box on the page, and
cropping that box from the page's text layer gives back the text as printed (raw/ and the shared corpus)."""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from pipeline.publish.package import load_schema
from pipeline.publish.provenance import row_key
from tests.conftest import CORPUS, RAW
from tests.publish.conftest import load_tables

# corpus cases made by different toolchains, one per table family (reportlab, Chromium, fpdf2 / Ghostscript)
CORPUS_CASES = ("priorities_2018_hrules", "officers_synth_chromium", "lps_bexley_synth", "officers_2013_grid")
# Published columns that are not a value printed in the row's own cells: where a row sits in the table's
# layout (which column it stood in), the table's headings, the document's title or the sources manifest.
PERIOD = ("period", "period_start", "period_end")
NOT_IN_A_CELL = {
    "borough_priorities": {**{c: "the period comes from the document's title or the sources manifest"
                              for c in PERIOD},
                           "priority_kind": "the column the label stood in", "rank": "the column it stood in"},
    "officer_allocations": {"team": "a column heading", "year": "a column heading"},
    "borough_performance": {**{c: "the summary's heading" for c in PERIOD},
                            "gss_code": "the summary's title", "borough": "the summary's title"},
    "borough_targets": {**{c: "the list's heading" for c in PERIOD},
                        "gss_code": "the summary's title", "borough": "the summary's title",
                        "line": "the whole item as printed: its figure and its label are boxed"},
    "reported_figures": {**{c: "derived from the sentence (boxed as `sentence`) or the figure's identity" for c in
                            ("figure_id", "figure_no", "unit", "measure", "gss_code", "borough", "area",
                             "crime_type_id", "kind", "direction", "period", "compared_with")},
                         **{c: "the document's identity (its title and heading), not the figure's cell" for c in
                            ("document_gss_code", "document_area", "document_period")}},
}
ROW_ONLY = {"source_id", "page"}
WORD_BOXED = {"reported_figures", "borough_targets"}  # read from running text, boxed word by word
PAD = 1.0  # points: the boxes are pdfium's, whose glyph widths are whole thousandths of an em; pdfplumber's (the
# check's) are as printed in the font, so along a line a box can end up to 0.9 pt before pdfminer's last glyph does
FORMULA_GUARD = re.compile(r"^'(?=[=+\-@])")  # the package's formula-safe apostrophe (not printed)


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", FORMULA_GUARD.sub("", text))


def _holds(crop: str, text: str) -> bool:
    """The crop holds the text, or (a sentence running onto the next page) the text's start up to the crop's end."""
    if text in crop:
        return True
    start = crop.find(text[:20])
    return start >= 0 and text.startswith(crop[start:])


@pytest.fixture(scope="module")
def packages(built, request) -> dict[str, tuple[Path, Path]]:
    """name -> (package, folder of its PDFs): raw/ and the chosen corpus cases (when ../shared is present), each
    the package the corpus grader built (tests/test_corpus.py grades the same builds)."""
    out = {"raw": (built, RAW)}
    if (CORPUS / "grade.py").exists():
        graded = request.getfixturevalue("graded")
        for case in CORPUS_CASES:
            result = graded(case)
            assert result["rc"] == 0, result["console_tail"]
            out[case] = (Path(result["tmp"]) / "out", CORPUS / case)
    return out


def _files(package: Path, pdf_dir: Path) -> dict[str, Path]:
    return {s["source_id"]: pdf_dir / s["file"] for s in load_tables(package)["sources"]}


@pytest.mark.build
def test_cells_is_a_resource_keyed_to_sources(built):
    schema = load_schema("cells")
    assert {fk["reference"]["resource"] for fk in schema["foreignKeys"]} == {"sources"}
    cells = load_tables(built)["cells"]
    assert cells and {c["resource"] for c in cells} >= {"borough_priorities", "officer_allocations",
                                                          "borough_performance"}


@pytest.mark.build
def test_every_box_crops_to_the_text_printed_in_it(packages):
    for name, (package, pdf_dir) in packages.items():
        files = _files(package, pdf_dir)
        cells = load_tables(package)["cells"]
        assert cells, name
        by_source: dict[str, list[dict]] = {}
        for c in cells:
            by_source.setdefault(c["source_id"], []).append(c)
        for source_id, boxes in by_source.items():
            with pdfplumber.open(files[source_id]) as pdf:
                for c in boxes:
                    page = pdf.pages[c["page"] - 1]
                    box = (max(c["x0"] - PAD, 0), max(c["top"] - PAD, 0), min(c["x1"] + PAD, float(page.width)),
                           min(c["bottom"] + PAD, float(page.height)))
                    crop = page.within_bbox(box).extract_text()
                    if c["resource"] in WORD_BOXED:  # prose and list boxes hold whole words, a sentence whole
                        # lines: "(73.9%)" around the figure 73.9%, "crime," ending a list item's label
                        assert _holds(_bare(crop), _bare(c["text"])), (name, c)
                    else:
                        assert _bare(crop) == _bare(c["text"]), (name, c)


@pytest.mark.build
def test_every_value_printed_in_a_row_has_a_cell(packages):
    """100% coverage: each non-empty published value of each boxed table has a `cells` row."""
    for name, (package, _) in packages.items():
        tables = load_tables(package)
        have = {(c["resource"], c["row_key"], c["column"]) for c in tables["cells"]}
        for resource, skipped in NOT_IN_A_CELL.items():
            schema = load_schema(resource)
            columns = [f["name"] for f in schema["fields"] if f["name"] not in ROW_ONLY | set(skipped)]
            missing = [(row_key(r, schema), c) for r in tables[resource] for c in columns
                       if r.get(c) not in (None, "") and (resource, row_key(r, schema), c) not in have]
            assert missing == [], (name, resource, missing[:5])


def test_every_erratum_has_its_printed_figure_and_row_label_boxed(packages):
    """An erratum is outlined on its page like a row: the printed figure and the row's label, as printed."""
    for name, (package, _) in packages.items():
        tables = load_tables(package)
        boxes = {(c["row_key"], c["column"]): c for c in tables["cells"] if c["resource"] == "errata"}
        for e in tables["errata"]:
            printed, row = boxes[(e["discrepancy_id"], "printed")], boxes[(e["discrepancy_id"], "row")]
            assert float(printed["text"].replace(",", "")) == e["printed"], (name, e)
            assert row["text"] == e["row"] and printed["page"] == row["page"] == e["page"], (name, e)
            assert printed["source_id"] == e["source_id"] and printed["top"] < row["bottom"]  # the same line
