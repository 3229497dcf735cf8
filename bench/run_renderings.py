"""Renderings benchmark: the seed documents re-rendered by other engines (tools/renderings), each built alone and
compared with its raw/ facsimile; rates into results.json and a table into README.md.

    python bench/run_renderings.py                   # render and check all variants (about 5 min on 2 cores)
    python bench/run_renderings.py --summarise-only  # summarise renderings/after.jsonl (and renderings/before.jsonl)

A rendering is exact when nothing stopped its build and every row (and its identity) equals the facsimile's.
`renderings_wrong_published` counts rows a build that did not stop published and the facsimile does not hold.
renderings/before.jsonl is the same list checked with the pipeline before issue 12's document fixes.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
START, END = "<!-- renderings-table:start -->", "<!-- renderings-table:end -->"
DOCS = {"000": "Local Borough Priorities", "001": "Draft Police & Crime Plan", "002": "Local Policing Summary Havering",
        "003": "Local Policing Summary Barnet", "004": "Mayor's letter"}


def load(path: Path) -> list[dict]:
    """The renderings of a check's JSON lines (none when the file is missing)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def metrics(after: list[dict], before: list[dict]) -> dict:
    def rate(rs: list[dict]) -> float:
        return round(sum(r["exact"] for r in rs) / max(len(rs), 1), 4)

    return {"renderings_cases": len(after), "renderings_exact_rate": rate(after),
            "renderings_wrong_published": sum(r["wrong"] for r in after),
            "renderings_stopped": sum(bool(r["stop"]) for r in after),
            "renderings_before_exact_rate": rate(before),
            "renderings_before_wrong_published": sum(r["wrong"] for r in before)}


def table(after: list[dict], before: list[dict]) -> str:
    """Exact renderings and wrong rows per document and engine, before and after; then what is still not exact."""
    groups: dict[tuple[str, str], dict[str, list[dict]]] = defaultdict(lambda: {"after": [], "before": []})
    for key, rs in (("after", after), ("before", before)):
        for r in rs:
            groups[(r["doc"], r["engine"])][key].append(r)
    lines = ["| document | engine | renderings | exact before | exact after | wrong rows before | wrong rows after |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for (doc, engine), g in sorted(groups.items()):
        a, b = g["after"], g["before"]
        lines.append(f"| {DOCS.get(doc, doc)} | {engine} | {len(a)} | {sum(r['exact'] for r in b)} | "
                     f"{sum(r['exact'] for r in a)} | {sum(r['wrong'] for r in b)} | {sum(r['wrong'] for r in a)} |")
    rest = [r for r in after if not r["exact"]]
    if rest:
        lines += ["", "Not exact after:", ""]
        for r in rest:
            why = f"stopped: {r['stop'][:150]}" if r["stop"] else "; ".join(r["differences"][:2])[:150]
            lines.append(f"- `{r['name']}`: {why}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--summarise-only", action="store_true")
    ap.add_argument("--keep", type=Path, help="folder to keep (and reuse) the rendered PDFs in")
    args = ap.parse_args()
    after_path, before_path = HERE / "renderings" / "after.jsonl", HERE / "renderings" / "before.jsonl"
    if not args.summarise_only:
        after_path.parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "tools.renderings.check", "--out", str(after_path)]
        subprocess.run(cmd + (["--keep", str(args.keep)] if args.keep else []), cwd=HERE.parent, check=True)
    after, before = load(after_path), load(before_path)
    results = HERE / "results.json"
    data = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    data = {k: v for k, v in data.items() if not k.startswith("renderings_")} | metrics(after, before)
    results.write_text(json.dumps(dict(sorted(data.items())), indent=2) + "\n", encoding="utf-8")
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START in text:
        head, rest = text.split(START, 1)
        text = head + START + "\n" + table(after, before) + "\n" + END + rest.split(END, 1)[1]
        readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
