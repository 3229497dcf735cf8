"""The sweep's chromium (HTML/CSS) and libreoffice (Writer) engines realise the layout values they claim."""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from helpers.tools import ENGINES, require_engine
from tests.layouts.test_sweep_sample import BASE
from tools.layouts.sweep import render

pytestmark = pytest.mark.sweep


def _engines(*names: str) -> list:
    """Parameters: each engine with the tools it drives."""
    return [pytest.param(e, marks=pytest.mark.needs(*ENGINES[e])) for e in names]


def _pdf(tmp_path: Path, case: int, family: str, **dims: str) -> Path:
    layout = {"case": case, "family": family, **BASE, **dims}
    require_engine(layout["engine"])
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"case_{case}.pdf"
    render(layout, path)
    return path


@pytest.mark.parametrize("engine", _engines("chromium", "libreoffice"))
def test_no_rules_draws_no_edges_and_a_grid_draws_verticals(tmp_path, engine):
    bare = _pdf(tmp_path, 11, "officers", engine=engine, rules="none")
    grid = _pdf(tmp_path, 12, "officers", engine=engine, rules="grid")
    with pdfplumber.open(bare) as pdf:
        assert all(not p.edges and not p.rects for p in pdf.pages)
    with pdfplumber.open(grid) as pdf:
        verticals = [e for e in pdf.pages[0].edges if e["orientation"] == "v"]
        assert len({round(e["x0"]) for e in verticals}) >= 8  # 7 columns: 8 lines between and around them


@pytest.mark.parametrize("engine", _engines("chromium", "libreoffice"))
def test_landscape_pages_are_wider_than_tall_with_numbered_running_lines(tmp_path, engine):
    path = _pdf(tmp_path, 13, "priorities", engine=engine, orientation="landscape", running="yes",
                split="repeated", size="11")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
        for n, page in enumerate(pdf.pages, start=1):
            assert page.width > page.height
            text = page.extract_text()
            assert re.search(rf"Page\s*{n}\b", text), text[:200]


@pytest.mark.parametrize("engine", _engines("chromium", "libreoffice"))
def test_zebra_rows_are_shaded_and_a_split_repeats_the_header(tmp_path, engine):
    path = _pdf(tmp_path, 14, "priorities", engine=engine, rules="zebra", split="repeated")
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[0].rects  # the shaded rows
        headers = [p for p in pdf.pages if "Mandatory" in (p.extract_text() or "")]
        assert len(headers) >= 2


@pytest.mark.parametrize("engine", _engines("chromium", "libreoffice", "reportlab"))
def test_decimal_alignment_ends_the_digits_at_one_x(tmp_path, engine):
    path = _pdf(tmp_path, 15, "officers", engine=engine, align="decimal", negative="parens", thousands="yes")
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[0].extract_words()
    below = min(float(w["bottom"]) for w in words if w["text"] == "Change")  # the table's rows, not the prose
    words = [w for w in words if float(w["top"]) > below]
    # (a figure with thousands separators has its commas; the header's years are not figures of the table)
    plain = [float(w["x1"]) for w in words if re.fullmatch(r"\d[\d,]*", w["text"])
             and not re.fullmatch(r"(19|20)\d\d", w["text"])]
    bracketed = [float(w["x1"]) for w in words if re.fullmatch(r"\(\d[\d,]*\)", w["text"])]
    ends: list[float] = []  # where the figures of each column end: one x per column (6 columns)
    for x in sorted(plain):
        if not ends or x - ends[-1] > 1.0:
            ends.append(x)
    assert len(ends) <= 6, ends
    assert bracketed
    if engine != "libreoffice":  # a negative change: its digits end where the column's do, its bracket hangs
        assert all(any(1.0 < x - e < 7.0 for e in ends) for x in bracketed)
    else:  # Writer's decimal tab stop: a figure without a decimal point ends at the stop, bracket or not
        assert all(any(-0.5 < x - e < 7.0 for e in ends) for x in bracketed)


def test_percent_in_the_header_prints_no_percent_in_the_cells(tmp_path):
    path = _pdf(tmp_path, 16, "performance", percent_in="header")
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Change (offences or %)" in text
    assert re.search(r"offences or [+\-\u2212\u2013]?\d+\.\d(?!%)", text) and "%" not in text.split("%)", 1)[1]


@pytest.mark.parametrize("engine", _engines("chromium", "libreoffice"))
def test_the_same_layout_gives_the_same_bytes(tmp_path, engine):
    first = _pdf(tmp_path / "a", 17, "officers", engine=engine, running="yes")
    again = _pdf(tmp_path / "b", 17, "officers", engine=engine, running="yes")
    assert first.read_bytes() == again.read_bytes()
