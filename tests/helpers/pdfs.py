"""Make bad, odd and foreign PDFs in a temporary folder (never in raw/).

Every function writes one file and returns its path. The bytes are the same on every run
(except the random salts of the encrypted ones), so a failure can be reproduced.
"""
from __future__ import annotations

import hashlib
import io
import os
import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "raw"
HAVERING = RAW / "lps_havering_2009-10.pdf"
BARNET = RAW / "lps_barnet_2009-10.pdf"


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    """A valid little grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def png_as_pdf(path: Path) -> Path:
    """A PNG image renamed .pdf."""
    path.write_bytes(png_bytes())
    return path


def text_as_pdf(path: Path) -> Path:
    """A plain text file renamed .pdf."""
    path.write_text("Local Policing Summary Havering\nThis is not a PDF, only text with a .pdf name.\n",
                    encoding="utf-8")
    return path


def truncated(src: Path, path: Path, fraction: float = 0.45) -> Path:
    """The first `fraction` of `src`'s bytes (the download stopped half way)."""
    data = src.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def corrupt_middle(src: Path, path: Path, fraction: float = 0.2) -> Path:
    """`src` with `fraction` of its bytes in the middle overwritten by junk; header and %%EOF kept."""
    data = bytearray(src.read_bytes())
    n = int(len(data) * fraction)
    start = (len(data) - n) // 2
    junk = hashlib.sha256(b"junk").digest()
    for i in range(n):
        data[start + i] = junk[i % len(junk)]
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]
    path.write_bytes(bytes(data))
    return path


def encrypted(src: Path, path: Path, user: str = "x", owner: str = "y") -> Path:
    """`src` encrypted (AES-256); with user="" it opens without a password (owner password only)."""
    import pikepdf

    with pikepdf.open(src) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user=user, owner=owner, R=6),
                 static_id=True)
    return path


def shapes_only(path: Path) -> Path:
    """A page with drawn shapes and an image but no text: what a scan looks like to a parser."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFillGray(0.8)
    c.rect(72, 500, 300, 200, fill=1)
    c.circle(300, 300, 80, fill=0)
    c.line(72, 100, 500, 120)
    c.drawImage(ImageReader(io.BytesIO(png_bytes(16, 16))), 100, 150, width=120, height=120)
    c.showPage()
    c.save()
    return path


def text_pdf(path: Path, lines: list[str], pages: int = 1) -> Path:
    """A simple text PDF (fpdf2, core font) with `lines` on each of `pages` pages."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2020, 1, 1, tzinfo=UTC))  # reproducible bytes
    pdf.set_font("Helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def unknown_family(path: Path) -> Path:
    """A text PDF about something else entirely."""
    return text_pdf(path, [
        "Annual Report of the Allotment Society",
        "Our members grew 1,204 kilograms of runner beans this year.",
        "The committee thanks everyone who helped at the summer show.",
        "Subscriptions rise to 12 pounds from April.",
    ])


def lps_without_table(path: Path) -> Path:
    """Looks like a Local Policing Summary (title, caption, priorities heading) but has no table rows."""
    return text_pdf(path, [
        "Local Policing Summary Havering",
        "How did Havering perform during 2009/10?",
        "The table of offences was left out of this copy.",
        "Priorities for 2010/11",
        "Looking forward, we will keep working with our partners.",
    ])


def snapshot(folder: Path) -> dict[str, tuple]:
    """Everything under `folder`: file -> (size, mtime_ns, sha256), folder + "/" -> (mtime_ns,); {} if absent.

    A folder's mtime changes when an entry is created, renamed or deleted in it, even temporarily.
    """
    if not folder.exists():
        return {}
    out: dict[str, tuple] = {}
    for root, _dirs, files in os.walk(folder):
        here = Path(root)
        out[str(here.relative_to(folder)) + "/"] = (here.stat().st_mtime_ns,)
        for name in files:
            p = here / name
            st = p.stat()
            out[str(p.relative_to(folder))] = (st.st_size, st.st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
    return out


def mutate(data: bytes, rng) -> tuple[str, bytes]:
    """One seeded random mutation of `data`: flip bytes, delete, duplicate or truncate a range."""
    kind = rng.choice(["flip", "delete", "duplicate", "truncate"])
    b = bytearray(data)
    n = len(b)
    if kind == "flip":
        for _ in range(rng.randint(1, 64)):
            i = rng.randrange(n)
            b[i] ^= rng.randint(1, 255)
    elif kind == "delete":
        i = rng.randrange(n)
        del b[i: i + rng.randint(1, 4096)]
    elif kind == "duplicate":
        i = rng.randrange(n)
        chunk = b[i: i + rng.randint(1, 4096)]
        j = rng.randrange(len(b))
        b[j:j] = chunk
    else:
        b = b[: rng.randrange(1, n)]
    return kind, bytes(b)


def parser_error_with_control_char(path: Path, char: bytes = b"\x1c") -> Path:
    """Page 1 has ordinary text; page 2's content stream is ASCII85 with a stray control character.

    pdfium opens it and finds the text layer on page 1; a parser that reports the bad stream (pdfminer, under the
    fallback readers) names the character in its message.
    """
    import pikepdf

    tmp = path.with_suffix(".plain.tmp")
    text_pdf(tmp, ["Local Policing Summary Havering, a page of ordinary text for the checks."], pages=2)
    with pikepdf.open(tmp) as pdf:
        stream = pikepdf.Stream(pdf, b"")
        stream.write(b"87cURD]i," + char + b'"Ebo80~>', filter=pikepdf.Name.ASCII85Decode)
        pdf.pages[1].obj.Contents = stream
        pdf.save(path, static_id=True)
    tmp.unlink()
    return path


def unsupported_security(src: Path, path: Path) -> Path:
    """`src` encrypted, then its security handler renamed from /Standard to one no reader supports."""
    encrypted(src, path)
    data = path.read_bytes()
    assert data.count(b"/Standard") == 1
    path.write_bytes(data.replace(b"/Standard", b"/PubSec  "))
    return path


def copy_manifest(folder: Path, names: list[str]) -> Path:
    """raw/sources.yaml into `folder` with only the entries of the PDFs `names` (a manifest that fits)."""
    text = (RAW / "sources.yaml").read_text(encoding="utf-8")
    keep = [e for e in text.split("\n- ")[1:] if any(f"file: {n}\n" in e for n in names)]
    target = folder / "sources.yaml"
    target.write_text("sources:\n- " + "\n- ".join(keep).rstrip("\n") + "\n", encoding="utf-8")
    return target


def invisible_text(src: Path, path: Path) -> Path:
    """The text of `src`'s first page drawn in render mode 3 (invisible) and nothing else."""
    import pdfplumber
    from reportlab.pdfgen import canvas

    with pdfplumber.open(src) as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()
    c = canvas.Canvas(str(path))
    text = c.beginText(40, 800)
    text.setTextRenderMode(3)
    text.setFont("Helvetica", 8)
    for line in lines:
        text.textLine(line)
    c.drawText(text)
    c.save()
    return path


def unicode_font() -> Path:
    """A TrueType font with Latin, Greek, Cyrillic, Armenian and Arabic-Indic glyphs and every dash (DejaVu Sans);
    the test is skipped, naming the Debian package, when it is missing (failed under CI: helpers/tools.py)."""
    from helpers.tools import require

    return Path(require("dejavu"))


def _unicode_fpdf(orientation: str = "P"):
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, format="A4")
    pdf.set_creation_date(datetime(2020, 1, 1, tzinfo=UTC))  # reproducible bytes
    pdf.add_font("DejaVu", "", str(unicode_font()))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    return pdf


def letter_pdf(path: Path, paragraphs: list[list[str]]) -> Path:
    """A letter from the Mayor of London (synthetic) whose body is `paragraphs`, each line set as given: a paragraph
    whose first line is the longest of it wraps, so a figure can be cut by the line break ("19" / "285")."""
    pdf = _unicode_fpdf()
    for line in ["MAYOR OF LONDON", "Our ref: MGLA010120-0001", "Date: 1 January 2020", "",
                 "Dear Assembly Member,", ""]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    for par in paragraphs:
        for line in par:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
    for line in ["Thank you for your letter.", "", "Yours sincerely,", "", "Mayor of London"]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def summary_pdf(path: Path, rows: list[tuple[str, str, str]], borough: str = "Enfield") -> Path:
    """A Local Policing Summary (synthetic) whose performance table holds `rows` (label, change cell, status) as
    printed, set in a Unicode font, and a targets list."""
    pdf = _unicode_fpdf("L")
    for text, size in [("Metropolitan Police Authority", 9), (f"Local Policing Summary {borough}", 18),
                       ("Synthetic test document: invented figures for software testing.", 10),
                       (f"How did {borough} perform during 2009/10?", 13)]:
        pdf.set_font("DejaVu", size=size)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    with pdf.table(borders_layout="NONE", col_widths=(45, 60, 40), width=160, align="LEFT",
                   first_row_as_headings=False, line_height=5) as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.ln(4)
    for text, size in [("Looking forward", 13), ("Priorities for 2010/11", 13),
                       ("\u2022 3.3% reduction in serious acquisitive crime", 10)]:
        pdf.set_font("DejaVu", size=size)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
