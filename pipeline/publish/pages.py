"""Source page images for the landing page's provenance view: one small, deterministic PNG per used page.

Each PDF is drawn from the bytes that were extracted (its sha256 is checked first), in a worker process
bounded in memory and time, and no image has more than MAX_PIXELS: a page too large for PAGE_SCALE is
drawn scaled down. A page that cannot be drawn is left out with a note.
"""
from __future__ import annotations

import hashlib
import io
import math
import multiprocessing as mp
import resource
import time
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import one_line, shown
from pipeline.safe_files import UnsafeFile, read_bytes

PAGE_SCALE = 1.25  # 90 dpi: the printed text stays legible, a page stays well under 100 kB
GREY_STEP = 17  # 16 grey levels (0, 17, ... 255): black text on white compresses to a few kB per page
MAX_PIXELS = 4_000_000  # an A4 page at PAGE_SCALE is 0.8 million; an A0 poster is drawn smaller
MAX_SIDE = 4_000  # pixels on either side (a long thin page)
MAX_PDF_BYTES = 1 << 30
MEMORY_MB = 1024  # what the drawing process may add to the address space it was forked with
SECONDS = 120.0  # per document


def page_name(source_id: str, page: int) -> str:
    """The package path of one page's image."""
    return f"pages/{source_id}-p{page}.png"


def used_pages(tables: dict[str, list[dict]]) -> list[tuple[str, int]]:
    """(source_id, page) of every row and every cell box of the data tables, sorted."""
    used = set()
    for name, rows in tables.items():
        if name in ("sources", "cells"):
            continue
        used |= {(r["source_id"], int(r["page"])) for r in rows if r.get("source_id") and r.get("page")}
    used |= {(c["source_id"], int(c["page"])) for c in tables.get("cells", [])}
    return sorted(used)


def page_scale(width: float, height: float) -> float:
    """PAGE_SCALE, or less for a page that would exceed MAX_PIXELS or MAX_SIDE pixels at it."""
    scale = PAGE_SCALE
    if width > 0 and height > 0:
        scale = min(scale, math.sqrt(MAX_PIXELS / (width * height)), MAX_SIDE / max(width, height))
    return scale


def _png(pdf, index: int) -> tuple[bytes, float, float]:
    """One page rendered grey, reduced to 16 grey levels and PNG-compressed; with its size in points."""
    page = pdf[index]
    width, height = page.get_size()
    image = page.render(scale=page_scale(width, height), grayscale=True).to_pil().convert("L")
    image = image.point(lambda v: v // GREY_STEP * GREY_STEP)  # a fixed table: fast, and the same every time
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=6)
    return buf.getvalue(), round(width, 2), round(height, 2)


def _address_space() -> int:
    """This process's virtual memory in bytes (what RLIMIT_AS counts)."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _draw(data: bytes, pages: list[int], conn) -> None:  # noqa: ANN001
    """In the worker: each wanted page as ("ok", page, png, width, height) or ("bad", page, reason)."""
    try:
        limit = _address_space() + (MEMORY_MB << 20)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        try:
            for page in pages:
                if not 1 <= page <= len(pdf):
                    conn.send(("bad", page, "no such page"))
                    continue
                try:
                    conn.send(("ok", page, *_png(pdf, page - 1)))
                except MemoryError:
                    conn.send(("bad", page, f"over the memory limit ({MEMORY_MB} MB)"))
        finally:
            pdf.close()
    except Exception as e:  # noqa: BLE001 - a hostile PDF may make the renderer raise anything
        conn.send(("bad", 0, f"cannot be drawn ({type(e).__name__}: {one_line(str(e))[:100]})"))
    finally:
        conn.close()


def draw_pages(data: bytes, pages: list[int], seconds: float = SECONDS) -> Iterator[tuple]:
    """The wanted pages of one PDF drawn in a process of its own, bounded in memory and time: ("ok", page, png,
    width, height) or ("bad", page, reason) per page (page 0: the whole document)."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_draw, args=(data, pages, child), daemon=True)
    proc.start()
    child.close()
    deadline, answered = time.monotonic() + seconds, set()
    try:
        while len(answered) < len(pages):
            left = deadline - time.monotonic()
            if left <= 0:
                yield "bad", 0, f"over the time limit ({seconds:g} s)"
                return
            if not parent.poll(min(left, 0.5)):
                if not proc.is_alive() and not parent.poll(0):
                    yield "bad", 0, f"the drawing process stopped (exit code {proc.exitcode})"
                    return
                continue
            try:
                answer = parent.recv()
            except EOFError:
                yield "bad", 0, f"the drawing process stopped (exit code {proc.exitcode})"
                return
            answered.add(answer[1])
            yield answer
            if answer[0] == "bad" and answer[1] == 0:
                return
    finally:
        proc.kill()
        proc.join(5)
        parent.close()


def _files(folder: Path) -> dict[str, Path]:
    """The PDFs in `folder` by the name the package shows for them (odd bytes escaped: pipeline.errors.shown)."""
    return {shown(p.name): p for p in folder.iterdir() if p.suffix.lower() == ".pdf"} if folder.is_dir() else {}


def render_pages(raw: Path, sources: list[dict], used: list[tuple[str, int]], folder: Path,
                 notes: list[str] | None = None) -> dict[str, dict]:
    """Write pages/<source_id>-p<page>.png under `folder` from the PDFs in `raw` whose bytes are the ones the
    sources table names (sha256); return each image's page size keyed by its path. `notes` gets a line for
    each page left out."""
    files = _files(raw)
    by_id = {s["source_id"]: s for s in sources}
    out: dict[str, dict] = {}
    said = notes if notes is not None else []
    for source_id in sorted({s for s, _ in used}):
        source = by_id.get(source_id)
        path = files.get(str(source["file"])) if source else None
        if path is None:
            continue
        try:
            data = read_bytes(path, MAX_PDF_BYTES)
        except UnsafeFile as e:
            said.append(f"page images of {source_id} not drawn: {e}")
            continue
        if hashlib.sha256(data).hexdigest() != source.get("sha256"):
            said.append(f"page images of {source_id} not drawn: {shown(path)} changed since it was extracted")
            continue
        wanted = [page for sid, page in used if sid == source_id]
        for answer in draw_pages(data, wanted):
            if answer[0] == "bad":
                where = f"page {answer[1]}" if answer[1] else "its pages"
                said.append(f"page images of {source_id}: {where} not drawn: {answer[2]}")
                continue
            _, page, png, width, height = answer
            name = page_name(source_id, page)
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(png)
            out[name] = {"source_id": source_id, "page": page, "width": width, "height": height}
    return out
