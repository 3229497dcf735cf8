"""Figures stated in running text: every number with its unit, sentence and page.

Running text is a page's lines less table regions and the running headers and
footers that repeat on every page. Units: `percent`, `percentage_points`,
`gbp` (in pounds: £850m -> 850000000) and `count` (numbers that are not years,
dates, phone numbers, references or addresses).
"""
from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.layout import Line

MINUS = "-\u2212\u2013"
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
GBP = re.compile(rf"£\s?(?P<n>{NUM})\s*(?P<mult>bn|billion|m|million|k|thousand)?\b", re.IGNORECASE)
PP = re.compile(rf"(?P<sign>[{MINUS}+])?(?P<n>{NUM})\s*(?:percentage[\s-]+points?|pp\b)", re.IGNORECASE)
PCT = re.compile(rf"(?P<sign>[{MINUS}+])?(?P<n>{NUM})\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)
COUNT = re.compile(rf"(?<![\w£/:.@#-])(?P<sign>[{MINUS}+](?=\d))?(?P<n>{NUM})(?![\w%/:@-]|[.,]\d)")
MULT = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3}
PHONE = re.compile(r"(?:tel|call|dial|minicom|phone|helpline)\b[^.]{0,20}?$", re.IGNORECASE)
MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
DATE_AFTER = re.compile(rf"^\s*(?:st|nd|rd|th)?\s*(?:{MONTHS})[a-z]*\b", re.IGNORECASE)
DATE_BEFORE = re.compile(rf"\b(?:{MONTHS})[a-z]*\s*$", re.IGNORECASE)
COUNT_NOUN = re.compile(r"^\s*(?:more\s+|fewer\s+|additional\s+|extra\s+|new\s+)?(?:police\s+)?"
                        r"(?:officers?|crimes?|offences?|victims?|staff|posts?|pcsos?|people|incidents?|cars?)\b",
                        re.IGNORECASE)
DECREASE = re.compile(r"\b(?:fewer|reduction|reduce[ds]?|decrease[ds]?|down|fall(?:en)?|fell|lower|cut)\b",
                      re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z\u2022(\"'‘“])|\n")


def _shape(line: Line) -> str:
    """A line's text with its digits folded, so "Page 3" and "Page 4" are the same running footer."""
    return re.sub(r"\d+", "#", line.text.strip())


def _repeated(pages: list[list[Line]]) -> set[str]:
    """Running headers and footers: lines (digits ignored) found on most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter = Counter()
    for page in pages:
        counts.update({_shape(ln) for ln in page})
    return {t for t, n in counts.items() if n >= max(2, len(pages) // 2 + 1)}


def _paragraphs(lines: list[Line]) -> str:
    """A page's lines as text: wrapped lines joined, a blank gap or a bullet starts a new paragraph."""
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        text = re.sub(r"\(cid:\d+\)", "\u2022", line.text).strip()
        new_par = prev is None or line.top - prev.bottom > 0.7 * prev.height or text[:1] in "\u2022\u25cf*-"
        if new_par:
            out.append(text)
        elif out[-1].endswith("-") and text[:1].islower():
            out[-1] += text
        else:
            out[-1] += " " + text
        prev = line
    return "\n".join(out)


def _sentences(text: str) -> list[str]:
    return [s.strip(" \u2022") for s in SENTENCE_END.split(text) if s and s.strip(" \u2022")]


def _value(n: str) -> float:
    return float(n.replace(",", ""))


def _signed(value: float, sign: str | None, after: str, before: str, unit: str) -> float:
    if sign and sign in MINUS:
        return -value
    if unit in ("count", "percent") and (re.match(r"^\s*fewer\b", after) or
                                        re.search(r"\b(?:reduction|decreased?|down|fallen|fell)\b[^,;]{0,60}$", before,
                                                  re.IGNORECASE)):
        return -value
    return value


def sentence_to_figures(sentence: str) -> list[dict]:
    """Every figure in one sentence: value, unit and the span of text it came from."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, dict]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for unit, pattern in (("gbp", GBP), ("percentage_points", PP), ("percent", PCT), ("count", COUNT)):
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            before, after = sentence[: m.start()], sentence[m.end():]
            raw = m["n"]
            if unit == "count" and not _is_count(raw, before, after):
                continue
            value = _value(raw)
            if unit == "gbp":
                value *= MULT.get((m["mult"] or "").lower(), 1)
            else:
                value = _signed(value, m.groupdict().get("sign"), after, before, unit)
            taken.append((m.start(), m.end()))
            found.append((m.start(), {"value": round(value, 6), "unit": unit, "printed": m.group(0).strip()}))
    return [f for _, f in sorted(found, key=lambda t: t[0])]


def _is_count(raw: str, before: str, after: str) -> bool:
    """A bare number that counts something: not a year, date, phone number, ordinal or list marker."""
    plain = raw.replace(",", "")
    if "," not in raw and "." not in raw and 1900 <= float(plain) <= 2099 and not COUNT_NOUN.match(after):
        return False
    if plain.startswith("0") and len(plain) > 1:
        return False
    if PHONE.search(before) or re.match(r"^\s*\d", after):
        return False
    if DATE_AFTER.match(after) or DATE_BEFORE.search(before):
        return False
    if re.fullmatch(r"\.?\s*", after) and "." not in raw and float(plain) < 100:
        return False  # a numbered heading or list marker ("2.")
    if re.match(r"^\s*[-–]\s*\d", after) or re.search(r"\d\s*[-–]\s*$", before):
        return False
    return True


def pages_to_figures(pages: list[list[Line]], skip: dict[int, list[tuple[float, float]]]) -> list[dict]:
    """Figures of the running text of every page, less the y-ranges in `skip` (tables) and repeated lines."""
    repeated = _repeated(pages)
    out = []
    for page_no, lines in enumerate(pages, start=1):
        keep = [ln for ln in lines
                if _shape(ln) not in repeated
                and not any(a - 1 <= ln.middle <= b + 1 for a, b in skip.get(page_no, []))]
        for sentence in _sentences(_paragraphs(keep)):
            for fig in sentence_to_figures(sentence):
                out.append({**fig, "sentence": sentence, "page": page_no})
    return out
