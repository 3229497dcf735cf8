"""Coverage: what each source printed and what became of it (reports/coverage.json and the codebook's section).

Per source and page: words in table regions (assigned / explained / left over), list items read and
the figures in them, and prose figures found, published and excluded by which rule (the exclusions
are written by the prose reader as `records["figures_excluded"]`, INTERFACES.md interface 3); a figure
printed so that it reads two ways (or none) is refused, with the reason, never published.
"""
from __future__ import annotations

from collections import Counter


def _prose(records: dict) -> dict:
    """Prose figures per page: published, and excluded by rule (when the prose reader reports exclusions); `refused`:
    each figure printed so that its value cannot be read for certain (rule ambiguous_number), and why."""
    published = Counter(int(f.get("page") or 0) for f in records.get("reported_figures", []))
    excluded: dict[int, Counter] = {}
    for f in records.get("figures_excluded", []) or []:
        excluded.setdefault(int(f.get("page") or 0), Counter())[str(f.get("rule") or "")] += 1
    pages = sorted(set(published) | set(excluded))
    per_page = [{"page": p, "found": published[p] + sum(excluded.get(p, Counter()).values()),
                 "published": published[p], "excluded": dict(sorted(excluded.get(p, Counter()).items()))}
                for p in pages]
    refused = [{"page": int(f.get("page") or 0), "text": f["text"], "why": f["why"]}
               for f in records.get("figures_excluded", []) or [] if f.get("why")]
    return {"exclusions_reported": "figures_excluded" in records,
            "found": sum(x["found"] for x in per_page), "published": sum(published.values()),
            "excluded": dict(sorted(sum(excluded.values(), Counter()).items())), "pages": per_page,
            "refused": refused}


def document_coverage(doc: dict) -> dict:
    """Coverage of one extracted document (build/extracted/<source_id>.json)."""
    cov = doc.get("coverage") or {}
    tables = list(cov.get("tables", []))
    lists = list(cov.get("lists", []))
    return {"source_id": doc["source_id"], "file": doc["file"], "family": doc["family"],
            "table_words": {"words": sum(t["words"] for t in tables), "assigned": sum(t["assigned"] for t in tables),
                            "explained": sum(t["explained"] for t in tables),
                            "left_over": sum(t["left_over"] for t in tables)},
            "list_items": {"items": sum(x["items"] for x in lists), "rows": sum(x["rows"] for x in lists),
                           "figures_found": sum(x["figures_found"] for x in lists),
                           "figures_published": sum(x["figures_published"] for x in lists),
                           "left_over": sum(x["left_over"] for x in lists)},
            "tables": tables, "lists": lists, "prose": _prose(doc.get("records") or {})}


def coverage_report(docs: list[dict]) -> dict:
    """reports/coverage.json: every source's coverage and the totals (left_over must be 0 to publish)."""
    sources = sorted((document_coverage(d) for d in docs), key=lambda c: c["source_id"])
    left = sum(s["table_words"]["left_over"] + s["list_items"]["left_over"] for s in sources)
    return {"left_over": left, "sources": sources}


def coverage_markdown(report: dict) -> str:
    """The codebook's coverage section: one row per source and page."""
    out = ["## Coverage: everything printed is accounted for", "",
           "Every word in a table's region is a header, a data cell, a wrapped part of a cell, a total row or "
           "explained by a rule of its family spec (`families/*.yaml`, `not_data`); every list item and figure is a "
           "published row or explained by a rule; prose figures are published or excluded by a rule. A build with "
           "anything left over does not publish. Details: `reports/coverage.json`.", "",
           "| source_id | page | what | words / items | assigned / read | explained (by rule) | left over | "
           "figures found / published / excluded |", "|---|---|---|---|---|---|---|---|"]
    for s in report["sources"]:
        for t in s["tables"]:
            why = ", ".join(f"{k} {v}" for k, v in t["explained_detail"].items() if v) or "0"
            out.append(f"| `{s['source_id']}` | {t['page']} | table `{t['resource']}` ({t['rows']} rows) | "
                       f"{t['words']} words | {t['assigned']} | {why} | {t['left_over']} | |")
        for x in s["lists"]:
            why = ", ".join(f"{k} {v}" for k, v in x["items_explained"].items()) or "0"
            excl = sum(x["figures_excluded"].values())
            out.append(f"| `{s['source_id']}` | {x['page']} | list `{x['resource']}` | {x['items']} items | "
                       f"{x['rows']} rows | {why} | {x['left_over']} | {x['figures_found']} / "
                       f"{x['figures_published']} / {excl} |")
        prose = s["prose"]
        for p in prose["pages"]:
            excl = ", ".join(f"{k} {v}" for k, v in p["excluded"].items())
            out.append(f"| `{s['source_id']}` | {p['page']} | prose | | | | 0 | {p['found']} / {p['published']} / "
                       f"{sum(p['excluded'].values())}{f' ({excl})' if excl else ''} |")
    refused = [(s["source_id"], r) for s in report["sources"] for r in s["prose"].get("refused", [])]
    if refused:
        out += ["", "Figures not published because their printed value reads two ways (or none):", ""]
        out += [f"- `{sid}` p.{r['page']} {r['text']!r}: {r['why']}" for sid, r in refused]
    if any(not s["prose"]["exclusions_reported"] for s in report["sources"]):
        out += ["", "Prose figures the reader did not publish are not yet counted for sources whose extraction "
                    "reports no exclusions (`exclusions_reported: false` in `reports/coverage.json`)."]
    return "\n".join(out) + "\n"
