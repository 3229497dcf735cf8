"""`python -m pipeline explain`: PNGs of what was read, and the chosen reader with its verification."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from tests.conftest import RAW, run_cli
from tools.layouts.sweep import render

# every test runs `python -m pipeline explain` as a user would
pytestmark = pytest.mark.cli

# a sweep layout whose table no reader verifies: a monospaced summary table with narrow gutters, where the
# space between a label's words, the gap before its count and the gap after the count are all one character
# wide and every count is as wide ("1,479"), so the label's column takes the count ("Residential 1,479 burglary")
STOPS = {"case": 287, "family": "performance", "engine": "reportlab", "font": "mono", "size": "9",
         "rules": "horizontal", "align": "right", "valign": "top", "wrap": "yes", "subheaders": "yes",
         "header_lines": "multi", "split": "repeated", "orientation": "landscape", "prose": "yes",
         "second_table": "yes", "negative": "hyphen", "plus": "yes", "thousands": "yes", "percent_in": "header",
         "gutter": "narrow", "running": "no"}


def _green(png: Path) -> int:
    """Pixels drawn in the cell boxes' green (pdfplumber's debug drawing), not in the page itself."""
    im = Image.open(png).convert("RGB")
    return sum(1 for r, g, b in im.getdata() if g > 150 and r < 120 and b < 120)


def test_explain_draws_every_table_page_of_a_raw_pdf(tmp_path):
    pdf = RAW / "local_borough_priorities_2017-18.pdf"
    done = run_cli("explain", pdf, "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "borough_priorities: chosen reader: geometry" in done.stdout and "    geometry: verified" in done.stdout
    assert "camelot" not in done.stdout  # no later candidate is read once one verifies
    pngs = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in pngs] == [f"local_borough_priorities_2017-18_p{n}.png" for n in (2, 3)]
    with pdfplumber.open(pdf) as doc:
        width, height = doc.pages[1].width, doc.pages[1].height
    im = Image.open(pngs[0])
    assert abs(im.width - width * 100 / 72) <= 2 and abs(im.height - height * 100 / 72) <= 2
    assert _green(pngs[0]) > 2000  # the cell boxes are drawn


def test_explain_a_page_without_a_table_draws_no_boxes(tmp_path):
    done = run_cli("explain", RAW / "lps_barnet_2009-10.pdf", "--page", "1", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    (png,) = tmp_path.glob("*_p1.png")
    assert _green(png) < 50


@pytest.mark.needs("dejavu")
def test_explain_a_pdf_that_stops_the_build_names_the_failing_check(tmp_path):
    pdf = tmp_path / "stops.pdf"
    render(STOPS, pdf)
    built = run_cli("extract", "--raw", tmp_path, "--out", tmp_path / "extracted", "--no-cache")
    assert built.returncode != 0 and "borough_performance table, page 1: no reading verified; best (" in built.stderr
    done = run_cli("explain", pdf, "--out", tmp_path / "png")
    assert done.returncode == 0, done.stderr
    assert "borough_performance: no reader verified" in done.stdout
    assert "    geometry: page 1: cannot read the change" in done.stdout and "    camelot hybrid: " in done.stdout
    best = built.stderr.split("best (")[1].split(")")[0]
    assert f"    best: {best}" in done.stdout  # the build's stop and explain name the same best reading
    assert list((tmp_path / "png").glob("stops_p*.png"))


def test_explain_a_missing_page_is_one_line_and_exit_3(tmp_path):
    done = run_cli("explain", RAW / "lps_barnet_2009-10.pdf", "--page", "99", "--out", tmp_path)
    assert done.returncode == 3 and done.stderr.count("\n") == 1 and "no page 99" in done.stderr
