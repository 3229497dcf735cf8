#!/usr/bin/env python3
"""Per-page extraction cost side by side, in one run: the project against the peer readers and the floor.

    python bench/per_page.py [--out bench/results.json] [--repeat 3] [--rounds 3] [--no-build]

On the same pages (raw/'s PDFs, then the shared corpus's good PDFs, one copy of each
distinct file), serial, each reader in its own fresh interpreter, timed around the work
only (imports excluded), best of --repeat passes; the readers take turns --rounds times (this
machine's speed drifts by a third within minutes) and each PDF's best pass over all rounds counts:

  project_<engine>   pipeline.extract.document.extract_document on every PDF, for each
                     page-geometry engine the settings offer (extract.engine)
  camelot_stream     camelot.read_pdf(path, pages="all", flavor="stream")
  camelot_lattice    camelot.read_pdf(path, pages="all", flavor="lattice")
  plumber_tables     pdfplumber: page.extract_tables() on every page
  pdfium_text        pypdfium2: every page's text (the floor)

plus the cold whole build of raw/ as a command (`python -m pipeline build`, empty
caches, interpreter start included) against camelot lattice alone on raw/'s pages.
Milliseconds per page and ratios are merged into --out (existing keys are kept).
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
CORPUS = ROOT.parent / "shared" / "corpus"
PEERS = ("camelot_stream", "camelot_lattice", "plumber_tables", "pdfium_text")


def raw_pdfs() -> list[Path]:
    """raw/'s PDFs, in name order."""
    return sorted(RAW.glob("*.pdf"))


def corpus_pdfs(seen: set[str]) -> list[Path]:
    """The shared corpus's PDFs outside its bad_* cases, one per distinct content, not already in `seen`."""
    out = []
    for p in sorted(CORPUS.glob("*/*.pdf")):
        if p.parent.name.startswith("bad_"):
            continue
        sha = hashlib.sha256(p.read_bytes()).hexdigest()
        if sha not in seen:
            seen.add(sha)
            out.append(p)
    return out


# ----------------------------------------------------------- readers (child) --
def _project(engine: str):
    from dataclasses import fields, replace

    import yaml

    from pipeline.errors import BadInput
    from pipeline.extract.document import extract_document
    from pipeline.settings import Settings

    settings = Settings.load().extract
    if "engine" in {f.name for f in fields(settings)}:
        settings = replace(settings, engine=engine)
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
    if name.startswith("project_"):
        return _project(name.removeprefix("project_"))
    if name.startswith("camelot_"):
        return _camelot(name.removeprefix("camelot_"))
    return _plumber() if name == "plumber_tables" else _pdfium()


def child(name: str, repeat: int, paths: list[str]) -> dict:
    """Seconds per PDF (best of `repeat` passes) for one reader, in this process."""
    from pipeline.extract.open_pdf import quiet_parsers

    quiet_parsers()
    read = reader(name)
    best = {p: float("inf") for p in paths}
    for _ in range(repeat):
        for p in paths:
            start = time.perf_counter()
            read(Path(p))
            best[p] = min(best[p], time.perf_counter() - start)
    return best


def run_child(name: str, repeat: int, paths: list[Path]) -> dict[str, float]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--repeat", str(repeat),
           *map(str, paths)]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"bench: {name} failed:\n{r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------- cold build --
COLD_BUILD = """import runpy, sys
from dataclasses import fields, replace
from pathlib import Path
import pipeline.build as b
from pipeline.settings import Settings
b.CACHE_DIR, b.VALIDATE_CACHE_DIR = Path(sys.argv[1]), Path(sys.argv[2])
engine, load = sys.argv[3], Settings.load.__func__
if engine != "default" and "engine" in {f.name for f in fields(Settings().extract)}:
    Settings.load = classmethod(lambda cls, *a: replace(s := load(cls, *a), extract=replace(s.extract, engine=engine)))
sys.argv = ["pipeline", *sys.argv[4:]]
runpy.run_module("pipeline", run_name="__main__")
"""


def cold_build_command(engine: str) -> float:
    """`python -m pipeline build` on a copy of raw/ with empty caches and extract.engine `engine`: wall seconds
    of the whole command."""
    with tempfile.TemporaryDirectory(prefix="bench_cold_") as tmp:
        t = Path(tmp)
        shutil.copytree(RAW, t / "raw")
        start = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", COLD_BUILD, str(t / "cache"), str(t / "cache_validate"), engine,
                            "build", "--raw", str(t / "raw"), "--out", str(t / "out"), "--work", str(t / "work")],
                           cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if r.returncode != 0:
            raise SystemExit(f"bench: cold build failed:\n{r.stderr[-2000:]}")
    return seconds


# --------------------------------------------------------------------- main --
def engines() -> list[str]:
    from pipeline.settings import ExtractSettings

    return list(getattr(ExtractSettings, "ENGINES", ())) or ["default"]


def measure(repeat: int, build: bool, rounds: int = 1) -> dict:
    """Per-page ms of every reader on each set; with `rounds` > 1 the readers take turns, round after round (so a
    slower or faster spell of the machine falls on all of them), and each PDF's best pass over all rounds counts."""
    seen: set[str] = set()
    sets = {"raw": raw_pdfs()}
    seen.update(hashlib.sha256(p.read_bytes()).hexdigest() for p in sets["raw"])
    sets["corpus"] = corpus_pdfs(seen)
    names = [f"project_{e}" for e in engines()] + list(PEERS)
    out: dict[str, float] = {}
    for key, paths in sets.items():
        pages = page_count(paths)
        out[f"pp_{key}_pages"] = float(pages)
        best: dict[str, dict[str, float]] = {}
        for turn in range(rounds):
            for name in names:
                print(f"bench: {key} {name} (round {turn + 1} of {rounds})", file=sys.stderr, flush=True)
                secs = run_child(name, repeat, paths)
                best[name] = {p: min(s, best.get(name, {}).get(p, s)) for p, s in secs.items()}
        for name in names:
            out[f"pp_{key}_{name}_ms"] = round(1000 * sum(best[name].values()) / pages, 3)
    for key in sets:
        floor = out[f"pp_{key}_pdfium_text_ms"]
        for e in engines():
            mine = out[f"pp_{key}_project_{e}_ms"]
            for peer in PEERS:
                out[f"pp_{key}_{e}_vs_{peer}"] = round(out[f"pp_{key}_{peer}_ms"] / mine, 3)  # > 1: project faster
            out[f"pp_{key}_{e}_x_floor"] = round(mine / floor, 2)
    if build:
        lattice = out["pp_raw_camelot_lattice_ms"] * out["pp_raw_pages"] / 1000
        out["pp_raw_camelot_lattice_s"] = round(lattice, 3)
        for e in engines():
            print(f"bench: cold build of raw/ ({e})", file=sys.stderr, flush=True)
            cold = min(cold_build_command(e) for _ in range(rounds))
            out[f"pp_build_cold_{e}_command_s"] = round(cold, 3)
            out[f"pp_build_cold_{e}_vs_lattice"] = round(lattice / cold, 3)  # > 1: the build is faster
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3, help="readers take turns this many times; best pass counts")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--child")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.repeat, args.paths)))
        return
    r = measure(args.repeat, not args.no_build, args.rounds)
    old = json.loads(args.out.read_text()) if args.out.exists() else {}
    args.out.write_text(json.dumps({**old, **r}, indent=2, sort_keys=True) + "\n")
    for k, v in r.items():
        print(f"{k:45s} {v}")


if __name__ == "__main__":
    main()
