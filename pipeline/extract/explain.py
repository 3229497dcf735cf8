"""A picture of what was read: per page, the table's region, column boundaries, rows and cell boxes drawn
over the page (pdfplumber's visual debugging), and which reader was chosen and how it verified. The page is read
as the build reads it (pipeline.extract.open_pdf); pdfplumber only draws."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from pipeline.errors import BadInput, shown
from pipeline.extract.accounting import account_table
from pipeline.extract.candidates import TablePages, table_candidates
from pipeline.extract.choose import best, choose
from pipeline.extract.document import _table_records
from pipeline.extract.families import Family, recognise
from pipeline.extract.furniture import without_running
from pipeline.extract.grid import Grid
from pipeline.extract.layout import Line, page_to_lines
from pipeline.extract.open_pdf import open_checked
from pipeline.extract.verify import verify_steps
from pipeline.safe_files import UnsafeFile, open_regular
from pipeline.settings import ExtractSettings


@dataclass
class Reading:
    """One table's verdict: the reader chosen (or none), and each candidate's check."""

    resource: str
    chosen: str = ""
    grids: list[Grid] = field(default_factory=list)
    records: dict[str, list[dict]] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)


def _reading(path: Path, family: Family, table: dict, views: list, pages: list[list[Line]], text: str) -> Reading:
    """Each candidate tried on one table, in order, until one verifies; the chosen (or best) one's grids."""
    lines = without_running(pages)
    trials = choose(table_candidates(TablePages(path, views, lines, table)),
                    lambda grids: _table_records(path.name, family, table, grids, text, {"period": "unknown"}),
                    lambda found, grids: verify_steps(found, table, grids, lines),
                    lambda found, grids: account_table(path.name, table, grids,
                                                       [r for rows in found.values() for r in rows], pages))
    shown = trials[-1] if trials[-1].verified else best(trials)
    chosen = shown.name if shown.verified or shown.in_source else ""
    reading = Reading(table["resource"], chosen, shown.grids, shown.records)
    reading.checks = [f"{t.name}: {t.verdict()}" for t in trials]
    if shown.in_source:
        reading.checks.append(f"chosen: {shown.name}, whose rows all verified; the build stops until the printed "
                              "total is reviewed (schemas/accepted_discrepancies.yaml)")
    if not reading.chosen:
        reading.checks.append(f"best: {shown.name}")
    return reading


def read_tables(path: Path) -> tuple[str, list[Reading]]:
    """The document's family title and, for each of its tables, what each candidate read and whether it verified."""
    try:
        open_regular(path, ExtractSettings().max_bytes).close()  # a FIFO or a device is refused, not waited on
    except UnsafeFile as e:
        raise BadInput(shown(path.name), str(e).removeprefix(f"{shown(path)}: "), "give a PDF file", "io") from None
    _, pdf = open_checked(path, ExtractSettings())
    with pdf:
        views = pdf.pages
        pages = [page_to_lines(v) for v in views]
        text = "\n".join(ln.text for lines in pages for ln in lines)
        family = recognise(text)
        if family is None:
            raise BadInput(path.name, "not a known document family (no family spec in families/ matches its text)")
        return family.title, [_reading(path, family, table, views, pages, text) for table in family.tables]


def draw_page(page: pdfplumber.page.Page, grids: list[Grid], boxes: list[dict], path: Path) -> None:
    """The page with the table region (blue), column boundaries and rows (red) and cell boxes (green)."""
    im = page.to_image(resolution=100)
    for g in grids:
        x0 = min([b["x0"] for b in boxes] or [0.0])
        x1 = max([b["x1"] for b in boxes] or [float(page.width)])
        top, bottom = g.span if g.span != (0.0, 0.0) else (min([b["top"] for b in boxes] or [0.0]),
                                                           max([b["bottom"] for b in boxes] or [0.0]))
        im.draw_rect((x0 - 2, top - 2, x1 + 2, bottom + 2), fill=(0, 0, 255, 20), stroke="blue", stroke_width=2)
        if g.span != (0.0, 0.0):
            im.draw_vlines(list(g.bounds), stroke="red", stroke_width=1)
            im.draw_hlines([r.top for r in g.rows], stroke="red", stroke_width=1)
    for b in boxes:
        im.draw_rect((b["x0"], b["top"], b["x1"], b["bottom"]), fill=(0, 255, 0, 40), stroke=(0, 200, 0),
                     stroke_width=1)
    im.save(str(path), format="PNG")


def explain(path: Path, out_dir: Path, page_no: int | None = None) -> list[str]:
    """Write a PNG per page that holds a table (or page `page_no`); the lines to print."""
    title, readings = read_tables(path)
    lines = [f"{path.name}: {title}"]
    boxes: dict[int, list[dict]] = {}
    grids: dict[int, list[Grid]] = {}
    for r in readings:
        lines.append(f"  {r.resource}: " + (f"chosen reader: {r.chosen}" if r.chosen else "no reader verified"))
        lines.append("    candidates tried, cheapest first:")
        lines += [f"    {c}" for c in r.checks]
        for g in r.grids:
            grids.setdefault(g.page, []).append(g)
        for recs in r.records.values():
            for rec in recs:
                for box in (rec.get("cells") or {}).values():
                    boxes.setdefault(box["page"], []).append(box)
    out_dir.mkdir(parents=True, exist_ok=True)
    with pdfplumber.open(path) as pdf:
        if page_no is not None and not 1 <= page_no <= len(pdf.pages):
            raise BadInput(path.name, f"no page {page_no} (the PDF has {len(pdf.pages)} pages)")
        wanted = [page_no] if page_no else sorted(set(grids) | set(boxes))
        for n in wanted:
            png = out_dir / f"{path.stem}_p{n}.png"
            draw_page(pdf.pages[n - 1], grids.get(n, []), boxes.get(n, []), png)
            lines.append(f"  wrote {png}")
    if not wanted:
        lines.append("  no table was found on any page: nothing drawn")
    return lines
