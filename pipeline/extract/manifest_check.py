"""raw/sources.yaml checked against schemas/inputs/sources_yaml.schema.json (with `jsonschema`) before use."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from pipeline.errors import UsageError, shown
from pipeline.paths import SCHEMAS_DIR
from pipeline.safe_yaml import line_of
from pipeline.safe_yaml import load as load_yaml

SCHEMA = SCHEMAS_DIR / "inputs" / "sources_yaml.schema.json"


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _where(path: Path, node, at: list, data: object = None) -> str:  # noqa: ANN001
    """file: entry N (its file): line L — as much of it as is known."""
    parts = [shown(path)]
    if len(at) >= 2 and at[0] == "sources" and isinstance(at[1], int):
        try:
            name = data["sources"][at[1]]["file"]  # type: ignore[index]
        except (TypeError, KeyError, IndexError):
            name = None
        parts.append(f"entry {at[1] + 1}" + (f" ({shown(name)})" if isinstance(name, str) else ""))
    line = line_of(node, at) if node is not None else None
    if line:
        parts.append(f"line {line}")
    return ": ".join(parts)


def _reason(e: ValidationError) -> tuple[list, str]:
    """Where the error is (keys and indexes) and one short reason."""
    at = list(e.absolute_path)
    if e.validator == "additionalProperties":
        known = set(e.schema.get("properties", {}))
        extra = sorted(str(k) for k in e.instance if k not in known) if isinstance(e.instance, dict) else []
        return at + extra[:1], f"unknown key {shown(', '.join(extra))}; known: {', '.join(sorted(known))}"
    key = f"{at[-1]}: " if at and isinstance(at[-1], str) else ""
    desc = e.schema.get("description")
    if e.validator == "pattern":
        return at, f"{key}{shown(repr(e.instance))[:120]} is not {desc or 'of the allowed form'}"
    if e.validator == "type":
        return at, f"{key}expected {e.validator_value}, got {shown(repr(e.instance))[:120]}"
    return at, f"{key}{shown(e.message)[:200]}"


def _valid(path: Path) -> tuple[dict, object]:
    """The data of raw/sources.yaml and its node tree, once it is valid; UsageError in one line otherwise."""
    data, node = load_yaml(path)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        at, reason = _reason(errors[0])
        raise UsageError(f"{_where(path, node, at, data)}: {reason}")
    return data, node


def check_removed(path: Path) -> list[dict]:
    """The `removed:` entries (source_id, reason) of a valid raw/sources.yaml; UsageError in one line otherwise."""
    data, node = _valid(path)
    entries = data.get("removed") or []
    seen: dict[str, int] = {}
    for i, e in enumerate(entries):
        if e["source_id"] in seen:
            line = line_of(node, ["removed", i, "source_id"]) if node is not None else None
            raise UsageError(f"{shown(path)}: removed entry {i + 1}" + (f": line {line}" if line else "") +
                             f": source_id {e['source_id']!r} is already listed by removed entry "
                             f"{seen[e['source_id']] + 1}")
        seen[e["source_id"]] = i
    return entries


def check_manifest(path: Path, raw_dir: Path, notes: list[str] | None = None) -> list[dict]:
    """The entries of a valid raw/sources.yaml; UsageError in one line (file, entry, key, line) otherwise.

    An entry whose file is not in `raw_dir` is not an error (a PDF may be removed): `notes` gets a line.
    """
    data, node = _valid(path)
    entries = data["sources"]
    seen_files: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for i, e in enumerate(entries):
        name = e["file"]
        if name in seen_files:
            raise UsageError(f"{_where(path, node, ['sources', i, 'file'], data)}: file: {shown(name)} is already "
                             f"described by entry {seen_files[name] + 1}")
        seen_files[name] = i
        if not (raw_dir / name).is_file() and notes is not None:  # a PDF removed: legitimate, but said
            notes.append(f"{_where(path, node, ['sources', i, 'file'], data)}: file: {shown(name)} is not in "
                         f"{shown(raw_dir)}; its entry is not used (fix the name or remove the entry)")
        sid = e.get("source_id")
        if sid is not None and sid in seen_ids:
            raise UsageError(f"{_where(path, node, ['sources', i, 'source_id'], data)}: source_id: {sid!r} is already "
                             f"used by entry {seen_ids[sid] + 1}; every source needs its own")
        if sid is not None:
            seen_ids[sid] = i
    return entries
