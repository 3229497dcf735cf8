"""Numbers and periods as printed -> typed values."""
from __future__ import annotations

import re

from pipeline.normalise.canonical import DASHES

_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_PERIOD = re.compile(r"^((?:19|20)\d\d)\s*[/\-.]\s*(\d{2}|(?:19|20)\d\d)$")


def parse_number(text: str) -> float:
    """'+25.5', '−1.4' (any minus sign), '(12)' (accounting's negative), '1,056', '-12.5%' -> float."""
    s = str(text).translate(DASHES).replace(" ", "").rstrip("%")
    if len(s) > 2 and s[0] == "(" and s[-1] == ")" and s[1] not in "+-":
        s = "-" + s[1:-1]
    m = _NUMBER.match(s)
    if not m:
        raise ValueError(f"not a number: {text!r}")
    value = float(m.group(2).replace(",", "") + (m.group(3) or ""))
    return -value if m.group(1) == "-" else value


def parse_int(text: str) -> int:
    value = parse_number(text)
    if not value.is_integer():
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def parse_period(text: str) -> str:
    """'2009/10', '2017-18', '2018.19', '2010-2011', '2017–18' -> 'YYYY-YY'."""
    s = str(text).translate(DASHES).strip()
    m = _PERIOD.match(s)
    if not m:
        raise ValueError(f"not a period: {text!r}")
    start, end = int(m.group(1)), m.group(2)
    end_yy = int(end[-2:])
    if end_yy != (start + 1) % 100:
        raise ValueError(f"not a one-year period: {text!r}")
    return f"{start}-{end_yy:02d}"


def number_to_json(value: float) -> int | float:
    """Whole numbers as int (so 4.0 prints as 4), others as float."""
    return int(value) if float(value).is_integer() else float(value)
