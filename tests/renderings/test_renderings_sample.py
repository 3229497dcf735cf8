"""A fixed sample of the document renderings (tools/renderings): the same seed documents printed by Chromium and
LibreOffice read exactly as their raw/ facsimiles do, and no rendering ever publishes a row its facsimile does not."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.tools import require, require_engine
from tools.renderings.check import check, compare
from tools.renderings.variants import Variant, by_name

SAMPLE = [
    # the Mayor's letter: prose figures only (measures, kinds, places, comparisons)
    "004-chromi-ls10-a4-normal-disc-run",
    "004-libreo-ls10-a4-normal-disc-run",
    # a summary through Chromium: list bullets drawn as shapes, not glyphs; the performance table split over two
    # pages under a running header whose text is also a contact's name further on
    "002-chromi-ls10-a4-normal-disc-run",
    # a summary through LibreOffice: hand-numbered items ("1. 2.6% reduction ..."), justified, monospaced, no
    # running header
    "002-libreo-dsm9-letter-wide-number-just",
]


@pytest.fixture(scope="module", params=SAMPLE)
def result(request, tmp_path_factory) -> dict:
    v: Variant = by_name(request.param)
    require_engine(v.engine)
    require("liberation")
    return check(v, Path(tmp_path_factory.mktemp("renderings")))


@pytest.mark.sweep
def test_no_rendering_publishes_a_row_its_facsimile_does_not(result):
    assert result["wrong"] == 0, result["differences"]


@pytest.mark.sweep
def test_the_sample_reads_exactly_as_the_facsimile(result):
    assert not result["stop"], result["stop"]
    assert result["exact"], result["differences"]
    assert sum(r["expected"] for r in result["resources"].values()) > 0


def test_compare_names_what_differs():
    from collections import Counter

    row = ("2.3", "percent", "2.3%", "recorded_crime", "target", "down", "2010/11", "E09000016", "Havering", "",
           "", "2.3% reduction in serious acquisitive crime")
    changed = row[:1] + ("percent", "2.3%", "recorded_crime", "change") + row[5:]
    empty = {r: Counter() for r in ("borough_priorities", "officer_allocations", "borough_performance",
                                    "borough_targets")}
    ref = {"stop": "", "family": "f", "source_id": "s", "rows": {**empty, "reported_figures": Counter([row])}}
    got = {"stop": "", "family": "f", "source_id": "s", "rows": {**empty, "reported_figures": Counter([changed])}}
    out = compare(ref, got)
    assert not out["exact"] and out["wrong"] == 1 and out["missing"] == 1
    assert out["differences"] == ["figure '2.3%' ('2.3% reduction in serious acquisitive crime'...): "
                                  "kind: 'target' -> 'change'"]
    stopped = compare(ref, {"stop": "page 4: unknown label", "rows": {**empty, "reported_figures": Counter()}})
    assert stopped["wrong"] == 0 and stopped["missing"] == 1 and not stopped["exact"]


@pytest.mark.sweep
@pytest.mark.needs("soffice", "dejavu", "liberation")
def test_a_writer_table_the_geometry_reader_cannot_read_is_published_by_a_later_candidate(tmp_path):
    """The draft plan through LibreOffice in 12 pt on a wide-margin page: Writer breaks "Change" over two lines of
    its narrow column ("Chan" / "ge") and sets the headings so the geometry reader finds no year columns; a later
    candidate (pdfplumber's finder on the table's rules) verifies, and the plan reads exactly as its facsimile."""
    from pipeline.extract.document import extract_document
    from pipeline.settings import ExtractSettings
    from tools.renderings.check import render

    v = by_name("001-libreo-ds12-a4-wide-disc-run")
    pdf = render(v, tmp_path)
    readers = {t["reader"] for t in extract_document(pdf, {}, ExtractSettings())["coverage"]["tables"]}
    assert readers and "geometry" not in readers
    result = check(v, tmp_path)
    assert result["exact"] and result["wrong"] == 0, result["differences"] or result["stop"]
