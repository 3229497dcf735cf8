"""Numbers as printed -> values: one reader for table cells and running text, in every convention the
publishers print, or a reason why a printed figure cannot be read for certain.

Conventions read (a figure that fits none of them, or fits two with different values, is refused):

- digits of any script (``unicodedata.decimal``: 0-9, Arabic-Indic, Extended Arabic-Indic, Devanagari ...),
  one script per number;
- a minus printed as a hyphen-minus, U+2212 minus sign, U+2012 figure dash, U+2013 en dash, U+2010 hyphen,
  U+2011 non-breaking hyphen, U+FE63 small hyphen-minus or U+FF0D fullwidth hyphen-minus; an em dash (U+2014)
  only where it cannot be punctuation (running text: ``em_dash_is_minus``); a plus as +, U+FE62 or U+FF0B;
- a decimal point printed as a full stop, the raised decimal point U+00B7 or the Arabic decimal separator U+066B;
- thousands grouped by a comma, the Arabic thousands separator U+066C, a thin space U+2009, a narrow no-break
  space U+202F, a no-break space U+00A0 or an ordinary space (running text joins a line break as one): one to
  three digits, then groups of exactly three, with one separator throughout;
- a full stop between groups of three only where no other reading is possible (1.234.567) or where the
  document's own figures say that it groups thousands with full stops (``dot_groups``): "19.285" is either
  19 285 or 19.285, and is refused otherwise;
- brackets for a negative, "(12)", only where the caller says the document prints negatives so.

This module imports nothing from the pipeline's stages.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MINUS_SIGNS = "-\u2212\u2012\u2013\u2010\u2011\ufe63\uff0d"
EM_DASH = "\u2014"
PLUS_SIGNS = "+\ufe62\uff0b"
DECIMAL_POINTS = ".\u00b7\u066b"
NEVER_GROUPS = "\u00b7\u066b"  # decimal points that never separate thousands
SPACE_SEPARATORS = " \u00a0\u2009\u202f"
GROUP_SEPARATORS = ",\u066c" + SPACE_SEPARATORS


class NotANumber(ValueError):
    """Text that is not one number in any convention the publishers print."""


class Ambiguous(ValueError):
    """A number whose value depends on a convention the document does not settle (the message says which)."""


@dataclass(frozen=True)
class Reading:
    """A number as printed: its value and the sign printed with it ("-", "+" or "")."""

    value: float
    sign: str = ""


def _grouped(separators: str) -> str:
    """Digits in groups of three after one to three, one separator throughout; never the tail of a longer run."""
    return "|".join(rf"(?<!\d{re.escape(s)})\d{{1,3}}(?:{re.escape(s)}\d{{3}})+(?!\d)(?!{re.escape(s)}\d)"
                    for s in separators)


_POINT = f"[{re.escape(DECIMAL_POINTS)}]"
# One unsigned number, as `read_number` reads it: grouped digits (with a decimal part), or digits with decimal points
# or full stops between them ("19.285", "1.234.567", "5·7"). A match is a number's extent, not yet its value.
NUMBER = rf"(?<!\d)(?:(?:{_grouped(GROUP_SEPARATORS)})(?:{_POINT}\d+)?|\d+(?:{_POINT}\d+)*)"
# a number grouped by spaces: the one kind of number that runs over white space (a token of running text)
SPACE_GROUPED = _grouped(SPACE_SEPARATORS)
# a printed sign (an em dash among them: running text asks `em_dash_is_minus`)
SIGN = f"[{re.escape(MINUS_SIGNS + EM_DASH + PLUS_SIGNS)}]"
_NUMBER = re.compile(NUMBER)


def _digit(c: str) -> int | None:
    return unicodedata.decimal(c, None)


def _ascii(run: str) -> str:
    """A run of digits of one script as ASCII digits; NotANumber when the run mixes scripts."""
    zeros = {ord(c) - _digit(c) for c in run}
    if len(zeros) > 1:
        raise NotANumber(f"{run!r}: digits of more than one script")
    return "".join(str(_digit(c)) for c in run)


def _split(body: str, text: str) -> tuple[list[str], list[str]]:
    """(runs of digits, the one character between each two): NotANumber for anything else."""
    runs, seps, cur = [], [], ""
    for c in body:
        if _digit(c) is not None:
            cur += c
            continue
        if c not in GROUP_SEPARATORS + DECIMAL_POINTS or not cur:
            raise NotANumber(f"not a number: {text!r}")
        runs.append(cur)
        seps.append(c)
        cur = ""
    if not cur:
        raise NotANumber(f"not a number: {text!r}")
    runs.append(cur)
    _ascii("".join(runs))  # one script for the whole number
    return runs, seps


def _groups(runs: list[str], seps: list[str], dot_groups: bool | None, text: str) -> str:
    """The whole part's digits from its groups; NotANumber unless one to three digits, then groups of three."""
    if not seps:
        return runs[0]
    if len(set(seps)) > 1:
        raise NotANumber(f"{text!r}: thousands separated by two different characters")
    if seps[0] in NEVER_GROUPS:
        raise NotANumber(f"{text!r}: more than one decimal point")
    if not 1 <= len(runs[0]) <= 3 or any(len(g) != 3 for g in runs[1:]) or _digit(runs[0][0]) == 0:
        raise NotANumber(f"{text!r}: not groups of three digits")
    if seps[0] == "," and dot_groups and len(seps) == 1:
        raise Ambiguous(f"{text!r}: a comma before three digits where the document groups thousands with full "
                        "stops: a decimal comma or a thousands separator")
    return "".join(runs)


def _whole_and_fraction(runs: list[str], seps: list[str], dot_groups: bool | None, text: str) -> tuple[str, str]:
    """The digits before and after the decimal point (any script), the decimal point told from a separator."""
    if not seps:
        return runs[0], ""
    last = seps[-1]
    if last in NEVER_GROUPS:
        return _groups(runs[:-1], seps[:-1], dot_groups, text), runs[-1]
    if last != ".":
        return _groups(runs, seps, dot_groups, text), ""
    if len(seps) >= 2 and set(seps) == {"."}:  # 1.234.567: only thousands repeat
        return _groups(runs, seps, dot_groups, text), ""
    thousands_shape = len(seps) == 1 and len(runs[1]) == 3 and 1 <= len(runs[0]) <= 3 and _digit(runs[0][0]) != 0
    if thousands_shape:
        if dot_groups:
            return _groups(runs, seps, dot_groups, text), ""
        raise Ambiguous(f"{text!r}: a full stop before three digits is a decimal point or a thousands separator, "
                        "and the document's own figures do not say which")
    if dot_groups:
        raise Ambiguous(f"{text!r}: a full stop as a decimal point where the document groups thousands with "
                        "full stops")
    return _groups(runs[:-1], seps[:-1], dot_groups, text), runs[-1]


def read_number(text: str, *, dot_groups: bool | None = None, brackets: bool = False) -> Reading:
    """One printed number (an optional sign, digits, separators, a decimal part) -> its value and printed sign.

    `dot_groups`: True where the document groups thousands with full stops, None where nothing is known.
    `brackets`: the document prints a negative in brackets, "(12)". Raises NotANumber or Ambiguous (ValueErrors).
    """
    s = str(text).strip()
    bracketed = brackets and len(s) > 2 and s[0] == "(" and s[-1] == ")"
    if bracketed:
        s = s[1:-1]
    sign = "-" if s[:1] and s[0] in MINUS_SIGNS + EM_DASH else "+" if s[:1] and s[0] in PLUS_SIGNS else ""
    if sign:
        s = s[1:].lstrip()
        if bracketed:
            raise NotANumber(f"{text!r}: a sign inside brackets")
    if bracketed:
        sign = "-"
    runs, seps = _split(s, text)
    whole, fraction = _whole_and_fraction(runs, seps, dot_groups, text)
    value = float(f"{_ascii(whole)}.{_ascii(fraction) or '0'}")
    return Reading(-value if sign == "-" and value else value, sign)


def parse_number(text: str) -> float:
    """A table cell's number: '+25.5', '−1.4' (any minus), '(12)' (a negative in brackets), '1,056', '-12.5%'."""
    s = str(text).strip()
    return read_number(s[:-1] if s.endswith("%") else s, brackets=True).value


def parse_int(text: str) -> int:
    """A table cell's whole number (parse_number); ValueError for a fraction."""
    value = parse_number(text)
    if not value.is_integer():
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def printed_sign(printed: str) -> str:
    """The sign printed at the start of a figure ("-" for any minus or dash, "+"), else ""."""
    first = str(printed).lstrip()[:1]
    return "-" if first and first in MINUS_SIGNS + EM_DASH else "+" if first and first in PLUS_SIGNS else ""


def em_dash_is_minus(before: str) -> bool:
    """Whether an em dash printed right before a figure, after `before`, is its minus: it stands at the start,
    after white space or an opening bracket, and not after a number (where it may join a range: "2010 —2012")."""
    if before and not (before[-1].isspace() or before[-1] in "([{"):
        return False
    return not re.search(r"\d[^\w\s]*\s*[(\[{]?$", before)


def dot_groups(text: str) -> bool | None:
    """True when the text's own figures group thousands with full stops (a number such as 1.234.567) and none uses
    a full stop as a decimal point (12.5, 0.125, 1,234.5); None otherwise (a full stop before three digits is then
    ambiguous)."""
    grouped = decimal = False
    for m in _NUMBER.finditer(text):
        s = m.group(0)
        if "." not in s:
            continue
        try:
            read_number(s, dot_groups=True)
            grouped = grouped or s.count(".") >= 2
        except ValueError:
            try:
                read_number(s)
                decimal = True
            except ValueError:
                pass
    return True if grouped and not decimal else None
