"""A small fixed sample of the layout sweep (tools/layouts): no wrong row is ever published, stops say why."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.tools import require_engine
from tools.layouts.sweep import DIMENSIONS, run_case

pytestmark = pytest.mark.sweep

BASE = {"engine": "reportlab", "font": "sans", "size": "9", "rules": "horizontal", "align": "right",
        "valign": "top", "wrap": "no", "subheaders": "no", "header_lines": "one", "split": "none",
        "orientation": "portrait", "prose": "yes", "second_table": "no", "negative": "hyphen", "plus": "no",
        "thousands": "no", "percent_in": "cell", "gutter": "wide", "running": "no"}
SAMPLE = [  # (case number: seeds the content, family, dimensions that differ from BASE)
    (1, "priorities", {}),
    (2, "performance", {"engine": "fpdf2", "negative": "endash", "plus": "yes", "rules": "none"}),
    (9, "officers", {"font": "serif", "rules": "grid", "negative": "minus", "thousands": "yes",
                     "orientation": "landscape"}),
    (4, "priorities", {"engine": "fpdf2", "split": "repeated", "subheaders": "yes", "rules": "zebra"}),
    (8, "priorities", {"engine": "fpdf2", "font": "serif", "size": "7", "align": "centre", "valign": "bottom",
                       "header_lines": "multi", "split": "not_repeated", "subheaders": "yes", "rules": "zebra",
                       "running": "yes", "second_table": "yes", "gutter": "narrow", "prose": "no"}),
    # a continuation page that repeats only the sub-headers ("Borough (continued)", "Priority 1/2")
    (10, "priorities", {"engine": "fpdf2", "font": "serif", "rules": "grid", "align": "centre", "valign": "middle",
                        "wrap": "yes", "subheaders": "yes", "header_lines": "multi", "split": "different",
                        "prose": "no"}),
    # a summary table split over pages under a running header ("London policing 2013 | Page 2") and footer
    (7, "performance", {"font": "serif", "rules": "zebra", "align": "centre", "valign": "bottom",
                        "subheaders": "yes", "header_lines": "multi", "split": "different", "second_table": "yes",
                        "negative": "minus", "gutter": "narrow", "running": "yes"}),
    # negatives in brackets ("(181)"), a running header, bottom-aligned cells
    (101, "officers", {"size": "11", "align": "left", "valign": "bottom", "second_table": "yes",
                       "negative": "parens", "thousands": "yes", "running": "yes"}),
    # "Safer" wrapped over "Neighbourhoods" in the header, explicit "+", the header repeated after a page split
    (105, "officers", {"engine": "fpdf2", "font": "serif", "size": "10", "align": "left", "valign": "middle",
                       "subheaders": "yes", "split": "repeated", "prose": "no", "negative": "minus", "plus": "yes",
                       "thousands": "yes", "gutter": "narrow", "running": "yes"}),
    # the layout of sweep case 50 (borough names wrapped around a middle-aligned row of figures, "+"),
    # which once published 8 of its 60 rows without stopping
    (150, "officers", {"size": "9", "rules": "grid", "align": "left", "valign": "middle", "wrap": "yes",
                       "header_lines": "multi", "split": "not_repeated", "prose": "no", "second_table": "yes",
                       "negative": "endash", "plus": "yes", "thousands": "yes", "gutter": "narrow",
                       "running": "yes"}),
    # a monospaced summary table with narrow gutters: the figures land in the label's column, the wrapped
    # label's last line after them, the status split over two columns
    (452, "performance", {"font": "mono", "size": "11", "rules": "grid", "valign": "bottom", "wrap": "yes",
                          "subheaders": "yes", "split": "not_repeated", "negative": "minus", "plus": "yes",
                          "thousands": "yes", "gutter": "narrow", "running": "yes"}),
    # HTML/CSS tables printed by headless Chromium: a spanning heading over sub-headers, zebra rows, the table
    # split after a row drawn by the seed with the header repeated differently ("Borough (continued)")
    (601, "priorities", {"engine": "chromium", "font": "serif", "rules": "zebra", "subheaders": "yes",
                         "split": "different", "valign": "middle", "wrap": "yes", "running": "yes"}),
    # a Writer table made a PDF by LibreOffice: decimal tab stops, negatives in brackets, landscape, a full grid
    (602, "officers", {"engine": "libreoffice", "align": "decimal", "negative": "parens", "rules": "grid",
                       "orientation": "landscape", "thousands": "yes", "running": "yes"}),
    # decimal alignment drawn by reportlab: the digits end at one x, a closing bracket hangs after them
    (603, "officers", {"align": "decimal", "negative": "parens", "font": "mono", "gutter": "narrow"}),
    # "%" printed once in the column heading ("Change (offences or %)"), not in the cells, split over pages
    # with the heading not repeated
    (604, "performance", {"engine": "fpdf2", "percent_in": "header", "split": "not_repeated", "rules": "grid",
                          "negative": "minus", "plus": "yes"}),
    # a monospaced Writer table with narrow gutters: figures one character apart ("1206 1244"), brackets after
    # decimal-aligned digits, and the second table's heading set right below the Total row
    (326, "officers", {"engine": "libreoffice", "font": "mono", "size": "10", "rules": "header", "align": "decimal",
                       "valign": "bottom", "wrap": "yes", "subheaders": "yes", "header_lines": "multi",
                       "split": "not_repeated", "orientation": "landscape", "prose": "no", "second_table": "yes",
                       "negative": "parens", "gutter": "narrow", "running": "yes"}),
    # a monospaced summary table with narrow gutters and "%" in the heading: "Target missed" one space apart,
    # labels wrapped around the figures
    (244, "performance", {"engine": "postscript", "font": "mono", "size": "11", "rules": "header", "align": "left",
                          "valign": "middle", "wrap": "yes", "orientation": "landscape", "second_table": "yes",
                          "negative": "endash", "thousands": "yes", "percent_in": "header", "gutter": "narrow"}),
]
# layouts the readers are known to read exactly
EXACT = {1, 2, 4, 7, 9, 10, 101, 105, 452, 601, 602, 603, 604, 326, 244}


@pytest.fixture(scope="module", params=SAMPLE, ids=[f"{c}-{f}" for c, f, _ in SAMPLE])
def result(request, tmp_path_factory) -> dict:
    case, family, dims = request.param
    layout = {"case": case, "family": family, **BASE, **dims}
    assert set(layout) - {"case"} == set(DIMENSIONS)
    require_engine(layout["engine"])
    return run_case(layout, Path(tmp_path_factory.mktemp("sweep")))


def test_no_wrong_row_is_published(result):
    assert result["wrong"] == 0, result


def test_known_layouts_read_exactly_and_others_stop_with_one_line(result):
    if result["case"] in EXACT:
        assert result["exact"], result
    elif not result["exact"]:
        assert result["published"] == 0 and result["stop"] and "\n" not in result["stop"]
        assert "page " in result["stop"]
