"""Source page images for the landing page's provenance view: one small, deterministic PNG per used page."""
from __future__ import annotations

import io
from pathlib import Path

PAGE_SCALE = 1.25  # 90 dpi: the printed text stays legible, a page stays well under 100 kB
GREY_STEP = 17  # 16 grey levels (0, 17, ... 255): black text on white compresses to a few kB per page


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


def _png(pdf, index: int) -> tuple[bytes, float, float]:
    """One page rendered grey, reduced to 16 grey levels and PNG-compressed; with its size in points."""
    page = pdf[index]
    width, height = page.get_size()
    image = page.render(scale=PAGE_SCALE, grayscale=True).to_pil().convert("L")
    image = image.point(lambda v: v // GREY_STEP * GREY_STEP)  # a fixed table: fast, and the same every time
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=6)
    return buf.getvalue(), round(width, 2), round(height, 2)


def render_pages(raw: Path, sources: list[dict], used: list[tuple[str, int]], folder: Path) -> dict[str, dict]:
    """Write pages/<source_id>-p<page>.png under `folder`; return each image's page size keyed by its path."""
    import pypdfium2 as pdfium

    files = {s["source_id"]: raw / s["file"] for s in sources}
    out: dict[str, dict] = {}
    for source_id in sorted({s for s, _ in used}):
        path = files.get(source_id)
        if path is None or not path.is_file():
            continue
        pdf = pdfium.PdfDocument(str(path))
        try:
            for sid, page in used:
                if sid != source_id or not 1 <= page <= len(pdf):
                    continue
                data, width, height = _png(pdf, page - 1)
                name = page_name(sid, page)
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(data)
                out[name] = {"source_id": sid, "page": page, "width": width, "height": height}
        finally:
            pdf.close()
    return out
