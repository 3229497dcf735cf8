"""The human codebook (output/README.md), generated from the descriptor so it cannot drift."""
from __future__ import annotations

from pipeline.publish.citation import attribution, citation
from pipeline.publish.markdown import code
from pipeline.publish.markdown import text as md
from pipeline.publish.version import data_date, released_text
from pipeline.publish.versions import tool_versions


def _cell(text) -> str:
    """The project's own text (descriptions) in a table cell: `|` escaped, and `<`, `>`, `&` so that a placeholder
    such as `families/<family>.yaml` is shown, not taken for an HTML tag."""
    text = str(text if text is not None else "").replace("\n", " ")
    return "".join("\\" + c if c in "|<>&" else c for c in text)


def _formats(descriptor: dict) -> list[str]:
    """Lines naming the other formats the descriptor lists, and the changelog."""
    out = ["- `CHANGELOG.md`: what each release changed (semantic versioning); `reports/changes.json` this "
           "release's changes row by row; `reports/metrics.json` rows, checks, errata, quarantined and skipped."]
    if any(r.get("parquet") for r in descriptor["resources"]):
        out.append("- `data/<resource>.parquet`: the same rows in Parquet, typed as the schema says (dates as "
                   "dates, integers as integers), each column's description in its field metadata.")
    if descriptor.get("sqlite"):
        db = descriptor["sqlite"]
        out.append(f"- `{db['path']}`: {db['description']} Serve it with "
                   f"`datasette {db['path']} --metadata {db['datasette_metadata']['path']}`.")
    return out


def descriptor_to_codebook(descriptor: dict, tables: dict[str, list[dict]], build: dict) -> str:
    """Markdown: the package, each resource and column, the sources, errata and caveats."""
    out = [f"# {md(descriptor['title'])}", "", descriptor["description"], "",
           f"- Package: `{descriptor['name']}` version {descriptor['version']}",
           f"- Licence: {descriptor['licenses'][0]['title']} ({descriptor['licenses'][0]['name']}), "
           f"{descriptor['licenses'][0]['path']}",
           "- Files: `data/<resource>.csv` (UTF-8, comma, header row, LF) and `data/<resource>.json` "
           "(the same rows, typed: numbers as numbers, empty as null); `datapackage.json` (Frictionless "
           "descriptor with schemas, keys, sizes and sha256 hashes); `reports/` (validation, build and coverage "
           "reports).",
           "- Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-` or `@`) "
           "are prefixed with an apostrophe.", *_formats(descriptor),
           f"- Released: {released_text(descriptor)}",
           f"- Data as of: {data_date(descriptor)} (the descriptor's `created`: the newest source's publication "
           "date)",
           *([f"- Everything in one file: `{descriptor['download']['path']}` (a zip of this folder)"]
             if descriptor.get("download") else []),
           "- Browse it: open [`index.html`](index.html) (works offline): every resource with searchable rows, "
           "every quality check, and for any row the source page with the cells it was read from.", ""]
    sources = tables.get("sources", [])
    out += ["## How to cite", "", md(citation(descriptor, sources)), "",
            "The same citation, machine-readable: `CITATION.cff` in this folder.", "",
            "## Licence and attribution", "", md(attribution(sources)), "", "## Tool versions", ""]
    out += [f"- {name} {version}" for name, version in tool_versions().items()]
    out += ["", "## Resources", ""]
    out += ["| resource | rows | description |", "|---|---|---|"]
    for r in descriptor["resources"]:
        out.append(f"| `{r['name']}` | {len(tables.get(r['name'], []))} | {_cell(r['description'])} |")
    for r in descriptor["resources"]:
        schema = r["schema"]
        out += ["", f"### `{r['name']}`", "", r["description"], "",
                f"Primary key: `{', '.join(schema.get('primaryKey', []))}`."]
        for fk in schema.get("foreignKeys", []):
            out.append(f"Foreign key: `{fk['fields'][0]}` -> `{fk['reference']['resource'] or r['name']}."
                       f"{fk['reference']['fields'][0]}`.")
        out += ["", "| column | type | required | description |", "|---|---|---|---|"]
        for f in schema["fields"]:
            req = "yes" if f.get("constraints", {}).get("required") else ""
            out.append(f"| `{f['name']}` | {f['type']} | {req} | {_cell(f.get('description'))} |")
    out += ["", "## Sources", "", "| source_id | title | publisher | published | file | pages | original URL |",
            "|---|---|---|---|---|---|---|"]
    for s in sorted(tables.get("sources", []), key=lambda s: s["source_id"]):
        out.append(f"| {code(s['source_id'])} | {md(s['title'])} | {md(s.get('publisher'))} | "
                   f"{md(s.get('published'))} | {md(s['file'])} | {s['pages']} | {md(s.get('url'))} |")
    if any(s.get("facsimile") for s in tables.get("sources", [])):
        out += ["", "Sources marked as facsimiles in `sources.csv` were rebuilt from the published text; "
                "fetch the originals from their URLs when online."]
    out += ["", "## Errata: discrepancies in the sources", ""]
    errata = tables.get("errata", [])
    if errata:
        out.append("Published as printed; each was reviewed and is listed in `schemas/accepted_discrepancies.yaml`.")
        out.append("")
        for e in errata:
            out.append(f"- {code(e['source_id'])} p.{e['page']}, {md(e['table'])}, row {md(repr(e['row']))}, "
                       f"{md(e['column'])}: printed {e['printed']:g}, computed {e['computed']:g}. {md(e['note'])}")
    else:
        out.append("None found.")
    out += ["", "## Caveats", "",
            "- `borough_performance.offences_change` and `percent_change` keep the sign printed on each; one printed "
            "without a sign takes the other's (the summaries print `361 offences or -22.9%`). A count and a "
            "percentage printed with contradictory signs are a discrepancy in the source: not published unless "
            "reviewed (errata).",
            "- `reported_figures` are read from running text; each figure's `measure` (a key into `measures`), "
            "`kind`, `direction`, `period`, area and `crime_type_id` come from the words of its own clause and "
            "the words linked to it (vocab/figure_clauses.yaml), never from elsewhere in the sentence, and are "
            "empty where those words name none; `document_area`, `document_gss_code` and `document_period` say "
            "what the whole document is about (a borough's summary: that borough and year; a plan or letter: "
            "London), to filter by when a figure's own area is empty. Figure-like tokens that are not statistics "
            "(years, dates, durations, addresses, section numbers, names) are not published "
            "(vocab/prose_exclusions.yaml).",
            "- Crime-type labels are mapped only through reviewed aliases (`vocab/`); unknown labels are "
            "quarantined, never guessed."]
    if build.get("skipped"):
        out += ["", "## Skipped files", ""]
        out += [f"- {md(b['file'])}: {md(b['reason'])}" for b in build["skipped"]]
    if build.get("quarantine"):
        out += ["", "## Quarantined labels (rows not published)", ""]
        out += [f"- {md(q['file'])} p.{md(q['page'])}: {md(q['field'])} {md(repr(q['label']))}"
                for q in build["quarantine"]]
    return "\n".join(out) + "\n"
