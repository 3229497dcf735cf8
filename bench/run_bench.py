#!/usr/bin/env python3
"""Benchmark extraction and builds on a large corpus against a naive baseline and a floor, in one run.

    python bench/run_bench.py [--pdfs 300] [--small 50] [--workers 2] [--out bench/results.json] [--keep]

The corpus is --pdfs PDFs that publish together, made from the raw/ facsimiles: the
five originals, then variants of the letter, the plan and the priorities list whose
bytes (and sha256) differ but whose content is the same — the Info dictionary
rewritten by pikepdf, or an incremental update appended; each priorities copy gets
its own period in sources.yaml. What is measured (wall-clock seconds on this machine):

  A. extraction at scale (`extract_all`, the part of a build that grows with the
     PDFs; each run in its own interpreter): cold (empty cache), no-op (warm
     cache), after adding one PDF, that PDF alone; pages per second; peak RSS of
     the extracting process and of its largest per-PDF child for --small and
     --pdfs PDFs (memory must not grow with the number of PDFs).
  B. the whole build (`pipeline.build.build`) on raw/: cold, split into extract
     and the rest (normalise, validate, publish); no-op with `python -m pipeline
     build` (the whole command); the same without the build stamp; after adding
     one PDF (a copy of the letter). And the whole build of the corpus: its cold
     extraction (A) plus the rest of a build over the same PDFs.
  D. adding one PDF as whole commands (interpreter start included): to raw/ and
     to the corpus, against building and extracting that PDF alone; the floor of
     any build that validates, importing Great Expectations.
  C. the naive baseline, camelot's lattice reader on every page
     (`camelot.read_pdf(path, pages="all", flavor="lattice")`), timed once on
     each distinct document (the 30 pages of raw/) and scaled to the corpus,
     which repeats each of them; and the floor, pypdfium2's text of every page
     of the corpus. Both run in one process and are divided by --workers (as
     if they parallelised perfectly), so they are compared on equal cores.

Prints the numbers and ratios and writes them to --out as flat JSON.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # measure the checkout this file is in

RAW = ROOT / "raw"
LETTER = "mayor_letter_MGLA190319-8293.pdf"


# ------------------------------------------------------------------ corpus --
def _info_variant(src: Path, dst: Path, n: int) -> None:
    """The same PDF with its Info dictionary changed (pikepdf rewrites the file)."""
    import pikepdf

    with pikepdf.open(src) as pdf:
        pdf.docinfo["/Subject"] = f"benchmark variant {n}"
        pdf.save(dst, deterministic_id=True)


def _incremental_variant(src: Path, dst: Path, n: int) -> None:
    """The same PDF with an incremental update appended: a new Info object, xref section and trailer."""
    data = src.read_bytes()
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    trailer = re.findall(rb"trailer(.*?)startxref", data, re.S)[-1]
    size = int(re.search(rb"/Size\s+(\d+)", trailer).group(1))
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", trailer).group(1).decode()
    body = data if data.endswith(b"\n") else data + b"\n"
    obj = f"{size} 0 obj\n<< /Subject (benchmark update {n}) /Producer (run_bench.py) >>\nendobj\n".encode()
    xref_at = len(body) + len(obj)
    xref = f"xref\n0 1\n0000000000 65535 f \n{size} 1\n{len(body):010d} 00000 n \n".encode()
    tail = (f"trailer\n<< /Size {size + 1} /Root {root} /Info {size} 0 R /Prev {prev} >>\n"
            f"startxref\n{xref_at}\n%%EOF\n").encode()
    dst.write_bytes(body + obj + xref + tail)


VARIED = [LETTER, "draft_police_and_crime_plan_2013.pdf", "local_borough_priorities_2017-18.pdf"]


def make_corpus(folder: Path, count: int) -> list[Path]:
    """`count` PDFs that publish together: raw/'s five, then variants of the letter, the plan and the
    priorities list in turn; sources.yaml lists them all. A variant's bytes (and sha256) differ but not
    its content: every other one has its Info dictionary rewritten by pikepdf, the others get an
    incremental update appended. Each priorities copy is given its own earlier period in sources.yaml
    (its text states none), so that no two copies share a primary key. (The Local Policing Summaries
    state their period and borough, so copies of them could not publish together.)"""
    import yaml

    folder.mkdir(parents=True)
    manifest = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in manifest["sources"]}
    out = [Path(shutil.copy(p, folder / p.name)) for p in sorted(RAW.glob("*.pdf"))][:count]
    for i in range(count - len(out)):
        name = VARIED[i % len(VARIED)]
        dst = folder / f"v{i:04d}_{name}"
        (_info_variant if i % 2 else _incremental_variant)(RAW / name, dst, i)
        entry = {**entries[name], "file": dst.name, "source_id": f"{entries[name]['source_id']}-v{i:04d}"}
        if entry.get("period"):
            year = 2016 - i // len(VARIED)
            entry["period"] = f"{year}-{(year + 1) % 100:02d}"
        manifest["sources"].append(entry)
        out.append(dst)
    (folder / "sources.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return out


def add_variant(folder: Path, n: int) -> Path:
    """One more PDF (a variant of the letter) and its sources.yaml entry."""
    import yaml

    dst = folder / f"v{n:04d}_{LETTER}"
    _info_variant(RAW / LETTER, dst, n)
    manifest = yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["sources"] if e["file"] == LETTER)
    manifest["sources"].append({**entry, "file": dst.name, "source_id": f"{entry['source_id']}-v{n:04d}"})
    (folder / "sources.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return dst


def page_count(paths: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for p in paths:
        doc = pdfium.PdfDocument(str(p))
        total += len(doc)
        doc.close()
    return total


# ------------------------------------------------------- child-process modes --
def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def extract_mode(raw: Path, cache: Path, workers: int) -> dict:
    """One extract_all run in this (fresh) process: seconds, counts and peak memory."""
    from dataclasses import replace

    from pipeline.extract.stage import extract_all
    from pipeline.settings import Settings

    settings = replace(Settings.load().extract, workers=workers)
    start = time.perf_counter()
    result = extract_all(raw, settings, cache)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "documents": len(result.documents), "bad": [b["reason"] for b in result.bad],
            "cached": result.cached,
            "pages": sum(d["pages"] for d in result.documents), "parent_rss_mb": _rss_mb(resource.RUSAGE_SELF),
            "child_rss_mb": _rss_mb(resource.RUSAGE_CHILDREN)}


def build_mode(raw: Path, out: Path, work: Path, cache: Path, workers: int) -> dict:
    """One pipeline.build.build run (as the CLI calls it) with its cache in `cache`: total, extract and rest."""
    from dataclasses import replace

    from pipeline.settings import Settings

    start = time.perf_counter()
    s = Settings.load()
    import pipeline.build as b

    b.CACHE_DIR = cache
    b.VALIDATE_CACHE_DIR = cache.with_name(cache.name + "_validate")
    spent = {"extract": 0.0}
    real = b.extract_all

    def timed_extract(*args, **kwargs):
        t = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent["extract"] += time.perf_counter() - t

    b.extract_all = timed_extract
    settings = replace(s, extract=replace(s.extract, workers=workers))
    o = b.build(raw, out, work, settings, reuse=True)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "extract_s": spent["extract"], "rest_s": seconds - spent["extract"],
            "code": int(o.code), "published": o.published, "errors": len(o.errors)}


def _child(mode: str, *args: object) -> dict:
    """One run in a fresh interpreter: its own timings, plus "command_s", the wall time of the whole
    process (interpreter start and imports included), as a user running the command would see it."""
    cmd = [sys.executable, str(Path(__file__).resolve()), f"--{mode}", *map(str, args)]
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"bench: {mode} run failed:\n{r.stderr[-2000:]}")
    return {**json.loads(r.stdout.strip().splitlines()[-1]), "command_s": wall}


def import_seconds(module: str, teardown: bool = True) -> float:
    """Wall time of `python -c "import <module>"` (interpreter start included); teardown=False ends the process
    with os._exit right after the import, as the build's background processes and the command now end, so the
    interpreter's unloading of the module (seconds for Great Expectations) is not counted."""
    code = f"import {module}" if teardown else f"import {module}, os; os._exit(0)"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    return time.perf_counter() - start


def cli_build(raw: Path, out: Path, work: Path) -> tuple[float, str]:
    """`python -m pipeline build` as a user runs it: wall time including interpreter start, and stderr."""
    start = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out),
                        "--work", str(work)], cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - start, r.stderr


# ------------------------------------------------------- baseline and floor --
def camelot_seconds(paths: list[Path]) -> dict[str, float]:
    """camelot lattice on every page of each PDF, one process: seconds per file name."""
    import logging
    import warnings

    import camelot

    logging.getLogger("camelot").setLevel(logging.ERROR)
    out = {}
    for p in paths:
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            camelot.read_pdf(str(p), pages="all", flavor="lattice")
        out[p.name] = time.perf_counter() - start
    return out


def pdfium_seconds(paths: list[Path]) -> float:
    """pypdfium2's text of every page of every PDF, one process."""
    import pypdfium2 as pdfium

    start = time.perf_counter()
    for p in paths:
        doc = pdfium.PdfDocument(str(p))
        for i in range(len(doc)):
            doc[i].get_textpage().get_text_range()
        doc.close()
    return time.perf_counter() - start


# -------------------------------------------------------------------- main --
def say(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    r: dict[str, float] = {"pdfs": args.pdfs, "pdfs_small": args.small, "workers": args.workers}
    try:
        say(f"bench: making {args.pdfs} PDFs in {tmp}")
        corpus = make_corpus(tmp / "corpus", args.pdfs)
        small = make_corpus(tmp / "small", args.small)
        r["pages"] = page_count(corpus)
        r["pages_small"] = page_count(small)

        # A. extraction at scale
        say("bench: A. extraction (cold, small corpus)")
        cold_small = _child("extract", tmp / "small", tmp / "cache_small", args.workers)
        say("bench: A. extraction (cold, corpus)")
        cold = _child("extract", tmp / "corpus", tmp / "cache", args.workers)
        assert not cold["bad"] and cold["documents"] == args.pdfs, cold
        noop = _child("extract", tmp / "corpus", tmp / "cache", args.workers)
        extra = add_variant(tmp / "corpus", 9999)
        plus = _child("extract", tmp / "corpus", tmp / "cache", args.workers)
        alone = tmp / "alone"
        alone.mkdir()
        shutil.copy(extra, alone)
        single = _child("extract", alone, tmp / "cache_alone", args.workers)
        assert noop["cached"] == args.pdfs and plus["cached"] == args.pdfs and single["cached"] == 0
        r.update({
            "extract_cold_s": cold["seconds"], "extract_pages_per_s": cold["pages"] / cold["seconds"],
            "extract_noop_s": noop["seconds"], "extract_plus_one_s": plus["seconds"],
            "extract_single_pdf_s": single["seconds"],
            "extract_plus_one_ratio": plus["seconds"] / single["seconds"],
            **memory_keys(cold_small, cold, args.pdfs - args.small),
        })

        # B. the whole build on raw/
        say("bench: B. whole build on raw/")
        braw, out, work, cache = tmp / "b_raw", tmp / "b_out", tmp / "b_work", tmp / "b_cache"
        shutil.copytree(RAW, braw)
        b_cold = _child("build", braw, out, work, cache, args.workers)
        assert b_cold["published"], b_cold
        noop_s, noop_err = cli_build(braw, out, work)
        assert "nothing changed" in noop_err, noop_err[-1000:]
        (work / "build_stamp.json").unlink()
        nostamp = _child("build", braw, out, work, cache, args.workers)
        add_variant(braw, 9999)
        b_plus = _child("build", braw, out, work, cache, args.workers)
        assert b_plus["published"], b_plus
        say("bench: B. whole build of the corpus (its PDFs extracted in A)")
        corpus_out, corpus_work, corpus_cache = tmp / "corpus_out", tmp / "corpus_work", tmp / "cache"
        big = _child("build", tmp / "corpus", corpus_out, corpus_work, corpus_cache, args.workers)
        assert big["published"], big
        from pipeline.settings import Settings
        from pipeline.stamp import build_stamp

        start = time.perf_counter()
        build_stamp(tmp / "corpus", Settings.load(), {})
        r["stamp_corpus_s"] = time.perf_counter() - start
        r.update({
            "build_corpus_rest_s": big["rest_s"], "build_corpus_cold_s": cold["seconds"] + big["rest_s"],
            "build_cold_s": b_cold["seconds"], "build_cold_extract_s": b_cold["extract_s"],
            "build_cold_rest_s": b_cold["rest_s"], "build_noop_s": noop_s,
            "build_noop_without_stamp_s": nostamp["seconds"], "build_noop_without_stamp_rest_s": nostamp["rest_s"],
            "build_plus_one_s": b_plus["seconds"], "build_plus_one_extract_s": b_plus["extract_s"],
            "build_plus_one_ratio": b_plus["seconds"] / single["seconds"],
        })

        # D. adding one PDF: to raw/ (above) and to the whole corpus; that PDF alone
        say("bench: D. adding one PDF to the corpus; that PDF alone")
        add_variant(tmp / "corpus", 9998)
        c_plus = _child("build", tmp / "corpus", corpus_out, corpus_work, corpus_cache, args.workers)
        assert c_plus["published"], c_plus
        alone_build = _child("build", alone, tmp / "alone_out", tmp / "alone_work", tmp / "alone_cache", args.workers)
        assert alone_build["published"], alone_build
        r.update({
            "corpus_plus_one_s": c_plus["seconds"], "corpus_plus_one_command_s": c_plus["command_s"],
            "corpus_plus_one_extract_s": c_plus["extract_s"],
            "build_plus_one_command_s": b_plus["command_s"],
            "extract_single_pdf_command_s": single["command_s"],
            "build_single_pdf_command_s": alone_build["command_s"],
            "plus_one_command_vs_extract_command": b_plus["command_s"] / single["command_s"],
            "plus_one_command_vs_build_alone_command": b_plus["command_s"] / alone_build["command_s"],
            "corpus_plus_one_vs_raw_plus_one": c_plus["seconds"] / b_plus["seconds"],
            "floor_python_s": import_seconds("sys"),
            "floor_gx_import_s": import_seconds("great_expectations"),
        })

        # C. naive baseline and floor
        say("bench: C. camelot lattice on raw/'s 30 pages; pypdfium2 text of the corpus")
        originals = sorted(RAW.glob("*.pdf"))
        per_doc = camelot_seconds(originals)
        serial_raw = tmp / "serial_raw"
        shutil.copytree(RAW, serial_raw)
        serial = _child("extract", serial_raw, tmp / "cache_serial", 1)
        copies = {p.name: 0 for p in originals}
        for p in corpus:
            copies[next(o.name for o in originals if p.name.endswith(o.name))] += 1
        raw_pages = page_count(originals)
        baseline = sum(per_doc[n] * k for n, k in copies.items()) / args.workers
        floor = pdfium_seconds(corpus) / args.workers
        r.update({
            "baseline_camelot_s_per_page": sum(per_doc.values()) / raw_pages,
            "baseline_camelot_s": baseline, "floor_pdfium_s": floor,
            "floor_pdfium_s_per_page": floor * args.workers / r["pages"],
            "speedup_extract_vs_camelot": baseline / cold["seconds"],
            "extract_vs_floor": cold["seconds"] / floor,
            "speedup_build_vs_camelot_raw": sum(per_doc.values()) / args.workers / b_cold["seconds"],
            "extract_serial_s_per_page": serial["seconds"] / serial["pages"],
            "speedup_per_page_one_process": sum(per_doc.values()) / raw_pages / (serial["seconds"] / serial["pages"]),
            "speedup_build_vs_camelot": baseline / r["build_corpus_cold_s"],
        })
        return r
    finally:
        if args.keep:
            print(f"bench: kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


PARTS = ("memory", "plus_one")


def memory_keys(small: dict, big: dict, more_pdfs: int) -> dict:
    """Peak RSS of the extracting process and of its largest worker for the small and the big corpus, and growth."""
    return {"mem_parent_small_mb": small["parent_rss_mb"], "mem_parent_mb": big["parent_rss_mb"],
            "mem_child_small_mb": small["child_rss_mb"], "mem_child_mb": big["child_rss_mb"],
            "mem_parent_growth_ratio": big["parent_rss_mb"] / small["parent_rss_mb"],
            "mem_child_growth_ratio": big["child_rss_mb"] / small["child_rss_mb"],
            "mem_parent_per_pdf_kb": (big["parent_rss_mb"] - small["parent_rss_mb"]) * 1024 / more_pdfs}


def plus_one_best(raw: Path, out: Path, work: Path, cache: Path, workers: int, repeat: int) -> dict:
    """The build after adding a PDF to `raw`, run `repeat` times from the same state (the package, work folder and
    caches of the build before it, restored each time), each run followed at once by importing Great Expectations
    (with and without the interpreter's teardown), so that both see the same spell of the machine: the shortest
    command, and the shortest imports ("gx_s", "gx_no_teardown_s")."""
    state = [out, work, cache, cache.with_name(cache.name + "_validate")]
    saved = out.parent / "plus_one_state"
    for folder in state:
        shutil.copytree(folder, saved / folder.name, symlinks=True)
    runs = []
    for _ in range(repeat):
        for folder in state:
            shutil.rmtree(folder)
            shutil.copytree(saved / folder.name, folder, symlinks=True)
        runs.append(_child("build", raw, out, work, cache, workers))
        runs[-1]["gx_s"] = import_seconds("great_expectations")
        runs[-1]["gx_no_teardown_s"] = import_seconds("great_expectations", teardown=False)
    return {**min(runs, key=lambda r: r["command_s"]), "gx_s": min(r["gx_s"] for r in runs),
            "gx_no_teardown_s": min(r["gx_no_teardown_s"] for r in runs)}


def run_parts(args: argparse.Namespace) -> dict:
    """Only the named parts of the run (keys merged into --out; the others are kept): "memory", the cold
    extraction of --small and --pdfs PDFs with the peak RSS of each (A); "plus_one", a cold build of raw/ and
    the build after adding one PDF, as whole commands, against importing Great Expectations (B, D), each the best
    of --repeat runs (the import alone varies by a second or more from run to run on this machine)."""
    tmp = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    r: dict[str, float] = {}
    try:
        if "memory" in args.parts:
            say(f"bench: A. cold extraction of {args.small} and {args.pdfs} PDFs (peak memory)")
            make_corpus(tmp / "small", args.small)
            small = _child("extract", tmp / "small", tmp / "c_small", args.workers)
            corpus = make_corpus(tmp / "corpus", args.pdfs)
            cold = _child("extract", tmp / "corpus", tmp / "cache", args.workers)
            assert not cold["bad"] and cold["documents"] == args.pdfs, cold
            r.update({"pdfs": args.pdfs, "pdfs_small": args.small, "workers": args.workers,
                      "pages": page_count(corpus), "extract_cold_s": cold["seconds"],
                      "extract_pages_per_s": cold["pages"] / cold["seconds"],
                      **memory_keys(small, cold, args.pdfs - args.small)})
        if "plus_one" in args.parts:
            say("bench: B/D. cold build of raw/, then adding one PDF (whole commands); importing Great Expectations")
            braw, out, work, cache = tmp / "b_raw", tmp / "b_out", tmp / "b_work", tmp / "b_cache"
            shutil.copytree(RAW, braw)
            b_cold = _child("build", braw, out, work, cache, args.workers)
            add_variant(braw, 9999)
            b_plus = plus_one_best(braw, out, work, cache, args.workers, args.repeat)
            assert b_cold["published"] and b_plus["published"], (b_cold, b_plus)
            gx, gx_only = b_plus["gx_s"], b_plus["gx_no_teardown_s"]  # taken in turns with the +1 builds
            r.update({"build_cold_s": b_cold["seconds"], "build_cold_extract_s": b_cold["extract_s"],
                      "build_cold_rest_s": b_cold["rest_s"], "build_cold_command_s": b_cold["command_s"],
                      "build_plus_one_s": b_plus["seconds"], "build_plus_one_extract_s": b_plus["extract_s"],
                      "build_plus_one_command_s": b_plus["command_s"], "floor_gx_import_s": gx,
                      "floor_python_s": import_seconds("sys"),
                      "plus_one_command_vs_gx_import_plus_1s": b_plus["command_s"] / (gx + 1.0),
                      "floor_gx_import_no_teardown_s": gx_only,
                      "plus_one_command_vs_gx_import_no_teardown_plus_1s": b_plus["command_s"] / (gx_only + 1.0)})
        return r
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(r: dict) -> str:
    w = int(r["workers"])
    return "\n".join([
        f"corpus: {r['pdfs']:.0f} PDFs, {r['pages']:.0f} pages ({r['pdfs_small']:.0f} PDFs, "
        f"{r['pages_small']:.0f} pages for the memory check); {w} workers",
        "A. extraction",
        f"  cold            {r['extract_cold_s']:8.2f} s   {r['extract_pages_per_s']:.1f} pages/s",
        f"  no-op (cached)  {r['extract_noop_s']:8.2f} s",
        f"  +1 PDF          {r['extract_plus_one_s']:8.2f} s   = {r['extract_plus_one_ratio']:.2f}x that PDF alone "
        f"({r['extract_single_pdf_s']:.2f} s)  [target < 3x]",
        f"  peak RSS        extracting process {r['mem_parent_small_mb']:.0f} -> {r['mem_parent_mb']:.0f} MB "
        f"(x{r['mem_parent_growth_ratio']:.2f}); largest per-PDF child {r['mem_child_small_mb']:.0f} -> "
        f"{r['mem_child_mb']:.0f} MB (x{r['mem_child_growth_ratio']:.2f}) for {r['pdfs_small']:.0f} -> "
        f"{r['pdfs']:.0f} PDFs ({r['mem_parent_per_pdf_kb']:.0f} KB more per PDF: the records the process holds)",
        "B. whole build on raw/ (5 PDFs, publishes)",
        f"  cold            {r['build_cold_s']:8.2f} s   (extract {r['build_cold_extract_s']:.2f} s, "
        f"normalise+validate+publish {r['build_cold_rest_s']:.2f} s)",
        f"  no-op (command) {r['build_noop_s']:8.2f} s   [target < 2 s]; without the build stamp "
        f"{r['build_noop_without_stamp_s']:.2f} s (rest {r['build_noop_without_stamp_rest_s']:.2f} s)",
        f"  +1 PDF          {r['build_plus_one_s']:8.2f} s   (extract {r['build_plus_one_extract_s']:.2f} s) = "
        f"{r['build_plus_one_ratio']:.2f}x extracting that PDF alone",
        f"B. whole build of the corpus ({r['pdfs']:.0f} PDFs + 1, publishes): cold {r['build_corpus_cold_s']:.2f} s = "
        f"cold extraction (A) + the rest of a build over the same PDFs ({r['build_corpus_rest_s']:.2f} s: "
        f"normalise, validate, publish); build stamp {r['stamp_corpus_s']:.3f} s",
        "D. adding one PDF (a copy of the letter), whole commands (interpreter start included)",
        f"  to raw/         {r['build_plus_one_command_s']:8.2f} s   = "
        f"{r['plus_one_command_vs_build_alone_command']:.2f}x building that PDF alone "
        f"({r['build_single_pdf_command_s']:.2f} s), {r['plus_one_command_vs_extract_command']:.1f}x extracting "
        f"it alone ({r['extract_single_pdf_command_s']:.2f} s)",
        f"  to the corpus   {r['corpus_plus_one_command_s']:8.2f} s   (in-process {r['corpus_plus_one_s']:.2f} s = "
        f"{r['corpus_plus_one_vs_raw_plus_one']:.2f}x the same on raw/)",
        f"  floor: importing Great Expectations {r['floor_gx_import_s']:.2f} s; "
        f"starting Python {r['floor_python_s']:.2f} s",
        "C. baseline and floor (one process, divided by the workers)",
        f"  camelot lattice {r['baseline_camelot_s']:8.2f} s   ({r['baseline_camelot_s_per_page']:.3f} s/page, "
        f"timed on raw/'s pages, scaled to the corpus)",
        f"  pypdfium2 text  {r['floor_pdfium_s']:8.2f} s   ({r['floor_pdfium_s_per_page'] * 1000:.2f} ms/page)",
        f"  cold extraction is {r['speedup_extract_vs_camelot']:.1f}x faster than camelot [target >= 5x] and "
        f"{r['extract_vs_floor']:.1f}x the floor",
        f"  one process, raw/'s 30 pages: extraction {r['extract_serial_s_per_page']:.3f} s/page, "
        f"{r['speedup_per_page_one_process']:.1f}x faster than camelot",
        f"  cold whole build of the corpus ({r['build_corpus_cold_s']:.1f} s) is "
        f"{r['speedup_build_vs_camelot']:.1f}x faster than camelot alone; on raw/'s 30 pages: "
        f"{r['speedup_build_vs_camelot_raw']:.2f}x",
    ])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdfs", type=int, default=300)
    ap.add_argument("--small", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus and outputs")
    ap.add_argument("--repeat", type=int, default=3,
                    help="--parts plus_one: best of this many +1 builds and imports of Great Expectations")
    ap.add_argument("--parts", nargs="+", choices=PARTS,
                    help="run only these parts and merge their keys into --out (the full run takes ~6 min alone)")
    ap.add_argument("--extract", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--build", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.extract:
        raw, cache, workers = args.extract
        print(json.dumps(extract_mode(Path(raw), Path(cache), int(workers))))
        return
    if args.build:
        raw, out, work, cache, workers = args.build
        print(json.dumps(build_mode(Path(raw), Path(out), Path(work), Path(cache), int(workers))))
        from pipeline.quick_exit import quick_exit

        quick_exit(0)  # as `python -m pipeline build` ends
    if args.parts:
        fresh = {k: round(float(v), 4) for k, v in run_parts(args).items()}
        old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
        args.out.write_text(json.dumps({**old, **fresh}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        for k, v in fresh.items():
            print(f"{k:45s} {v}")
        return
    r = run(args)
    results = {k: round(float(v), 4) for k, v in r.items()}
    print(report(results))
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"bench: wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
