"""Build each rendering alone and compare what it publishes with what the raw/ facsimile of its seed publishes.

    python -m tools.renderings.check [--only NAME ...] [--keep DIR] [--out results.jsonl] [--build]

Rows are compared on their content columns (source_id, page, cells and ids legitimately differ); a
reported figure on its value, unit, printed text, sentence and every label (measure, kind, direction,
period, place, crime type, the figure it is compared with). The document's identity (family and the
source_id derived from its text: borough, period, edition, reference) is compared too. A rendering is
exact when nothing stopped it and everything is equal; a row it publishes that the facsimile does not
is wrong (precision first: that must never happen), one it lacks is missing.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

from tools.renderings import docx_pdf, html_pdf
from tools.renderings.story import document
from tools.renderings.variants import Variant, by_name, variants

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "raw"
RENDERERS = {"chromium": (html_pdf.render, html_pdf.chromium), "libreoffice": (docx_pdf.render, docx_pdf.soffice)}

COLUMNS = {  # content columns per resource
    "borough_priorities": ("period", "gss_code", "priority_kind", "crime_type_id", "rank", "label_raw"),
    "officer_allocations": ("gss_code", "team", "year", "officers", "borough_raw"),
    "borough_performance": ("period", "gss_code", "crime_type_id", "label_raw", "offences_change", "percent_change",
                            "target_status", "offences_printed", "percent_printed"),
    "borough_targets": ("period", "gss_code", "crime_type_id", "target_reduction_percent", "label_raw", "line"),
    "reported_figures": ("value", "unit", "printed", "measure", "kind", "direction", "period", "gss_code", "area",
                         "crime_type_id", "compared_with", "sentence"),
}
FIGURE_KEY = ("value", "unit", "printed")


def available(engine: str) -> bool:
    """Whether the engine's program is installed."""
    return RENDERERS[engine][1]() is not None


def _text(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def project(tables: dict[str, list[dict]]) -> dict[str, Counter]:
    """Every resource's rows as a multiset of content tuples (compared_with as the other figure's content)."""
    out: dict[str, Counter] = {}
    for resource, cols in COLUMNS.items():
        rows = tables.get(resource, [])
        by_id = {r.get("figure_id"): r for r in rows}
        keyed = []
        for r in rows:
            values = []
            for c in cols:
                v = r.get(c)
                if c == "compared_with" and v is not None:
                    other = by_id.get(v, {})
                    v = f"{other.get('printed')} | {_text(other.get('sentence'))}"
                values.append(_text(v))
            keyed.append(tuple(values))
        out[resource] = Counter(keyed)
    return out


def _meta(file: str) -> dict:
    """What raw/sources.yaml tells the build beyond the PDF (a period the document may not state)."""
    for entry in (yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8")) or {}).get("sources", []):
        if entry.get("file") == file:
            return {k: entry[k] for k in ("period",) if entry.get(k)}
    return {}


def read_pdf(pdf: Path, meta: dict) -> dict:
    """Extract and normalise one PDF alone (the build's first two stages): identity, rows, or why it stopped."""
    from pipeline.errors import BadInput
    from pipeline.extract.document import extract_document
    from pipeline.extract.manifest import assign_source_ids
    from pipeline.normalise.stage import normalise_documents
    from pipeline.settings import ExtractSettings

    try:
        doc = extract_document(pdf, meta, ExtractSettings())
    except BadInput as e:
        return {"stop": f"{e.reason}", "rows": project({})}
    doc["source_id"] = assign_source_ids([doc], {})[0][doc["file"]]
    doc["manifest"] = meta
    out = normalise_documents([doc])
    stop = "; ".join(f"page {q['page']}: unknown {q['field']} label {q['label']!r}" for q in out.quarantine[:3])
    stop = stop or "; ".join(e["reason"] for e in out.errors)
    # a printed Total the rows disagree with: the build stops (exit 5) until the discrepancy is reviewed
    stop = stop or "; ".join(f"discrepancy in the source: {d}" for d in doc.get("source_discrepancies", []))
    rows = project({} if stop else out.tables)
    return {"stop": stop, "family": doc["family"], "source_id": doc["source_id"], "rows": rows}


def read_build(pdf: Path, meta: dict) -> dict:
    """The same through `python -m pipeline build` (all four stages) in a scratch folder."""
    import csv

    with tempfile.TemporaryDirectory(prefix="renderings-build-") as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        shutil.copy(pdf, raw / pdf.name)
        if meta:
            entry = {"sources": [{"file": pdf.name, **meta}]}
            (raw / "sources.yaml").write_text(yaml.safe_dump(entry), encoding="utf-8")
        p = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out",
                            str(Path(tmp) / "out"), "--work", str(Path(tmp) / "work"), "--no-cache"],
                           cwd=REPO, capture_output=True, text=True, timeout=900)
        if p.returncode != 0:
            lines = [ln for ln in p.stderr.splitlines() if ln.startswith("error")] or p.stderr.splitlines()[-1:]
            return {"stop": lines[0] if lines else f"exit {p.returncode}", "rows": project({})}
        data = Path(tmp) / "out" / "data"
        tables = {}
        for resource in COLUMNS:
            with (data / f"{resource}.csv").open(encoding="utf-8") as f:
                tables[resource] = [{k: _typed(v) for k, v in r.items()} for r in csv.DictReader(f)]
        with (data / "sources.csv").open(encoding="utf-8") as f:
            src = next(csv.DictReader(f))
    return {"stop": "", "family": src["family"], "source_id": src["source_id"], "rows": project(tables)}


def _typed(v: str):
    """A CSV cell as the JSON value it was (numbers compared as numbers, empty as None)."""
    if v == "":
        return None
    if re.fullmatch(r"-?\d+", v):
        return int(v)
    if re.fullmatch(r"-?\d+\.\d+", v):
        f = float(v)
        return int(f) if f.is_integer() else f
    return v


@cache
def reference(file: str, build: bool = False) -> dict:
    """What the raw/ facsimile of a seed publishes when built alone."""
    return (read_build if build else read_pdf)(RAW / file, _meta(file))


def _figure_diffs(missing: Counter, extra: Counter) -> list[str]:
    """Missing and extra figures paired by value, unit and printed text: which labels differ."""
    cols = COLUMNS["reported_figures"]
    out = []
    left = list(extra.elements())
    for m in missing.elements():
        twin = next((e for e in left if (e[2], e[-1]) == (m[2], m[-1])), None)  # same printed text and sentence
        twin = twin or next((e for e in left if e[:len(FIGURE_KEY)] == m[:len(FIGURE_KEY)]), None)
        if twin is None:
            out.append(f"missing figure {m[2]!r}: {m[-1][:80]!r}")
            continue
        left.remove(twin)
        diff = ", ".join(f"{c}: {a!r} -> {b!r}" for c, a, b in zip(cols, m, twin) if a != b)
        out.append(f"figure {m[2]!r} ({_text(m[-1])[:60]!r}...): {diff}")
    out += [f"extra figure {e[2]!r}: {e[-1][:80]!r}" for e in left]
    return out


def compare(ref: dict, got: dict) -> dict:
    """Exact, or the differences: missing and wrong rows per resource, identity differences, the stop."""
    diffs: list[str] = []
    missing_n = wrong_n = 0
    for key in ("family", "source_id"):
        if not got["stop"] and got.get(key) != ref.get(key):
            diffs.append(f"{key}: {ref.get(key)!r} -> {got.get(key)!r}")
    per: dict[str, dict] = {}
    for resource in COLUMNS:
        a, b = ref["rows"][resource], got["rows"][resource]
        missing, extra = a - b, b - a
        missing_n += sum(missing.values())
        wrong_n += sum(extra.values())
        per[resource] = {"expected": sum(a.values()), "published": sum(b.values()),
                         "missing": sum(missing.values()), "wrong": sum(extra.values())}
        if got["stop"] or not (missing or extra):
            continue
        if resource == "reported_figures":
            diffs += _figure_diffs(missing, extra)
        else:
            diffs += [f"{resource}: missing {m}" for m in missing.elements()]
            diffs += [f"{resource}: WRONG {e}" for e in extra.elements()]
    return {"exact": not got["stop"] and not diffs, "stop": got["stop"], "missing": missing_n, "wrong": wrong_n,
            "resources": per, "differences": diffs}


def render(v: Variant, folder: Path) -> Path:
    """The variant's PDF in `folder` (rendered unless already there)."""
    out = folder / f"{v.name}.pdf"
    if not out.is_file():
        RENDERERS[v.engine][0](document(v.doc), v, out)
    return out


def check(v: Variant, folder: Path, build: bool = False) -> dict:
    """Render one variant, build it alone, compare it with its seed's facsimile."""
    doc = document(v.doc)
    started = time.monotonic()
    pdf = render(v, folder)
    rendered = time.monotonic()
    got = (read_build if build else read_pdf)(pdf, _meta(doc.file))
    result = {**v.as_dict(), **compare(reference(doc.file, build), got),
              "render_seconds": round(rendered - started, 1), "build_seconds": round(time.monotonic() - rendered, 1)}
    return result


def summary_line(r: dict) -> str:
    """One line per rendering: exact, stopped (why) or what differs."""
    if r["exact"]:
        state = "exact"
    elif r["stop"]:
        state = f"stopped: {r['stop'][:160]}"
    else:
        state = f"{r['missing']} missing, {r['wrong']} wrong, {len(r['differences'])} differences"
    return f"{r['name']}: {state}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="names (or name prefixes) of the renderings to check")
    ap.add_argument("--keep", type=Path, help="folder to keep (and reuse) the rendered PDFs in")
    ap.add_argument("--out", type=Path, help="write one JSON line per rendering here")
    ap.add_argument("--build", action="store_true", help="run the whole build (all four stages) per rendering")
    ap.add_argument("--details", action="store_true", help="print every difference")
    args = ap.parse_args(argv)
    chosen = [v for v in variants() if not args.only or any(v.name.startswith(o) for o in args.only)]
    missing = sorted({v.engine for v in chosen if not available(v.engine)})
    if missing:
        print(f"renderings: not installed: {', '.join(missing)}", file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory(prefix="renderings-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for v in chosen:
            r = check(v, folder, args.build)
            results.append(r)
            print(summary_line(r), flush=True)
            if args.details:
                for d in r["differences"]:
                    print("    " + d)
    if args.out:
        args.out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in results), encoding="utf-8")
    exact = sum(r["exact"] for r in results)
    wrong = sum(r["wrong"] for r in results)
    print(f"{exact}/{len(results)} exact, {wrong} wrong rows published", file=sys.stderr)
    return 0


__all__ = ["by_name", "check", "compare", "read_pdf", "reference", "render"]

if __name__ == "__main__":
    raise SystemExit(main())
