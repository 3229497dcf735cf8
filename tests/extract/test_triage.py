"""Page triage: light page views give pdfplumber's own lines and rules, and triage never changes a result."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pipeline.extract.families import load_families
from pipeline.extract.layout import horizontal_rules, page_to_lines
from pipeline.extract.triage import PageView, hint_family, holds_table, page_texts
from tests.conftest import CORPUS, RAW

FAMILIES = {f.name: f for f in load_families()}
RAW_PDFS = sorted(RAW.glob("*.pdf"))


def _corpus_pdfs() -> list[Path]:
    """Corpus PDFs made by other tools than raw/'s (Chromium, fpdf2), when ../shared is present."""
    return sorted(p for case in ("officers_synth_chromium", "priorities_2018_hrules", "lps_bexley_synth")
                  for p in (CORPUS / case).glob("*.pdf"))


@pytest.mark.sweep
@pytest.mark.parametrize("path", RAW_PDFS + _corpus_pdfs(), ids=lambda p: p.name)
def test_view_lines_and_rules_are_pdfplumbers(path: Path) -> None:
    """Every page: the same Lines (floats and all) and the same horizontal rules as a full pdfplumber page."""
    with pdfplumber.open(path) as full, pdfplumber.open(path) as light:
        for page, other in zip(full.pages, light.pages):
            view = PageView(other)
            assert page_to_lines(view) == page_to_lines(page), f"page {page.page_number}"
            view.release()  # parsed again on demand
            assert view.edges == page.edges
            assert horizontal_rules(view, 0, page.width) == horizontal_rules(page, 0, page.width)


@pytest.mark.parametrize("path", RAW_PDFS, ids=lambda p: p.name)
def test_pdfium_hint_names_the_family(path: Path) -> None:
    """pypdfium2's text recognises the same family as the pdfplumber lines do (else only memory is spent)."""
    texts = page_texts(path)
    with pdfplumber.open(path) as pdf:
        assert len(texts) == len(pdf.pages)
    family = hint_family(texts)
    assert family is not None
    assert family.name == {"draft": "police_and_crime_plan", "local": "local_borough_priorities",
                           "lps": "local_policing_summary", "mayor": "mayors_letter"}[path.name.split("_")[0]]


def test_holds_table_anchor_is_case_sensitive() -> None:
    """A page qualifies when a line matches a table's anchor (case-sensitive) or its caption."""
    priorities = FAMILIES["local_borough_priorities"].tables
    assert holds_table(priorities, ["Barnet   Sexual violence   ASB   Burglary"])
    assert holds_table(priorities, ["Camden   ALL   ASB"])
    assert not holds_table(priorities, ["all boroughs tackle asb together"])
    lps = FAMILIES["local_policing_summary"].tables
    assert holds_table(lps, ["How did Barnet perform during 2009/10?"])  # caption only
    assert not holds_table(lps, ["how did barnet do"])
    assert not holds_table([], ["Camden   ALL   ASB"])


def test_pages_without_tables_are_released() -> None:
    """Triage keeps the parse only of pages that may hold a table: the officers table is on one page."""
    from pipeline.extract.document import _page_lines

    path = RAW / "draft_police_and_crime_plan_2013.pdf"
    hint = hint_family(page_texts(path))
    with pdfplumber.open(path) as pdf:
        views = [PageView(p) for p in pdf.pages]
        for v in views:
            _page_lines(v, hint)
        kept = [v.page_number for v in views if hasattr(v.page, "_layout")]
    assert 0 < len(kept) < len(views) / 2
