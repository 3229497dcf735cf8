#!/usr/bin/env python3
"""Whole `build` commands of raw/, variants run in turn (A B C D A B C D ...) so each sees the same spells of a
shared machine; the median seconds of each variant per scenario.

    python bench/paired_build.py [--rounds 3] [--scenarios cold plus_one no_op] [--variants ...]

Scenarios: "cold", no caches (--no-cache); "plus_one", one PDF added after a build of raw/ whose package, work
folder and caches are restored before every run; "no_op", nothing changed since the last build (the build stamp
reports it). Variants: "shipped", `python -m pipeline build`, which ends by pipeline/quick_exit.py, and
"no_fast_exit", the same command through `pipeline.cli.main` ended by the interpreter's own teardown. Every run
is from a temporary folder (its own .cache/) and must publish (or, no_op, report the last build). Prints one
JSON line per run (with the load average) and the medians. (Until issue 25 the variants also switched a
background process importing Great Expectations ahead of the build; bench/README.md has that run.)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_bench import RAW, ROOT, add_variant  # noqa: E402

VARIANTS = {"shipped": ["-m", "pipeline"],
            "no_fast_exit": ["-c", "import sys; from pipeline.cli import main; sys.argv[0] = 'pipeline'; main()"]}


def _command(variant: str, raw: Path, state: Path, cold: bool) -> list[str]:
    return [sys.executable, *VARIANTS[variant], "build", "--raw", str(raw), "--out", str(state / "out"),
            "--work", str(state / "work"), "--params", str(ROOT / "params.yaml"), *(["--no-cache"] if cold else [])]


def _timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
    return time.perf_counter() - start, r


def _restore(saved: Path, state: Path) -> None:
    shutil.rmtree(state, ignore_errors=True)
    shutil.copytree(saved, state, symlinks=True)


def run(scenarios: list[str], variants: list[str], rounds: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="pipeline-paired-"))
    times: dict[str, dict[str, list[float]]] = {s: {v: [] for v in variants} for s in scenarios}
    try:
        for scenario in scenarios:
            raw = tmp / "raw"
            shutil.rmtree(raw, ignore_errors=True)
            shutil.copytree(RAW, raw)
            state, saved = tmp / "state", tmp / "saved"  # out/, work/ and .cache/ of the run (its cwd)
            shutil.rmtree(saved, ignore_errors=True)
            if scenario != "cold":
                shutil.rmtree(state, ignore_errors=True)
                state.mkdir(parents=True)
                _, r = _timed(_command("shipped", raw, state, False), state)
                assert r.returncode == 0, r.stderr[-2000:]
                shutil.copytree(state, saved, symlinks=True)
            if scenario == "plus_one":
                add_variant(raw, 9999)
            for n in range(rounds):
                for variant in variants:
                    if scenario == "cold":
                        shutil.rmtree(state, ignore_errors=True)
                        state.mkdir(parents=True)
                    else:
                        _restore(saved, state)
                    seconds, r = _timed(_command(variant, raw, state, scenario == "cold"), state)
                    ok = r.returncode == 0 and ("nothing changed" in r.stderr) == (scenario == "no_op")
                    assert ok, (scenario, variant, r.returncode, r.stderr[-2000:])
                    times[scenario][variant].append(seconds)
                    print(json.dumps({"scenario": scenario, "variant": variant, "round": n, "s": round(seconds, 3),
                                      "load": os.getloadavg()[0]}), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {s: {v: {"median_s": round(statistics.median(t), 3), "runs_s": [round(x, 3) for x in t]}
                for v, t in by_variant.items()} for s, by_variant in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--scenarios", nargs="+", default=["cold", "plus_one", "no_op"],
                    choices=["cold", "plus_one", "no_op"])
    ap.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()}", flush=True)
    result = run(args.scenarios, args.variants, args.rounds)
    print(f"load average after: {os.getloadavg()}", flush=True)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
