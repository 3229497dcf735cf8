"""Compare two data packages: rows added, removed and changed per resource (by primary key), schema and
source changes. The library behind `python -m pipeline diff OLD NEW`."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import shown
from pipeline.safe_files import UnsafeFile, inside, read_text


class NotAPackage(ValueError):
    """A path that is not a package this command can read; `str()` is one line naming it and why."""


MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024
MAX_RESOURCE_BYTES = 256 * 1024 * 1024
SCALARS = (str, int, float, bool, type(None))


@dataclass(frozen=True)
class Package:
    """A published package read back: its descriptor and every resource's rows."""

    path: Path
    descriptor: dict
    tables: dict[str, list[dict]]


def _descriptor_path(path: Path) -> Path:
    candidate = path / "datapackage.json" if path.is_dir() else path
    if not (candidate.exists() or candidate.is_symlink()):
        raise NotAPackage(f"{shown(path)}: not a data package (no datapackage.json)")
    return candidate


def _check_descriptor(descriptor: object) -> list[dict]:
    """The descriptor's resources, when it has the shape a diff reads; ValueError naming what is wrong."""
    if not isinstance(descriptor, dict):
        raise ValueError("datapackage.json is not a JSON object")
    resources = descriptor.get("resources", [])
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise ValueError("`resources` is not a list of objects")
    names = set()
    for i, r in enumerate(resources):
        name = r.get("name")
        if not isinstance(name, str) or not name or name in names:
            raise ValueError(f"resource {i + 1}: `name` is missing, not text or used twice")
        names.add(name)
        if not isinstance(r.get("json") or {}, dict):
            raise ValueError(f"resource {shown(name)}: `json` is not an object")
        schema = r.get("schema") or {}
        fields = schema.get("fields", []) if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                                   and isinstance(f.get("type", ""), str) for f in fields):
            raise ValueError(f"resource {shown(name)}: `schema.fields` is not a list of named fields")
        pk = schema.get("primaryKey", [])
        if not (isinstance(pk, str) or isinstance(pk, list) and all(isinstance(k, str) for k in pk)):
            raise ValueError(f"resource {shown(name)}: `schema.primaryKey` is not a field name or a list of them")
    return resources


def _check_rows(rows: object, name: str) -> list[dict]:
    """Rows as a diff reads them: a list of objects whose values are text, numbers, booleans or null."""
    if not isinstance(rows, list):
        raise ValueError(f"resource {shown(name)}: its rows are not a list")
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or not all(isinstance(k, str) and isinstance(v, SCALARS) for k, v in row.items()):
            raise ValueError(f"resource {shown(name)}: row {i + 1} is not an object of plain values")
    return rows


def _read_rows(folder: Path, resource: dict) -> list[dict]:
    """A resource's rows: its typed JSON file where the package has one, else its CSV (empty as null).
    Only files inside the package are read, only regular files of bounded size."""
    name = resource["name"]
    json_path = (resource.get("json") or {}).get("path")
    if json_path is not None:
        target = inside(folder, json_path, f"resource {name}: json path")
        if target.exists() or target.is_symlink():
            return _check_rows(json.loads(read_text(target, MAX_RESOURCE_BYTES)), name)
    target = inside(folder, resource.get("path"), f"resource {name}: path")
    with io.StringIO(read_text(target, MAX_RESOURCE_BYTES), newline="") as f:
        rows = [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(f)]
    return _check_rows(rows, name)


def load_package(path: Path) -> Package:
    """Read a package from its folder or its datapackage.json: NotAPackage (one line) unless every file it names
    is a regular file of bounded size inside it and the descriptor and rows have the shape a diff reads."""
    dp = _descriptor_path(Path(path))
    try:
        descriptor = json.loads(read_text(dp, MAX_DESCRIPTOR_BYTES))
        tables = {r["name"]: _read_rows(dp.parent, r) for r in _check_descriptor(descriptor)}
    except UnsafeFile as e:
        raise NotAPackage(str(e)) from None
    except RecursionError:
        raise NotAPackage(f"{shown(path)}: cannot be read as a data package (JSON nested too deeply)") from None
    except (OSError, ValueError, csv.Error) as e:
        raise NotAPackage(f"{shown(path)}: cannot be read as a data package ({e.__class__.__name__}: "
                          f"{shown(e)[:200]})") from None
    return Package(dp.parent, descriptor, tables)


def _fields(resource: dict) -> dict[str, str]:
    return {f["name"]: f.get("type", "any") for f in (resource.get("schema") or {}).get("fields", [])}


def schema_changes(old: dict, new: dict) -> dict:
    """Fields added, removed or retyped, and a changed primary or foreign key, of one resource."""
    fo, fn = _fields(old), _fields(new)
    so, sn = old.get("schema") or {}, new.get("schema") or {}
    out: dict = {}
    if added := [f for f in fn if f not in fo]:
        out["fields_added"] = added
    if removed := [f for f in fo if f not in fn]:
        out["fields_removed"] = removed
    if retyped := {f: {"old": fo[f], "new": fn[f]} for f in fn if f in fo and fo[f] != fn[f]}:
        out["types_changed"] = retyped
    for key in ("primaryKey", "foreignKeys"):
        if so.get(key) != sn.get(key):
            out[key] = {"old": so.get(key), "new": sn.get(key)}
    return out


def _key_fields(old: dict, new: dict, old_rows: list[dict], new_rows: list[dict]) -> list[str]:
    common = [f for f in _fields(new) if f in _fields(old)]
    pk = (new.get("schema") or {}).get("primaryKey") or []
    pk = [pk] if isinstance(pk, str) else pk
    return pk if pk and all(f in common for f in pk) else common


def row_changes(old: dict, new: dict, old_rows: list[dict], new_rows: list[dict]) -> dict:
    """Rows added, removed and changed (by primary key; changed: each common column's old and new value)."""
    keys = _key_fields(old, new, old_rows, new_rows)
    common = [f for f in _fields(new) if f in _fields(old)]

    def index(rows: list[dict]) -> dict[str, dict]:
        return {json.dumps([r.get(k) for k in keys], sort_keys=True, default=str): r for r in rows}

    a, b = index(old_rows), index(new_rows)
    changed = []
    for k in sorted(a.keys() & b.keys()):
        cols = {c: {"old": a[k].get(c), "new": b[k].get(c)} for c in common if a[k].get(c) != b[k].get(c)}
        if cols:
            changed.append({"key": {f: b[k].get(f) for f in keys}, "columns": cols})
    return {"key": keys,
            "added": [b[k] for k in sorted(b.keys() - a.keys())],
            "removed": [a[k] for k in sorted(a.keys() - b.keys())],
            "changed": changed}


def source_changes(old: Package, new: Package) -> dict:
    """Sources added and removed (by source_id) and sources whose file changed (sha256)."""
    a = {s["source_id"]: s for s in old.tables.get("sources", []) if s.get("source_id")}
    b = {s["source_id"]: s for s in new.tables.get("sources", []) if s.get("source_id")}
    return {"added": [{"source_id": k, "title": b[k].get("title"), "file": b[k].get("file")}
                      for k in sorted(b.keys() - a.keys())],
            "removed": [{"source_id": k, "title": a[k].get("title"), "file": a[k].get("file")}
                        for k in sorted(a.keys() - b.keys())],
            "changed": [{"source_id": k, "sha256": {"old": a[k].get("sha256"), "new": b[k].get("sha256")}}
                        for k in sorted(a.keys() & b.keys()) if a[k].get("sha256") != b[k].get("sha256")]}


def diff_packages(old: Package, new: Package) -> dict:
    """Everything that differs between two packages, per resource, in a JSON-ready dict."""
    ro = {r["name"]: r for r in old.descriptor.get("resources", [])}
    rn = {r["name"]: r for r in new.descriptor.get("resources", [])}
    resources = {}
    for name in sorted(ro.keys() & rn.keys()):
        entry = row_changes(ro[name], rn[name], old.tables[name], new.tables[name])
        entry["schema"] = schema_changes(ro[name], rn[name])
        resources[name] = entry
    for name in sorted(rn.keys() - ro.keys()):
        resources[name] = {"key": [], "added": new.tables[name], "removed": [], "changed": [],
                           "schema": {"resource_added": True}}
    for name in sorted(ro.keys() - rn.keys()):
        resources[name] = {"key": [], "added": [], "removed": old.tables[name], "changed": [],
                           "schema": {"resource_removed": True}}
    return {"old": {"path": str(old.path), "name": old.descriptor.get("name"),
                    "version": old.descriptor.get("version")},
            "new": {"path": str(new.path), "name": new.descriptor.get("name"),
                    "version": new.descriptor.get("version")},
            "resources": resources, "sources": source_changes(old, new)}


def _row_text(row: dict, keys: list[str]) -> str:
    return ", ".join(f"{k}={row.get(k)}" for k in (keys or sorted(row)))


def diff_to_text(diff: dict) -> str:
    """A readable report of a diff: counts per resource, then each row, schema and source change."""
    o, n = diff["old"], diff["new"]
    out = [f"old: {o['path']} ({o['name']} {o['version']})", f"new: {n['path']} ({n['name']} {n['version']})"]
    src = diff["sources"]
    out += [f"source added: {s['source_id']} ({s['file']})" for s in src["added"]]
    out += [f"source removed: {s['source_id']} ({s['file']})" for s in src["removed"]]
    out += [f"source changed: {s['source_id']} (sha256 {s['sha256']['old']} -> {s['sha256']['new']})"
            for s in src["changed"]]
    for name, r in diff["resources"].items():
        counts = f"{len(r['added'])} added, {len(r['removed'])} removed, {len(r['changed'])} changed"
        out.append(f"{name}: {counts}" + ("; schema changed" if r["schema"] else ""))
        for kind, items in r["schema"].items():
            out.append(f"  schema {kind}: {json.dumps(items, sort_keys=True)}")
        out += [f"  + {_row_text(row, r['key'])}" for row in r["added"]]
        out += [f"  - {_row_text(row, r['key'])}" for row in r["removed"]]
        for c in r["changed"]:
            cols = "; ".join(f"{k}: {v['old']!r} -> {v['new']!r}" for k, v in c["columns"].items())
            out.append(f"  ~ {_row_text(c['key'], r['key'])}: {cols}")
    if not any(r["added"] or r["removed"] or r["changed"] or r["schema"] for r in diff["resources"].values()):
        out.append("no changes")
    return "\n".join(shown(line) for line in out) + "\n"  # every line from inputs: no raw control characters
