"""A seed document as a Word document (python-docx) in one variant's style, converted to PDF by LibreOffice."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from tools.renderings.story import Break, Document, Para, Run, TableBlock
from tools.renderings.variants import MARGINS, PAGES, Variant

ROLE = {  # role -> (size relative to the body, bold, space before, space after in points)
    "title": (2.0, True, 4, 12), "h1": (1.4, True, 10, 6), "h2": (1.15, True, 8, 4),
    "body": (1.0, False, 0, 6), "compact": (1.0, False, 0, 1), "contact": (1.0, False, 5, 1),
    "logo": (1.2, True, 0, 2), "footnote": (0.85, False, 6, 6),
}
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def soffice() -> str | None:
    """The LibreOffice executable, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _add_runs(p, runs: list[Run], size: float | None = None, bold: bool = False) -> None:
    for r in runs:
        if r.br:
            p.add_run().add_break(WD_BREAK.LINE)
            continue
        run = p.add_run(r.text)
        run.bold = r.bold or bold or None
        run.italic = r.italic or None
        if size:
            run.font.size = Pt(size)


def _field(paragraph, instr: str) -> None:
    """A field (PAGE, NUMPAGES) at the end of the paragraph."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _border(element, sides: dict[str, float]) -> None:
    """Borders (side -> width in points) on a table cell's properties."""
    tc_pr = element.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side, width in sides.items():
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single" if width else "nil")
        b.set(qn("w:sz"), str(int(width * 8)))
        b.set(qn("w:color"), "000000")
        borders.append(b)
    tc_pr.append(borders)


def _shade(cell, colour: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shd)


def _table(d, t: TableBlock, v: Variant, width_mm: float) -> None:
    table = d.add_table(rows=len(t.rows), cols=len(t.widths))
    table.autofit = False
    total = sum(t.widths)
    widths = [Mm(width_mm * w / total) for w in t.widths]
    for j, col in enumerate(table.columns):
        col.width = widths[j]
    for i, row in enumerate(t.rows):
        if i < t.header_rows:  # repeated at the top of every page the table runs on to
            tr_pr = table.rows[i]._tr.get_or_add_trPr()
            head = OxmlElement("w:tblHeader")
            head.set(qn("w:val"), "true")
            tr_pr.append(head)
        for j, c in enumerate(row):
            cell = table.cell(i, j)
            cell.width = widths[j]
            p = cell.paragraphs[0]
            p.alignment = ALIGN.get(c.align, WD_ALIGN_PARAGRAPH.LEFT)
            p.paragraph_format.space_after = Pt(0)
            _add_runs(p, c.runs, v.size - 0.5, c.bold)
            if t.rules == "grid":
                _border(cell._tc, {"top": 0.6, "left": 0.6, "bottom": 0.6, "right": 0.6})
            else:
                _border(cell._tc, {"top": 1.0 if i == 0 else 0, "bottom": 1.0 if i == len(t.rows) - 1 else 0.5})
            if i in t.shaded:
                _shade(cell, "D9D9D9")
    for c0, r0, c1, r1 in t.spans:
        a, b = table.cell(r0, c0), table.cell(r1, c1)
        keep = [p.text for p in a.paragraphs]
        merged = a.merge(b)
        for p in merged.paragraphs[1:]:  # merge() keeps the covered cells' (empty) paragraphs
            if not p.text:
                p._p.getparent().remove(p._p)
        assert [p.text for p in merged.paragraphs][:1] == keep[:1]


def _list_item(d, p: Para, v: Variant, number: int):
    fmt_size = v.size
    if p.bullet not in (None, "bullet"):
        marker = p.bullet
    elif v.bullets == "disc":
        para = d.add_paragraph(style="List Bullet")
        _add_runs(para, p.runs, fmt_size)
        return para
    elif v.bullets == "dash":
        marker = "\u2013"
    else:
        marker = f"{number}."
    para = d.add_paragraph()
    para.paragraph_format.left_indent = Mm(8)
    para.paragraph_format.first_line_indent = Mm(-6)
    para.paragraph_format.tab_stops.add_tab_stop(Mm(8))
    para.add_run(marker + "\t").font.size = Pt(fmt_size)
    _add_runs(para, p.runs, fmt_size)
    return para


def _right_tab(paragraph, at) -> None:
    """A right-aligned tab stop at `at`, the template's Header/Footer tab stops cleared."""
    stops = paragraph.paragraph_format.tab_stops
    for twips in (4680, 9360):
        stops.add_tab_stop(Twips(twips), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(at, WD_TAB_ALIGNMENT.RIGHT)


def document_docx(doc: Document, v: Variant, out: Path) -> Path:
    """Write the document as a .docx in the variant's style."""
    d = new_docx()
    w, h = PAGES[v.page]
    sec = d.sections[0]
    if doc.landscape:
        w, h = h, w
        sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(w), Mm(h)
    m = MARGINS[v.margins]
    sec.left_margin = sec.right_margin = Mm(m)
    sec.top_margin, sec.bottom_margin = Mm(m + (8 if v.running else 0)), Mm(m + (6 if v.running else 0))
    sec.header_distance = sec.footer_distance = Mm(max(6.0, m - 4))
    normal = d.styles["Normal"]
    normal.font.name = v.font
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), v.font)
    normal.font.size = Pt(v.size)
    normal.paragraph_format.line_spacing = 1.15
    for style in ("List Bullet",):
        d.styles[style].font.name = v.font
    if v.running:
        hp = sec.header.paragraphs[0]
        run = hp.add_run(doc.header)
        run.bold, run.font.size = True, Pt(11)
        if doc.header_right:
            _right_tab(hp, Mm(w - 2 * m))
            r2 = hp.add_run("\t" + doc.header_right)
            r2.bold, r2.font.size = True, Pt(11)
        if doc.header_sub:
            sub = sec.header.add_paragraph()
            sub.add_run(doc.header_sub).font.size = Pt(7.5)
        fp = sec.footer.paragraphs[0]
        _right_tab(fp, Mm(w - 2 * m))
        fp.add_run(doc.short_title + "\t").font.size = Pt(8)
        before, _, rest = v.footer.partition("{n}")
        fp.add_run(before).font.size = Pt(8)
        _field(fp, "PAGE")
        if "{N}" in rest:
            fp.add_run(rest.split("{N}")[0]).font.size = Pt(8)
            _field(fp, "NUMPAGES")
    else:
        lp = d.add_paragraph()
        r = lp.add_run(doc.header + (" \u2014 " + doc.header_right if doc.header_right else ""))
        r.bold, r.font.size = True, Pt(12)
        if doc.header_sub:
            d.add_paragraph().add_run(doc.header_sub).font.size = Pt(7.5)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY if v.justify else WD_ALIGN_PARAGRAPH.LEFT
    number = 0
    page_break = False
    for b in doc.blocks:
        if isinstance(b, Para):
            if b.bullet:
                number += 1
                para = _list_item(d, b, v, number)
                para.alignment = justify
            else:
                number = 0
                scale, bold, before, after = ROLE.get(b.role, ROLE["body"])
                para = d.add_paragraph()
                _add_runs(para, b.runs, v.size * scale, bold)
                para.paragraph_format.space_before = Pt(before)
                para.paragraph_format.space_after = Pt(after)
                para.alignment = (WD_ALIGN_PARAGRAPH.RIGHT if b.role == "logo" else
                                  justify if b.role in ("body", "footnote") else WD_ALIGN_PARAGRAPH.LEFT)
                if b.role in ("title", "h1", "h2"):
                    para.paragraph_format.keep_with_next = True
            if page_break:
                para.paragraph_format.page_break_before = True
                page_break = False
        elif isinstance(b, TableBlock):
            number = 0
            _table(d, b, v, w - 2 * m)
            d.add_paragraph().paragraph_format.space_after = Pt(0)
        elif isinstance(b, Break) and b.kind == "page":
            page_break = True
        elif isinstance(b, Break) and b.kind == "space":
            d.add_paragraph().paragraph_format.space_after = Pt(b.points)
    d.save(str(out))
    return out


def render(doc: Document, v: Variant, out: Path, timeout: float = 180) -> Path:
    """Write the document as DOCX and convert it to `out` (a PDF) with headless LibreOffice."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="renderings-lo-") as tmp:
        src = Path(tmp) / (out.stem + ".docx")
        document_docx(doc, v, src)
        profile = Path(tmp) / "profile"
        env = {**os.environ, "HOME": tmp}
        subprocess.run([exe, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=timeout, env=env)
        made = Path(tmp) / (out.stem + ".pdf")
        if not made.is_file() or made.stat().st_size == 0:
            raise RuntimeError(f"LibreOffice wrote no PDF for {v.name}")
        shutil.move(str(made), out)
    return out
