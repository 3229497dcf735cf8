"""Write the SQLite and Parquet exports into a package folder and list them in its descriptor."""
from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.publish.exports.parquet import write_parquet
from pipeline.publish.exports.sqlite import write_datasette_metadata, write_sqlite


def _meta(path: Path) -> dict:
    data = path.read_bytes()
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def add_exports(folder: Path, descriptor: dict, tables: dict[str, list[dict]]) -> None:
    """data/<resource>.parquet for each resource, data/<package>.sqlite with datasette metadata; each listed
    in the descriptor (a resource's `parquet` and `sqlite`, the package's `sqlite`) with size and hash."""
    db_name = descriptor["name"]
    db_path = f"data/{db_name}.sqlite"
    meta_path = "data/datasette-metadata.json"
    for r in descriptor["resources"]:
        path = f"data/{r['name']}.parquet"
        write_parquet(folder / path, r, tables.get(r["name"], []))
        r["parquet"] = {"path": path, "format": "parquet", "mediatype": "application/vnd.apache.parquet",
                        **_meta(folder / path)}
        r["sqlite"] = {"path": db_path, "format": "sqlite", "table": r["name"]}
    write_sqlite(folder / db_path, descriptor, tables)
    write_datasette_metadata(folder / meta_path, descriptor, db_name)
    descriptor["sqlite"] = {
        "path": db_path, "format": "sqlite", "mediatype": "application/vnd.sqlite3", **_meta(folder / db_path),
        "description": "Every resource as a table of one SQLite database (typed columns, primary and foreign "
                       "keys, booleans as 0/1, full-text search over reported_figures.sentence).",
        "datasette_metadata": {"path": meta_path, "mediatype": "application/json", **_meta(folder / meta_path)},
    }
