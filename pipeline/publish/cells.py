"""Cell values for CSV and JSON: typed by the Table Schema, safe to open in a spreadsheet."""
from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """A text cell a spreadsheet would execute (=, +, -, @ first) gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_START) else value


def typed(value, field_type: str):
    """The JSON value of a cell: numbers as numbers, empty as None, text made formula-safe."""
    if value is None or value == "":
        return None
    if field_type == "integer":
        return int(value)
    if field_type == "number":
        f = float(value)
        return int(f) if f.is_integer() else f
    if field_type == "boolean":
        return bool(value)
    return safe_text(str(value))


def csv_text(value) -> str:
    """The CSV text of a typed cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
