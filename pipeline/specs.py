"""Spec files (families/*.yaml, vocab/*.yaml) read safely and checked against their JSON Schemas
(schemas/specs/): an unknown or misspelt key, a wrong type or a missing key is one line naming the file, the
line and the key, never a check silently switched off."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from pipeline.errors import UsageError, shown
from pipeline.paths import SPEC_SCHEMAS_DIR, VOCAB_DIR
from pipeline.safe_yaml import line_of
from pipeline.safe_yaml import load as load_yaml

REINSTALL = "the installed package lacks its data files: reinstall it (pip install -e . in a checkout)"


@cache
def validator(schema: Path) -> Draft202012Validator:
    """A checker of the JSON Schema in `schema`; UsageError in one line when it cannot be read."""
    try:
        return Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")),
                                    format_checker=Draft202012Validator.FORMAT_CHECKER)  # "regex": compiles
    except OSError as e:
        raise UsageError(f"{shown(schema)}: cannot be read ({e.strerror}); {REINSTALL}") from None


def _reason(e: ValidationError) -> tuple[list, str]:
    """Where a schema error is (the keys and indexes of the value it names) and one short reason."""
    at = list(e.absolute_path)
    if e.validator == "additionalProperties" and isinstance(e.instance, dict):
        known = set(e.schema.get("properties", {}))
        extra = sorted(str(k) for k in e.instance if k not in known)
        unknown = ", ".join(repr(shown(k)) for k in extra)
        return at + extra[:1], f"unknown key {unknown}; known: {', '.join(sorted(known))}"
    if e.validator == "required" and isinstance(e.instance, dict):
        return at, f"missing key {', '.join(repr(k) for k in e.validator_value if k not in e.instance)}"
    if e.validator == "type":
        return at, f"expected {e.validator_value}, got {shown(repr(e.instance))[:120]}"
    if e.validator == "pattern" and e.schema.get("description"):
        return at, f"{shown(repr(e.instance))[:120]} is not {e.schema['description']}"
    return at, shown(e.message)[:200]


def _dotted(at: list) -> str:
    """A key path as messages write it: tables[0].verify."""
    out = ""
    for step in at:
        out += f"[{step}]" if isinstance(step, int) else f".{step}" if out else str(step)
    return out


def load_spec(path: Path, schema: str) -> dict:
    """The data of a spec file, checked against schemas/specs/<schema>.schema.json; UsageError in one line
    (file, line, key, reason) otherwise."""
    if not path.is_file():
        raise UsageError(f"{shown(path)}: no such file; {REINSTALL}")
    data, node = load_yaml(path)
    errors = sorted(validator(SPEC_SCHEMAS_DIR / f"{schema}.schema.json").iter_errors(data),
                    key=lambda e: (line_of(node, list(e.absolute_path)) or 0, list(map(str, e.absolute_path))))
    if errors:
        at, why = _reason(errors[0])
        line = line_of(node, at) if node is not None else None
        inside = list(errors[0].absolute_path)
        where = [shown(path), *([f"line {line}"] if line else []), *([shown(_dotted(inside))] if inside else [])]
        raise UsageError(f"{': '.join(where)}: {why}")
    return data


def load_vocab(name: str, folder: Path = VOCAB_DIR) -> dict:
    """vocab/<name>.yaml, checked against schemas/specs/vocab_<name>.schema.json."""
    return load_spec(folder / f"{name}.yaml", f"vocab_{name}")
