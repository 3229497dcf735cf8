"""Cell values for CSV and JSON: typed by the Table Schema, safe to open in a spreadsheet."""
from __future__ import annotations

import unicodedata

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BREAKS = frozenset("\t\n\r\v\f\x85\u2028\u2029")  # white space that would break a line: a space instead
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # embeddings, overrides, isolates
TRUE_TEXT = frozenset({"true", "yes", "1"})
FALSE_TEXT = frozenset({"false", "no", "0"})


def safe_text(value: str) -> str:
    """A text cell a spreadsheet would execute (=, +, -, @ first, after any spaces) gets a leading apostrophe.

    Idempotent: the neutralised text starts with the apostrophe, so it is not changed again.
    """
    return "'" + value if value.lstrip(" ").startswith(FORMULA_START) else value


def clean_text(value: str) -> str:
    """Published text without control characters: line breaks and tabs become spaces; other control characters
    (NUL, escape, C1 controls), bidirectional overrides and unpaired surrogates are dropped."""
    if value.isprintable() and value.isascii():
        return value
    return "".join(" " if c in BREAKS else "" if c in BIDI or unicodedata.category(c) in ("Cc", "Cs") else c
                   for c in value)


def clean_texts(value):  # noqa: ANN001, ANN201
    """`value` with clean_text applied to every string in it (dicts, lists and their keys too)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_texts(k): clean_texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_texts(v) for v in value]
    return value


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
    return safe_text(clean_text(str(value)))


def csv_text(value) -> str:
    """The CSV text of a typed cell (text is made formula-safe here too, in case it was not typed)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return safe_text(clean_text(value))
    return str(value)
