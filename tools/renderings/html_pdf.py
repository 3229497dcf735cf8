"""A seed document as HTML/CSS in one variant's style, printed to PDF by headless Chromium."""
from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tools.renderings.story import Break, Cell, Document, Para, Run, TableBlock
from tools.renderings.variants import MARGINS, PAGES, Variant

ROLE_CSS = {  # sizes relative to the body size
    "title": "font-size: 2.0em; font-weight: bold; margin: 0.3em 0 0.8em",
    "h1": "font-size: 1.4em; font-weight: bold; margin: 0.9em 0 0.4em",
    "h2": "font-size: 1.15em; font-weight: bold; margin: 0.8em 0 0.3em",
    "body": "margin: 0 0 0.6em",
    "compact": "margin: 0 0 1pt",
    "contact": "margin: 5pt 0 1pt",
    "logo": "font-size: 1.2em; font-weight: bold; text-align: right; margin: 0 0 2pt",
    "footnote": "font-size: 0.85em; margin: 0.6em 0",
}


def chromium() -> str | None:
    """The Chromium executable, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _runs(runs: list[Run]) -> str:
    out = []
    for r in runs:
        if r.br:
            out.append("<br>")
            continue
        t = html.escape(r.text, quote=False)
        if r.italic:
            t = f"<i>{t}</i>"
        if r.bold:
            t = f"<b>{t}</b>"
        out.append(t)
    return "".join(out)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def _page_css(doc: Document, v: Variant) -> str:
    w, h = PAGES[v.page]
    if doc.landscape:
        w, h = h, w
    m = MARGINS[v.margins]
    top = m + (10 if v.running else 0) + (4 if v.running and doc.header_sub else 0)
    bottom = m + (8 if v.running else 0)
    boxes = ""
    if v.running:
        head = doc.header + ("\n" + doc.header_sub if doc.header_sub else "")
        number = v.footer.replace("{n}", '" counter(page) "').replace("{N}", '" counter(pages) "')
        boxes = (f"@top-left {{ content: {_css_string(head)}; white-space: pre; font-weight: bold; "
                 f"font-size: 11pt; vertical-align: bottom; border-bottom: 0.6pt solid black; }}\n"
                 + (f"@top-right {{ content: {_css_string(doc.header_right)}; font-weight: bold; font-size: 11pt; "
                    f"vertical-align: bottom; border-bottom: 0.6pt solid black; }}\n" if doc.header_right else "")
                 + f"@bottom-left {{ content: {_css_string(doc.short_title)}; font-size: 8pt; }}\n"
                 f"@bottom-right {{ content: \"{number}\"; font-size: 8pt; }}\n")
    return (f"@page {{ size: {w}mm {h}mm; margin: {top}mm {m}mm {bottom}mm {m}mm; font-family: '{v.font}';\n"
            f"{boxes}}}")


def _table(t: TableBlock, v: Variant, doc: Document) -> str:
    covered: set[tuple[int, int]] = set()
    starts: dict[tuple[int, int], tuple[int, int]] = {}
    for c0, r0, c1, r1 in t.spans:
        starts[(c0, r0)] = (c1 - c0 + 1, r1 - r0 + 1)
        covered |= {(c, r) for c in range(c0, c1 + 1) for r in range(r0, r1 + 1)} - {(c0, r0)}
    total = sum(t.widths)
    cols = "".join(f'<col style="width: {100 * w / total:.2f}%">' for w in t.widths)
    border = "0.6pt solid black"
    cell_css = f"border: {border};" if t.rules == "grid" else f"border-bottom: {border};"
    out = [f'<table style="border-collapse: collapse; width: 100%; font-size: {v.size - 0.5:g}pt; '
           f'break-inside: auto; {"" if t.rules == "grid" else "border-top: 1pt solid black;"}">'
           f"<colgroup>{cols}</colgroup>"]
    for i, row in enumerate(t.rows):
        if i == 0 and t.header_rows:
            out.append("<thead>")
        if i == t.header_rows:
            out.append("</thead><tbody>" if t.header_rows else "<tbody>")
        bg = " background: #D9D9D9;" if i in t.shaded else ""
        out.append('<tr style="break-inside: avoid">')
        for j, c in enumerate(row):
            if (j, i) in covered:
                continue
            span = starts.get((j, i))
            attrs = f' colspan="{span[0]}" rowspan="{span[1]}"' if span else ""
            tag = "th" if i < t.header_rows else "td"
            weight = "bold" if c.bold or tag == "th" else "normal"
            out.append(f'<{tag}{attrs} style="{cell_css}{bg} padding: 2pt 5pt; vertical-align: middle; '
                       f'text-align: {c.align}; font-weight: {weight}">{_runs(c.runs)}</{tag}>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _list(items: list[Para], v: Variant) -> str:
    numbered = items[0].bullet not in (None, "bullet")
    if numbered or v.bullets == "number":
        start = int(items[0].bullet.rstrip(".")) if numbered else 1
        head = f'<ol start="{start}" style="margin: 0 0 0.6em; padding-left: 2em">'
        tail = "</ol>"
    else:
        marker = "disc" if v.bullets == "disc" else '"\u2013  "'
        head = f'<ul style="list-style-type: {marker}; margin: 0 0 0.6em; padding-left: 2em">'
        tail = "</ul>"
    body = "".join(f'<li style="margin: 0 0 3pt">{_runs(p.runs)}</li>' for p in items)
    return head + body + tail


def document_html(doc: Document, v: Variant) -> str:
    """The whole document as one HTML page in the variant's style."""
    align = "justify" if v.justify else "left"
    css = "\n".join(f".{role} {{ {rule} }}" for role, rule in ROLE_CSS.items())
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(doc.title)}</title>"
             f"<style>{_page_css(doc, v)}\nbody {{ font-family: '{v.font}'; font-size: {v.size:g}pt; "
             f"line-height: 1.35; text-align: {align}; margin: 0; }}\n{css}\n"
             f"h1, h2, .title, .h1, .h2 {{ break-after: avoid; text-align: left; }}\n"
             f"li {{ text-align: {align}; }}</style></head><body>"]
    if not v.running:
        right = f'<span style="float: right">{html.escape(doc.header_right)}</span>' if doc.header_right else ""
        parts.append(f'<div style="font-weight: bold; font-size: 12pt">{html.escape(doc.header)}{right}'
                     + "</div>"
                     + (f'<div style="font-size: 7.5pt">{html.escape(doc.header_sub)}</div>' if doc.header_sub else "")
                     + '<hr style="border: 0; border-top: 0.6pt solid black">')
    pending: list[Para] = []
    for b in [*doc.blocks, None]:
        same = not pending or (isinstance(b, Para) and (b.bullet == "bullet") == (pending[0].bullet == "bullet"))
        if isinstance(b, Para) and b.bullet and same:
            pending.append(b)
            continue
        if pending:
            parts.append(_list(pending, v))
            pending = []
            if isinstance(b, Para) and b.bullet:
                pending.append(b)
                continue
        if isinstance(b, Para):
            tag = {"title": "h1", "h1": "h2", "h2": "h3"}.get(b.role, "p")
            parts.append(f'<{tag} class="{b.role}">{_runs(b.runs)}</{tag}>')
        elif isinstance(b, TableBlock):
            parts.append(_table(b, v, doc))
        elif isinstance(b, Break) and b.kind == "page":
            parts.append('<div style="break-after: page"></div>')
        elif isinstance(b, Break) and b.kind == "space":
            parts.append(f'<div style="height: {b.points:g}pt"></div>')
    parts.append("</body></html>")
    return "".join(parts)


def render(doc: Document, v: Variant, out: Path, timeout: float = 120) -> Path:
    """Print the document's HTML to `out` (a PDF) with headless Chromium."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="renderings-") as tmp:
        page = Path(tmp) / "doc.html"
        page.write_text(document_html(doc, v), encoding="utf-8")
        env = {**os.environ, "HOME": tmp}
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=timeout, env=env)
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF for {v.name}")
    return out


__all__ = ["Cell", "chromium", "document_html", "render"]
