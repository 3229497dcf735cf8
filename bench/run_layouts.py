"""Layout benchmark: run the layout sweep (tools/layouts) and write its rates to results.json and README.md.

    python bench/run_layouts.py                      # sweep 600 cases (about 15 min on 2 cores), then summarise
    python bench/run_layouts.py --summarise-only     # summarise layouts/after.jsonl (and the earlier runs)

A case is exact when the rows the build publishes equal the rows the rendered content holds and nothing
stopped the build. `layout_wrong_published` counts rows published by a build that did not stop and that
the content does not hold (a stopped build publishes nothing).

Earlier runs kept for the table: layouts/before.jsonl (510 cases, before issue 12), layouts/first.jsonl (after
its first readers) and layouts/main.jsonl (the 600 cases of this sweep, with every engine, read by the
geometry reader as it was before the engines' failures were fixed).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tools.layouts.sweep import DIMENSIONS  # noqa: E402

START, END = "<!-- layout-table:start -->", "<!-- layout-table:end -->"


def load(path: Path) -> list[dict]:
    """The cases of a sweep's JSON lines, and of its parts (`<name>_*.jsonl`), each case once."""
    cases = {}
    for part in [path, *sorted(path.parent.glob(f"{path.stem}_*.jsonl"))]:
        if part.exists():
            for line in part.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    case = json.loads(line)
                    cases[case["case"]] = case
    return [cases[k] for k in sorted(cases)]


def wrong_published(cases: list[dict]) -> int:
    return sum(c["wrong"] for c in cases if not c["stop"])


def rates(cases: list[dict]) -> dict[tuple[str, str], tuple[int, float]]:
    """(dimension, value) -> (cases, exact rate)."""
    groups: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for c in cases:
        for dim in DIMENSIONS:
            groups[(dim, c.get(dim))].append(bool(c["exact"]))
    return {k: (len(v), sum(v) / len(v)) for k, v in groups.items()}


def metrics(after: list[dict], before: list[dict], main: list[dict] | None = None) -> dict:
    main = main or []
    out = {"layout_cases": len(after),
           "layout_exact_rate": round(sum(c["exact"] for c in after) / max(len(after), 1), 4),
           "layout_wrong_published": wrong_published(after),
           "layout_before_cases": len(before),
           "layout_before_exact_rate": round(sum(c["exact"] for c in before) / max(len(before), 1), 4),
           "layout_before_wrong_published": wrong_published(before)}
    if main:
        out |= {"layout_main_cases": len(main),
                "layout_main_exact_rate": round(sum(c["exact"] for c in main) / len(main), 4),
                "layout_main_wrong_published": wrong_published(main)}
    for (dim, value), (_, rate) in sorted(rates(after).items()):
        out[f"layout_rate_{dim}_{value}"] = round(rate, 4)
    return out


def table(after: list[dict], before: list[dict], first: list[dict] | None = None,
          main: list[dict] | None = None) -> str:
    """Per-dimension exact rates: before issue 12, after its first readers (`first`, when kept), the same cases
    as `after` read by the earlier reader (`main`, when kept), after."""
    a, b, f, m = rates(after), rates(before), rates(first or []), rates(main or [])
    mid = (" exact first |" if first else "") + (" exact main |" if main else "")
    lines = [f"| dimension | value | cases (before) | exact before |{mid} cases (after) | exact after |",
             "|---|---|---:|---:|" + ("---:|" if first else "") + ("---:|" if main else "") + "---:|---:|"]
    for dim, values in DIMENSIONS.items():
        for v in values:
            nb, rb = b.get((dim, v), (0, 0.0))
            na, ra = a.get((dim, v), (0, 0.0))
            cell = (f" {f[(dim, v)][1]:.2f} |" if (dim, v) in f else " - |") if first else ""
            cell += (f" {m[(dim, v)][1]:.2f} |" if (dim, v) in m else " - |") if main else ""
            nbs, rbs = (str(nb), f"{rb:.2f}") if (dim, v) in b else ("-", "-")
            lines.append(f"| {dim} | {v} | {nbs} | {rbs} |{cell} {na} | {ra:.2f} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=600)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--summarise-only", action="store_true")
    args = ap.parse_args()
    after_path, before_path = HERE / "layouts" / "after.jsonl", HERE / "layouts" / "before.jsonl"
    if not args.summarise_only:
        subprocess.run([sys.executable, "-m", "tools.layouts.sweep", "--cases", str(args.cases), "--seed",
                        str(args.seed), "--out", str(after_path)], cwd=HERE.parent, check=True)
    after, before, main = load(after_path), load(before_path), load(HERE / "layouts" / "main.jsonl")
    results = HERE / "results.json"
    data = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    data = {k: v for k, v in data.items() if not k.startswith("layout_")} | metrics(after, before, main)
    results.write_text(json.dumps(dict(sorted(data.items())), indent=2) + "\n", encoding="utf-8")
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START in text:
        head, rest = text.split(START, 1)
        first = load(HERE / "layouts" / "first.jsonl")
        text = head + START + "\n" + table(after, before, first, main) + "\n" + END + rest.split(END, 1)[1]
        readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
