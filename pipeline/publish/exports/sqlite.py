"""One SQLite database of every resource: typed columns, primary and foreign keys, booleans as 0/1, a
full-text index over reported_figures.sentence, and a datasette metadata.json (titles, descriptions,
licence, sources). Written the same way every time, so the same rows give the same bytes."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import sqlite_utils

SQL_TYPES = {"string": str, "integer": int, "number": float, "boolean": int, "date": str}
FTS = {"reported_figures": ["sentence"]}


def _references(resource: dict) -> list[tuple[str, str, str]]:
    """(column, table, column) of each foreign key; Table Schema's resource "" means the table itself."""
    return [(fk["fields"][0], fk["reference"]["resource"] or resource["name"], fk["reference"]["fields"][0])
            for fk in resource["schema"].get("foreignKeys", [])]


def _order(resources: list[dict]) -> list[dict]:
    """Resources with every table that a foreign key refers to before the table that refers to it."""
    done: list[dict] = []
    pending = list(resources)
    while pending:
        names = {r["name"] for r in done}
        ready = [r for r in pending if all(t in names | {r["name"]} for _, t, _ in _references(r))]
        if not ready:
            raise ValueError("foreign keys between resources form a cycle")
        done += ready
        pending = [r for r in pending if r not in ready]
    return done


def _row(row: dict, fields: list[dict]) -> dict:
    return {f["name"]: (int(row[f["name"]]) if f["type"] == "boolean" and row.get(f["name"]) is not None
                        else row.get(f["name"])) for f in fields}


def write_sqlite(path: Path, descriptor: dict, tables: dict[str, list[dict]]) -> None:
    """Create the database at `path` (replacing any file there) from the descriptor's schemas and the rows."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        for r in _order(descriptor["resources"]):
            fields = r["schema"]["fields"]
            table = db.table(r["name"])
            table.create({f["name"]: SQL_TYPES.get(f["type"], str) for f in fields},
                         pk=tuple(r["schema"].get("primaryKey") or []) or None,
                         not_null={f["name"] for f in fields if (f.get("constraints") or {}).get("required")},
                         foreign_keys=[k for k in _references(r) if k[1] != r["name"]])
            table.insert_all((_row(row, fields) for row in tables.get(r["name"], [])), batch_size=500)
            for column, _, other in (k for k in _references(r) if k[1] == r["name"]):
                table.add_foreign_key(column, r["name"], other)  # to itself: added once its rows are in
        for name, columns in FTS.items():
            if name in tables:
                db.table(name).enable_fts(columns, tokenize="porter")
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()


def datasette_metadata(descriptor: dict, database: str) -> dict:
    """datasette's metadata.json: the package's title, description, licence and sources, each table's and
    column's description."""
    lic = descriptor["licenses"][0]
    publishers = sorted({s["publisher"] for s in descriptor.get("sources", []) if s.get("publisher")})
    tables = {}
    for r in descriptor["resources"]:
        tables[r["name"]] = {"title": r.get("title", r["name"]), "description": r.get("description", ""),
                             "columns": {f["name"]: f.get("description", "") for f in r["schema"]["fields"]}}
    if "reported_figures" in tables:
        tables["reported_figures"]["fts_table"] = "reported_figures_fts"
    return {"title": descriptor["title"], "description": descriptor.get("description", ""),
            "license": lic["name"], "license_url": lic["path"],
            "source": "PDFs published by " + ", ".join(publishers) + " (the sources table lists each one)",
            "source_url": next((s["path"] for s in descriptor.get("sources", [])
                                if str(s.get("path", "")).startswith("https://")), None),
            "databases": {database: {"tables": tables}}}


def write_datasette_metadata(path: Path, descriptor: dict, database: str) -> None:
    path.write_text(json.dumps(datasette_metadata(descriptor, database), indent=2, sort_keys=True,
                               ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")
