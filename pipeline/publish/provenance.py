"""The `cells` resource: for every published value of a table row, the box on the page it was printed in."""
from __future__ import annotations

from functools import cache

import yaml

from pipeline.paths import SCHEMAS_DIR
from pipeline.publish.cells import csv_text, typed

CELL_COLUMNS = SCHEMAS_DIR / "cell_columns.yaml"
KEY_SEPARATOR = " | "
BOX = ("x0", "top", "x1", "bottom")


@cache
def cell_columns() -> dict[str, dict[str, list[str]]]:
    """Per resource: the published columns each printed field fills (schemas/cell_columns.yaml)."""
    return yaml.safe_load(CELL_COLUMNS.read_text(encoding="utf-8")) or {}


def row_key(row: dict, schema: dict) -> str:
    """The row's primary-key values as published (typed, CSV text), joined by KEY_SEPARATOR."""
    types = {f["name"]: f["type"] for f in schema["fields"]}
    return KEY_SEPARATOR.join(csv_text(typed(row.get(k), types[k])) for k in schema["primaryKey"])


def _columns(resource: str, field: str, published: set[str]) -> list[str]:
    """The published columns a printed field fills: mapped in the data file, or the field itself."""
    mapped = cell_columns().get(resource, {}).get(field)
    names = mapped if mapped is not None else [field]
    return [c for c in names if c in published]


def cell_rows(tables: dict[str, list[dict]], schemas: dict[str, dict]) -> list[dict]:
    """One `cells` row per (resource, row, published column) whose printed box the row carries in `_cells`."""
    out: dict[tuple, dict] = {}
    for resource, schema in schemas.items():
        published = {f["name"] for f in schema["fields"]}
        for row in tables.get(resource, []):
            boxes = row.get("_cells") or {}
            key = row_key(row, schema)
            for field in sorted(boxes):
                box = boxes[field]
                if not isinstance(box, dict) or "page" not in box:
                    continue
                for column in _columns(resource, field, published):
                    out[(resource, key, column)] = {
                        "resource": resource, "row_key": key, "column": column, "source_id": row["source_id"],
                        "page": int(box["page"]), **{b: round(float(box[b]), 2) for b in BOX},
                        "text": str(box.get("text", ""))}
    return [out[k] for k in sorted(out)]


def expected_columns(resource: str, row: dict, schema: dict) -> list[str]:
    """The published columns of `row` that come from printed cells (for coverage): every mapped, non-empty one."""
    published = {f["name"] for f in schema["fields"]}
    columns = {c for names in cell_columns().get(resource, {}).values() for c in names if c in published}
    return sorted(c for c in columns if row.get(c) not in (None, ""))


def with_cells(tables: dict[str, list[dict]], schema_of) -> dict[str, list[dict]]:
    """`tables` plus the `cells` resource built from the boxes of the resources listed in cell_columns.yaml."""
    schemas = {name: schema_of(name) for name in sorted(cell_columns())}
    return {**tables, "cells": cell_rows(tables, schemas)}
