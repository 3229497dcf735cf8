"""Figures stated in running text: every statistic with its unit, sentence, page and boxes.

Running text is a page's lines less table regions and the running headers and footers that repeat on
every page; a paragraph that runs on over a page break is joined. Units: `percent`, `percentage_points`,
`gbp` (in pounds: £850m -> 850000000) and `count`. A figure-like token that is not a statistic (a year,
a date, a duration, an address, a section number, a name...) is not published: it is listed with the id
of the rule that excluded it (vocab/prose_exclusions.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from pipeline.core.numbers import EM_DASH, NUMBER, SIGN, SPACE_GROUPED, Ambiguous, em_dash_is_minus, read_number
from pipeline.core.numbers import dot_groups as document_dot_groups
from pipeline.extract.cells import words_box
from pipeline.extract.furniture import page_shapes, repeated_among
from pipeline.extract.layout import Line, Word
from pipeline.extract.linebreaks import ended_on_purpose, right_edge, size_changes, spaced_apart, usual_pitches
from pipeline.specs import load_vocab

# a figure starts after white space, a bracket or a quote (or its sign does): never glued to a word, a code or another
# number ("MGLA190319", "5,7%", "2010–12" are not figures, nor any part of them)
START = r"(?<![\w£$€/:.,@#%&+\u2010-\u2015\u2212\ufe62\ufe63\uff0b\uff0d])(?<!\d[^\s\d])"
NUM = NUMBER
SIGNED = rf"{START}(?P<sign>{SIGN}(?=\d))?(?P<n>{NUM})"
GBP = re.compile(rf"£\s?(?P<n>{NUM})\s*(?P<mult>bn|billion|m|million|k|thousand)?\b", re.IGNORECASE)
PP = re.compile(rf"{SIGNED}\s*(?:percentage[\s-]+points?|pp\b)", re.IGNORECASE)
PCT = re.compile(rf"{SIGNED}\s*(?:%|\u066a|per\s*cent\b|percent\b)", re.IGNORECASE)
COUNT = re.compile(rf"{SIGNED}(?![\w%\u066a/:@\-]|\S\d)")
DIGIT = re.compile(r"\d")
# a token: a run of characters that holds a digit, or a number grouped by spaces (the one kind that runs over one)
TOKEN = re.compile(rf"[^\s(\[\"'‘“\d]*(?:{SPACE_GROUPED}|\d)[^\s]*")
AMBIGUOUS = "ambiguous_number"  # the rule of a figure whose printed value cannot be read for certain (coverage: why)
MULT = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3}
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z\u2022(\"'‘“])|\n")
BULLETS = "\u2022\u25cf*-"
# bullet glyphs other tools print (Symbol/Wingdings private-use glyphs, squares, circles, arrows): read as "•"
GLYPH = re.compile(r"^[\u2023\u2043\u2219\u25aa\u25ab\u25a0\u25a1\u25cb\u25e6\u25c6\u2666\u27a2\u2713\u2714\u00b7"
                   r"\ue000-\uf8ff]")
CID = re.compile(r"\(cid:\d+\)")  # a glyph whose font lost its text mapping
DASH = re.compile(r"^[\u2013\u2014]\s+(?=\S)")  # a dash as a list item's marker, at a paragraph's start
NUMBERED = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]\s")  # "1. ", "(2) ", "a) ": a numbered item, not a heading


@dataclass(frozen=True)
class Rule:
    """One exclusion rule of vocab/prose_exclusions.yaml."""
    id: str
    parts: tuple[tuple[str, re.Pattern, bool], ...]  # (where, pattern, must match)

    def matches(self, token: str, before: str, after: str) -> bool:
        for where, p, want in self.parts:
            text = token if where == "token" else before if where == "before" else after
            if bool(p.search(text)) != want:
                return False
        return True


@lru_cache(maxsize=1)
def exclusion_rules() -> tuple[Rule, ...]:
    """The rules (data) that keep figure-like tokens that are not statistics out of reported_figures."""
    rules = []
    for r in load_vocab("prose_exclusions")["rules"]:
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        parts = [(w, re.compile(r[w], flags), True) for w in ("token", "before", "after") if w in r]
        parts += [(w[7:], re.compile(r[w], re.IGNORECASE), False)
                  for w in ("unless_token", "unless_before", "unless_after") if w in r]
        rules.append(Rule(r["id"], tuple(parts)))
    return tuple(rules)


def excluded_by(token: str, before: str, after: str) -> str | None:
    """The id of the first exclusion rule that matches a bare-number token, or None (a statistic)."""
    return next((r.id for r in exclusion_rules() if r.id != "other" and r.matches(token, before, after)), None)


@dataclass
class Text:
    """Text with the word each character came from (None for joining spaces)."""
    text: str
    owners: list[tuple[int, Word] | None]  # (page, word) per character

    def __add__(self, other: Text) -> Text:
        return Text(self.text + other.text, self.owners + other.owners)

    def extend(self, other: Text) -> None:
        """Append `other` in place (a paragraph growing line by line)."""
        self.text += other.text
        self.owners += other.owners

    def span(self, a: int, b: int) -> Text:
        return Text(self.text[a:b], self.owners[a:b])

    def box(self, a: int, b: int, page: int | None = None) -> dict | None:
        """Union box of the words behind characters a..b (on `page`, default the first word's page); text as printed."""
        owned = [o for o, _ in groupby(self.owners[a:b]) if o is not None]  # a word's characters run together
        if not owned:
            return None
        page = owned[0][0] if page is None else page
        words = [w for p, w in owned if p == page]
        return words_box(words, page, self.text[a:b])  # rounded outwards like every cell box (interface 1)


def _plain(text: str) -> Text:
    return Text(text, [None] * len(text))


SPACE = _plain(" ")  # the space joining two lines of a paragraph (extend copies it, never changes it)
HYPHENED = re.compile(r"\w-$")  # a line ending in a word's hyphen: searched in the last 3 characters only


def _line_text(page: int, line: Line) -> Text:
    """The line's words joined by single spaces, each character owned by its word; a lost glyph reads as a bullet."""
    parts: list[str] = []
    owners: list[tuple[int, Word] | None] = []
    glyph = len(line.words) > 1
    for w in line.words:
        word = CID.sub("\u2022", w.text) if "(cid:" in w.text else w.text
        if glyph:
            word = GLYPH.sub("\u2022", word)
            glyph = False
        if owners:
            parts.append(" ")
            owners.append(None)
        parts.append(word)
        owners += [(page, w)] * len(word)
    return Text("".join(parts), owners)


def _strip(t: Text, chars: str = " ") -> Text:
    a, b = 0, len(t.text)
    while a < b and t.text[a] in chars:
        a += 1
    while b > a and t.text[b - 1] in chars:
        b -= 1
    return t.span(a, b)


def _block_rights(lines: list[Line]) -> list[float]:
    """Per line, the right edge of its block (lines with no blank gap between them): a narrow box's own edge."""
    blocks: list[list[Line]] = []
    for i, line in enumerate(lines):
        if i == 0 or line.top - lines[i - 1].bottom > 0.7 * lines[i - 1].height:
            blocks.append([])
        blocks[-1].append(line)
    return [right_edge(b) for b in blocks for _ in b]


def _starts_anew(before: Text, line: Text) -> bool:
    """After a line that was ended, not wrapped: a new paragraph unless the text goes on in lower case mid-sentence
    (a phrase set over short lines: "Reduce court" / "delays by 20%")."""
    return not line.text[:1].islower() or bool(re.search(r"[.!?;:]\s*$", before.text))


def _paragraphs(page_no: int, lines: list[Line]) -> list[Text]:
    """A page's lines as paragraphs: wrapped lines joined; a blank gap, a bullet or a line that was ended where
    the next line's first word would have fitted (linebreaks.py) starts a new one."""
    out: list[Text] = []
    prev: Line | None = None
    rights = _block_rights(lines)
    pitches = usual_pitches(lines)
    for line, right in zip(lines, rights):
        text = _strip(_line_text(page_no, line))
        new_par = prev is None or line.top - prev.bottom > 0.7 * prev.height or text.text[:1] in BULLETS \
            or (ended_on_purpose(prev, line, right) and _starts_anew(out[-1], text)) or size_changes(prev, line) \
            or spaced_apart(prev, line, pitches)
        if new_par:
            dash = DASH.match(text.text)
            out.append(Text("\u2022 ", [None, None]) + text.span(dash.end(), len(text.text)) if dash else text)
        elif HYPHENED.search(out[-1].text[-3:]) and text.text[:1].isalpha():  # "anti-" "social", "pan-" "London"
            out[-1].extend(text)
        else:
            out[-1].extend(SPACE)
            out[-1].extend(text)
        prev = line
    return out


def _runs_on(last: Text, first: Text, wrapped: bool = False) -> bool:
    """A paragraph cut by a page break: no closing punctuation, and the next page goes on in lower case (or, when
    the page's last line was wrapped rather than ended, with a figure: "from 14,513 to" / "11,846 by 2015/16")."""
    if re.search(r"[.!?;:]\s*$", last.text):
        return False
    return bool(re.match(r"[a-z(]", first.text) or (wrapped and re.match(r"[\d£]", first.text)))


def _sentences(par: Text) -> list[Text]:
    """The paragraph's sentences; a numbered item's marker ("1. ", "2) ") is one of its own, whatever follows it."""
    cuts = [(m.start(), m.end()) for m in SENTENCE_END.finditer(par.text)]
    marker = NUMBERED.match(par.text)
    if marker and not any(a <= marker.end() and b >= marker.end() - 1 for a, b in cuts[:1]):
        cuts.insert(0, (len(marker.group(0).rstrip()), marker.end()))
    out, start = [], 0
    for a, b in [*cuts, (len(par.text), len(par.text))]:
        piece = _strip(par.span(start, a), " \u2022")
        if piece.text:
            out.append(piece)
        start = b
    return out


def _heading(par: Text) -> bool:
    """A short line with no closing punctuation that is not a bullet, nor a numbered item, nor states a per cent or a
    sum (a list item whose bullet is drawn as a shape): a heading for what follows."""
    return len(par.text) <= 60 and not re.search(r"[.!?;:,]\s*$", par.text) and par.text[:1] not in BULLETS \
        and not NUMBERED.match(par.text) and not (PCT.search(par.text) or GBP.search(par.text))


def _read(m: re.Match, unit: str, before: str, dots: bool | None) -> float:
    """A figure's value as printed (pipeline.core.numbers); Ambiguous or NotANumber (ValueErrors) when it cannot be
    read for certain. `before`: the sentence before the figure; `dots`: the document groups thousands with dots."""
    sign = m.groupdict().get("sign") or ""
    if sign == EM_DASH and not em_dash_is_minus(before):
        raise Ambiguous(f"{m.group(0).strip()!r}: the em dash before the figure may be a minus or punctuation")
    value = read_number(sign + m["n"], dot_groups=dots).value
    if unit == "gbp":
        value *= MULT.get((m["mult"] or "").lower(), 1)
    return value


def _candidates(sentence: str) -> list[tuple[int, int, str, re.Match]]:
    """Statistic-shaped matches (money, percentage points, per cents, bare numbers), not overlapping."""
    taken: list[tuple[int, int, str, re.Match]] = []
    for unit, pattern in (("gbp", GBP), ("percentage_points", PP), ("percent", PCT), ("count", COUNT)):
        for m in pattern.finditer(sentence):
            if all(m.end() <= a or m.start() >= b for a, b, _, _ in taken):
                taken.append((m.start(), m.end(), unit, m))
    return sorted(taken, key=lambda t: t[0])


def sentence_to_figures(sentence: str, dots: bool | None = None) -> tuple[list[dict], list[dict]]:
    """Figures of one sentence (value, unit, printed, start, end) and the figure-like tokens excluded (rule; `why`
    for a figure whose printed value cannot be read for certain). `dots`: the document groups thousands with dots."""
    figures: list[dict] = []
    excluded: list[dict] = []
    cands = _candidates(sentence)
    for tok in TOKEN.finditer(sentence):
        t0, t1 = tok.start(), tok.end()
        while t1 > t0 and sentence[t1 - 1] in ".,;:)]\"'’”*?!":
            t1 -= 1
        token, before, after = sentence[t0:t1], sentence[:t0], sentence[t1:]
        inside = [c for c in cands if c[0] < t1 and c[1] > t0]
        stats = [c for c in inside if c[2] != "count"]
        if not stats and inside:
            a, b, _, m = inside[0]
            rule = excluded_by(token, sentence[:a], sentence[b:])
            if rule is None:
                stats = inside
        else:
            rule = None if stats else excluded_by(token, before, after) or "other"
        if not stats:
            excluded.append({"text": token, "rule": rule, "start": t0, "end": t1})
            continue
        for a, b, unit, m in stats:
            if any(f["start"] == a for f in figures):
                continue
            start = a + (len(m.group(0)) - len(m.group(0).lstrip()))
            try:
                value = _read(m, unit, sentence[:a], dots)
            except ValueError as e:  # printed so that it reads two ways (or none): not published, and why
                excluded.append({"text": m.group(0).strip(), "rule": AMBIGUOUS, "why": str(e), "start": start,
                                 "end": b})
                continue
            figures.append({"value": round(value, 6), "unit": unit, "printed": m.group(0).strip(),
                            "start": start, "end": b})
    return figures, excluded


def table_span(grid) -> tuple[float, float]:  # noqa: ANN001  (a pipeline.extract.grid.Grid)
    """The vertical extent of a table that running text skips: the grid's own, else its rows' words (a reader that
    measures none, e.g. camelot's lattice), so that no table figure is ever read as a prose figure."""
    if grid.span != (0.0, 0.0):
        return grid.span
    words = [w for row in grid.rows for cell in row.words for w in cell]
    return (min(w.top for w in words), max(w.bottom for w in words)) if words else grid.span


def _stream(pages: list[list[Line]], skip: dict[int, list[tuple[float, float]]]) -> list[Text]:
    """Paragraphs of the running text of every page, in order, with paragraphs cut by a page break joined."""
    shaped = page_shapes(pages)
    repeated = repeated_among(shaped)
    out: list[Text] = []
    kept = [[ln for ln, shape in zip(lines, shapes)
             if shape not in repeated
             and not any(a - 1 <= ln.middle <= b + 1 for a, b in skip.get(page_no, []))]
            for page_no, (lines, shapes) in enumerate(zip(pages, shaped), start=1)]
    right = max((right_edge(keep) for keep in kept), default=0.0)  # the text's right edge in the whole document
    last: Line | None = None  # the previous page's last line
    for page_no, keep in enumerate(kept, start=1):
        pars = _paragraphs(page_no, keep)
        wrapped = bool(last and keep and not ended_on_purpose(last, keep[0], right))
        if out and pars and _runs_on(out[-1], pars[0], wrapped):
            out[-1].extend(SPACE)
            out[-1].extend(pars.pop(0))
        out.extend(pars)
        last = keep[-1] if keep else last
    return out


def pages_to_figures(pages: list[list[Line]], skip: dict[int, list[tuple[float, float]]]) -> dict[str, list[dict]]:
    """Figures of the running text (reported_figures) and the figure-like tokens left out (figures_excluded)."""
    figures: list[dict] = []
    excluded: list[dict] = []
    heading = ""
    paragraphs = _stream(pages, skip)
    dots = document_dot_groups("\n".join(p.text for p in paragraphs))
    for par in paragraphs:
        if _heading(par):
            heading = par.text
        if not DIGIT.search(par.text):  # every figure and figure-like token holds a digit
            continue
        for sentence in _sentences(par):
            found, left_out = sentence_to_figures(sentence.text, dots)
            if not found and not left_out:
                continue
            sbox = sentence.box(0, len(sentence.text))
            for f in found:
                vbox = sentence.box(f["start"], f["end"])
                figures.append({**f, "sentence": sentence.text, "page": vbox["page"] if vbox else sbox["page"],
                                "heading": heading, "cells": {"value": vbox, "sentence": sbox}})
            for x in left_out:
                box = sentence.box(x["start"], x["end"])
                why = {"why": x["why"]} if "why" in x else {}
                excluded.append({"page": box["page"] if box else sbox["page"], "text": x["text"],
                                 "sentence": sentence.text, "rule": x["rule"], **why})
    return {"reported_figures": figures, "figures_excluded": excluded}
