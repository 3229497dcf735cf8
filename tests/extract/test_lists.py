"""The targets list read as word processors print it, with every item and figure accounted for."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from helpers.families import summary_without_rule
from helpers.tools import require

from pipeline.errors import BadInput
from pipeline.extract import document
from pipeline.extract.document import extract_document
from pipeline.extract.layout import Line, Word
from pipeline.extract.lists import _items
from pipeline.normalise.stage import normalise_documents
from pipeline.settings import ExtractSettings

REPO = Path(__file__).resolve().parents[2]

# Invented figures for a Local Policing Summary of Enfield (synthetic test document).
PERFORMANCE = ["Residential burglary 210 offences or \u221212.1% Target achieved",
               "Total robbery 44 offences or +6.0% Target missed",
               "Gun crime 7 offences or \u221221.9% Target achieved"]
TARGETS = ["2.3% reduction in serious acquisitive crime",
           "4.0% reduction in most serious violence and 1.0% reduction in serious youth violence",
           "1.6% reduction in gun crime, 1.0% reduction in knife crime",
           "challenging targets for sanction detection rates across specific crime types."]
EXPECTED = {("serious_acquisitive_crime", 2.3), ("most_serious_violence", 4.0), ("serious_youth_violence", 1.0),
            ("gun_crime", 1.6), ("knife_crime", 1.0)}


def _docx(path: Path) -> None:
    """A summary written with python-docx: Word's own bullet list, two targets on some lines, one wrapping."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Normal"].font.size = Pt(13)
    d.add_heading("Local Policing Summary Enfield", level=1)
    d.add_paragraph("A synthetic test document: the figures are invented.")
    d.add_heading("How did Enfield perform during 2009/10?", level=2)
    for row in PERFORMANCE:
        d.add_paragraph(row)
    d.add_paragraph("Looking forward")
    d.add_heading("Priorities for 2010/11", level=2)
    for item in TARGETS:
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("Have your say on policing in London", level=2)
    d.add_paragraph("Public consultation plays an important part in setting the annual policing priorities.")
    d.save(str(path))


def _to_pdf(docx_path: Path) -> Path:
    """The document saved as PDF by LibreOffice (its own profile, so parallel runs do not collide)."""
    soffice = require("soffice")
    profile = docx_path.parent / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(docx_path.parent), str(docx_path)], check=True, capture_output=True, timeout=240,
                   env={**os.environ, "HOME": str(docx_path.parent)})
    return docx_path.with_suffix(".pdf")


@pytest.fixture(scope="module")
def word_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docx")
    _docx(folder / "Local Policing Summary Enfield.docx")
    return _to_pdf(folder / "Local Policing Summary Enfield.docx")


@pytest.mark.needs("soffice")
def test_word_processor_bullets_and_two_targets_per_line_give_all_five(word_pdf: Path) -> None:
    doc = extract_document(word_pdf, {}, ExtractSettings())
    rows = doc["records"]["borough_targets"]
    assert len(rows) == 5
    doc["source_id"] = "lps-enfield-synthetic"
    tables = normalise_documents([doc]).tables
    assert {(r["crime_type_id"], r["target_reduction_percent"]) for r in tables["borough_targets"]} == EXPECTED
    (cover,) = doc["coverage"]["lists"]
    assert cover["bullets"] == 4 and cover["items"] == 4 and cover["rows"] == 5
    assert cover["items_explained"] == {"sanction_detection_targets": 1} and cover["left_over"] == 0


@pytest.mark.needs("soffice")
def test_list_items_carry_boxes_of_their_percent_and_label(word_pdf: Path) -> None:
    rows = extract_document(word_pdf, {}, ExtractSettings())["records"]["borough_targets"]
    for r in rows:
        pct, label = r["cells"]["percent_raw"], r["cells"]["label_raw"]
        assert pct["text"] == r["percent_raw"] and label["text"] == r["label_raw"]
        wrapped = label["top"] >= pct["bottom"]  # the label went on to the next line
        assert (pct["x1"] <= label["x0"] or wrapped) and pct["page"] == label["page"] == r["page"]
        assert label["top"] < label["bottom"]


def test_removing_a_rule_stops_with_one_line_naming_the_unread_text(monkeypatch) -> None:
    monkeypatch.setattr(document, "recognise", lambda text: summary_without_rule("lists", "sanction_detection_targets"))
    with pytest.raises(BadInput) as e:
        extract_document(REPO / "raw" / "lps_havering_2009-10.pdf", {}, ExtractSettings())
    line = e.value.line()
    assert "\n" not in line and line.startswith("lps_havering_2009-10.pdf: page 4:")
    assert "challenging targets for sanction detection rates" in line


@pytest.mark.needs("soffice")
def test_removing_a_rule_fails_the_build_and_publishes_nothing(tmp_path: Path, word_pdf: Path, monkeypatch) -> None:
    monkeypatch.setattr(document, "recognise", lambda text: summary_without_rule("lists", "sanction_detection_targets"))
    with pytest.raises(BadInput, match=r"Enfield\.pdf: page \d+: .*challenging targets"):
        extract_document(word_pdf, {}, ExtractSettings())


def _line(texts: list[str], top: float) -> Line:
    x, words = 50.0, []
    for t in texts:
        words.append(Word(t, x, x + 6 * len(t), top, top + 10, 10))
        x += 6 * len(t) + 4
    return Line(tuple(words))


@pytest.mark.parametrize("bullet", ["\u2022", "\u25aa", "\u2013", "\uf0b7", "\uf0a7", "o", "1.", "(cid:127)"])
def test_bullets_as_tools_print_them_start_items_and_other_lines_continue_them(bullet: str) -> None:
    region = [(0, _line([bullet, "2.3%", "reduction", "in", "serious"], 100)),
              (0, _line(["acquisitive", "crime"], 112)),
              (1, _line([bullet, "4.0%", "reduction", "in", "knife", "crime"], 40))]
    items, bullets = _items(region)
    assert bullets == 2
    texts = [" ".join(w.text for _, w in it.words) for it in items]
    assert texts == ["2.3% reduction in serious acquisitive crime", "4.0% reduction in knife crime"]
    assert [p for p, _ in items[1].words] == [2] * 5


def test_a_glued_bullet_is_taken_off_its_word() -> None:
    items, bullets = _items([(0, _line(["\u2022" + "2.6%", "reduction", "in", "gun", "crime"], 100))])
    assert bullets == 1 and items[0].words[0][1].text == "2.6%"
    assert re.fullmatch(r"\d\.\d%", items[0].words[0][1].text)


def _split_list_pdf(path: Path, on_first_page: int) -> None:
    """A summary (fpdf2) whose targets list runs from page 1 onto page 2 (`on_first_page` of its lines on
    page 1), under a running header and footer."""
    import reportlab
    from fpdf import FPDF

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdf = FPDF(format="A4")
    pdf.add_font("Vera", "", str(vera))
    pdf.set_font("Vera", size=10)
    pdf.set_auto_page_break(False)
    intro = ["Local Policing Summary Camden", "A synthetic test document: the figures are invented.",
             "How did Camden perform during 2009/10?",
             "Residential burglary 210 offences or -12.1% Target achieved",
             "Total robbery 44 offences or +6.0% Target missed", "Looking forward"]
    listed = ["Priorities for 2010/11", "\u2022 2.3% reduction in serious acquisitive crime",
              "\u2022 4.0% reduction in most serious violence, 1.0% reduction in serious youth violence",
              "\u2022 1.6% reduction in gun crime, 1.0% reduction in", "knife crime",
              "\u2022 challenging targets for sanction detection rates across specific crime types.",
              "Have your say on policing in London"]
    k = 1 + on_first_page
    for n, lines in enumerate((listed[:k], listed[k:]), start=1):
        pdf.add_page()
        pdf.text(20, 12, "Metropolitan Police Authority")
        y = 230.0 if n == 1 else 30.0
        if n == 1:
            for j, text in enumerate(intro):
                pdf.text(20, 30 + 8 * j, text)
        for text in lines:
            pdf.text(20, y, text)
            y += 5
        pdf.text(20, 287, f"Local Policing Summary Camden Page {n}")
    pdf.output(str(path))


@pytest.mark.parametrize("on_first_page", [3, 0])
def test_a_list_running_onto_the_next_page_is_read_past_the_running_footer(tmp_path: Path, on_first_page: int) -> None:
    path = tmp_path / "camden.pdf"
    _split_list_pdf(path, on_first_page)
    doc = extract_document(path, {}, ExtractSettings())
    rows = doc["records"]["borough_targets"]
    assert [(r["label_raw"], r["percent_raw"]) for r in rows][-1] == ("knife crime", "1.0")
    if on_first_page == 3:  # the last target starts on page 1 and its label ends on page 2
        assert rows[-1]["cells"]["label_raw"]["page"] == 2 and rows[-1]["cells"]["percent_raw"]["page"] == 1
    doc["source_id"] = "lps-camden-synthetic"
    assert {(r["crime_type_id"], r["target_reduction_percent"])
            for r in normalise_documents([doc]).tables["borough_targets"]} == EXPECTED
    (cover,) = doc["coverage"]["lists"]
    assert cover["running_lines_skipped"] == 2 and cover["items"] == 4 and cover["left_over"] == 0
