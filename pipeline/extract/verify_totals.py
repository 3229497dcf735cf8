"""A reading's printed Totals agree with its rows: each Total cell is the sum of its column, unless the
difference is the source's own, reviewed and listed in schemas/accepted_discrepancies.yaml.

A misread row (a count in the wrong column, a row lost at a page split) makes a column's sum differ
from its printed Total; the source's own reviewed discrepancies are matched by what they are (table,
row, year, printed and computed value), as validation matches them.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache

from pipeline.normalise.canonical import canonical_key
from pipeline.core.numbers import parse_int
from pipeline.normalise.vocab import load_vocabulary
from pipeline.validate.review import load_accepted


@cache
def _teams() -> dict[str, str]:
    return {canonical_key(k): v for k, v in load_vocabulary().teams.items()}


def _team(raw: str) -> str:
    """The team a heading names (the vocabulary's id), or its canonical form when the vocabulary lacks it."""
    key = canonical_key(raw)
    return _teams().get(key, key)


@cache
def _reviewed() -> tuple[dict, ...]:
    return tuple(load_accepted())


def _accepted(resource: str, row: str, column: str, printed: int, computed: int) -> bool:
    """Whether this table's row, column, printed and computed values are a reviewed discrepancy."""
    return any(a.get("table") == resource and str(a.get("row")) == row and float(a.get("printed")) == printed
               and float(a.get("computed")) == computed and str(a.get("column")) == column
               for a in _reviewed())


def _number(text: str) -> int | None:
    try:
        return parse_int(text)
    except ValueError:
        return None


def officer_totals(counts: list[dict], changes: list[dict], resource: str) -> str:
    """'' when every Total cell of an officers reading equals the sum of its column's rows (or is a reviewed
    discrepancy); else the first Total that does not, naming its page and column."""
    sums: dict[tuple, int] = defaultdict(int)
    for c in counts:
        value = _number(c["officers_raw"])
        if not c["is_total"] and value is not None:
            sums[(_team(c["team_raw"]), c["year"])] += value
    for ch in changes:
        value = _number(ch["change_raw"])
        if not ch["is_total"] and value is not None:
            sums[(_team(ch["team_raw"]), "change", ch["from_year"], ch["to_year"])] += value
    cells = [(c, (_team(c["team_raw"]), c["year"]), c["officers_raw"], f"{c['year']}")
             for c in counts if c["is_total"]]
    cells += [(ch, (_team(ch["team_raw"]), "change", ch["from_year"], ch["to_year"]), ch["change_raw"],
               f"change {ch['from_year']}-{ch['to_year']}") for ch in changes if ch["is_total"]]
    for rec, key, printed_raw, column in cells:
        printed = _number(printed_raw)
        computed = sums.get(key, 0)
        if printed == computed:
            continue
        if printed is not None and _accepted(resource, rec["borough_raw"], f"{key[0]} {column} (sum of rows)",
                                             printed, computed):
            continue
        return (f"page {rec['page']}: Total row {rec['borough_raw']!r}: printed {printed_raw!r} for "
                f"{rec['team_raw']} {column} is not the sum of its rows ({computed})")
    return ""
