"""One Parquet file per resource: typed columns, each with its schema description as field metadata."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
               "date": pa.date32()}


def _value(value, field_type: str):
    if value is None:
        return None
    if field_type == "date":
        return dt.date.fromisoformat(str(value))
    if field_type == "number":
        return float(value)
    return value


def resource_to_table(resource: dict, rows: list[dict]) -> pa.Table:
    """The rows as an Arrow table typed by the Table Schema, with titles and descriptions as metadata."""
    fields = resource["schema"]["fields"]
    schema = pa.schema(
        [pa.field(f["name"], ARROW_TYPES.get(f["type"], pa.string()),
                  nullable=not (f.get("constraints") or {}).get("required"),
                  metadata={"title": f.get("title", f["name"]), "description": f.get("description", "")})
         for f in fields],
        metadata={"resource": resource["name"], "description": resource.get("description", ""),
                  "primary_key": json.dumps(resource["schema"].get("primaryKey", []))})
    columns = {f["name"]: [_value(r.get(f["name"]), f["type"]) for r in rows] for f in fields}
    return pa.Table.from_pydict(columns, schema=schema)


def write_parquet(path: Path, resource: dict, rows: list[dict]) -> None:
    """Write one resource's Parquet file (zstd, no statistics that vary between runs)."""
    pq.write_table(resource_to_table(resource, rows), path, compression="zstd")
