"""Several readers, one verdict (pipeline/extract/candidates.py, choose.py): candidates are read cheapest first,
the first that verifies is published, every reader's cells hold the page's own words, and a stop names the
best attempt's failing check."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import BadInput
from pipeline.extract import candidates as cands
from pipeline.extract.candidates import TablePages, table_candidates
from pipeline.extract.choose import CHECK_FAILED, LEFT_UNREAD, NO_RECORDS, NOT_FOUND, Trial, best
from pipeline.extract.document import extract_document
from pipeline.extract.explain import read_tables
from pipeline.extract.families import load_families
from pipeline.extract.furniture import without_running
from pipeline.extract.manifest import load_manifest
from pipeline.extract.open_pdf import open_checked
from pipeline.extract.readers import priorities
from pipeline.settings import ExtractSettings
from tests.conftest import RAW
from tests.extract.test_explain import STOPS
from tools.layouts.sweep import render, run_case

FAMILIES = {f.name: f for f in load_families()}
PRIORITIES = RAW / "local_borough_priorities_2017-18.pdf"
NAMES = ["geometry", "geometry, header words by centre", "geometry, columns at vertical rules",
         "geometry, camelot lattice where it finds none", "pdfplumber lines", "pdfplumber text", "camelot lattice",
         "camelot stream", "camelot network", "camelot hybrid"]

# sweep case 148: monospaced headings wider than their narrow columns overflow into the next one
# ("Mandatory Mandatory" over two columns), so the geometry reader gives both columns both headings
OVERFLOW = {"case": 148, "family": "priorities", "engine": "reportlab", "font": "mono", "size": "9",
            "rules": "zebra", "align": "left", "valign": "bottom", "wrap": "no", "subheaders": "yes",
            "header_lines": "one", "split": "not_repeated", "orientation": "portrait", "prose": "no",
            "second_table": "yes", "negative": "parens", "plus": "yes", "thousands": "yes", "gutter": "narrow",
            "running": "no", "percent_in": "n/a"}
# sweep case 131: neighbouring headings run together in a serif font ("MandatorMyandatory"), so the geometry
# reader does not take that line for a header line and the borough column has no heading
RUN_TOGETHER = {"case": 131, "family": "priorities", "engine": "reportlab", "font": "serif", "size": "10",
                "rules": "header", "align": "centre", "valign": "top", "wrap": "no", "subheaders": "yes",
                "header_lines": "multi", "split": "different", "orientation": "portrait", "prose": "yes",
                "second_table": "no", "negative": "hyphen", "plus": "yes", "thousands": "no", "gutter": "narrow",
                "running": "no", "percent_in": "n/a"}
# a layout no reader verifies (tests/extract/test_explain.py): a monospaced summary table whose label, count
# and change are one character apart
UNREAD = STOPS
needs_fonts = pytest.mark.needs("dejavu")


def _source(path: Path, family: str) -> tuple[TablePages, object]:
    """What the candidates of a PDF's first table read from, and the open document."""
    _, pdf = open_checked(path, ExtractSettings())
    views = pdf.pages
    from pipeline.extract.layout import page_to_lines

    lines = without_running([page_to_lines(v) for v in views])
    return TablePages(path, views, lines, FAMILIES[family].tables[0]), pdf


def test_candidates_are_listed_cheapest_first():
    src, pdf = _source(PRIORITIES, "local_borough_priorities")
    with pdf:
        assert [c.name for c in table_candidates(src)] == NAMES


@pytest.mark.parametrize("pdf_name", sorted(p.name for p in RAW.glob("*.pdf")))
def test_raw_tables_are_read_by_the_geometry_reader(pdf_name, monkeypatch):
    def no_camelot(*args, **kwargs):
        raise AssertionError("camelot ran on a table the geometry reader reads")

    import camelot

    monkeypatch.setattr(camelot, "read_pdf", no_camelot)  # the slow readers are never asked
    meta = load_manifest(RAW).get(pdf_name, {})
    doc = extract_document(RAW / pdf_name, meta, ExtractSettings())
    readers = {t["reader"] for t in doc["coverage"]["tables"]}
    assert readers == (set() if doc["family"] == "mayors_letter" else {"geometry"})


def test_corpus_tables_are_read_by_the_geometry_reader(corpus):
    pdfs = [p for p in sorted(corpus.rglob("*.pdf")) if not p.parent.name.startswith("bad_")]
    readers = set()
    for p in pdfs:
        doc = extract_document(p, {"period": "2017-18"}, ExtractSettings())
        readers |= {t["reader"] for t in doc["coverage"]["tables"]}
    assert len(pdfs) >= 10 and readers == {"geometry"}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["pdfplumber lines", "camelot lattice"])
def test_other_readers_cells_hold_the_pages_own_words(name):
    src, pdf = _source(PRIORITIES, "local_borough_priorities")
    with pdf:
        table = src.table
        by_name = {c.name: c for c in table_candidates(src)}
        geometry, other = by_name["geometry"].read(), by_name[name].read()
        assert [g.page for g in other] == [g.page for g in geometry] == [2, 3]
        for g, o in zip(geometry, other):
            page_words = {id(w) for ln in src.pages[g.page - 1] for w in ln.words}
            assert all(id(w) in page_words for r in o.rows for ws in r.words for w in ws)
            assert o.span[1] > o.span[0] > 0 and len(o.bounds) == len(g.bounds)
            # the same records, cell boxes included: the boxes come from the same words
            assert priorities.grid_to_records(o, table, {}) == priorities.grid_to_records(g, table, {})


def test_a_reader_that_fails_gives_no_reading(monkeypatch):
    import camelot

    def broken(*args, **kwargs):
        raise RuntimeError("ghostscript is not installed")

    monkeypatch.setattr(camelot, "read_pdf", broken)
    src, pdf = _source(PRIORITIES, "local_borough_priorities")
    with pdf:
        assert cands._camelot(src, "stream") == []


@needs_fonts
@pytest.mark.parametrize("layout", [OVERFLOW, RUN_TOGETHER], ids=["overflow", "run-together"])
def test_layouts_that_once_needed_a_later_candidate_are_read_exactly(layout, tmp_path):
    """Sweep cases 148 and 131 were published by the header-words-by-centre candidate before issue 12a's geometry
    fixes; the geometry reader reads them now, and exactly."""
    pdf = tmp_path / "layout.pdf"
    render(layout, pdf)
    doc = extract_document(pdf, {}, ExtractSettings())
    assert {t["reader"] for t in doc["coverage"]["tables"]} == {"geometry"}
    result = run_case(layout, tmp_path)
    assert result["exact"] and result["wrong"] == 0 and result["published"] == result["expected"] > 0


@needs_fonts
def test_when_the_geometry_reading_fails_a_check_the_next_candidate_that_verifies_is_published(tmp_path,
                                                                                          monkeypatch):
    """The geometry reading of case 148 made wrong as it once was (both narrow columns headed "Mandatory
    Mandatory"): it fails a check, the header-words-by-centre hypothesis re-heads the columns from the page's
    own words, verifies, and is the reading published and named in the coverage."""
    pdf = tmp_path / "layout.pdf"
    render(OVERFLOW, pdf)
    real = cands._geometry

    def overflowing(src):
        grids = real(src)
        for g in grids:
            kinds = [i for i, h in enumerate(g.header) if "Mandatory" in h]
            both = " ".join(g.header[i] for i in kinds)
            g.header = [both if i in kinds else h for i, h in enumerate(g.header)]
        return grids

    monkeypatch.setattr(cands, "_geometry", overflowing)
    (reading,) = read_tables(pdf)[1]
    assert reading.checks[0].startswith("geometry: page 1: ")  # the geometry reading fails a check
    assert reading.checks[1] == "geometry, header words by centre: verified" and len(reading.checks) == 2
    doc = extract_document(pdf, {}, ExtractSettings())
    assert {t["reader"] for t in doc["coverage"]["tables"]} == {"geometry, header words by centre"}
    monkeypatch.setattr(cands, "_geometry", real)
    assert doc["records"] == extract_document(pdf, {}, ExtractSettings())["records"]  # the same rows as unbroken


def _trial(name: str, stage: int, passed: int = 0, records: int = 0, problem: str = "x") -> Trial:
    return Trial(name, [], {"r": [{}] * records}, stage, passed, problem)


def test_the_best_attempt_is_the_one_that_got_furthest():
    trials = [_trial("geometry", NO_RECORDS), _trial("pdfplumber text", CHECK_FAILED, 0, 40),
              _trial("camelot stream", CHECK_FAILED, 2, 10), _trial("camelot network", CHECK_FAILED, 2, 30),
              _trial("camelot hybrid", NOT_FOUND)]
    assert best(trials).name == "camelot network"  # a later check failed; then more records read
    trials.append(_trial("camelot lattice", LEFT_UNREAD, 3, 1))
    assert best(trials).name == "camelot lattice"  # verified but left words unread: the furthest stage
    assert best([_trial("geometry", CHECK_FAILED, 1, 8), _trial("pdfplumber lines", CHECK_FAILED, 1, 8)]).name \
        == "geometry"  # on a tie the cheaper reading


@pytest.mark.slow
@needs_fonts
def test_a_stop_names_the_table_the_page_and_the_best_candidates_check(tmp_path):
    pdf = tmp_path / "unread.pdf"
    render(UNREAD, pdf)
    with pytest.raises(BadInput) as e:
        extract_document(pdf, {}, ExtractSettings())
    line = e.value.line()
    assert "\n" not in line
    assert line.startswith("unread.pdf: Local Policing Summary: borough_performance table, page 1: no reading "
                           "verified; best (geometry): cannot read the change")
    assert f"`python -m pipeline explain {pdf}` shows every reading" in line  # the path as given: runs as printed


def test_holds_table_anchor_is_case_sensitive() -> None:
    """A page holds a table when a line matches one of its anchors (case-sensitive) or its caption."""
    priorities = FAMILIES["local_borough_priorities"].tables
    assert cands.holds_table(priorities, ["Barnet   Sexual violence   ASB   Burglary"])
    assert cands.holds_table(priorities, ["Camden   ALL   ASB"])
    assert not cands.holds_table(priorities, ["all boroughs tackle asb together"])
    lps = FAMILIES["local_policing_summary"].tables
    assert cands.holds_table(lps, ["How did Barnet perform during 2009/10?"])  # caption only
    assert not cands.holds_table(lps, ["how did barnet do"])
    assert not cands.holds_table([], ["Camden   ALL   ASB"])
