#!/usr/bin/env python3
"""Rebuild PDF facsimiles of the five source documents from their transcriptions.

The original publications cannot be downloaded on the build machines, so this
script lays out the published *text* (kept under ``tools/facsimiles/seeds/``)
again with reportlab/platypus and writes

    raw/local_borough_priorities_2017-18.pdf   seed 000, MOPAC 2017
    raw/draft_police_and_crime_plan_2013.pdf    seed 001, MOPAC January 2013
    raw/lps_havering_2009-10.pdf               seed 002, MPA 2010
    raw/lps_barnet_2009-10.pdf                 seed 003, MPA 2010
    raw/mayor_letter_MGLA190319-8293.pdf       seed 004, Mayor of London, 3 May 2019
    raw/sources.yaml                           manifest of the five documents

The output is deterministic (reportlab invariant mode, fixed document info, no
dates): running the script twice gives byte-identical files.  Text is real
text (a TrueType font is embedded), so pdfplumber gets the words back.

The font is Bitstream Vera, which ships inside the reportlab wheel and has the
minus sign U+2212 that the summaries need (the built-in Helvetica has not).

Usage::

    python tools/facsimiles/make_facsimiles.py              # write into raw/
    python tools/facsimiles/make_facsimiles.py --out-dir D  # write into D/
    python tools/facsimiles/make_facsimiles.py --check      # compare with raw/

The data pipeline never imports this module.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

rl_config.invariant = 1  # no creation date, fixed document ID

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEEDS = HERE / "seeds"
DEFAULT_OUT = REPO / "raw"

CREATOR = "facsimile rebuilt from the published text by tools/facsimiles/make_facsimiles.py"
NOTE = CREATOR + "; fetch the original from url when online"
LICENCE = "OGL-UK-3.0"
MINUS = "\u2212"

# --------------------------------------------------------------------------
# fonts
# --------------------------------------------------------------------------

FONT = "FacsimileSans"
STYLES_OF_FAMILY = ("", "-Bold", "-Italic", "-BoldItalic")


def _font_candidates() -> list[tuple[str, list[Path]]]:
    """(label, [regular, bold, italic, bold italic]) in order of preference."""
    import reportlab

    rl_fonts = Path(reportlab.__file__).resolve().parent / "fonts"
    cands = [
        ("Bitstream Vera Sans (reportlab/fonts)",
         [rl_fonts / n for n in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")]),
    ]
    for base in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
                 "/usr/share/fonts/TTF", "/usr/local/share/fonts",
                 "/Library/Fonts", "C:/Windows/Fonts"):
        cands.append(("DejaVu Sans (" + base + ")",
                      [Path(base) / n for n in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
                                                "DejaVuSans-Oblique.ttf",
                                                "DejaVuSans-BoldOblique.ttf")]))
    for base in ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/liberation",
                 "/usr/share/fonts/truetype/liberation2"):
        cands.append(("Liberation Sans (" + base + ")",
                      [Path(base) / n for n in ("LiberationSans-Regular.ttf",
                                                "LiberationSans-Bold.ttf",
                                                "LiberationSans-Italic.ttf",
                                                "LiberationSans-BoldItalic.ttf")]))
    return cands


_FONT_LABEL: str | None = None


def register_fonts() -> str:
    """Register the first complete TrueType family that has U+2212; return its label."""
    global _FONT_LABEL
    if _FONT_LABEL is not None:
        return _FONT_LABEL
    tried = []
    for label, paths in _font_candidates():
        tried.append(label)
        if not all(p.is_file() for p in paths):
            continue
        fonts = [TTFont(FONT + suffix, str(p)) for suffix, p in zip(STYLES_OF_FAMILY, paths)]
        if not all(ord(MINUS) in f.face.charToGlyph for f in fonts):
            continue
        for f in fonts:
            pdfmetrics.registerFont(f)
        # the canvas's initial font too, so that no unembedded base-14 font is referenced
        rl_config.canvas_basefontname = FONT
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT + "-Bold",
                                      italic=FONT + "-Italic",
                                      boldItalic=FONT + "-BoldItalic")
        _FONT_LABEL = label
        return label
    raise SystemExit(
        "make_facsimiles: no usable TrueType font with U+2212 (minus sign) found.\n"
        "Tried: " + "; ".join(tried) + ".\n"
        "Install reportlab from PyPI (it ships Vera.ttf) or `apt-get install fonts-dejavu-core`."
    )


def check_coverage(text: str) -> None:
    """Fail loudly if the text needs a glyph the embedded font does not have."""
    face = pdfmetrics.getFont(FONT).face
    missing = sorted({c for c in text if c not in "\n\t" and ord(c) not in face.charToGlyph})
    if missing:
        raise SystemExit("make_facsimiles: font lacks glyphs for " +
                         ", ".join(f"U+{ord(c):04X} {c!r}" for c in missing))


# --------------------------------------------------------------------------
# styles
# --------------------------------------------------------------------------

def make_styles(body_size: float = 10.0) -> dict[str, ParagraphStyle]:
    lead = body_size * 1.35
    s = {}
    s["body"] = ParagraphStyle("body", fontName=FONT, fontSize=body_size, leading=lead,
                               spaceAfter=body_size * 0.6, alignment=TA_LEFT)
    s["compact"] = ParagraphStyle("compact", parent=s["body"], spaceAfter=1)
    s["contact"] = ParagraphStyle("contact", parent=s["compact"], spaceBefore=5)
    s["logo"] = ParagraphStyle("logo", parent=s["body"], fontName=FONT + "-Bold",
                               fontSize=body_size + 2, leading=lead + 2,
                               alignment=TA_RIGHT, spaceAfter=2)
    s["title"] = ParagraphStyle("title", parent=s["body"], fontName=FONT + "-Bold",
                                fontSize=20, leading=24, spaceBefore=4, spaceAfter=12,
                                keepWithNext=1)
    s["h1"] = ParagraphStyle("h1", parent=s["body"], fontName=FONT + "-Bold",
                             fontSize=14, leading=17.5, spaceBefore=10, spaceAfter=6,
                             keepWithNext=1)
    s["h2"] = ParagraphStyle("h2", parent=s["body"], fontName=FONT + "-Bold",
                             fontSize=11.5, leading=14.5, spaceBefore=8, spaceAfter=4,
                             keepWithNext=1)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=16, bulletIndent=4,
                                 spaceAfter=3, bulletFontName=FONT)
    s["number"] = ParagraphStyle("number", parent=s["bullet"], leftIndent=20, bulletIndent=2)
    s["cell"] = ParagraphStyle("cell", parent=s["body"], fontSize=9.5, leading=11.5,
                               spaceAfter=0)
    s["cell_head"] = ParagraphStyle("cell_head", parent=s["cell"], fontName=FONT + "-Bold")
    s["cell_head_c"] = ParagraphStyle("cell_head_c", parent=s["cell_head"],
                                      alignment=TA_CENTER)
    s["cell_r"] = ParagraphStyle("cell_r", parent=s["cell"], alignment=TA_RIGHT)
    s["cell_r_b"] = ParagraphStyle("cell_r_b", parent=s["cell_r"], fontName=FONT + "-Bold")
    s["footnote"] = ParagraphStyle("footnote", parent=s["body"], fontSize=8.5, leading=11,
                                   spaceBefore=6)
    return s


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------

_STAR = "\x00STAR\x00"


def inline(text: str) -> str:
    """Transcription markup -> reportlab paragraph markup.

    ``**x**`` bold, ``*x*`` italic, ``[x](#)`` -> x, ``<http://..>`` -> the
    address, ``^{*}`` dropped, ``\\*`` a literal star.
    """
    text = text.replace("\\*", _STAR)
    text = text.replace("^{*}", "")
    text = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", text)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = escape(text)
    text = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![*\w])\*(\S(?:.*?\S)?)\*(?![*\w])", r"<i>\1</i>", text)
    return text.replace(_STAR, "*").strip()


def inline_lines(lines: list[str]) -> str:
    """Markup for a block whose line breaks are kept (bold may span the lines)."""
    nl = "\x01"
    return inline(nl.join(line.strip() for line in lines)).replace(nl, "<br/>")


def fix(text: str, old: str, new: str, count: int = 1) -> str:
    """Replace ``old`` by ``new``; the transcription must contain it ``count`` times."""
    found = text.count(old)
    if found != count:
        raise SystemExit(f"make_facsimiles: expected {count}x {old!r} in the seed, found {found}")
    return text.replace(old, new)


@dataclass
class Block:
    lines: list[str]
    gap: int  # number of blank lines before the block

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def one(self) -> str:
        return " ".join(line.strip() for line in self.lines)


def blocks_of(text: str) -> list[Block]:
    """Split on blank lines, remembering how many blank lines preceded each block."""
    out: list[Block] = []
    cur: list[str] = []
    gap = 0
    for line in text.splitlines():
        if line.strip() == "" and "\t" not in line:
            if cur:
                out.append(Block(cur, gap))
                cur, gap = [], 0
            gap += 1
        else:
            cur.append(line.rstrip("\n"))
    if cur:
        out.append(Block(cur, gap))
    return out


BULLET_RE = re.compile(r"^- ")
NUMBER_RE = re.compile(r"^(\d+)\. ")


def list_items(block: Block, pattern: re.Pattern) -> list[str] | None:
    """Items of a list block (continuation lines joined), or None if not a list."""
    if not pattern.match(block.lines[0]):
        return None
    items: list[str] = []
    for line in block.lines:
        if pattern.match(line):
            items.append(line)
        elif line.startswith(" ") and items:
            items[-1] += " " + line.strip()
        else:
            return None
    return items


def read_seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# story builder
# --------------------------------------------------------------------------

class Story:
    """Collects flowables; records the visible text for the coverage check."""

    def __init__(self, styles: dict[str, ParagraphStyle]):
        self.st = styles
        self.items: list[Flowable] = []
        self.text: list[str] = []

    def para(self, text: str, style: str = "body", raw: bool = False, **kw) -> Paragraph:
        markup = text if raw else inline(text)
        self.text.append(re.sub(r"<[^>]+>", "", markup))
        p = Paragraph(markup, self.st[style], **kw)
        self.items.append(p)
        return p

    def bullets(self, items: list[str], strip_star: bool = False) -> None:
        for item in items:
            t = BULLET_RE.sub("", item)
            if strip_star:
                t = re.sub(r"^\*\s*", "", t)
            self.para(t, "bullet", bulletText="\u2022")

    def numbers(self, items: list[str]) -> None:
        for item in items:
            m = NUMBER_RE.match(item)
            self.para(item[m.end():], "number", bulletText=m.group(1) + ".")

    def add(self, flowable: Flowable, text: str = "") -> None:
        self.items.append(flowable)
        if text:
            self.text.append(text)


def cell(text: str, style: ParagraphStyle, story: Story) -> Paragraph:
    markup = inline(text)
    story.text.append(re.sub(r"<[^>]+>", "", markup))
    return Paragraph(markup, style)


# --------------------------------------------------------------------------
# 000 Local Borough Priorities (MOPAC, 2017)
# --------------------------------------------------------------------------

def story_priorities(seed: str, st: dict) -> Story:
    s = Story(st)
    headings = {
        "LOCAL BOROUGH PRIORITIES": "title",
        "Local policing, local priorities, local problem solving": "h2",
        "Setting the Borough Priorities": "h2",
        "PRIORITIES": "h1",
    }
    for b in blocks_of(seed):
        if any("\t" in line for line in b.lines):
            s.add(priorities_table(b, s), "")
            continue
        t = b.one
        if t == "PRIORITIES":
            s.add(CondPageBreak(8 * 28.35))  # no lone heading at the foot of a page
        if t in headings:
            s.para(t, headings[t])
        elif t.startswith("Mandatory high-harm crimes:"):
            # the transcription lost the footnote's asterisk
            s.para("\\* " + t, "footnote")
        else:
            s.para(t)
    return s


def priorities_table(block: Block, s: Story) -> Table:
    st = s.st
    rows = [line.split("\t") for line in block.lines]
    header = rows[0]
    expect = ["Borough", "Mandatory high-harm crimes*", "Mandatory Volume Crime", "",
              "ocal Priorities"]
    if header != expect:
        raise SystemExit(f"make_facsimiles: unexpected priorities header {header!r}")
    # the transcription lost the "L" of the spanning header cell
    header = ["Borough", "Mandatory high-harm crimes*", "Mandatory Volume Crime",
              "Local Priorities", ""]
    body: list[list[str]] = []
    pending: list[str] | None = None
    for r in rows[1:]:
        r = (r + [""] * 5)[:5]
        if r[0] == "":
            # a wrapped cell's first line, printed above its (vertically centred) row
            pending = r
            continue
        if pending:
            r = [(p + " " + c).strip() if p else c for p, c in zip(pending, r)]
            pending = None
        body.append(r)
    if len(body) != 32:
        raise SystemExit(f"make_facsimiles: expected 32 boroughs, got {len(body)}")

    def label(text: str) -> Paragraph:
        # "LB Richmond-upon- Thames": the label wraps after the hyphen
        markup = inline(text).replace("- ", "-<br/>")
        s.text.append(text)
        return Paragraph(markup, st["cell"])

    data = [[cell(h, st["cell_head"], s) for h in header]]
    for r in body:
        data.append([label(r[0])] + [cell(c, st["cell"], s) for c in r[1:]])
    # the local-priority columns are narrow: "Theft Person (Snatch)" wraps as printed
    widths = [160, 190, 170, 112, 112]
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9D9D9")),
        ("SPAN", (3, 0), (4, 0)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return t


# --------------------------------------------------------------------------
# 001 Draft Police & Crime Plan (MOPAC, January 2013)
# --------------------------------------------------------------------------

def _is_caps_heading(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    if len(letters) < 3 or t.endswith(".") or t[0] in "-*" or t[0].isdigit():
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= 0.85


def story_draft_plan(seed: str, st: dict) -> Story:
    s = Story(st)
    # "... 6 March 2013 27": a page number ran into the sentence
    seed = fix(seed, "Please respond no later than 6 March 2013 27",
               "Please respond no later than 6 March 2013")
    # the footnote to "by 20%*": a literal star and an italic note
    seed = fix(seed, "**Priority crimes:", "\\**Priority crimes:")
    # "C**ONFIDENCE:**": a coloured initial in the original; keep the word whole
    seed = re.sub(r"\b([A-Z])\*\*([A-Z]+:)\*\*", r"**\1\2**", seed)
    mixed_headings = {"Local Events", "Written Responses"}
    blocks = blocks_of(seed)
    first = True
    part_title_next = False
    i = 0
    while i < len(blocks):
        b = blocks[i]
        t = b.one
        i += 1
        if t == "M O P A C":
            # the MOPAC / MAYOR OF LONDON logo: printed by the running header
            if i < len(blocks) and blocks[i].lines[0] == "MAYOR OF LONDON":
                i += 1
            continue
        if any("\t" in line for line in b.lines):
            s.add(officers_table(b, s))
            continue
        items = list_items(b, BULLET_RE)
        if items:
            s.bullets(items)
            continue
        items = list_items(b, NUMBER_RE)
        if items:
            s.numbers(items)
            continue
        if len(b.lines) == 1 and re.fullmatch(r"PART [A-Z]+:", t):
            s.add(PageBreak())
            s.para(t, "h2")
            part_title_next = True
            continue
        if len(b.lines) == 1 and (_is_caps_heading(t) or t in mixed_headings):
            if first:
                s.para(t, "title")
                first = False
            elif part_title_next or t in ("DRAFT POLICE & CRIME PLAN CONTENTS", "INTRODUCTION"):
                s.para(t, "h1")
            else:
                s.para(t, "h2")
            part_title_next = False
            continue
        part_title_next = False
        # multi-line blocks (call-out boxes, addresses) keep their line breaks
        s.para(inline_lines(b.lines), raw=True)
    return s


def officers_table(block: Block, s: Story) -> Table:
    st = s.st
    rows = [line.split("\t") for line in block.lines]
    if rows[0] != ["", "Safer Neighbourhoods", "", "", "Total Borough officers", "", ""]:
        raise SystemExit(f"make_facsimiles: unexpected officers header {rows[0]!r}")
    if rows[1] != ["", "2011", "2015", "Change", "2011", "2015", "Change"]:
        raise SystemExit(f"make_facsimiles: unexpected officers header {rows[1]!r}")
    body = rows[2:]
    if len(body) != 33 or body[-1][0] != "Total" or any(len(r) != 7 for r in body):
        raise SystemExit("make_facsimiles: expected 32 borough rows and a Total row")
    for r in body:
        if not all(re.fullmatch(r"\d+", c) for c in r[1:]):
            raise SystemExit(f"make_facsimiles: non-numeric officers row {r!r}")
    data = [
        [cell(c, st["cell_head_c"], s) for c in rows[0]],
        [cell(c, st["cell_head_c"], s) for c in rows[1]],
    ]
    for r in body:
        bold = r[0] == "Total"
        data.append([cell(r[0], st["cell_head"] if bold else st["cell"], s)] +
                    [cell(c, st["cell_r_b"] if bold else st["cell_r"], s) for c in r[1:]])
    widths = [152] + [55] * 6
    t = Table(data, colWidths=widths, repeatRows=2, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#D9D9D9")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EFEFEF")),
        ("SPAN", (1, 0), (3, 0)),
        ("SPAN", (4, 0), (6, 0)),
        ("SPAN", (0, 0), (0, 1)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


# --------------------------------------------------------------------------
# 002 / 003 Local Policing Summaries (MPA, 2010)
# --------------------------------------------------------------------------

LPS_CRIMES = ["Residential burglary", "Total robbery", "Theft from vehicles",
              "Theft or taking of vehicles", "Serious youth violence", "Knife crime",
              "Gun crime"]


def lps_headings(borough: str, commander: str, initiatives: str) -> dict[str, str]:
    return {
        f"Local Policing Summary {borough}": "title",
        "A message from Kit Malthouse": "h1",
        "Met Forward: the MPA strategic mission": "h1",
        "The MPA's work": "h1",
        "Policing London Business Plan 2010/2013": "h2",
        "Looking back on 2009/10": "h1",
        "Summary performance achievements": "h2",
        f"{borough}: local information": "h1",
        f"Message from Borough Commander {commander}": "h2",
        initiatives: "h2",
        f"How did {borough} perform during 2009/10?": "h1",
        "Looking forward": "h1",
        "Priorities for 2010/11": "h2",
        "Have your say on policing in London": "h1",
        "How you can help to set London's policing priorities": "h2",
        "Partnership working: CPEGs": "h1",
        "Help us to understand the community's views on policing in your area": "h2",
        "Useful contacts": "h1",
    }


def story_lps(text: str, st: dict, headings: dict[str, str]) -> Story:
    """Lay out a Local Policing Summary written in the Havering transcription's format."""
    s = Story(st)
    blocks = blocks_of(text)
    # a paragraph broken by a page/column break in the original ("... a further" /
    # "challenging year ...") is one paragraph
    merged: list[Block] = []
    for b in blocks:
        if (merged and b.gap >= 3 and re.search(r"[a-z]$", merged[-1].lines[-1])
                and re.match(r"[a-z]", b.lines[0]) and not re.match(r"(www\.|tel:)", b.lines[0])):
            merged[-1] = Block(merged[-1].lines + b.lines, merged[-1].gap)
        else:
            merged.append(b)
    contacts = False
    for b in merged:
        t = b.one
        if any("\t" in line for line in b.lines):
            s.add(lps_table(b, s))
            continue
        items = list_items(b, BULLET_RE)
        if items:
            s.bullets(items, strip_star=True)
            continue
        if t in headings:
            s.para(t, headings[t])
            contacts = t == "Useful contacts"
            continue
        if t in ("MPA", "Met Forward"):  # logos on the Met Forward page
            s.para(t, "logo")
            continue
        if t == "Kit Malthouse":
            s.para("**Kit Malthouse**", "compact")
            continue
        if contacts:
            if re.match(r"(tel:|Minicom:|www\.)", t):
                s.para(t, "compact")
            elif " tel: " in t:
                name, tel = t.split(" tel: ", 1)
                s.add(CondPageBreak(40))
                s.para(f"**{name}** tel: {tel}", "contact")
            else:
                s.add(CondPageBreak(40))
                s.para(f"**{t}**", "contact")
            continue
        s.para(t)
    return s


def lps_table(block: Block, s: Story) -> Table:
    st = s.st
    rows = [line.split("\t") for line in block.lines]
    if [r[0] for r in rows] != LPS_CRIMES or any(len(r) != 3 for r in rows):
        raise SystemExit(f"make_facsimiles: unexpected performance table {rows!r}")
    for r in rows:
        if not re.fullmatch(r"\d+ offences or [+\-\u2212]\d+(\.\d+)?%", r[1]):
            raise SystemExit(f"make_facsimiles: unexpected performance cell {r[1]!r}")
    data = [[cell(r[0], st["cell_head"], s), cell(r[1], st["cell"], s),
             cell(r[2], st["cell"], s)] for r in rows]
    t = Table(data, colWidths=[190, 170, 120], hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black),
        ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return t


def havering_text(seed: str) -> str:
    # the fifth strategic priority was transcribed away from its list (after the
    # performance bullets, as "^{*} the right service ..."); put it back
    seed = fix(seed, "\n^{*} the right service at the right price\n", "\n")
    seed = fix(seed, "- * deliver security on the streets\n",
               "- * deliver security on the streets\n- * the right service at the right price\n")
    # the "Met Forward" logo was read into the middle of a sentence
    seed = fix(seed, "the MPA has **Met Forward** introduced Met Forward",
               "the MPA has introduced Met Forward")
    seed = fix(seed, "\nMPA\n", "\nMPA\n\nMet Forward\n")
    seed = fix(seed, "day-to -day", "day-to-day")
    return seed


# The Barnet transcription is flattened (one line per page) and lost its
# apostrophes, hyphens and dashes.  These repairs are the transcriber's
# artefacts only; everything else is kept as printed.
BARNET_FIXES: list[tuple[str, str, int]] = [
    ("A message from Kit Malthouse Local Policing Summary Barnet When",
     "Local Policing Summary Barnet A message from Kit Malthouse When", 1),
    ("doesn t", "doesn't", 1),
    ("London s ", "London's ", 4),
    ("The MPA s work", "The MPA's work", 1),
    ("public s confidence", "public's confidence", 1),
    ("Londoners concerns", "Londoners' concerns", 1),
    ("community s views", "community's views", 1),
    ("ATM s ", "ATM's ", 1),
    ("day to day", "day-to-day", 1),
    ("pan London", "pan-London", 1),
    ("anti social", "anti-social", 1),
    ("break ins", "break-ins", 1),
    ("2010 2011", "2010-2011", 1),
    ("Non emergency", "Non-emergency", 1),
    ("haveyoursay businesses", "haveyoursay-businesses", 1),
    ("crimestoppers uk.org", "crimestoppers-uk.org", 1),
    ("joint Community Engagement Commitment which", "joint 'Community Engagement Commitment' which", 1),
    ("our Community Engagement Commitment please", "our 'Community Engagement Commitment' please", 1),
    ("events, Have your say public survey", "events, 'Have your say' public survey", 1),
    ("the Street a Week initiative", "the 'Street a Week' initiative", 1),
    ("(CPEGs) in some areas", "(CPEGs) - in some areas", 1),
    ("Consultative Groups exist", "Consultative Groups - exist", 1),
]

# Where each block of the Barnet summary starts, in order, and what it is
# (t title, h heading, p paragraph, li bullet, table).  The layout is Havering's.
BARNET_LAYOUT: list[tuple[str, str]] = [
    ("Local Policing Summary Barnet", "t"),
    ("A message from Kit Malthouse", "h"),
    ("When Boris was elected", "p"),
    ("Overall crime has fallen", "p"),
    ("But it doesn't yet feel", "p"),
    ("But there is a huge amount", "p"),
    ("So this policing summary", "p"),
    ("There is much still to be done", "p"),
    ("You have my commitment", "p"),
    ("Kit Malthouse", "p"),
    ("Deputy Mayor for Policing", "p"),
    ("Met Forward: the MPA strategic mission", "h"),
    ("The job of the MPA", "p"),
    ("The key purpose", "p"),
    ("Above all,", "p"),
    ("Making people feel safe", "p"),
    ("Since Boris Johnson", "p"),
    ("It is hoped that", "p"),
    ("understand there is less crime", "li"),
    ("feel more confident", "li"),
    ("recognise that money", "li"),
    ("These outcomes", "p"),
    ("To find out more visit", "p"),
    ("The MPA's work", "h"),
    ("Policing London Business Plan 2010/2013", "h"),
    ("The MPA sets", "p"),
    ("The strategic priorities in the plan are to:", "p"),
    ("*convince", "li"),
    ("* reduce crime", "li"),
    ("* crack down", "li"),
    ("* deliver security", "li"),
    ("* the right service", "li"),
    ("For more information please visit", "p"),
    ("The MPA and MPS carry out", "p"),
    ("For further information", "p"),
    ("Looking back on 2009/10", "h"),
    ("Summary performance achievements", "h"),
    ("The MPS has achieved", "p"),
    ("Some of the performance achievements", "p"),
    ("a reduction in serious acquisitive crime", "li"),
    ("public confidence across", "li"),
    ("a reduction in theft from motor", "li"),
    ("However, some targets", "p"),
    ("a target to reduce gun crime", "li"),
    ("a target to reduce serious youth", "li"),
    ("the gap between", "li"),
    ("Barnet: local information", "h"),
    ("Message from Borough Commander Neil Basu", "h"),
    ("In a challenging performance year", "p"),
    ("Our efforts to tackle car crime", "p"),
    ("In difficult financial times", "p"),
    ("Barnet local police initiatives", "h"),
    ("We have commenced", "p"),
    ("The B.A.R.K. project", "p"),
    ("The partnership approach to CCTV", "p"),
    ("How did Barnet perform during 2009/10?", "h"),
    ("Residential burglary Total robbery", "table"),
    ("Looking forward", "h"),
    ("Borough priorities are set", "p"),
    ("Priorities for 2010/11", "h"),
    ("2.6% reduction", "li"),
    ("1.0% reduction in most serious", "li"),
    ("5.0% reduction in gun", "li"),
    ("challenging targets", "li"),
    ("Have your say on policing in London", "h"),
    ("How you can help", "h"),
    ("Public consultation plays", "p"),
    ("Participating in this annual", "p"),
    ("Have your say on policing in London by logging", "p"),
    ("www.mpa.gov.uk/publications/policingplans/haveyoursay", "p"),
    ("This year we also want", "p"),
    ("www.mpa.gov.uk/publications/policingplans/haveyoursay-businesses", "p"),
    ("Alternatively, please call", "p"),
    ("Partnership working: CPEGs", "h"),
    ("Help us to understand", "h"),
    ("The MPA has a duty", "p"),
    ("The primary aims", "p"),
    ("CPEGs are intended", "p"),
    ("If you would like", "p"),
    ("Useful contacts", "h"),
    ("Metropolitan Police Authority", "p"),
    ("tel: 020 7202 0202", "p"),
    ("Minicom: 020 7202 0173", "p"),
    ("www.mpa.gov.uk", "p"),
    ("Metropolitan Police Service Barnet police stations", "p"),
    ("tel: 0300 123 1212", "p"),
    ("www.met.police.uk/barnet", "p"),
    ("Safer Neighbourhoods information", "p"),
    ("www.met.police.uk/saferneighbourhoods", "p"),
    ("Victim Support tel: 0845 303 0900", "p"),
    ("www.victimsupport.org.uk", "p"),
    ("Crimestoppers tel: 0800 555111", "p"),
    ("www.crimestoppers-uk.org", "p"),
    ("Talk to Frank (Drug abuse helpline)", "p"),
    ("tel: 0800 776 600", "p"),
    ("www.talktofrank.com", "p"),
    ("National Domestic Violence helpline", "p"),
    ("tel: 0808 200 0247", "p"),
    ("www.nationaldomesticviolencehelpline.org.uk", "p"),
    ("In an emergency always dial 999", "p"),
    ("Non-emergency dial 0300 123 1212", "p"),
]


def barnet_table(flat: str) -> list[str]:
    """Restore the flattened Barnet performance table (tab-separated lines).

    The transcription lists the seven row labels, then the seven values, then
    the statuses that were printed ("Target achieved" twice).  The minus signs
    of the two reductions were lost: a value without "+" is a reduction (the
    borough commander's message confirms 427 fewer break-ins, 12.5%, and 172
    fewer cars stolen, 17%), printed with U+2212, and those are the two rows
    whose target was achieved.
    """
    head = " ".join(LPS_CRIMES)
    if not flat.startswith(head):
        raise SystemExit("make_facsimiles: unexpected Barnet table labels")
    rest = flat[len(head):]
    values = re.findall(r"(\d+) offences or (\+?)(\d+(?:\.\d+)?)%", rest)
    statuses = re.findall(r"Target achieved|Target missed", rest)
    if len(values) != 7:
        raise SystemExit(f"make_facsimiles: expected 7 Barnet values, got {values!r}")
    reductions = [not sign for _, sign, _ in values]
    if statuses != ["Target achieved"] * sum(reductions):
        raise SystemExit(f"make_facsimiles: unexpected Barnet statuses {statuses!r}")
    lines = []
    for crime, (n, sign, pct), down in zip(LPS_CRIMES, values, reductions):
        value = f"{n} offences or {sign if sign else MINUS}{pct}%"
        lines.append(f"{crime}\t{value}\t{'Target achieved' if down else ''}")
    return lines


def barnet_text(seed: str) -> str:
    """The Barnet transcription rewritten in the Havering transcription's format."""
    marker = "\nTranscription:\n"
    if marker not in seed:
        raise SystemExit("make_facsimiles: Barnet seed has no 'Transcription:' line")
    # everything before it is "Similar documents" web-page debris
    flat = " ".join(seed.split(marker, 1)[1].split())
    for old, new, n in BARNET_FIXES:
        flat = fix(flat, old, new, n)
    pos = 0
    starts = []
    for start, _kind in BARNET_LAYOUT:
        at = flat.find(start, pos)
        if at < 0 or (not starts and at != 0):
            raise SystemExit(f"make_facsimiles: Barnet layout marker not found: {start!r}")
        starts.append(at)
        pos = at + len(start)
    out: list[str] = []
    ends = starts[1:] + [len(flat)]
    prev = None
    for (start, kind), a, z in zip(BARNET_LAYOUT, starts, ends):
        seg = flat[a:z].strip()
        if kind == "li":
            if prev != "li":
                out.append("")
            out.append("- " + seg)
        elif kind == "table":
            out.append("")
            out.extend(barnet_table(seg))
        else:
            out.append("")
            out.append(seg)
        prev = kind
    return "\n".join(out).lstrip("\n") + "\n"


# --------------------------------------------------------------------------
# 004 Letter MGLA190319-8293 (Mayor of London, 3 May 2019)
# --------------------------------------------------------------------------

def story_letter(seed: str, st: dict) -> Story:
    s = Story(st)
    blocks = blocks_of(seed)
    seen_letterhead = False
    for b in blocks:
        t = b.one
        if t == "MAYOR OF LONDON":
            # the running header prints it; later occurrences are the original's page breaks
            if seen_letterhead:
                s.add(PageBreak())
            seen_letterhead = True
            continue
        if t.startswith("A handwritten signature"):
            s.add(Spacer(1, 30))  # the signature image
            continue
        if t == "Acw Steve,":
            # handwritten salutation, misread by the transcriber
            s.para("*Dear Steve,*")
            continue
        if t == "Yours sincerely,":
            s.para(t, "compact")
            continue
        if b.lines == ["Sadiq Khan", "Mayor of London"]:
            s.para("**Sadiq Khan**", "compact")
            s.para("Mayor of London", "compact")
            continue
        if t.startswith("Our ref:"):
            s.add(Spacer(1, 6))
            s.para(t, "compact")
            continue
        if t.startswith("Date:"):
            s.para(t)
            s.add(Spacer(1, 6))
            continue
        s.para(inline_lines(b.lines), raw=True)
    return s


# --------------------------------------------------------------------------
# documents
# --------------------------------------------------------------------------

@dataclass
class Doc:
    file: str
    seed: str
    source_id: str
    title: str
    short_title: str
    publisher: str
    published: str
    header: str
    subject: str
    build: Callable[[str, dict], Story]
    url: str | None = None
    extra: dict = field(default_factory=dict)
    landscape: bool = False
    body_size: float = 10.0
    header_sub: str | None = None
    header_right: str | None = None
    pages: int | None = None  # expected page count, checked after building


DOCS: list[Doc] = [
    Doc(
        file="local_borough_priorities_2017-18.pdf",
        seed="000_d8c0b7489d9d4a92.txt",
        source_id="mopac-local-borough-priorities-2017-18",
        title="Local Borough Priorities",
        short_title="Local Borough Priorities",
        publisher="MOPAC",
        published="2017-03",
        header="MAYOR OF LONDON",
        subject="Police and Crime Plan local priorities: mandatory high-harm crimes, "
                "antisocial behaviour and two local volume-crime priorities per borough "
                "(first edition)",
        build=story_priorities,
        url=None,
        extra={
            "related_url": "https://www.london.gov.uk/sites/default/files/"
                           "pcp_local_priorities_2018.19.pdf",
            "related_url_note": "the later 2018/19 edition of the local priorities, named in "
                                "the Mayor's letter MGLA190319-8293; no document names the "
                                "address of this 2017 edition",
            "period": "2017-18",
        },
        landscape=True,
        body_size=9.5,
    ),
    Doc(
        file="draft_police_and_crime_plan_2013.pdf",
        seed="001_3326ef8cc26a5b62.txt",
        source_id="mopac-draft-police-and-crime-plan-2013",
        title="Draft Police & Crime Plan \u2013 for consultation",
        short_title="Draft Police & Crime Plan \u2013 for consultation",
        publisher="MOPAC",
        published="2013-01",
        header="MAYOR OF LONDON",
        header_sub="OFFICE FOR POLICING AND CRIME",
        header_right="M O P A C",
        subject="Draft Police and Crime Plan for London 2013-2016, published for consultation",
        build=story_draft_plan,
        url="https://www.london.gov.uk/priorities/mayors-office-policing-and-crime",
    ),
    Doc(
        file="lps_havering_2009-10.pdf",
        seed="002_53f0df7c9d66a25b.txt",
        source_id="mpa-local-policing-summary-havering-2009-10",
        title="Local Policing Summary Havering",
        short_title="Local Policing Summary Havering",
        publisher="Metropolitan Police Authority",
        published="2010",
        header="Metropolitan Police Authority",
        subject="Local Policing Summary for the London Borough of Havering: performance "
                "in 2009/10 and priorities for 2010/11",
        build=lambda seed, st: story_lps(
            havering_text(seed), st,
            lps_headings("Havering", "Michael Smith", "Havering: local police initiatives")),
    ),
    Doc(
        file="lps_barnet_2009-10.pdf",
        seed="003_702a5f3e4ff24887.txt",
        source_id="mpa-local-policing-summary-barnet-2009-10",
        title="Local Policing Summary Barnet",
        short_title="Local Policing Summary Barnet",
        publisher="Metropolitan Police Authority",
        published="2010",
        header="Metropolitan Police Authority",
        subject="Local Policing Summary for the London Borough of Barnet: performance "
                "in 2009/10 and priorities for 2010/11",
        build=lambda seed, st: story_lps(
            barnet_text(seed), st,
            lps_headings("Barnet", "Neil Basu", "Barnet local police initiatives")),
    ),
    Doc(
        file="mayor_letter_MGLA190319-8293.pdf",
        seed="004_a8df4fc036a62038.txt",
        source_id="mayor-letter-mgla190319-8293",
        title="Letter from the Mayor of London to the Chairman of the Police and Crime "
              "Committee on local policing priorities (ref MGLA190319-8293)",
        short_title="Mayor's letter MGLA190319-8293",
        publisher="Mayor of London",
        published="2019-05-03",
        header="MAYOR OF LONDON",
        subject="Reply to the Police and Crime Committee on the setting of local policing "
                "priorities and tackling neighbourhood crime",
        build=story_letter,
        url="https://www.london.gov.uk/what-we-do/mayors-office-policing-and-crime-mopac/"
            "data-and-statistics/mopac-performance-framework",
        extra={"url_note": "the MOPAC performance framework page named in the letter"},
        pages=4,
    ),
]


# --------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------

MARGIN = 20 * mm
TOP = 26 * mm
BOTTOM = 20 * mm


def page_decorator(doc: Doc, seen: list[int]):
    def draw(canvas, template):
        seen.append(template.page)
        w, h = template.pagesize
        x0 = MARGIN + 6  # in line with the frame's padded text
        canvas.saveState()
        canvas.setFont(FONT + "-Bold", 12)
        canvas.drawString(x0, h - 14 * mm, doc.header)
        if doc.header_right:
            canvas.drawRightString(w - x0, h - 14 * mm, doc.header_right)
        y = h - 14 * mm - 4
        if doc.header_sub:
            canvas.setFont(FONT, 7.5)
            canvas.drawString(x0, h - 14 * mm - 10, doc.header_sub)
            y -= 10
        canvas.setLineWidth(0.6)
        canvas.line(x0, y - 2, w - x0, y - 2)
        canvas.line(x0, 13 * mm, w - x0, 13 * mm)
        canvas.setFont(FONT, 8)
        canvas.drawString(x0, 9 * mm, doc.short_title)
        canvas.drawRightString(w - x0, 9 * mm, f"Page {template.page}")
        canvas.restoreState()
    return draw


def build_pdf(doc: Doc) -> tuple[bytes, int]:
    register_fonts()
    styles = make_styles(doc.body_size)
    story = doc.build(read_seed(doc.seed), styles)
    check_coverage("".join(story.text) + doc.header + doc.short_title +
                   (doc.header_sub or "") + (doc.header_right or ""))
    pagesize = landscape(A4) if doc.landscape else A4
    buf = io.BytesIO()
    template = SimpleDocTemplate(
        buf, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=TOP + (4 * mm if doc.header_sub else 0), bottomMargin=BOTTOM,
        title=doc.title, author=doc.publisher, subject=doc.subject,
        creator=CREATOR, keywords=f"facsimile; {doc.source_id}; {LICENCE}",
        invariant=1, pageCompression=1,
    )
    seen: list[int] = []
    deco = page_decorator(doc, seen)
    template.build(list(story.items), onFirstPage=deco, onLaterPages=deco)
    pages = len(seen)
    if doc.pages is not None and pages != doc.pages:
        raise SystemExit(f"make_facsimiles: {doc.file} has {pages} pages, expected {doc.pages} "
                         "(the original's page breaks no longer fit)")
    return buf.getvalue(), pages


def manifest() -> str:
    entries = []
    for d in DOCS:
        e = {
            "file": d.file,
            "source_id": d.source_id,
            "title": d.title,
            "publisher": d.publisher,
            "published": d.published,
        }
        if "period" in d.extra:
            e["period"] = d.extra["period"]
        e["url"] = d.url
        for k in ("url_note", "related_url", "related_url_note"):
            if k in d.extra:
                e[k] = d.extra[k]
        e.update({"licence": LICENCE, "facsimile": True, "note": NOTE, "seed": d.seed})
        entries.append(e)
    head = ("# Source documents under raw/. Written by tools/facsimiles/make_facsimiles.py;\n"
            "# do not edit by hand. The PDFs are facsimiles rebuilt from the published\n"
            "# text (seeds in tools/facsimiles/seeds/), not the original files.\n")
    return head + yaml.safe_dump({"sources": entries}, sort_keys=False, allow_unicode=True,
                                 default_flow_style=False, width=4096)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT,
                    help="where to write the PDFs and sources.yaml (default: raw/)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the files in --out-dir differ")
    args = ap.parse_args(argv)
    out: Path = args.out_dir
    files: dict[str, bytes] = {}
    for d in DOCS:
        data, pages = build_pdf(d)
        files[d.file] = data
        print(f"{d.file}: {pages} pages, sha256 {hashlib.sha256(data).hexdigest()[:16]}",
              file=sys.stderr)
    files["sources.yaml"] = manifest().encode("utf-8")
    if args.check:
        bad = [n for n, b in files.items()
               if not (out / n).is_file() or (out / n).read_bytes() != b]
        for n in bad:
            print(f"differs: {out / n}", file=sys.stderr)
        return 1 if bad else 0
    out.mkdir(parents=True, exist_ok=True)
    for n, b in files.items():
        (out / n).write_bytes(b)
    print(f"font: {register_fonts()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
