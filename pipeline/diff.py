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


# resources that say where every value came from: they change whenever the rows they describe change, so a report
# gives their counts only (the JSON form, and reports/changes.json, keep every row)
COUNTS_ONLY = ("cells",)
MARKDOWN_ROWS = 50  # rows listed per resource in the Markdown form (release notes); the rest are counted


def _changed(r: dict) -> bool:
    return bool(r["added"] or r["removed"] or r["changed"] or r["schema"])


def is_same(diff: dict) -> bool:
    """Whether two packages hold the same sources, schemas and rows (their versions may differ)."""
    src = diff["sources"]
    return not (src["added"] or src["removed"] or src["changed"]) and \
        not any(_changed(r) for r in diff["resources"].values())


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(diff: dict) -> str:
    """One line: the two versions, then what differs (sources, rows) or that nothing does."""
    o, n = diff["old"], diff["new"]
    new = f"{n.get('version')}" if n.get("name") == o.get("name") else f"{n.get('name')} {n.get('version')}"
    head = shown(f"{o.get('name')} {o.get('version')} -> {new}: ")
    if is_same(diff):
        return head + f"no changes ({_n(len(diff['resources']), 'resource')} compared)"
    src = diff["sources"]
    parts = [f"{len(src[k])} source(s) {k}" for k in ("added", "removed", "changed") if src[k]]
    changed = {name: r for name, r in diff["resources"].items() if _changed(r)}
    rows = {k: sum(len(r[k]) for name, r in changed.items() if name not in COUNTS_ONLY)
            for k in ("added", "removed", "changed")}
    parts.append(f"rows {rows['added']} added, {rows['removed']} removed, {rows['changed']} changed in "
                 f"{_n(len(changed), 'resource')} of {len(diff['resources'])}")
    if schemas := [name for name, r in changed.items() if r["schema"]]:
        parts.append(f"schema changed: {', '.join(schemas)}")
    return head + "; ".join(parts)


def _value(v: object) -> str:
    """A value as a report shows it: JSON for strings and numbers, control characters escaped."""
    return shown(json.dumps(v, ensure_ascii=False, default=str))


def _row_text(row: dict, keys: list[str] | None = None) -> str:
    """A row's columns (all of them, or `keys`) as `name=value`, in the row's order."""
    return ", ".join(f"{k}={_value(row.get(k))}" for k in (keys or list(row)))


def _counts(r: dict) -> str:
    return f"{len(r['added'])} added, {len(r['removed'])} removed, {len(r['changed'])} changed"


def _shown_resources(diff: dict, show_all: bool) -> dict[str, dict]:
    return {name: r for name, r in diff["resources"].items() if show_all or _changed(r)}


def diff_to_text(diff: dict, show_all: bool = False) -> str:
    """A readable report: the summary line, the two packages, the sources that changed, then each resource that
    changed (every resource with `show_all`): its counts, schema changes, rows added and removed in full, and each
    changed row's key with its old and new values. Provenance resources (COUNTS_ONLY) give counts only."""
    o, n = diff["old"], diff["new"]
    out = [summary_line(diff), f"old: {shown(o['path'])} ({o['name']} {o['version']})",
           f"new: {shown(n['path'])} ({n['name']} {n['version']})"]
    src = diff["sources"]
    out += [f"source added: {s['source_id']} ({shown(s['file'])})" for s in src["added"]]
    out += [f"source removed: {s['source_id']} ({shown(s['file'])})" for s in src["removed"]]
    out += [f"source changed: {s['source_id']} (sha256 {s['sha256']['old']} -> {s['sha256']['new']})"
            for s in src["changed"]]
    for name, r in _shown_resources(diff, show_all).items():
        if name in COUNTS_ONLY:
            out.append(f"{name}: {_counts(r)} (provenance of the values above: counts only)")
            continue
        out.append(f"{name}: {_counts(r)}" + ("; schema changed" if r["schema"] else ""))
        for kind, items in r["schema"].items():
            out.append(f"  schema {kind}: {shown(json.dumps(items, sort_keys=True))}")
        out += [f"  + {_row_text(row)}" for row in r["added"]]
        out += [f"  - {_row_text(row)}" for row in r["removed"]]
        for c in r["changed"]:
            cols = "; ".join(f"{k}: {_value(v['old'])} -> {_value(v['new'])}" for k, v in c["columns"].items())
            out.append(f"  ~ {_row_text(c['key'], r['key'])}: {cols}")
    return "\n".join(shown(line) for line in out) + "\n"  # every line from inputs: no raw control characters


def _md(text: object) -> str:
    """Text safe in a Markdown table cell: HTML and Markdown's own characters escaped, one line."""
    s = " ".join(shown(text).split())
    for c in "\\`*_[]|<>#":
        s = s.replace(c, "\\" + c)
    return s.replace("&", "&amp;")


def _code(text: object) -> str:
    """Text as a Markdown code span (no escapes work inside one: backticks become quotes)."""
    return "`" + " ".join(shown(text).replace("`", "'").split()) + "`"


def _md_table(rows: list[dict], marks: list[str]) -> list[str]:
    cols = list(dict.fromkeys(k for row in rows for k in row))
    out = ["| | " + " | ".join(_md(c) for c in cols) + " |", "|---" * (len(cols) + 1) + "|"]
    out += [f"| {mark} | " + " | ".join(_md("" if row.get(c) is None else row.get(c)) for c in cols) + " |"
            for mark, row in zip(marks, rows)]
    return out


def diff_to_markdown(diff: dict, show_all: bool = False) -> str:
    """The report as Markdown (release notes, a CI job summary): the summary line, the sources that changed, and
    per resource that changed a table of the rows added (+), removed (-) and changed (~, key and `old -> new`),
    at most MARKDOWN_ROWS each; provenance resources give counts only."""
    out = [f"**{_md(summary_line(diff))}**", ""]
    src = diff["sources"]
    lines = [f"- added: {_code(s['source_id'])} ({_md(s['file'])})" for s in src["added"]]
    lines += [f"- removed: {_code(s['source_id'])} ({_md(s['file'])})" for s in src["removed"]]
    lines += [f"- file changed: {_code(s['source_id'])}" for s in src["changed"]]
    if lines:
        out += ["### Sources", "", *lines, ""]
    for name, r in _shown_resources(diff, show_all).items():
        out += [f"### {_code(name)}: {_counts(r)}", ""]
        if name in COUNTS_ONLY:
            out += ["Provenance of the values above: counts only.", ""]
            continue
        out += [f"- schema {kind.replace('_', ' ')}: {_code(json.dumps(v, sort_keys=True))}"
                for kind, v in r["schema"].items()]
        rows = [("+", row) for row in r["added"]] + [("-", row) for row in r["removed"]]
        rows += [("~", {**c["key"], **{k: f"{_value(v['old'])} -> {_value(v['new'])}" for k, v in
                                        c["columns"].items()}}) for c in r["changed"]]
        if rows:
            out += _md_table([row for _, row in rows[:MARKDOWN_ROWS]], [m for m, _ in rows[:MARKDOWN_ROWS]])
            if len(rows) > MARKDOWN_ROWS:
                out.append(f"\n... and {len(rows) - MARKDOWN_ROWS} more rows (`reports/changes.json` has them all)")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
