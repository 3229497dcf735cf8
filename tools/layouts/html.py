"""The "chromium" engine: a Content as an HTML page with real tables and CSS, printed to PDF by headless Chromium.

Every dimension is realised by the browser's own layout: fonts and sizes, borders (grid, horizontal, header rule,
none, zebra via nth-child, cell backgrounds), text-align (decimal: the digits right-aligned in the cell with a
fixed-width tail for a closing bracket), vertical-align, column widths that make labels and borough names wrap,
colspan headings with and without sub-headers, thead repeated by the browser at page breaks (a split "different"
or "not_repeated" is two tables with a page break between), @page size and orientation, prose, a second table,
and running lines with page numbers in @page margin boxes.
"""
from __future__ import annotations

import atexit
import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tools.layouts.content import Content, Header, header_cells
from tools.layouts.render import fit, fixed_dates

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FAMILY = {"sans": "DejaVu Sans", "serif": "DejaVu Serif", "mono": "DejaVu Sans Mono"}
RULES = {
    "grid": "table.t td, table.t th {border: 0.6pt solid #000}",
    "horizontal": "table.t {border-top: 0.6pt solid #000} table.t tr {border-bottom: 0.6pt solid #000}",
    "header": "table.t thead tr:last-child th {border-bottom: 0.8pt solid #000}",
    "none": "",
    "zebra": "table.t thead tr:last-child th {border-bottom: 0.8pt solid #000} "
             "table.t tbody tr:nth-child(even) td {background: #e6e6e6}",
    "cellbg": "table.t thead tr:last-child th {border-bottom: 0.8pt solid #000} "
              "table.t tbody td:first-child {background: #d9d9d9}",
}
TAIL = re.compile(r"^(.*\d)(\D*)$")


def available() -> bool:
    """Whether headless Chromium can be run here."""
    return Path(CHROMIUM).exists()


def _header_rows(lines: list[list[Header]], cols: int, align: str) -> list[str]:
    """<tr> of each header line: colspan for spanning headings, rowspan where no line below covers a column."""
    rows: list[list[str]] = [[] for _ in lines]
    for i, _, down, span, text in header_cells(lines, cols):
        side = "center" if span > 1 or align == "centre" else "left"
        rows[i].append(f'<th colspan="{span}" rowspan="{down}" style="text-align:{side}">{html.escape(text)}</th>')
    return ["<tr>" + "".join(cells) + "</tr>" for cells in rows]


def _cell(text: str, numeric: bool, align: str) -> str:
    """One body cell; a numeric cell aligned on its digits ("decimal") keeps a closing bracket in a fixed tail."""
    if numeric and align == "decimal":
        m = TAIL.match(text)
        head, tail = (m.group(1), m.group(2)) if m else (text, "")
        return (f'<td class="n" style="text-align:right">{html.escape(head)}'
                f'<span class="tail">{html.escape(tail)}</span></td>')
    side = {"left": "left", "right": "right", "centre": "center", "decimal": "left"}[align]
    if not numeric and align != "centre":
        side = "left"
    return f'<td style="text-align:{side}">{html.escape(text)}</td>'


def _table(c: Content, rows: list[list[str]], header: list[list[Header]], widths: list[float], d: dict) -> str:
    cols = "".join(f'<col style="width:{w:.1f}pt">' for w in widths)
    head = "<thead>" + "".join(_header_rows(header, len(widths), d["align"])) + "</thead>" if header else ""
    body = "".join("<tr>" + "".join(_cell(t, c.numeric[i], d["align"]) for i, t in enumerate(r)) + "</tr>"
                   for r in rows)
    return f'<table class="t"><colgroup>{cols}</colgroup>{head}<tbody>{body}</tbody></table>'


def _widths(d: dict, measure: list[float], least: list[float], page_width: float, margin: float) -> list[float]:
    """Column widths in points (text widths measured like the other engines), the gutter as padding."""
    return fit(measure, least, {"narrow": 5.0, "wide": 22.0}[d["gutter"]], page_width - 2 * margin)


def page_html(c: Content, d: dict, widths_pt: list[float], least: list[float], prose_count: int, split_at: int) -> str:
    """The whole page of one case as HTML."""
    size = float(d["size"])
    pad = {"narrow": 2.5, "wide": 11.0}[d["gutter"]]
    landscape = d["orientation"] == "landscape"
    page_w = 842.0 if landscape else 595.0
    widths = _widths(d, widths_pt, least, page_w, 50.0)
    running = ""
    if d["running"] == "yes":
        running = ('@top-left {content: "London policing " counter(page) " | Page " counter(page); '
                   f"font-size: 7pt; font-family: '{FAMILY[d['font']]}'; vertical-align: bottom}} "
                   '@bottom-left {content: counter(page) " of " counter(pages) "   \\00b7   Report 2019 No. 17"; '
                   f"font-size: 7pt; font-family: '{FAMILY[d['font']]}'; vertical-align: top}}")
    css = (f"@page {{size: A4 {'landscape' if landscape else 'portrait'}; margin: 50pt; {running}}} "
           f"* {{-webkit-print-color-adjust: exact; print-color-adjust: exact}} "
           f"body {{margin: 0; font-family: '{FAMILY[d['font']]}'; font-size: {size}pt; line-height: 1.25}} "
           "p {margin: 0 0 0.5em 0} "
           "table.t {border-collapse: collapse; table-layout: fixed; margin-bottom: 8pt} "
           f"table.t td, table.t th {{padding: 3pt {pad}pt; vertical-align: {d['valign']}; font-weight: normal; "
           f"overflow-wrap: normal}} "
           "table.t thead {display: table-header-group} table.t tr {break-inside: avoid} "
           ".tail {display: inline-block; width: 0.4em; text-align: left} "
           f"{RULES[d['rules']]} "
           "table.w td {padding: 1pt 40pt 1pt 0} .break {break-before: page}")
    parts = [f'<p style="font-size:{16 if t == c.title[-1] else 9}pt">{html.escape(t)}</p>' for t in c.title]
    parts += ['<p style="font-size:10pt">Neighbourhood officers work with councils and partners on what matters '
              "most locally; in 2019 there were 1,200 meetings across 32 boroughs and 630 wards.</p>"] * prose_count
    parts.append(f'<p style="font-size:12pt">{html.escape(c.caption)}</p>')
    if split_at > 0:
        parts.append(_table(c, c.rows[:split_at], c.headers, widths, d))
        parts.append('<div class="break"></div>')
        header = c.headers
        if d["split"] == "different" and c.headers:
            header = [[Header(h.text.replace("Borough", "Borough (continued)"), h.col, h.span)
                       for h in c.headers[-1]]]
        elif d["split"] == "not_repeated":
            header = []
        parts.append(_table(c, c.rows[split_at:], header, widths, d))
    else:
        parts.append(_table(c, c.rows, c.headers, widths, d))
    parts += [f'<p style="font-size:9pt">{html.escape(t)}</p>' for t in c.after]
    if d["second_table"] == "yes":
        parts.append('<p style="font-size:11pt">Contact your Safer Neighbourhoods team</p><table class="w">'
                     + "".join(f"<tr><td>{w}</td><td>{p}</td></tr>" for w, p in
                               (("Central ward", "020 7230 1212"), ("North ward", "020 8721 3300"),
                                ("River ward", "101 ext 4477")))
                     + "</table>")
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>" \
           + "".join(parts) + "</body></html>"


class _Printer:
    """One headless Chromium for the whole sweep (DevTools printToPDF through playwright), or its command line."""

    def __init__(self) -> None:
        self.page = None

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self.pw = sync_playwright().start()
        self.browser = self.pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                               args=["--no-sandbox", "--disable-gpu"])
        self.page = self.browser.new_page()
        atexit.register(self.close)

    def close(self) -> None:
        if self.page is not None:
            self.browser.close()
            self.pw.stop()
            self.page = None

    def print(self, text: str, path: Path) -> None:
        try:
            if self.page is None:
                self._start()
        except ImportError:
            return _command_line(text, path)
        self.page.set_content(text, wait_until="load")
        self.page.pdf(path=str(path), prefer_css_page_size=True, print_background=True,
                      display_header_footer=False)


def _command_line(text: str, path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.html"
        src.write_text(text, encoding="utf-8")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={path}", src.as_uri()],
                       check=True, capture_output=True, timeout=120)


PRINTER = _Printer()


def save(text: str, path: Path) -> None:
    """Print one HTML page to `path` (without the time it was printed)."""
    PRINTER.print(text, path)
    fixed_dates(path)
