"""Source identities: every printed Change is the difference it claims, every Total the sum it totals, and a
change printed as a count and a per cent has one sign."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.core.numbers import read_number


@dataclass(frozen=True)
class Discrepancy:
    """A printed figure that disagrees with the figures it is computed from."""

    source_id: str
    family: str
    page: int
    table: str
    row: str
    column: str
    printed: float
    computed: float
    # where it is printed: the boxes of the printed figure and of its row's label (published in `cells`)
    cells: dict = field(default_factory=dict, compare=False, hash=False)

    def identity(self) -> dict:
        """What the discrepancy is, independent of the file's bytes or name."""
        return {"family": self.family, "table": self.table, "row": self.row, "column": self.column,
                "printed": self.printed, "computed": self.computed}

    def where(self) -> str:
        return (f"{self.source_id} p.{self.page} {self.table}: row {self.row!r}, column {self.column!r}: "
                f"printed {self.printed:g}, computed {self.computed:g}")


def _boxes(rec: dict, value_field: str) -> dict:
    """The boxes of a record's printed figure (`printed`) and of its row's label (`row`), where it has them."""
    boxes = rec.get("_cells") or {}
    return {name: boxes[f] for name, f in (("printed", value_field), ("row", "borough_raw")) if f in boxes}


def officer_identities(counts: list[dict], totals: list[dict], changes: list[dict],
                       families: dict[str, str]) -> tuple[list[Discrepancy], int]:
    """(discrepancies, number of identities checked) of the officers tables."""
    value = {(r["source_id"], r["borough_raw"], r["team"], r["year"]): r["officers"] for r in counts + totals}
    sums: dict[tuple, int] = defaultdict(int)
    for r in counts:
        sums[(r["source_id"], r["team"], r["year"])] += r["officers"]
    change_sums: dict[tuple, int] = defaultdict(int)
    found, checked = [], 0
    for c in changes:
        if not c["is_total"]:
            change_sums[(c["source_id"], c["team"], c["from_year"], c["to_year"])] += c["change"]
    for c in changes:
        key = (c["source_id"], c["borough_raw"], c["team"])
        a, b = value.get((*key, c["from_year"])), value.get((*key, c["to_year"]))
        col = f"{c['team']} change {c['from_year']}-{c['to_year']}"
        if a is not None and b is not None:
            checked += 1
            if b - a != c["change"]:
                found.append(Discrepancy(c["source_id"], families[c["source_id"]], c["page"], "officer_allocations",
                                         c["borough_raw"], col, c["change"], b - a, _boxes(c, "change_raw")))
        if c["is_total"]:
            checked += 1
            s = change_sums[(c["source_id"], c["team"], c["from_year"], c["to_year"])]
            if s != c["change"]:
                found.append(Discrepancy(c["source_id"], families[c["source_id"]], c["page"], "officer_allocations",
                                         c["borough_raw"], col + " (sum of rows)", c["change"], s,
                                         _boxes(c, "change_raw")))
    for t in totals:
        checked += 1
        s = sums[(t["source_id"], t["team"], t["year"])]
        if s != t["officers"]:
            found.append(Discrepancy(t["source_id"], families[t["source_id"]], t["page"], "officer_allocations",
                                     t["borough_raw"], f"{t['team']} {t['year']} (sum of rows)", t["officers"], s,
                                     _boxes(t, "officers_raw")))
    return found, checked


def performance_signs(rows: list[dict], families: dict[str, str]) -> tuple[list[tuple[int, Discrepancy]], int]:
    """(discrepancies with their 1-based row numbers, rows checked) of borough_performance: a count and a per cent
    printed with contradictory signs ("+361 offences or −22.9%"): the source contradicts itself."""
    found, checked = [], 0
    for n, r in enumerate(rows, start=1):
        try:
            count, percent = read_number(r["offences_printed"]), read_number(r["percent_printed"])
        except (KeyError, TypeError, ValueError):
            continue  # not printed here (a test's table) or not a number: the schema and suites say so
        checked += 1
        if count.sign and percent.sign and count.sign != percent.sign:
            found.append((n, Discrepancy(
                r["source_id"], families.get(r["source_id"], ""), r["page"], "borough_performance",
                f"{r['label_raw']} ({r['gss_code']} {r['period']})",
                f"offences_change (sign of percent_change {r['percent_printed']})",
                count.value, -count.value)))
    return found, checked
