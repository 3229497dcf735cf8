"""Periods as printed -> typed values, and numbers as JSON (numbers as printed: pipeline.core.numbers)."""
from __future__ import annotations

import re

from pipeline.normalise.canonical import DASHES

_PERIOD = re.compile(r"^((?:19|20)\d\d)\s*[/\-.]\s*(\d{2}|(?:19|20)\d\d)$")


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
