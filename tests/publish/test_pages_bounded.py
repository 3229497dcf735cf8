"""Issue 23: page images are drawn in a process bounded in memory and time, never above MAX_PIXELS: a small
PDF with a 40,000 or 100,000 pt page drove the build's own process to 5 GB, or to a MemoryError traceback."""
from __future__ import annotations

import resource
import shutil

import pikepdf
import pytest
from PIL import Image

from pipeline.publish import pages
from pipeline.safe_files import sha256_bounded
from tests.conftest import RAW

HAVERING = RAW / "lps_havering_2009-10.pdf"


def _with_page_side(path, side: float):
    with pikepdf.open(HAVERING) as pdf:
        pdf.pages[0].MediaBox = [0, 0, side, side]
        pdf.save(path)
    return path


@pytest.mark.parametrize("side", [40_000, 100_000])
def test_a_huge_page_is_drawn_scaled_down_without_the_memory_of_the_build(tmp_path, side):
    raw = tmp_path / "raw"
    raw.mkdir()
    pdf = _with_page_side(raw / "big.pdf", side)
    source = {"source_id": "big", "file": "big.pdf", "sha256": sha256_bounded(pdf, 1 << 30)}
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    notes: list[str] = []
    drawn = pages.render_pages(raw, [source], [("big", 1), ("big", 2)], tmp_path / "out", notes)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert sorted(drawn) == ["pages/big-p1.png", "pages/big-p2.png"] and notes == []
    assert drawn["pages/big-p1.png"]["width"] == side
    with Image.open(tmp_path / "out" / "pages" / "big-p1.png") as image:
        assert image.width * image.height <= pages.MAX_PIXELS and max(image.size) <= pages.MAX_SIDE
    assert grown_mb < 300  # drawn in the worker: this process holds the PNGs only


def test_a_page_over_the_time_limit_is_left_out_with_a_note(tmp_path):
    shutil.copy(HAVERING, tmp_path / "h.pdf")
    answers = list(pages.draw_pages((tmp_path / "h.pdf").read_bytes(), [1, 2, 3], seconds=0))
    assert answers == [("bad", 0, "over the time limit (0 s)")]


def test_a_normal_page_keeps_its_scale():
    assert pages.page_scale(595.28, 841.89) == pages.PAGE_SCALE
    assert pages.page_scale(40_000, 40_000) < 0.06
