"""Write the data package: data/<resource>.csv and .json, datapackage.json, in a given folder."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from pipeline.jsonio import dumps, write_json
from pipeline.paths import SCHEMAS_DIR
from pipeline.publish.cells import clean_texts, csv_text, typed
from pipeline.publish.enrich import enrich
from pipeline.publish.findable import descriptor_metadata
from pipeline.publish.version import created
from pipeline.publish.provenance import with_cells
from pipeline.settings import PublishSettings

LICENCE = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
           "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
CODE_LISTS = ("sources", "boroughs", "crime_types", "measures")
DATA_TABLES = ("borough_priorities", "officer_allocations", "borough_performance", "borough_targets",
               "reported_figures", "errata", "cells")
RESOURCES = CODE_LISTS + DATA_TABLES
DESCRIPTIONS = {
    "sources": "The source PDFs: one row per document, with checksum, pages, family and provenance.",
    "boroughs": "Code list of London boroughs (ONS GSS codes); the City of London is outside the MPS.",
    "crime_types": "Code list of crime types with their MPS and data.police.uk categories.",
    "measures": "Code list of what a figure stated in prose measures (reported_figures.measure).",
    "borough_priorities": "Local Borough Priorities: the crime types each borough prioritises, by kind of priority.",
    "officer_allocations": "Police officers per borough and team, by year, as printed in officers-per-borough "
                           "tables.",
    "borough_performance": "Local Policing Summaries: each borough's change in offences over the year and "
                           "target status.",
    "borough_targets": "Local Policing Summaries: next year's targeted reductions per borough and measure.",
    "reported_figures": "Figures stated in the running text of the sources, with the sentence they came from.",
    "errata": "Discrepancies in the sources themselves (e.g. a printed change that is not the difference it "
              "claims), published as printed and reviewed.",
    "cells": "Provenance of every published value of the table resources: the page, the box (PDF points) and "
             "the text as printed that it was read from.",
}


def load_schema(resource: str) -> dict:
    return json.loads((SCHEMAS_DIR / f"{resource}.schema.json").read_text(encoding="utf-8"))


def _sort_key(row: dict, keys: list[str]) -> tuple:
    return tuple((row.get(k) is None, str(row.get(k)) if not isinstance(row.get(k), int) else f"{row[k]:012d}")
                 for k in keys)


def typed_rows(rows: list[dict], schema: dict) -> list[dict]:
    """Rows with exactly the schema's fields, typed, sorted by the primary key."""
    fields = schema["fields"]
    out = [{f["name"]: typed(r.get(f["name"]), f["type"]) for f in fields} for r in rows]
    return sorted(out, key=lambda r: _sort_key(r, schema.get("primaryKey", [f["name"] for f in fields])))


def rows_to_csv(rows: list[dict], schema: dict) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([f["name"] for f in schema["fields"]])
    for r in rows:
        w.writerow([csv_text(r[f["name"]]) for f in schema["fields"]])
    return buf.getvalue().encode("utf-8")


def _write(path: Path, data: bytes) -> dict:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def write_package(folder: Path, tables: dict[str, list[dict]], settings: PublishSettings) -> dict:
    """Write data files and datapackage.json into `folder`; return the descriptor."""
    resources, written = [], {}
    tables = with_cells(tables, load_schema)
    sources = sorted(tables.get("sources", []), key=lambda s: s["source_id"])
    for name in RESOURCES:
        schema = load_schema(name)
        fields = {f["name"] for f in schema["fields"]}
        rows = written[name] = typed_rows(enrich(tables.get(name, []), tables.get("boroughs", []), fields), schema)
        csv_meta = _write(folder / "data" / f"{name}.csv", rows_to_csv(rows, schema))
        json_meta = _write(folder / "data" / f"{name}.json", dumps(rows).encode("utf-8"))
        resources.append({
            "name": name, "type": "table", "path": f"data/{name}.csv", "scheme": "file", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": name.replace("_", " ").capitalize(),
            "description": DESCRIPTIONS[name], **csv_meta, "schema": schema,
            "json": {"path": f"data/{name}.json", "mediatype": "application/json", **json_meta},
        })
    descriptor = {
        "name": settings.package_name, "title": settings.package_title, "version": settings.version,
        "description": "Tables and figures read from London policing PDFs published by MOPAC, the MPA and the "
                       "Mayor of London, normalised to ONS borough codes and fixed crime-type ids, and validated.",
        "licenses": [LICENCE],
        **descriptor_metadata(settings.package_name, settings.homepage, written),
        "created": created(sources),
        "sources": [clean_texts({"title": s["title"], **({"path": s["url"]} if s.get("url") else {}),  # a URL or
                                 **({"publisher": s["publisher"]} if s.get("publisher") else {}),  # nothing
                                 "source_id": s["source_id"], "sha256": s["sha256"]}) for s in sources],
        "resources": resources,
    }
    if descriptor["created"] is None:
        del descriptor["created"]
    write_json(folder / "datapackage.json", descriptor)
    return descriptor
