"""Run the layout sweep: sample layouts with a fixed seed, render each, extract and normalise it, compare.

    python -m tools.layouts.sweep --cases 600 --seed 12 --out bench/layouts.jsonl

A case is exact when the build's rows equal the content's expected rows and nothing stopped it;
a row published that the content does not hold is counted as wrong (the build must never do that).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from tools.layouts.content import FAMILIES, project
from tools.layouts import html, writer
from tools.layouts.render import Layout, font_available, plan

# every dimension with its values; each case samples each dimension independently
DIMENSIONS: dict[str, list[str]] = {
    "family": ["priorities", "officers", "performance"],
    "engine": ["reportlab", "fpdf2", "postscript", "chromium", "libreoffice"],
    "font": ["sans", "serif", "mono"],
    "size": ["7", "8", "9", "10", "11"],
    "rules": ["grid", "horizontal", "header", "none", "zebra", "cellbg"],
    "align": ["left", "right", "centre", "decimal"],
    "valign": ["top", "middle", "bottom"],
    "wrap": ["yes", "no"],
    "subheaders": ["yes", "no"],
    "header_lines": ["one", "multi"],
    "split": ["none", "repeated", "different", "not_repeated"],
    "orientation": ["portrait", "landscape"],
    "prose": ["yes", "no"],
    "second_table": ["yes", "no"],
    "negative": ["hyphen", "minus", "endash", "parens"],
    "plus": ["yes", "no"],
    "thousands": ["yes", "no"],
    "percent_in": ["cell", "header"],
    "gutter": ["narrow", "wide"],
    "running": ["yes", "no"],
}


def sample(seed: int, n: int) -> list[dict]:
    """n layouts, each dimension drawn independently from its values with a fixed seed."""
    rng = random.Random(seed)
    return [{"case": i, **{k: rng.choice(v) for k, v in DIMENSIONS.items()}} for i in range(n)]


def render(dims: dict, path: Path, convert: bool = True):
    """Render one case to `path` (a libreoffice case: its .docx beside it, made a PDF only when `convert`);
    the Content it holds."""
    rng = random.Random(f"content-{dims['case']}")
    content = FAMILIES[dims["family"]](rng, dims)
    layout = Layout(content, dims, rng)
    if dims["engine"] == "chromium":
        page = html.page_html(content, dims, layout._widths(), layout.least(), *plan(content, dims, rng))
        html.save(page, path)
    elif dims["engine"] == "libreoffice":
        writer.document(content, dims, layout._widths(), layout.least(), *plan(content, dims, rng),
                        path.with_suffix(".docx"))
        if convert:
            writer.convert([path.with_suffix(".docx")], path.parent)
    else:
        layout.draw().save(path)
    return content


def realised(dims: dict) -> dict:
    """The dimension values a case really shows: a value its family cannot print is recorded as "n/a"."""
    out = dict(dims)
    if dims["family"] != "performance":
        out["percent_in"] = "n/a"  # only the summary table prints per cents
    return out


def engine_available(engine: str) -> bool:
    """Whether this machine can run an engine (chromium and libreoffice are Debian packages)."""
    return {"chromium": html.available, "libreoffice": writer.available,
            "postscript": lambda: shutil.which("gs") is not None}.get(engine, lambda: True)()


def run_case(dims: dict, folder: Path, rendered: bool = False) -> dict:
    """Render, extract and normalise one case; what it published against what it should have."""
    from pipeline.errors import BadInput
    from pipeline.extract.document import extract_document
    from pipeline.normalise.stage import normalise_documents
    from pipeline.settings import ExtractSettings

    path = folder / f"case_{dims['case']:04d}.pdf"
    if rendered and path.exists():
        content = FAMILIES[dims["family"]](random.Random(f"content-{dims['case']}"), dims)
    else:
        content = render(dims, path)
    result = {**realised(dims), "expected": len(content.expected)}
    started = time.monotonic()
    try:
        doc = extract_document(path, {}, ExtractSettings())
        doc["source_id"], doc["manifest"] = "sweep", {}
        out = normalise_documents([doc])
        got = project(content.family, out.tables)
        stop = "; ".join(q["label"] for q in out.quarantine[:3]) if out.quarantine else ""
        stop = stop or "; ".join(e["reason"] for e in out.errors)
        if doc.get("source_discrepancies"):  # the build stops (exit 5) until the discrepancy is reviewed
            got, stop = set(), stop or "; ".join(f"discrepancy in the source: {d}" for d in doc["source_discrepancies"])
    except BadInput as e:
        got, stop = set(), e.reason
    result.update(published=len(got), right=len(got & content.expected), wrong=len(got - content.expected),
                  stop=stop[:200], seconds=round(time.monotonic() - started, 2))
    result["exact"] = not stop and got == content.expected
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=600)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--keep", type=Path, help="folder to keep the rendered PDFs in")
    ap.add_argument("--first", type=int, default=0, help="skip the cases before this one (to run a sweep in parts)")
    args = ap.parse_args(argv)
    cases = [c for c in sample(args.seed, args.cases)
             if font_available(c["font"]) and engine_available(c["engine"]) and c["case"] >= args.first]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        office = [c for c in cases if c["engine"] == "libreoffice"]
        for start in range(0, len(office), 20):  # Writer documents are made PDFs 20 to a soffice call
            batch = office[start:start + 20]
            for dims in batch:
                render(dims, folder / f"case_{dims['case']:04d}.pdf", convert=False)
            writer.convert([folder / f"case_{d['case']:04d}.docx" for d in batch], folder)
        with args.out.open("w", encoding="utf-8") as f:
            for dims in cases:
                f.write(json.dumps(run_case(dims, folder, dims["engine"] == "libreoffice"), sort_keys=True) + "\n")
                f.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
