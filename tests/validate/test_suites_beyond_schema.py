"""The expectation suites hold only checks a Table Schema cannot state: none repeats a schema constraint."""
from __future__ import annotations

import json

import pytest

from pipeline.paths import SCHEMAS_DIR
from pipeline.validate.expectations import load_suites


def _schema(resource: str) -> dict:
    return json.loads((SCHEMAS_DIR / f"{resource}.schema.json").read_text(encoding="utf-8"))


def repeats_schema(entry: dict, schema: dict) -> str | None:
    """What schema constraint an expectation only repeats, or None when it says more than the schema."""
    kw, kind = entry["kwargs"], entry["type"]
    if "row_condition" in kw:
        return None  # a condition on another column: no Table Schema constraint can say that
    fields = {f["name"]: f for f in schema["fields"]}
    field = fields.get(kw.get("column"), {})
    con = field.get("constraints", {})
    key = schema.get("primaryKey") or []
    referenced = [_schema(fk["reference"]["resource"]) for fk in schema.get("foreignKeys", [])
                  if fk["fields"] == [kw.get("column")]]  # a key into a code list has the code list's pattern
    patterns = {con.get("pattern")} | {f.get("constraints", {}).get("pattern") for r in referenced
                                       for f in r["fields"] if f["name"] == kw.get("column")}
    if kind == "expect_column_values_to_not_be_null" and con.get("required"):
        return "required"
    if kind == "expect_column_values_to_match_regex":
        if kw["regex"].strip("^$") in patterns:
            return "pattern (its own or its code list's)"
    if kind == "expect_column_values_to_be_in_set":
        if con.get("enum") is not None and sorted(map(str, kw["value_set"])) == sorted(map(str, con["enum"])):
            return "enum"
        if field.get("type") == "boolean" and {str(v).lower() for v in kw["value_set"]} == {"true", "false"}:
            return "type boolean"
    if kind == "expect_column_values_to_be_between":
        lo, hi = kw.get("min_value"), kw.get("max_value")
        if (lo is None or lo == con.get("minimum")) and (hi is None or hi == con.get("maximum")):
            return "minimum / maximum"
    if kind == "expect_column_values_to_be_unique" and (con.get("unique") or [kw["column"]] == key):
        return "unique / primary key"
    if kind == "expect_compound_columns_to_be_unique" and sorted(kw["column_list"]) == sorted(key):
        return "primary key"
    return None


@pytest.mark.parametrize("suite", load_suites(), ids=lambda s: s["name"])
def test_no_expectation_only_repeats_the_schema(suite):
    schema = _schema(suite["name"])
    repeats = [(e["type"], e["kwargs"], repeats_schema(e, schema)) for e in suite["expectations"]
               if repeats_schema(e, schema)]
    assert repeats == []


def test_the_rule_recognises_repeats():
    schema = _schema("borough_performance")
    for entry in ({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "period"}},
                  {"type": "expect_column_values_to_be_between", "kwargs": {"column": "page", "min_value": 1}},
                  {"type": "expect_column_values_to_be_in_set",
                   "kwargs": {"column": "target_status", "value_set": ["achieved", "missed"]}},
                  {"type": "expect_compound_columns_to_be_unique",
                   "kwargs": {"column_list": ["period", "gss_code", "crime_type_id"]}}):
        assert repeats_schema(entry, schema), entry
    stricter = {"type": "expect_column_values_to_match_regex",
                "kwargs": {"column": "gss_code", "regex": "^E090000(0[2-9]|[12][0-9]|3[0-3])$"}}
    assert repeats_schema(stricter, schema) is None
