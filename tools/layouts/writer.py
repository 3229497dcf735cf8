"""The "libreoffice" engine: a Content as a Writer document with a real table (DOCX by python-docx), made a PDF by
LibreOffice (`soffice --headless --convert-to pdf`, a private profile per call, several documents per call).

Realised in the document: fonts and sizes, table borders (grid, horizontal, header rule, none), row shading
(zebra) and cell shading, paragraph alignment in cells (decimal: a decimal tab stop in each numeric cell; Writer
ends a figure without a decimal point at the stop, so a closing bracket does not always hang after the digits),
vertical alignment of cells, column widths that make labels and borough names wrap, merged heading cells with
and without sub-headers, header rows repeated at page breaks ("repeat heading"; a split "different" or
"not_repeated" is two tables with a page break between), portrait and landscape sections, prose, a second table,
and a running header and footer with PAGE fields.
"""
from __future__ import annotations

import shutil
from datetime import UTC, datetime
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from tools.layouts.content import Content, Header, header_cells
from tools.layouts.render import fit, fixed_dates

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice") or "/usr/bin/soffice"
FAMILY = {"sans": "DejaVu Sans", "serif": "DejaVu Serif", "mono": "DejaVu Sans Mono"}
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "centre": WD_ALIGN_PARAGRAPH.CENTER}
VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
          "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM}


def available() -> bool:
    """Whether LibreOffice can be run here."""
    return Path(SOFFICE).exists()


def _el(tag: str, **attrs: str) -> OxmlElement:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _borders(parent, tag: str, sides: dict[str, str]) -> None:
    """Set w:tblBorders / w:tcBorders of `parent` (a tblPr or tcPr): side -> "single" or "nil"."""
    box = _el(tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in sides:
            box.append(_el(f"w:{side}", val=sides[side], sz="4" if sides[side] != "nil" else "0", space="0",
                           color="000000"))
    parent.append(box)


def _shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(_el("w:shd", val="clear", color="auto", fill=fill))


def _text(par, text: str, size: float, font: str) -> None:
    run = par.add_run(text)
    run.font.size, run.font.name = Pt(size), font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), font)


def _para(doc, text: str, size: float, font: str) -> None:
    par = doc.add_paragraph()
    par.paragraph_format.space_after = Pt(size * 0.5)
    _text(par, text, size, font)


def _table(doc, c: Content, rows: list[list[str]], header: list[list[Header]], widths: list[float], d: dict,
           font: str) -> None:
    size = float(d["size"])
    n_head = len(header)
    table = doc.add_table(rows=n_head + len(rows), cols=len(widths))
    tbl_pr = table._tbl.tblPr
    rules = d["rules"]
    if rules == "grid":
        _borders(tbl_pr, "w:tblBorders", dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"),
                                                         "single"))
    elif rules == "horizontal":
        _borders(tbl_pr, "w:tblBorders", {"top": "single", "bottom": "single", "insideH": "single"})
    gutter = {"narrow": 2.5, "wide": 11.0}[d["gutter"]]
    margins = _el("w:tblCellMar")
    for side, value in (("top", 3), ("left", gutter), ("bottom", 3), ("right", gutter)):
        margins.append(_el(f"w:{side}", w=str(int(value * 20)), type="dxa"))
    tbl_pr.append(margins)
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(_el("w:tblW", w=str(int(sum(widths) * 20)), type="dxa"))
    tbl_pr.append(_el("w:tblLayout", type="fixed"))
    for i, col in enumerate(table.columns):
        col.width = Pt(widths[i])
    for r, row in enumerate(table.rows):
        for i, cell in enumerate(row.cells):
            cell.width = Pt(widths[i])
        if r < n_head:
            row._tr.get_or_add_trPr().append(_el("w:tblHeader"))
        row._tr.get_or_add_trPr().append(_el("w:cantSplit"))
    for r, col, down, span, text in header_cells(header, len(widths)):
        cell = table.cell(r, col)
        if down > 1 or span > 1:
            cell = cell.merge(table.cell(r + down - 1, col + span - 1))
        par = cell.paragraphs[0]
        par.paragraph_format.space_after = Pt(0)
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER if span > 1 or d["align"] == "centre" else WD_ALIGN_PARAGRAPH.LEFT
        cell.vertical_alignment = VALIGN["top"]
        _text(par, text, size, font)  # wraps (or not) within the column widths, as in the other engines
    if n_head and rules in ("header", "zebra", "cellbg", "horizontal", "grid"):
        for cell in table.rows[n_head - 1].cells:
            _borders(cell._tc.get_or_add_tcPr(), "w:tcBorders", {"bottom": "single"})
    for r, values in enumerate(rows):
        for i, text in enumerate(values):
            cell = table.cell(n_head + r, i)
            cell.vertical_alignment = VALIGN[d["valign"]]
            par = cell.paragraphs[0]
            par.paragraph_format.space_after = Pt(0)
            numeric = c.numeric[i]
            if numeric and d["align"] == "decimal":  # a decimal tab at the cell's right: digits end there
                stop = Pt(widths[i] - 2 * gutter - 4)
                par.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.DECIMAL)
                _text(par, "\t" + text, size, font)
            else:
                par.alignment = ALIGN["left" if not numeric and d["align"] != "centre" or d["align"] == "decimal"
                                      else d["align"]]
                _text(par, text, size, font)
            if rules == "zebra" and r % 2 == 1 or rules == "cellbg" and i == 0:
                _shade(cell, "E6E6E6" if rules == "zebra" else "D9D9D9")


def _running(section, font: str) -> None:
    """A header and footer on every page, each with the page's number (a PAGE field)."""
    for part, before, after in ((section.header, "London policing | Page ", ""),
                                (section.footer, "", " \u00b7 Report 2019 No. 17")):
        par = part.paragraphs[0]
        _text(par, before, 7, font)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            run = par.add_run()  # a field is runs of its own: begin, instruction, separate, result, end
            run.font.size, run.font.name = Pt(7), font
            run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), font)
            if kind:
                run._r.append(_el("w:fldChar", fldCharType=kind))
            elif text == " PAGE ":
                instr = _el("w:instrText")
                instr.text = text
                run._r.append(instr)
            else:
                run.add_text(text)
        _text(par, after, 7, font)


def document(c: Content, d: dict, widths_pt: list[float], least: list[float], prose_count: int, split_at: int,
             path: Path) -> None:
    """Write one case as a .docx at `path`."""
    doc = Document()
    font = FAMILY[d["font"]]
    section = doc.sections[0]
    long_, short = Pt(842), Pt(595)
    if d["orientation"] == "landscape":
        section.orientation, section.page_width, section.page_height = WD_ORIENT.LANDSCAPE, long_, short
    else:
        section.orientation, section.page_width, section.page_height = WD_ORIENT.PORTRAIT, short, long_
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(50))
    section.header_distance = section.footer_distance = Pt(20)
    if d["running"] == "yes":
        _running(section, font)
    gutter = {"narrow": 5.0, "wide": 22.0}[d["gutter"]]
    widths = fit(widths_pt, least, gutter, (842 if d["orientation"] == "landscape" else 595) - 100)
    for t in c.title:
        _para(doc, t, 16 if t == c.title[-1] else 9, font)
    for _ in range(prose_count):
        _para(doc, "Neighbourhood officers work with councils and partners on what matters most locally; in 2019 "
                   "there were 1,200 meetings across 32 boroughs and 630 wards.", 10, font)
    _para(doc, c.caption, 12, font)
    if split_at > 0:
        _table(doc, c, c.rows[:split_at], c.headers, widths, d, font)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        header = c.headers
        if d["split"] == "different" and c.headers:
            header = [[Header(h.text.replace("Borough", "Borough (continued)"), h.col, h.span)
                       for h in c.headers[-1]]]
        elif d["split"] == "not_repeated":
            header = []
        _table(doc, c, c.rows[split_at:], header, widths, d, font)
    else:
        _table(doc, c, c.rows, c.headers, widths, d, font)
    for t in c.after:
        _para(doc, t, 9, font)
    if d["second_table"] == "yes":
        _para(doc, "Contact your Safer Neighbourhoods team", 11, font)
        table = doc.add_table(rows=3, cols=2)
        for r, (ward, phone) in enumerate((("Central ward", "020 7230 1212"), ("North ward", "020 8721 3300"),
                                           ("River ward", "101 ext 4477"))):
            _text(table.cell(r, 0).paragraphs[0], ward, float(d["size"]), font)
            _text(table.cell(r, 1).paragraphs[0], phone, float(d["size"]), font)
    doc.core_properties.created = doc.core_properties.modified = datetime(2020, 1, 1, tzinfo=UTC)
    doc.save(str(path))


def convert(docs: list[Path], out: Path) -> None:
    """PDFs of `docs` in `out` (same stems), in one soffice call with its own profile."""
    if not docs:
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to",
                        "pdf", "--outdir", str(out), *map(str, docs)], check=True, capture_output=True,
                       timeout=60 + 20 * len(docs))
    for doc in docs:
        fixed_dates(out / f"{doc.stem}.pdf")
