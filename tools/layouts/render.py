"""Draw a Content table on pages with one layout (a dict of dimension values), through one of several engines.

Every engine draws the same primitives (text at a baseline, lines, filled rectangles), so one layout
code path gives the same geometry through reportlab, fpdf2 and PostScript distilled by Ghostscript.
"""
from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
import tempfile
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tools.layouts.content import Content, Header

TTF = {"sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
       "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
       "mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"}
CORE = {"sans": "Helvetica", "serif": "Times-Roman", "mono": "Courier"}
TAIL = re.compile(r"^(.*\d)\D*$")
PS_GLYPHS = {"\u2013": "endash", "\u2212": "minus", "\u2014": "emdash", "\u2022": "bullet"}


def font_available(kind: str) -> bool:
    return Path(TTF[kind]).exists()


def _ttf_name(kind: str) -> str:
    name = "sweep-" + kind
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, TTF[kind]))
    return name


class Surface:
    """Pages of primitives, measured with the font the engine will use."""

    def __init__(self, engine: str, font: str) -> None:
        self.engine, self.kind = engine, font
        self.font = CORE[font] if engine == "postscript" else _ttf_name(font)  # other engines embed DejaVu
        self.pages: list[list[tuple]] = []
        self.size = (595.0, 842.0)

    def width(self, text: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, self.font, size)

    def new_page(self) -> None:
        self.pages.append([])

    def text(self, x: float, baseline: float, text: str, size: float) -> None:
        self.pages[-1].append(("text", x, baseline, text, size))

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6) -> None:
        self.pages[-1].append(("line", x0, y0, x1, y1, width))

    def rect(self, x0: float, y0: float, x1: float, y1: float, grey: float) -> None:
        self.pages[-1].append(("rect", x0, y0, x1, y1, grey))

    def save(self, path: Path) -> None:
        {"reportlab": _reportlab, "fpdf2": _fpdf2, "postscript": _postscript}[self.engine](self, path)


def _reportlab(s: Surface, path: Path) -> None:
    from reportlab.pdfgen import canvas

    w, h = s.size
    c = canvas.Canvas(str(path), pagesize=s.size, invariant=1)
    for page in s.pages:
        for op in page:
            if op[0] == "rect":
                _, x0, y0, x1, y1, g = op
                c.setFillGray(g)
                c.rect(x0, h - y1, x1 - x0, y1 - y0, stroke=0, fill=1)
                c.setFillGray(0)
            elif op[0] == "line":
                _, x0, y0, x1, y1, lw = op
                c.setLineWidth(lw)
                c.line(x0, h - y0, x1, h - y1)
            else:
                _, x, y, text, size = op
                c.setFont(s.font, size)
                c.drawString(x, h - y, text)
        c.showPage()
    c.save()


def _fpdf2(s: Surface, path: Path) -> None:
    from fpdf import FPDF

    w, h = s.size
    pdf = FPDF(unit="pt", format=(w, h))
    pdf.set_creation_date(datetime(2020, 1, 1, tzinfo=UTC))
    pdf.set_auto_page_break(False)
    pdf.add_font("f", "", TTF[s.kind])
    for page in s.pages:
        pdf.add_page()
        for op in page:
            if op[0] == "rect":
                _, x0, y0, x1, y1, g = op
                pdf.set_fill_color(int(g * 255))
                pdf.rect(x0, y0, x1 - x0, y1 - y0, style="F")
            elif op[0] == "line":
                _, x0, y0, x1, y1, lw = op
                pdf.set_line_width(lw)
                pdf.line(x0, y0, x1, y1)
            else:
                _, x, y, text, size = op
                pdf.set_font("f", size=size)
                pdf.text(x, y, text)
    pdf.output(str(path))


def _ps_text(text: str) -> str:
    """PostScript that shows `text`: ASCII runs with show, other characters by glyph name."""
    out, run = [], ""
    for ch in text:
        if 32 <= ord(ch) < 127:
            run += "\\" + ch if ch in "()\\" else ch
            continue
        if run:
            out.append(f"({run}) show")
            run = ""
        out.append(f"/{PS_GLYPHS.get(ch, 'question')} glyphshow")
    if run:
        out.append(f"({run}) show")
    return " ".join(out)


def _postscript(s: Surface, path: Path) -> None:
    w, h = s.size
    lines = ["%!PS-Adobe-3.0", f"%%BoundingBox: 0 0 {int(w)} {int(h)}"]
    for n, page in enumerate(s.pages, start=1):
        lines += [f"%%Page: {n} {n}", f"<< /PageSize [{w} {h}] >> setpagedevice"]
        for op in page:
            if op[0] == "rect":
                _, x0, y0, x1, y1, g = op
                lines.append(f"{g} setgray newpath {x0} {h - y1} moveto {x1 - x0} 0 rlineto 0 {y1 - y0} rlineto "
                             f"{x0 - x1} 0 rlineto closepath fill 0 setgray")
            elif op[0] == "line":
                _, x0, y0, x1, y1, lw = op
                lines.append(f"{lw} setlinewidth newpath {x0} {h - y0} moveto {x1} {h - y1} lineto stroke")
            else:
                _, x, y, text, size = op
                lines.append(f"/{s.font} findfont {size} scalefont setfont {x:.2f} {h - y:.2f} moveto "
                             + _ps_text(text))
        lines.append("showpage")
    with tempfile.TemporaryDirectory() as tmp:
        ps = Path(tmp) / "in.ps"
        ps.write_text("\n".join(lines) + "\n", encoding="ascii")
        subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite",
                        f"-sOutputFile={path}", str(ps)], check=True, capture_output=True, timeout=120)


def _wrap(s: Surface, text: str, width: float, size: float) -> list[str]:
    """Words of `text` in lines no wider than `width` (a longer word gets its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and s.width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def shrink(widths: list[float], least: list[float], room: float) -> list[float]:
    """Widths that fit in `room` where they can: each narrows towards its least width (`least`), never below."""
    slack = [max(w - m, 0.0) for w, m in zip(widths, least)]
    excess = sum(widths) - room
    if excess <= 0 or not sum(slack):
        return list(widths)
    cut = min(1.0, excess / sum(slack))
    return [w - s * cut for w, s in zip(widths, slack)]


def fit(widths: list[float], least: list[float], gutter: float, room: float) -> list[float]:
    """Column widths (text + gutter) that fit in `room` where they can: each column narrows towards its longest
    word (`least`), so words wrap but are never broken or overprinted; figures keep their width."""
    return shrink([w + gutter + 3 for w in widths], [m + gutter + 3 for m in least], room)


def fixed_dates(path: Path) -> None:
    """Rewrite a PDF without its creation and modification dates and with an ID from its content, so the same
    layout gives the same bytes (Chromium and LibreOffice stamp the time)."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                del pdf.docinfo[key]
        for key in ("/DocChecksum", "/ID"):  # LibreOffice's checksum of the file and a random ID
            if key in pdf.trailer:
                del pdf.trailer[key]
        pdf.remove_unreferenced_resources()
        pdf.save(path, deterministic_id=True, fix_metadata_version=False)


def plan(content: Content, dims: dict, rng) -> tuple[int, int]:
    """(paragraphs of prose before the table, row after which the table is split or -1), drawn by the seed:
    a split may fall after any row but the last."""
    prose = rng.randint(1, 6) if dims["prose"] == "yes" else 0
    n = len(content.rows)
    return prose, (rng.randint(1, n - 1) if dims["split"] != "none" and n > 3 else -1)


class Layout:
    """Draws one Content with one set of dimension values."""

    def __init__(self, content: Content, dims: dict, rng) -> None:
        self.c, self.d, self.rng = content, dims, rng
        self.s = Surface(dims["engine"], dims["font"])
        self.size = float(dims["size"])
        self.lead = self.size * 1.25
        self.pad = 3.0
        self.page_no = 0
        if dims["orientation"] == "landscape":
            self.s.size = (842.0, 595.0)
        self.margin = 50.0

    # page furniture -----------------------------------------------------------
    def _page(self) -> None:
        self.s.new_page()
        self.page_no += 1
        w, h = self.s.size
        self.y = self.margin
        if self.d["running"] == "yes":
            self.s.text(self.margin, 30, f"London policing {2000 + self.page_no + 11} | Page {self.page_no}", 7)
            self.s.text(self.margin, h - 25, f"{self.page_no} of 4   \u00b7   Report 2019 No. 17", 7)

    def _para(self, text: str, size: float) -> None:
        w, _ = self.s.size
        for line in _wrap(self.s, text, w - 2 * self.margin, size):
            self.y += size * 1.3
            self.s.text(self.margin, self.y, line, size)
        self.y += size * 0.6

    # the table ------------------------------------------------------------------
    def _widths(self) -> list[float]:
        cols = len(self.c.rows[0])
        nat = [max(self.s.width(r[c], self.size) for r in self.c.rows) + 2 for c in range(cols)]
        for line in self.c.headers:
            for hd in line:
                if hd.span == 1:
                    limit = nat[hd.col] * (1.0 if self.d["header_lines"] == "multi" else 3.0)
                    longest = max(self.s.width(w, self.size) for w in hd.text.split()) + 2 if hd.text else 0
                    nat[hd.col] = max(nat[hd.col], longest,
                                      min(self.s.width(hd.text, self.size) + 2, max(limit, 40)))
        if self.d["wrap"] == "yes":
            nat[0] = max(0.55 * nat[0], self.s.width("Westminster", self.size) + 2)
            if self.c.family == "priorities":
                nat[3] = max(0.6 * nat[3], 45)
                nat[4] = max(0.6 * nat[4], 45)
        return nat

    def least(self) -> list[float]:
        """The narrowest width of each column: its longest word (a figure is one word), in body or heading."""
        cols = len(self.c.rows[0])
        words = [[t for r in self.c.rows for t in ([r[c]] if self.c.numeric[c] else r[c].split())] for c in range(cols)]
        for line in self.c.headers:
            for hd in line:
                if hd.span == 1:
                    words[hd.col] += hd.text.split()
        return [max(self.s.width(w, self.size) for w in ws) + 2 if ws else 0.0 for ws in words]

    def _xs(self, widths: list[float]) -> list[float]:
        gutter = {"narrow": 5.0, "wide": 22.0}[self.d["gutter"]]
        xs, x = [], self.margin
        for w in widths:
            xs.append(x)
            x += w + gutter
        return xs + [x - gutter]

    def _cell(self, lines: list[str], x: float, w: float, top: float, height: float, numeric: bool) -> None:
        align = self.d["align"] if numeric else ("left" if self.d["align"] != "centre" else "centre")
        block = len(lines) * self.lead
        shift = {"top": 0.0, "middle": (height - block) / 2, "bottom": height - block}[self.d["valign"]]
        for i, line in enumerate(lines):
            lw = self.s.width(line, self.size)
            if align == "decimal":  # digits end at one x; a closing bracket hangs in a reserved tail
                tail = TAIL.match(line)
                lw = self.s.width(tail.group(1), self.size) + self.s.width(")", self.size) if tail else lw
            lx = {"left": x, "right": x + w - lw, "decimal": x + w - lw, "centre": x + (w - lw) / 2}[align]
            self.s.text(lx, top + shift + (i + 1) * self.lead - self.size * 0.25, line, self.size)

    def _header(self, xs: list[float], widths: list[float], lines: list[list[Header]]) -> None:
        top = self.y
        for line in lines:
            spans = [(hd, xs[hd.col], xs[hd.col + hd.span - 1] + widths[hd.col + hd.span - 1]) for hd in line]
            wrapped = [(hd, a, b, _wrap(self.s, hd.text, b - a, self.size)) for hd, a, b in spans]
            h = max(len(t) for *_, t in wrapped) * self.lead + 2 * self.pad
            for hd, a, b, text in wrapped:
                for i, t in enumerate(text):
                    lw = self.s.width(t, self.size)
                    lx = a + (b - a - lw) / 2 if hd.span > 1 or self.d["align"] == "centre" else a
                    self.s.text(lx, self.y + self.pad + (i + 1) * self.lead - self.size * 0.25, t, self.size)
            self.y += h
        if self.d["rules"] != "none":
            self.s.line(xs[0] - 2, self.y, xs[-1] + 2, self.y, 0.8)
        if self.d["rules"] == "grid":
            self.s.line(xs[0] - 2, top, xs[-1] + 2, top)

    def _rows_on_page(self, xs, widths, rows) -> int:
        """Draw rows until the page is full; how many were drawn."""
        _, h = self.s.size
        drawn = 0
        for r, row in enumerate(rows):
            cells = [_wrap(self.s, t, widths[c], self.size) for c, t in enumerate(row)]
            height = max(len(x) for x in cells) * self.lead + 2 * self.pad
            if self.y + height > h - self.margin - 10:
                break
            if self.d["rules"] == "zebra" and r % 2 == 1:
                self.s.rect(xs[0] - 2, self.y, xs[-1] + 2, self.y + height, 0.9)
            if self.d["rules"] == "cellbg":
                self.s.rect(xs[0] - 2, self.y, xs[1] - 3, self.y + height, 0.85)
            for c, lines in enumerate(cells):
                self._cell(lines, xs[c], widths[c], self.y + self.pad, height - 2 * self.pad, self.c.numeric[c])
            self.y += height
            if self.d["rules"] in ("grid", "horizontal"):
                self.s.line(xs[0] - 2, self.y, xs[-1] + 2, self.y)
            drawn += 1
            if self.split_at == r + 1 and r + 1 < len(rows):
                break
        return drawn

    def _continued(self, xs, widths) -> None:
        mode = self.d["split"]
        if mode in ("repeated", "none"):
            self._header(xs, widths, self.c.headers)
        elif mode == "different" and self.c.headers:
            last = [Header(h.text.replace("Borough", "Borough (continued)") or "", h.col, h.span)
                    for h in self.c.headers[-1]]
            self._header(xs, widths, [last])

    def draw(self) -> Surface:
        prose, split_at = plan(self.c, self.d, self.rng)
        self._page()
        for t in self.c.title:
            self._para(t, 16 if t == self.c.title[-1] else 9)
        if prose:
            for _ in range(prose):
                self._para("Neighbourhood officers work with councils and partners on what matters most locally; "
                           "in 2019 there were 1,200 meetings across 32 boroughs and 630 wards.", 10)
        self._para(self.c.caption, 12)
        widths = self._widths()
        xs = self._xs(widths)
        if xs[-1] > self.s.size[0] - 20:  # narrower columns, never narrower than a word: words wrap
            widths = shrink(widths, self.least(), widths and sum(widths) - (xs[-1] - self.s.size[0] + 20))
            xs = self._xs(widths)
        n = len(self.c.rows)
        self.split_at = split_at
        self._header(xs, widths, self.c.headers)
        done = 0
        while done < n:
            k = self._rows_on_page(xs, widths, self.c.rows[done:])
            if k == 0 and self.y <= self.margin + 200:
                raise ValueError("a row does not fit on a page")
            done += k
            if done < n:
                self._page()
                self._continued(xs, widths)
                self.split_at = -1
        self.y += 8
        for t in self.c.after:
            self._para(t, 9)
        if self.d["second_table"] == "yes":
            self._para("Contact your Safer Neighbourhoods team", 11)
            for ward, phone in (("Central ward", "020 7230 1212"), ("North ward", "020 8721 3300"),
                                ("River ward", "101 ext 4477")):
                self.y += self.lead
                self.s.text(self.margin, self.y, ward, self.size)
                self.s.text(self.margin + 160, self.y, phone, self.size)
        return self.s
