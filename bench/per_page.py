#!/usr/bin/env python3
"""Per-page extraction cost side by side, in one run: the project against the peer readers and the floor.

    python bench/per_page.py [--out bench/results.json] [--repeat 3] [--rounds 3] [--no-build] [--corpus DIR]

On the same pages (raw/'s PDFs, then the shared corpus's good PDFs, one copy of each
distinct file), serial, each reader in its own fresh interpreter (started once, its imports
excluded from the timing), best of --repeat passes on a PDF. The readers take turns PDF by
PDF, so every PDF is read by all of them within seconds (this machine's speed drifts by a
third within minutes: readers timed minutes apart saw different machines), --rounds times,
and each PDF's best pass over all rounds counts:

  project            pipeline.extract.document.extract_document on every PDF (its page
                     geometry from pdfium, pipeline/extract/pdfium_page.py)
  camelot_stream     camelot.read_pdf(path, pages="all", flavor="stream")
  camelot_lattice    camelot.read_pdf(path, pages="all", flavor="lattice")
  plumber_tables     pdfplumber: page.extract_tables() on every page
  pdfium_text        pypdfium2: every page's text (the floor)

plus the cold whole build of raw/ as a command (`python -m pipeline build`, empty
caches, interpreter start included) against camelot lattice alone on raw/'s pages.
Milliseconds per page and ratios are merged into --out (its keys other than pp_* are kept).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from run_bench import page_count  # noqa: E402  (bench/ is this script's folder)

RAW = ROOT / "raw"
CORPUS = ROOT.parent / "shared" / "corpus"  # --corpus: where the repository has no ../shared beside it
PEERS = ("camelot_stream", "camelot_lattice", "plumber_tables", "pdfium_text")


def raw_pdfs() -> list[Path]:
    """raw/'s PDFs, in name order."""
    return sorted(RAW.glob("*.pdf"))


def corpus_pdfs(seen: set[str], corpus: Path = CORPUS) -> list[Path]:
    """The shared corpus's PDFs outside its bad_* cases, one per distinct content, not already in `seen`."""
    out = []
    for p in sorted(corpus.glob("*/*.pdf")):
        if p.parent.name.startswith("bad_"):
            continue
        sha = hashlib.sha256(p.read_bytes()).hexdigest()
        if sha not in seen:
            seen.add(sha)
            out.append(p)
    return out


# ----------------------------------------------------------- readers (child) --
def _project():
    import yaml

    from pipeline.errors import BadInput
    from pipeline.extract.document import extract_document
    from pipeline.settings import Settings

    settings = Settings.load().extract
    manifest = {s["file"]: s for s in yaml.safe_load((RAW / "sources.yaml").read_text())["sources"]}

    def read(p: Path) -> None:
        meta = manifest.get(p.name) or {"period": "2018-19"}  # corpus files that state no period
        try:
            extract_document(p, meta, settings)
        except BadInput:
            pass

    return read


def _camelot(flavor: str):
    import logging
    import warnings

    import camelot

    logging.getLogger("camelot").setLevel(logging.ERROR)

    def read(p: Path) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            camelot.read_pdf(str(p), pages="all", flavor=flavor)

    return read


def _plumber():
    import pdfplumber

    def read(p: Path) -> None:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_tables()

    return read


def _pdfium():
    import pypdfium2 as pdfium

    def read(p: Path) -> None:
        doc = pdfium.PdfDocument(str(p))
        for i in range(len(doc)):
            doc[i].get_textpage().get_text_range()
        doc.close()

    return read


def reader(name: str):
    """The callable that reads one PDF the way `name` does (imports done here, not timed)."""
    if name == "project":
        return _project()
    if name.startswith("camelot_"):
        return _camelot(name.removeprefix("camelot_"))
    return _plumber() if name == "plumber_tables" else _pdfium()


def serve(name: str, repeat: int) -> None:
    """A reader's own process: for each PDF path read on stdin, its best of `repeat` passes (seconds) on stdout."""
    from pipeline.extract.open_pdf import quiet_parsers

    quiet_parsers()
    read = reader(name)
    print("ready", flush=True)
    for line in sys.stdin:
        path = Path(line.rstrip("\n"))
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            read(path)
            best = min(best, time.perf_counter() - start)
        print(repr(best), flush=True)


class Reader:
    """One reader in its own fresh interpreter, kept for the whole run, timing one PDF at a time when asked."""

    def __init__(self, name: str, repeat: int) -> None:
        self.name = name
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve", name,
                                          "--repeat", str(repeat)], cwd=ROOT, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._stderr, text=True)
        self._reply()  # "ready": its imports are done before any PDF is timed

    def _reply(self) -> str:
        line = self._process.stdout.readline()
        if not line:
            self._stderr.seek(0)
            raise SystemExit(f"bench: {self.name} failed:\n{self._stderr.read().decode(errors='replace')[-2000:]}")
        return line

    def seconds(self, path: Path) -> float:
        self._process.stdin.write(f"{path}\n")
        self._process.stdin.flush()
        return float(self._reply())

    def close(self) -> None:
        self._process.stdin.close()
        self._process.wait()
        self._stderr.close()


# --------------------------------------------------------------- cold build --
COLD_BUILD = """import runpy, sys
from pathlib import Path
import pipeline.build as b
b.CACHE_DIR, b.VALIDATE_CACHE_DIR = Path(sys.argv[1]), Path(sys.argv[2])
sys.argv = ["pipeline", *sys.argv[3:]]
runpy.run_module("pipeline", run_name="__main__")
"""


def cold_build_command() -> float:
    """`python -m pipeline build` on a copy of raw/ with empty caches: wall seconds of the whole command."""
    with tempfile.TemporaryDirectory(prefix="bench_cold_") as tmp:
        t = Path(tmp)
        shutil.copytree(RAW, t / "raw")
        start = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", COLD_BUILD, str(t / "cache"), str(t / "cache_validate"),
                            "build", "--raw", str(t / "raw"), "--out", str(t / "out"), "--work", str(t / "work")],
                           cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if r.returncode != 0:
            raise SystemExit(f"bench: cold build failed:\n{r.stderr[-2000:]}")
    return seconds


# --------------------------------------------------------------------- main --
def measure(repeat: int, build: bool, rounds: int = 1, corpus: Path = CORPUS) -> dict:
    """Per-page ms of every reader on each set. Each reader runs in its own process, started once; the readers
    take turns PDF by PDF (each PDF is read by all of them within seconds, so a slower or faster spell of the
    machine falls on all of them alike), round after round, and each PDF's best pass over all rounds counts."""
    seen: set[str] = set()
    sets = {"raw": raw_pdfs()}
    seen.update(hashlib.sha256(p.read_bytes()).hexdigest() for p in sets["raw"])
    sets["corpus"] = corpus_pdfs(seen, corpus)
    if not sets["corpus"]:
        raise SystemExit(f"bench: no corpus PDFs in {corpus} (give --corpus)")
    names = ["project", *PEERS]
    out: dict[str, float] = {}
    for key, paths in sets.items():
        pages = page_count(paths)
        out[f"pp_{key}_pages"] = float(pages)
        best = {name: {str(p): float("inf") for p in paths} for name in names}
        readers = []
        try:
            for name in names:
                readers.append(Reader(name, repeat))
            for turn in range(rounds):
                print(f"bench: {key}, round {turn + 1} of {rounds}", file=sys.stderr, flush=True)
                for i, path in enumerate(paths):
                    k = (turn + i) % len(readers)  # who goes first changes from PDF to PDF and round to round
                    for r in readers[k:] + readers[:k]:
                        best[r.name][str(path)] = min(best[r.name][str(path)], r.seconds(path))
        finally:
            for r in readers:
                r.close()
        for name in names:
            out[f"pp_{key}_{name}_ms"] = round(1000 * sum(best[name].values()) / pages, 3)
    for key in sets:
        mine = out[f"pp_{key}_project_ms"]
        for peer in PEERS:
            out[f"pp_{key}_vs_{peer}"] = round(out[f"pp_{key}_{peer}_ms"] / mine, 3)  # > 1: project faster
        out[f"pp_{key}_x_floor"] = round(mine / out[f"pp_{key}_pdfium_text_ms"], 2)
    if build:
        lattice = out["pp_raw_camelot_lattice_ms"] * out["pp_raw_pages"] / 1000
        out["pp_raw_camelot_lattice_s"] = round(lattice, 3)
        print("bench: cold build of raw/", file=sys.stderr, flush=True)
        cold = min(cold_build_command() for _ in range(rounds))
        out["pp_build_cold_command_s"] = round(cold, 3)
        out["pp_build_cold_vs_lattice"] = round(lattice / cold, 3)  # > 1: the build is faster
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3, help="passes over the PDFs, the readers taking turns on each; "
                                                          "each PDF's best pass counts")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus (default: ../shared/corpus)")
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, args.repeat)
        return
    r = measure(args.repeat, not args.no_build, args.rounds, args.corpus)
    old = json.loads(args.out.read_text()) if args.out.exists() else {}
    kept = {k: v for k, v in old.items() if not k.startswith("pp_")}  # every pp_* key is this run's
    args.out.write_text(json.dumps({**kept, **r}, indent=2, sort_keys=True) + "\n")
    for k, v in r.items():
        print(f"{k:45s} {v}")


if __name__ == "__main__":
    main()
