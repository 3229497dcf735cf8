"""The five seed documents as neutral blocks, read from make_facsimiles' platypus Story (no re-transcription).

make_facsimiles lays each seed out as a Story of Paragraph / Table / PageBreak flowables; this module turns
those flowables back into plain blocks (a paragraph's role and styled runs, a list item's marker, a table's
cells, alignment, spans and header rows) that other engines (HTML for Chromium, DOCX for LibreOffice) lay
out again in their own way.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FACSIMILES = Path(__file__).resolve().parents[1] / "facsimiles"


def facsimiles():
    """make_facsimiles as a module (it lives beside the seeds, outside any package)."""
    if str(FACSIMILES) not in sys.path:
        sys.path.insert(0, str(FACSIMILES))
    import make_facsimiles

    return make_facsimiles


@dataclass(frozen=True)
class Run:
    """Text with one style; `br` is a line break inside the paragraph."""

    text: str
    bold: bool = False
    italic: bool = False
    br: bool = False


@dataclass
class Para:
    """A paragraph: its role (title, h1, h2, body, compact, contact, logo, footnote) and runs."""

    role: str
    runs: list[Run]
    bullet: str | None = None  # None, "bullet", or the printed number of a numbered item ("3.")

    @property
    def text(self) -> str:
        return "".join("\n" if r.br else r.text for r in self.runs)


@dataclass
class Cell:
    runs: list[Run]
    bold: bool = False
    align: str = "left"  # left, right, center


@dataclass
class TableBlock:
    rows: list[list[Cell]]
    spans: list[tuple[int, int, int, int]]  # (col0, row0, col1, row1) inclusive, as platypus SPAN
    header_rows: int
    widths: list[float]  # points, as the facsimile lays it out
    rules: str  # "grid" (every cell ruled) or "rows" (a rule under every row)
    shaded: list[int] = field(default_factory=list)  # rows with a grey background


@dataclass
class Break:
    kind: str  # "page" (a hard page break), "keep" (start a new page if little room is left), "space"
    points: float = 0.0


@dataclass
class Document:
    """One seed document: blocks and what the facsimile prints around them."""

    file: str
    seed: str
    title: str
    short_title: str
    publisher: str
    header: str
    header_sub: str | None
    header_right: str | None
    landscape: bool
    body_size: float
    blocks: list = field(default_factory=list)


TAG = re.compile(r"<(/?)(b|i|br/?|font[^>]*|/font)>")


def markup_runs(markup: str) -> list[Run]:
    """reportlab paragraph markup (<b>, <i>, <br/>, entities) -> runs."""
    runs: list[Run] = []
    bold = italic = False
    pos = 0
    for m in TAG.finditer(markup):
        text = html.unescape(markup[pos:m.start()])
        if text:
            runs.append(Run(text, bold, italic))
        pos = m.end()
        closing, tag = m.group(1) == "/", m.group(2)
        if tag == "b":
            bold = not closing
        elif tag == "i":
            italic = not closing
        elif tag.startswith("br"):
            runs.append(Run("", br=True))
    tail = html.unescape(markup[pos:])
    if tail:
        runs.append(Run(tail, bold, italic))
    return runs


def _align(style) -> str:
    return {0: "left", 1: "center", 2: "right", 4: "justify"}.get(style.alignment, "left")


def _para(flowable) -> Para:
    role = flowable.style.name
    bullet = None
    if flowable.bulletText:
        bullet = "bullet" if not re.match(r"\d", flowable.bulletText) else flowable.bulletText
    runs = markup_runs(flowable.text)
    if role in ("title", "h1", "h2", "logo", "cell_head", "cell_head_c", "cell_r_b"):
        runs = [Run(r.text, True, r.italic, r.br) for r in runs]
    return Para(role, runs, bullet)


def _table(t) -> TableBlock:
    rows = []
    for r in t._cellvalues:
        cells = []
        for c in r:
            p = _para(c)
            cells.append(Cell(p.runs, bold=all(x.bold for x in p.runs if x.text.strip()) and bool(p.text.strip()),
                              align=_align(c.style)))
        rows.append(cells)
    spans = [(a[0], a[1], b[0], b[1]) for _, a, b in t._spanCmds]
    grid = any(cmd[0] == "GRID" for cmd in t._linecmds)
    shaded = sorted({r for cmd in t._bkgrndcmds if cmd[0] == "BACKGROUND"
                     for r in range(cmd[1][1] % len(rows), cmd[2][1] % len(rows) + 1)})
    return TableBlock(rows, spans, int(t.repeatRows or 0), [float(w) for w in t._colWidths],
                      "grid" if grid else "rows", shaded)


def _blocks(items: list) -> list:
    out: list = []
    for f in items:
        kind = type(f).__name__
        if kind == "Paragraph":
            out.append(_para(f))
        elif kind == "Table":
            out.append(_table(f))
        elif kind == "PageBreak":
            out.append(Break("page"))
        elif kind == "CondPageBreak":
            out.append(Break("keep", float(f.height)))
        elif kind == "Spacer":
            out.append(Break("space", float(f.height)))
        else:
            raise ValueError(f"renderings: unexpected flowable {kind}")
    return out


@cache
def documents() -> tuple[Document, ...]:
    """Every seed document of make_facsimiles.DOCS as blocks, in its order."""
    mf = facsimiles()
    mf.register_fonts()
    out = []
    for d in mf.DOCS:
        story = d.build(mf.read_seed(d.seed), mf.make_styles(d.body_size))
        out.append(Document(d.file, d.seed, d.title, d.short_title, d.publisher, d.header, d.header_sub,
                            d.header_right, d.landscape, d.body_size, _blocks(story.items)))
    return tuple(out)


def document(seed_or_file: str) -> Document:
    """One document by its seed number prefix ("004") or raw/ file name."""
    for d in documents():
        if d.seed.startswith(seed_or_file) or d.file == seed_or_file:
            return d
    raise KeyError(seed_or_file)
