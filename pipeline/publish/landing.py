"""index.html at the package root: what the package holds, how good it is, where every number came from.

Self-contained: the template, its CSS and JavaScript are data files of this package, inlined into one
page that fetches nothing; the page images it shows are files of the package (pipeline.publish.pages).
The summary comes first (coverage, verdict, this release's changes, warnings, one download of everything);
the pictures (tile map, officers' change, one borough's values) are drawn by landing.js from the published
rows only.
"""
from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.publish.citation import attribution, citation
from pipeline.publish.findable import json_ld, spatial_coverage, temporal_coverage
from pipeline.publish.tilemap import load_squares
from pipeline.publish.version import data_date, released_text
from pipeline.publish.versions import tool_versions

TEMPLATES = Path(__file__).with_name("templates")
SKIP_KEYS = frozenset({"schema", "licenses", "sources"})
KINDS = {"frictionless": "Table Schema (Frictionless)", "expectation": "Great Expectations suite",
         "identity": "The sources' own identities", "discrepancy": "The sources' own identities"}
# columns that say where a row was read from or how, not what it says: shown when a reader asks for them
TECHNICAL = frozenset({"source_id", "page", "period_start", "period_end", "figure_no", "borough_raw", "sha256",
                       "bytes", "file", "related_url", "licence", "note", "line"})
# what the tile map can colour each borough by: a resource's value, one picture per combination of `by`; the map
# first shows the first resource's last combination matching `first`
PICTURES = {
    "officer_allocations": {"value": "officers", "by": ["team", "year"], "unit": "officers",
                            "first": {"team": "borough_total"}},
    "borough_performance": {"value": "percent_change", "by": ["period", "crime_type_id"],
                            "unit": "% change in offences"},
    "borough_targets": {"value": "target_reduction_percent", "by": ["period", "crime_type_id"],
                        "unit": "% reduction targeted"},
    "borough_priorities": {"value": "priority_kind", "by": ["period", "crime_type_id"], "unit": "priority"},
}
CHANGE = {"resource": "officer_allocations", "value": "officers", "over": "year", "by": "team"}


def downloads(resource: dict) -> list[dict]:
    """Every file the descriptor lists for a resource (its path and any nested object with a path)."""
    out: list[dict] = []

    def walk(key: str, node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("path"), str):
                fmt = node.get("format") or Path(node["path"]).suffix.lstrip(".") or key
                out.append({"path": node["path"], "format": str(fmt).upper(), "bytes": node.get("bytes")})
            for k in sorted(node):
                if k not in SKIP_KEYS and k != "path":
                    walk(k, node[k])
        elif isinstance(node, list):
            for item in node:
                walk(key, item)

    walk(resource["name"], resource)
    seen: set[str] = set()
    return [d for d in out if not (d["path"] in seen or seen.add(d["path"]))]


def _failing_rows(check: dict) -> list:
    observed = check.get("observed") or {}
    return observed.get("rows") or observed.get("examples") or observed.get("errors_sample") or []


def quality_checks(validation: dict) -> list[dict]:
    """Every check of reports/validation.json once: kind, resource, what, passed, message, failing rows."""
    out = []
    for c in validation.get("checks", []):
        what = c.get("expectation") or c["check"]
        out.append({"kind": KINDS.get(c["check"], c["check"]), "resource": c.get("resource", ""), "what": what,
                    "success": bool(c["success"]), "message": c.get("message", ""),
                    "failing": _failing_rows(c) if not c["success"] else []})
    return out


def latest_release(changelog: str) -> dict:
    """This release's section of CHANGELOG.md: its heading and its lines (bullets without the dash)."""
    sections = changelog.split("\n## ")[1:]
    if not sections:
        return {"heading": "", "lines": []}
    head, *body = sections[0].splitlines()
    return {"heading": head.strip(), "lines": [ln.strip().removeprefix("- ") for ln in body if ln.strip()]}


def coverage(descriptor: dict, tables: dict[str, list[dict]]) -> dict:
    """What the package covers: periods, years, boroughs (of the MPS's), documents and their publishers."""
    temporal = descriptor.get("temporal") or temporal_coverage(tables)
    spatial = descriptor.get("spatial") or spatial_coverage(tables)
    sources = tables.get("sources", [])
    return {"periods": temporal.get("periods", []), "years": temporal.get("years", []),
            "start": temporal.get("start"), "end": temporal.get("end"),
            "boroughs": len(spatial.get("gss_codes", [])),
            "mps_boroughs": sum(1 for b in tables.get("boroughs", []) if b.get("in_mps")),
            "documents": len(sources), "families": len({s.get("family") for s in sources}),
            "facsimiles": sum(1 for s in sources if s.get("facsimile"))}


HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _data_json(payload: dict) -> str:
    """JSON for a <script> element (the data and the JSON-LD): sorted, with <, >, & and the line separators escaped
    (\\u003c ...), so that no text (`</script>`, `<!--<script>`) can end or reopen the element."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).translate(HTML_SAFE)


def _pictures(tables: dict[str, list[dict]]) -> dict:
    """The tile map's squares (with names) and what it can show, for the resources the package has rows of."""
    names = {b["gss_code"]: b["borough"] for b in tables.get("boroughs", [])}
    squares = [{"gss_code": s.gss_code, "abbr": s.abbr, "col": s.col, "row": s.row, "name": names[s.gss_code]}
               for s in load_squares(set(names))]
    maps = [{"resource": name, **spec} for name, spec in PICTURES.items() if tables.get(name)]
    return {"squares": squares, "maps": maps, "change": CHANGE if tables.get(CHANGE["resource"]) else None}


def landing_context(descriptor: dict, tables: dict[str, list[dict]], build: dict, validation: dict,
                    pages: dict[str, dict], changelog: str = "") -> dict:
    """Everything the template shows, from the package's own files."""
    sources = sorted(tables.get("sources", []), key=lambda s: s["source_id"])
    resources = []
    for r in descriptor["resources"]:
        key = r["schema"].get("primaryKey", [])
        columns = [f["name"] for f in r["schema"]["fields"]]
        technical = [] if r["name"] == "cells" else [c for c in columns if c in TECHNICAL
                                                     and not (r["name"] == "sources" and c == "source_id")]
        resources.append({"name": r["name"], "title": r.get("title", r["name"]),
                          "description": r.get("description", ""), "rows": len(tables.get(r["name"], [])),
                          "fields": r["schema"]["fields"], "primary_key": key, "downloads": downloads(r),
                          "technical": technical})
    checks = quality_checks(validation)
    page_index = {f"{p['source_id']}|{p['page']}": {"src": name, "width": p["width"], "height": p["height"]}
                  for name, p in sorted(pages.items())}
    payload = {"tables": {r["name"]: tables.get(r["name"], []) for r in descriptor["resources"]},
               "keys": {r["name"]: r["primary_key"] for r in resources}, "pages": page_index,
               "columns": {r["name"]: [f["name"] for f in r["fields"]] for r in resources},
               "technical": {r["name"]: r["technical"] for r in resources}, "pictures": _pictures(tables)}
    covers = coverage(descriptor, tables)
    failed = sum(not c["success"] for c in checks)
    return {"package": descriptor, "licence": descriptor["licenses"][0], "attribution": attribution(sources),
            "citation": citation(descriptor, sources), "data_date": data_date(descriptor),
            "released": released_text(descriptor), "tools": tool_versions(), "sources": sources,
            "resources": resources, "checks": checks, "failed": failed,
            "errata": tables.get("errata", []), "quarantine": build.get("quarantine", []),
            "skipped": build.get("skipped", []), "covers": covers, "release": latest_release(changelog),
            "download": descriptor.get("download"),
            "meta_description": _meta_description(descriptor, covers),
            "data_json": _data_json(payload), "json_ld": _data_json(json_ld(descriptor, sources)),
            "css": (TEMPLATES / "landing.css").read_text(encoding="utf-8"),
            "js": (TEMPLATES / "landing.js").read_text(encoding="utf-8")}


def _meta_description(descriptor: dict, covers: dict) -> str:
    """One sentence for search engines: what the data is, where and when it covers, from how many documents."""
    when = f" from {covers['start'][:4]} to {covers['end'][:4]}" if covers.get("start") else ""
    return (f"{descriptor['description']} Covers {covers['boroughs']} London boroughs{when}, read from "
            f"{covers['documents']} documents; CSV, JSON, Parquet and SQLite.")


def render_landing(context: dict) -> str:
    """The landing page's HTML."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("index.html.j2").render(**context)


def write_landing(folder: Path, descriptor: dict, tables: dict[str, list[dict]], build: dict,
                  pages: dict[str, dict]) -> Path:
    """Write index.html into the package folder (reads reports/validation.json and CHANGELOG.md from it)."""
    report = folder / "reports" / "validation.json"
    validation = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {}
    log = folder / "CHANGELOG.md"
    changelog = log.read_text(encoding="utf-8") if log.is_file() else ""
    html = render_landing(landing_context(descriptor, tables, build, validation, pages, changelog))
    path = folder / "index.html"
    path.write_text(html, encoding="utf-8", newline="\n")
    return path
