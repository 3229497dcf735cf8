"""A reading's rows are the boroughs printed in the table: no borough printed in the table's region is
left without a row, no row is a borough printed nowhere there, and no borough has two rows.

The region of a page is found without the reading under test: from the first to the last line that
matches the family's row anchor (split into cells at column-sized gaps, as grid.py requires of a row),
widened by half a row to hold wrapped names, and by the reading's own rows. A borough is printed there
when a word that belongs to its name (or a reviewed alias, vocab/boroughs.yaml) and to no other
borough's is printed there ("Dagenham", "Hamlets"; not "Thames" or the words the spec ignores).
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache
from statistics import median

from pipeline.extract.families import table_to_gridspec
from pipeline.extract.grid import Grid, GridSpec, line_to_phrases
from pipeline.extract.layout import Line
from pipeline.normalise.canonical import canonical_key
from pipeline.normalise.labels import borough_to_gss
from pipeline.normalise.vocab import load_vocabulary


@cache
def _names() -> dict[str, str]:
    """GSS code -> the borough's name, from the vocabulary."""
    return {b["gss_code"]: b["borough"] for b in load_vocabulary().boroughs}


@cache
def _own_words(ignore: frozenset[str]) -> dict[str, str]:
    """Word -> GSS code, for each word of a borough's names that no other borough's names hold."""
    owners: dict[str, set[str]] = defaultdict(set)
    for b in load_vocabulary().boroughs:
        for name in [b["borough"], *b.get("aliases", [])]:
            for word in canonical_key(name).split():
                owners[word].add(b["gss_code"])
    return {w: next(iter(codes)) for w, codes in owners.items() if len(codes) == 1 and w not in ignore}


def _band(lines: list[Line], spec: GridSpec, grids: list[Grid]) -> tuple[float, float] | None:
    """(top, bottom) of the table's region on one page: its anchor rows and the reading's rows, half a row wider."""
    min_gap = spec.gap_factor * median(ln.size for ln in lines) if lines else 0.0
    rows = [ln for ln in lines
            if spec.anchor.search(ln.text) and len(line_to_phrases(ln, min_gap)) >= spec.min_phrases]
    words = [w for g in grids for r in g.rows for ws in r.words for w in ws]
    tops = [ln.top for ln in rows] + [w.top for w in words]
    bottoms = [ln.bottom for ln in rows] + [w.bottom for w in words]
    if not tops:
        return None
    pitches = [b.top - a.top for a, b in zip(rows, rows[1:]) if b.top > a.top]
    half = 0.5 * median(pitches) if pitches else 1.5 * median(ln.height for ln in lines)
    return min(tops) - half, max(bottoms) + half


def _printed(lines: list[Line], band: tuple[float, float], own: dict[str, str]) -> set[str]:
    """GSS codes of the boroughs whose own words are printed on the lines inside `band`."""
    top, bottom = band
    return {own[w] for ln in lines if top <= ln.middle <= bottom for w in canonical_key(ln.text).split() if w in own}


def boroughs_match(found: dict[str, list[dict]], table: dict, grids: list[Grid], pages: list[list[Line]],
                   options: dict | bool) -> str:
    """'' when, on every page, the reading's rows are exactly the boroughs printed in the table's region."""
    ignore = frozenset((options if isinstance(options, dict) else {}).get("ignore_words") or [])
    own = _own_words(ignore)
    spec = table_to_gridspec(table)
    key = table.get("key", "borough_raw")
    rows: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # page -> gss -> printed keys
    for resource, records in found.items():
        for rec in records:
            if resource == "officer_changes" or rec.get("is_total") or key not in rec:
                continue
            for code in borough_to_gss(rec[key]).ids:
                rows[rec["page"]][code].add(" ".join(str(rec[key]).split()))
    named = set(own.values())  # a borough with no word of its own (the City) cannot be counted
    rows = {p: {c: k for c, k in codes.items() if c in named} for p, codes in rows.items()}
    seen: dict[str, int] = {}
    for page in sorted({g.page for g in grids}):
        band = _band(pages[page - 1], spec, [g for g in grids if g.page == page])
        printed = _printed(pages[page - 1], band, own) if band else set()
        keys = rows.get(page, {})
        for code in sorted(set(keys) - printed):
            return f"page {page}: row {sorted(keys[code])[0]!r} is not a borough printed in the table"
        for code in sorted(printed - set(keys)):
            return f"page {page}: {_names()[code]!r} is printed in the table but no row was read for it"
        for code, names in sorted(keys.items()):
            if len(names) > 1 or code in seen:
                return f"page {page}: {_names()[code]!r} has {max(len(names), 2)} rows, expected 1"
            seen[code] = page
    return ""
