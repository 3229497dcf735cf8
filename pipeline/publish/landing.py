"""index.html at the package root: what the package holds, how good it is, where every number came from.

Self-contained: the template, its CSS and JavaScript are data files of this package, inlined into one
page that fetches nothing; the page images it shows are files of the package (pipeline.publish.pages).
"""
from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.publish.citation import attribution, citation
from pipeline.publish.version import data_date, released_text
from pipeline.publish.versions import tool_versions

TEMPLATES = Path(__file__).with_name("templates")
SKIP_KEYS = frozenset({"schema", "licenses", "sources"})
KINDS = {"frictionless": "Table Schema (Frictionless)", "expectation": "Great Expectations suite",
         "identity": "The sources' own identities", "discrepancy": "The sources' own identities"}


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


HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _data_json(payload: dict) -> str:
    """JSON for a <script type="application/json"> element: sorted, with <, >, & and the line separators escaped
    (\\u003c ...), so that no text (`</script>`, `<!--<script>`) can end or reopen the element."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).translate(HTML_SAFE)


def landing_context(descriptor: dict, tables: dict[str, list[dict]], build: dict, validation: dict,
                    pages: dict[str, dict]) -> dict:
    """Everything the template shows, from the package's own files."""
    sources = sorted(tables.get("sources", []), key=lambda s: s["source_id"])
    resources = [{"name": r["name"], "title": r.get("title", r["name"]), "description": r.get("description", ""),
                  "rows": len(tables.get(r["name"], [])), "fields": r["schema"]["fields"],
                  "primary_key": r["schema"].get("primaryKey", []), "downloads": downloads(r)}
                 for r in descriptor["resources"]]
    checks = quality_checks(validation)
    page_index = {f"{p['source_id']}|{p['page']}": {"src": name, "width": p["width"], "height": p["height"]}
                  for name, p in sorted(pages.items())}
    payload = {"tables": {r["name"]: tables.get(r["name"], []) for r in descriptor["resources"]},
               "keys": {r["name"]: r["primary_key"] for r in resources}, "pages": page_index,
               "columns": {r["name"]: [f["name"] for f in r["fields"]] for r in resources}}
    return {"package": descriptor, "licence": descriptor["licenses"][0], "attribution": attribution(sources),
            "citation": citation(descriptor, sources), "released": released_text(descriptor),
            "data_date": data_date(descriptor),
            "tools": tool_versions(), "sources": sources, "resources": resources, "checks": checks,
            "failed": sum(not c["success"] for c in checks), "errata": tables.get("errata", []),
            "quarantine": build.get("quarantine", []), "skipped": build.get("skipped", []),
            "data_json": _data_json(payload),
            "css": (TEMPLATES / "landing.css").read_text(encoding="utf-8"),
            "js": (TEMPLATES / "landing.js").read_text(encoding="utf-8")}


def render_landing(context: dict) -> str:
    """The landing page's HTML."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("index.html.j2").render(**context)


def write_landing(folder: Path, descriptor: dict, tables: dict[str, list[dict]], build: dict,
                  pages: dict[str, dict]) -> Path:
    """Write index.html into the package folder (reads reports/validation.json from it)."""
    report = folder / "reports" / "validation.json"
    validation = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {}
    html = render_landing(landing_context(descriptor, tables, build, validation, pages))
    path = folder / "index.html"
    path.write_text(html, encoding="utf-8", newline="\n")
    return path
