"""Lists a family reads (e.g. a summary's targets), as real tools print them, with every item accounted for.

A list starts at its heading (the family spec's `heading`) and runs until its `end`, a paragraph gap
or the end of the page (continuing on the next page when an item is left open or the next page goes
on with a bullet). Bullets come through as many characters (•, ▪, –, private-use Symbol/Wingdings
glyphs, `o`, numbers); a line that starts with one starts an item, any other line continues it.
Every figure and every word of an item is either part of a published record (the spec's `item`
pattern, several per item allowed) or explained by one of the spec's `not_data` rules; anything else
stops the build with one line naming the page and the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.core.numbers import NUMBER
from pipeline.errors import BadInput
from pipeline.extract.layout import Line, Word
from pipeline.extract.furniture import line_shape, repeated_shapes
from pipeline.extract.linebreaks import ended_on_purpose, right_edge, spaced_apart, usual_pitches

BULLET = re.compile(r"^(?:[\u2022\u2023\u2043\u2219\u25aa\u25ab\u25a0\u25a1\u25cf\u25cb\u25e6\u25c6\u2666\u27a2\u2713"
                    r"\u2714\u2013\u2014\-*\u00b7\ue000-\uf8ff]|\(cid:\d+\)|o(?=\s)|\(?\d{1,2}[.)](?=\s)"
                    r"|\(?[a-z][.)](?=\s))\s*")
FIGURE = re.compile(NUMBER)  # a figure as the number reader sees one (pipeline.core.numbers)
SEPARATORS = r"(?:[\s,;:.&]|\band\b)*"


@dataclass
class Item:
    """One list item: its words (with their pages) in reading order."""

    words: list[tuple[int, Word]] = field(default_factory=list)

    def text_and_spans(self) -> tuple[str, list[tuple[int, int]]]:
        """The item's text (words joined by spaces) and each word's character span in it."""
        spans, pos = [], 0
        for _, w in self.words:
            spans.append((pos, pos + len(w.text)))
            pos += len(w.text) + 1
        return " ".join(w.text for _, w in self.words), spans


def _strip_bullet(words: list[Word]) -> tuple[list[Word], bool]:
    """A line's words without its leading bullet, and whether it had one."""
    if not words:
        return words, False
    text = " ".join(w.text for w in words)
    m = BULLET.match(text)
    if not m or m.end() == 0 or not text[m.end():].strip():
        return words, False
    cut, pos, out = m.end(), 0, []
    for w in words:
        a, b = pos, pos + len(w.text)
        pos = b + 1
        if b <= cut:
            continue
        if a < cut:  # a bullet glued to the first word ("•2.6%")
            w = Word(w.text[cut - a:], w.x0 + (w.x1 - w.x0) * (cut - a) / len(w.text), w.x1, w.top, w.bottom, w.size)
        out.append(w)
    return out, True


def _region(pages: list[list[Line]], page: int, start: int, end: re.Pattern, max_gap: float,
            furniture: set[str]) -> tuple[list[tuple[int, Line]], int]:
    """Lines of the list after its heading (page index, line), and how many running-furniture lines it skipped."""
    out: list[tuple[int, Line]] = []
    skipped = 0
    p, k = page, start
    while p < len(pages):
        lines = pages[p]
        while k < len(lines):
            line = lines[k]
            k += 1
            if line_shape(line) in furniture:
                skipped += 1
                continue
            if end.search(line.text):
                return out, skipped
            if out and out[-1][0] == p and line.top - out[-1][1].bottom > max_gap * out[-1][1].height:
                return out, skipped
            out.append((p, line))
        nxt = next((ln for ln in pages[p + 1] if line_shape(ln) not in furniture), None) if p + 1 < len(pages) else None
        open_item = not out or not out[-1][1].text.rstrip().endswith((".", ";", ":", "!", "?"))
        if nxt is None or not (open_item or _strip_bullet(list(nxt.words))[1]):
            return out, skipped
        p, k = p + 1, 0
    return out, skipped


def _items(region: list[tuple[int, Line]], rights: dict[int, float] | None = None,
           pitches: dict[int, dict[float, float]] | None = None) -> tuple[list[Item], int]:
    """Items of the list and the number of bullets: a bulleted line starts an item, other lines continue it; in a
    list with no bullet glyphs (drawn as shapes), a line after one that was ended, not wrapped, or set further
    below it than the page's usual line pitch starts one."""
    items: list[Item] = []
    stripped = [(p, line, *_strip_bullet(list(line.words))) for p, line in region]
    bullets = sum(b for *_, b in stripped)
    prev: tuple[int, Line] | None = None
    for p, line, words, bullet in stripped:
        ended = not bullets and prev is not None and (
            ended_on_purpose(prev[1], line, (rights or {}).get(prev[0], 0.0))
            or (prev[0] == p and spaced_apart(prev[1], line, (pitches or {}).get(p, {}))))
        if bullet or ended or not items:
            items.append(Item())
        items[-1].words += [(p + 1, w) for w in words]
        prev = (p, line)
    return items, bullets


def _box(item: Item, spans: list[tuple[int, int]], a: int, b: int, text: str) -> dict:
    """The union box of the words holding characters a..b, on the first page they are on."""
    words = [pw for pw, (s, e) in zip(item.words, spans) if s < b and e > a]
    page = words[0][0]
    on_page = [w for p, w in words if p == page]
    return {"page": page, "x0": round(min(w.x0 for w in on_page), 2), "top": round(min(w.top for w in on_page), 2),
            "x1": round(max(w.x1 for w in on_page), 2), "bottom": round(max(w.bottom for w in on_page), 2),
            "text": text}


def _unread(text: str) -> str:
    """What is left of an item's text once separators are taken away ("" when nothing)."""
    return re.sub(rf"^{SEPARATORS}$", "", text.strip()).strip()


def _account(item: Item, pattern: re.Pattern, rules: list[dict], name: str, resource: str,
             context: dict, period: str, counts: dict) -> list[dict]:
    """Records of one item; every other figure and word must be explained by a rule, else BadInput."""
    text, spans = item.text_and_spans()
    out, rest, last = [], [], 0
    for m in pattern.finditer(text):
        rest.append(text[last:m.start()])
        last = m.end()
        cells = {"percent_raw": _box(item, spans, *m.span("percent"), m["percent"]),
                 "label_raw": _box(item, spans, *m.span("label"), m["label"].strip())}
        out.append({**context, "period_raw": period, "label_raw": m["label"].strip(), "percent_raw": m["percent"],
                    "page": cells["percent_raw"]["page"], "line": m.group(0).strip(), "cells": cells})
        counts["figures_published"] += 1
    rest.append(text[last:])
    for part in rest:
        for rule in rules:
            hits = list(re.finditer(rule["pattern"], part, re.IGNORECASE))
            for h in hits:
                n = len(FIGURE.findall(h.group(0)))
                counts["figures_excluded"][rule["id"]] = counts["figures_excluded"].get(rule["id"], 0) + n
                counts["explained"][rule["id"]] = counts["explained"].get(rule["id"], 0) + 1
            part = re.sub(rule["pattern"], " ", part, flags=re.IGNORECASE)
        left = _unread(part)
        if left:
            raise BadInput(name, f"page {item.words[0][0]}: the {resource} list holds text that is neither read nor "
                                 f"explained by a rule: {left[:120]!r}",
                           "add a not_data rule (or fix the item pattern) in its family spec", "list_unread")
    return out


def read_list(pages: list[list[Line]], spec: dict, context: dict, name: str) -> tuple[list[dict], list[dict]]:
    """(records, coverage per list found) of one list spec over the whole document."""
    heading = re.compile(spec["heading"], re.IGNORECASE)
    end = re.compile(spec["end"], re.IGNORECASE)
    pattern = re.compile(spec["item"], re.IGNORECASE | re.MULTILINE)
    rules = list(spec.get("not_data") or [])
    furniture = repeated_shapes(pages)
    records: list[dict] = []
    coverage: list[dict] = []
    for p, lines in enumerate(pages):
        for i, line in enumerate(lines):
            h = heading.search(line.text)
            if not h:
                continue
            region, skipped = _region(pages, p, i + 1, end, float(spec.get("max_gap", 2.0)), furniture)
            body = {q: [ln for ln in pages[q] if line_shape(ln) not in furniture] for q, _ in region}
            items, bullets = _items(region, {q: right_edge(b) for q, b in body.items()},
                                    {q: usual_pitches(b) for q, b in body.items()})
            counts: dict = {"figures_published": 0, "figures_excluded": {}, "explained": {}}
            found = [r for it in items for r in _account(it, pattern, rules, name, spec["resource"], context,
                                                         h["period"], counts)]
            records += found
            words = sum(len(it.words) for it in items)
            coverage.append({"resource": spec["resource"], "page": p + 1, "items": len(items), "bullets": bullets,
                             "words": words, "running_lines_skipped": skipped, "rows": len(found),
                             "figures_found": counts["figures_published"] + sum(counts["figures_excluded"].values()),
                             "figures_published": counts["figures_published"],
                             "figures_excluded": dict(sorted(counts["figures_excluded"].items())),
                             "items_explained": dict(sorted(counts["explained"].items())), "left_over": 0})
    return records, coverage
