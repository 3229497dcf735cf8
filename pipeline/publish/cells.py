"""Cell values for CSV and JSON: typed by the Table Schema, safe to open in a spreadsheet."""
from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRUE_TEXT = frozenset({"true", "yes", "1"})
FALSE_TEXT = frozenset({"false", "no", "0"})


def safe_text(value: str) -> str:
    """A text cell a spreadsheet would execute (=, +, -, @ first) gets a leading apostrophe.

    Idempotent: the neutralised text starts with the apostrophe, so it is not changed again.
    """
    return "'" + value if value.startswith(FORMULA_START) else value


def _boolean(value) -> bool:
    """True/False from a bool, a number or its text ("true"/"false", "yes"/"no", "1"/"0")."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in TRUE_TEXT:
            return True
        if text in FALSE_TEXT:
            return False
        raise ValueError(f"not a boolean: {value!r}")
    return bool(value)


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
        return _boolean(value)
    return safe_text(str(value))


def csv_text(value) -> str:
    """The CSV text of a typed cell (text is made formula-safe here too, in case it was not typed)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return safe_text(value)
    return str(value)
