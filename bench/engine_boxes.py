"""The pdfium engine against pdfminer's, whole: every word box of every layout of the sweep and of every PDF of
raw/ and the corpus, and every document's extraction under both engines (tests/extract/test_pdfium_page.py runs a
fixed sample of the sweep's layouts: one per font and engine).

    python bench/engine_boxes.py                  # --cases 200 --seed 12 (a few minutes on 2 cores)
    python bench/engine_boxes.py --keep DIR       # keep the rendered layouts

Prints one line per difference and a summary; exits 1 when anything differs. Engines whose program is missing
here (Ghostscript, LibreOffice, Chromium) are left out and named.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import astuple, replace
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from pipeline.extract.document import extract_document  # noqa: E402
from pipeline.extract.layout import page_to_words  # noqa: E402
from pipeline.extract.manifest import load_manifest  # noqa: E402
from pipeline.extract.pdfium_page import PdfiumDocument  # noqa: E402
from pipeline.settings import ExtractSettings  # noqa: E402
from tools.layouts import writer  # noqa: E402
from tools.layouts.render import font_available  # noqa: E402
from tools.layouts.sweep import engine_available, render, sample  # noqa: E402

RAW = REPO / "raw"
CORPUS = REPO.parent / "shared" / "corpus"


def word_boxes_differ(path: Path) -> str:
    """Where pdfium's words (text and box) first differ from pdfminer's on a page of `path`, or ""."""
    with pdfplumber.open(path) as pdf, PdfiumDocument(path) as doc:
        if len(doc.pages) != len(pdf.pages):
            return f"{len(doc.pages)} pages, pdfminer {len(pdf.pages)}"
        for number, (theirs, ours) in enumerate(zip(pdf.pages, doc.pages), 1):
            if [astuple(w) for w in page_to_words(ours)] != [astuple(w) for w in page_to_words(theirs)]:
                return f"page {number}: word boxes differ"
    return ""


def extraction_differs(path: Path) -> str:
    """"extraction differs" when the whole extraction (cell boxes included) is not the same under both engines."""
    meta = load_manifest(RAW).get(path.name, {}) if path.parent == RAW else {"period": "2018-19"}
    old = extract_document(path, meta, replace(ExtractSettings(), engine="pdfminer"))
    new = extract_document(path, meta, replace(ExtractSettings(), engine="pdfium"))
    return "" if new == old else "extraction differs"


def layouts(seed: int, n: int, folder: Path) -> tuple[list[Path], list[str]]:
    """The sweep's layouts rendered in `folder` (Writer documents converted 20 to a soffice call); engines left out."""
    cases = [d for d in sample(seed, n) if font_available(d["font"])]
    missing = sorted({d["engine"] for d in cases if not engine_available(d["engine"])})
    cases = [d for d in cases if d["engine"] not in missing]
    paths = []
    for dims in cases:
        path = folder / f"case_{dims['case']:04d}_{dims['engine']}_{dims['font']}.pdf"
        render(dims, path, convert=False)
        paths.append(path)
    office = [p.with_suffix(".docx") for p in paths if p.with_suffix(".docx").exists()]
    for start in range(0, len(office), 20):
        writer.convert(office[start:start + 20], folder)
    return paths, missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--keep", type=Path, help="folder to keep the rendered layouts in")
    args = ap.parse_args(argv)
    pdfs = sorted(RAW.glob("*.pdf")) + sorted(p for p in CORPUS.glob("*/*.pdf") if not p.parent.name.startswith("bad_"))
    differences: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        sweep, missing = layouts(args.seed, args.cases, folder)
        for path in sweep:
            if why := word_boxes_differ(path):
                differences.append(f"{path.name}: {why}")
        for path in pdfs:
            for why in (word_boxes_differ(path), extraction_differs(path)):
                if why:
                    differences.append(f"{path.relative_to(path.parents[1])}: {why}")
    for line in differences:
        print(line)
    print(json.dumps({"sweep_layouts": len(sweep), "pdfs": len(pdfs), "engines_left_out": missing,
                      "differences": len(differences)}))
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
