"""Score published reported_figures against the hand-labelled gold set (gold_reported_figures.csv).

A published figure is matched to a gold row by source file, page, printed text and the occurrence of that
printed text among the page's figures in reading order. Per column: precision = right non-empty labels /
non-empty labels given; recall = right labels / non-empty gold labels.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

GOLD = Path(__file__).with_name("gold_reported_figures.csv")
COLUMNS = ("measure", "kind", "direction", "place", "crime_type", "period", "compared_with")


def load_gold(path: Path = GOLD) -> dict[tuple, dict]:
    """Gold rows keyed by (file, page, printed, occurrence)."""
    with path.open(encoding="utf-8", newline="") as f:
        return {(r["source_file"], int(r["page"]), r["printed"], int(r["occurrence"])): r for r in csv.DictReader(f)}


def published_labels(rows: list[dict], files: dict[str, str]) -> dict[tuple, dict]:
    """Published rows keyed like the gold, with the gold's column names (place = gss_code, else area)."""
    by_id = {r.get("figure_id"): r for r in rows if r.get("figure_id")}
    out: dict[tuple, dict] = {}
    seen: dict[tuple, int] = {}
    for r in sorted(rows, key=lambda r: (r["source_id"], int(r["figure_no"]))):
        k = (files[r["source_id"]], int(r["page"]), r["printed"])
        seen[k] = seen.get(k, 0) + 1
        other = by_id.get(r.get("compared_with") or "")
        out[(*k, seen[k])] = {"measure": r.get("measure") or "", "kind": r.get("kind") or "",
                              "direction": r.get("direction") or "",
                              "place": r.get("gss_code") or r.get("area") or "",
                              "crime_type": r.get("crime_type_id") or "", "period": r.get("period") or "",
                              "compared_with": other["printed"] if other else ""}
    return out


def score(published: dict[tuple, dict], gold: dict[tuple, dict], rename: dict | None = None) -> dict:
    """Precision and recall of publication and of every labelled column."""
    rename = rename or {}
    res: dict = {}
    yes = {k for k, g in gold.items() if g["published"] == "yes"}
    got = set(published)
    res["published"] = {"precision": len(got & yes) / len(got) if got else 1.0,
                        "recall": len(got & yes) / len(yes), "unlabelled": sorted(map(str, got - set(gold)))}
    for col in COLUMNS:
        given = right = wanted = 0
        wrong, missed = [], []
        for k in yes:
            g, p = gold[k][col], published.get(k, {}).get(col, "")
            p = rename.get(col, {}).get(p, p)
            wanted += bool(g)
            if g and not p:
                missed.append((k, g))
            if p:
                given += 1
                right += p == g
                if p != g:
                    wrong.append((k, p, g))
        res[col] = {"precision": right / given if given else 1.0, "recall": right / wanted if wanted else 1.0,
                    "given": given, "right": right, "wanted": wanted, "wrong": wrong,
                    "missed": missed}
    return res


def score_output(out_dir: Path, rename: dict | None = None) -> dict:
    """Score a published package folder (data/reported_figures.csv and data/sources.csv)."""
    with (out_dir / "data" / "sources.csv").open(encoding="utf-8", newline="") as f:
        files = {r["source_id"]: r["file"] for r in csv.DictReader(f)}
    with (out_dir / "data" / "reported_figures.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return score(published_labels(rows, files), load_gold(), rename)


if __name__ == "__main__":
    # today's slugs named the same things differently: a fair 'before' maps them onto the code list
    OLD = {"measure": {"mps_budget": "budget_cuts", "police_officer_numbers": "police_officers",
                       "crime_change": "recorded_crime", "police_staff_posts": "police_staff"}}
    result = score_output(Path(sys.argv[1]), OLD if "--old-slugs" in sys.argv else None)
    for col, r in result.items():
        extra = f" given={r['given']} right={r['right']} wanted={r['wanted']}" if "given" in r else ""
        print(f"{col:14s} precision={r['precision']:.3f} recall={r['recall']:.3f}{extra}")
        for w in r.get("wrong", [])[:40]:
            print("    wrong:", w)
        for w in r.get("missed", [])[:40] if "--missed" in sys.argv else []:
            print("    missed:", w)
        for u in r.get("unlabelled", []):
            print("    not in gold:", u)
