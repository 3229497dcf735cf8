"""Verify a table's records before they are published: a reading that fails a check is never published.

The checks are the family's own expectations of its table (data in families/*.yaml, `verify:`):
the key column resolves to boroughs, a column's labels map to the crime types it must hold, each
row has the shape the family expects, printed Changes and Totals agree with their rows, and the rows
are the rows and the boroughs printed in the table (verify_totals.py, verify_rows.py, verify_boroughs.py).
A failing check is one line naming the page and the row. When each row checks out on its own and is the row
printed, a Total that disagrees is the source's own discrepancy (`in_source`): the reading stands, and
validation stops the build until the discrepancy is reviewed (schemas/accepted_discrepancies.yaml).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

from pipeline.core.numbers import parse_int
from pipeline.extract.grid import Grid
from pipeline.extract.layout import Line
from pipeline.extract.verify_boroughs import boroughs_match
from pipeline.extract.verify_rows import rows_match
from pipeline.extract.verify_totals import officer_totals
from pipeline.normalise.labels import borough_to_gss, label_to_crime_types


def _borough_check(records: list[dict], resource: str) -> str:
    """The first record whose borough (not a Total row) does not resolve to a borough code, or ''."""
    for rec in records:
        if rec.get("is_total") or "borough_raw" not in rec:
            continue
        if not borough_to_gss(rec["borough_raw"]).mapped:
            return f"page {rec['page']}: {resource} key column: {rec['borough_raw']!r} is not a borough"
    return ""


def _priorities_shape(records: list[dict], verify: dict) -> str:
    """Each row has one label of each mandatory kind, ranks without repeats, and the labels its column must hold."""
    rows: dict[tuple, list[dict]] = defaultdict(list)
    for rec in records:
        rows[(rec["page"], rec["borough_raw"])].append(rec)
    must = verify.get("column_crime_types") or {}
    for (page, borough), recs in rows.items():
        kinds = [r["priority_kind"] for r in recs]
        for kind in verify.get("one_per_row") or []:
            if kinds.count(kind) != 1:
                return f"page {page}: row {borough!r} has {kinds.count(kind)} {kind} cells, expected 1"
        ranks = [r["rank"] for r in recs if r["rank"] is not None]
        if len(ranks) != len(set(ranks)):
            return f"page {page}: row {borough!r} repeats a rank"
        for r in recs:
            allowed = must.get(r["priority_kind"])
            if allowed and not set(label_to_crime_types(r["label_raw"]).ids) & set(allowed) \
                    and r["label_raw"] not in (verify.get("column_labels") or {}).get(r["priority_kind"], []):
                return f"page {page}: row {borough!r}: {r['label_raw']!r} is not a {r['priority_kind']} label"
    return ""


def _officer_changes(changes: list[dict], counts: list[dict]) -> str:
    """Each printed Change equals the difference of its row's two years (Total rows are checked by validation)."""
    value: dict[tuple, str] = {(c["page"], c["borough_raw"], c["team_raw"], c["year"]): c["officers_raw"]
                               for c in counts}
    for ch in changes:
        if ch["is_total"]:
            continue
        a = value.get((ch["page"], ch["borough_raw"], ch["team_raw"], ch["from_year"]))
        b = value.get((ch["page"], ch["borough_raw"], ch["team_raw"], ch["to_year"]))
        try:
            ok = a is not None and b is not None and parse_int(b) - parse_int(a) == parse_int(ch["change_raw"])
        except ValueError:
            ok = False
        if not ok:
            return (f"page {ch['page']}: row {ch['borough_raw']!r}: printed change {ch['change_raw']!r} is not "
                    f"{b!r} - {a!r}")
    return ""


def _keys(found: dict[str, list[dict]], table: dict) -> str:
    """The key column resolves to boroughs (a Total row aside)."""
    for resource, records in found.items():
        if resource != "officer_changes":
            problem = _borough_check(records, resource)
            if problem:
                return problem
    return ""


class Verdict(NamedTuple):
    """How a reading fared against its family's checks."""

    passed: int  # checks passed before the first failure (all but one when `in_source`)
    problem: str  # the first failing check, or '' when every check passed
    in_source: bool = False  # only printed Totals disagree, and every check of the rows themselves passed


def _row_checks(verify: dict, found: dict[str, list[dict]]) -> bool:
    """Whether each row is checked on its own (its printed Changes, which this reading has) and the rows against
    the ones printed: then a printed Total that disagrees with them is the source's own figure, not a misreading."""
    return bool(verify.get("changes_agree") and found.get("officer_changes")
                and (verify.get("rows_printed") or verify.get("boroughs_printed")))


def _checks(found: dict[str, list[dict]], table: dict, grids: list[Grid] | None,
            pages: list[list[Line]] | None) -> list[tuple[Callable[[], str], bool]]:
    """The family's checks of one reading, in the order they are run (each gives '' or its failure), each with
    whether its failure can be the source's own (a printed Total that is not the sum of self-consistent rows)."""
    verify = table.get("verify") or {}
    rows_known = _row_checks(verify, found) and grids is not None and pages is not None
    out: list[tuple[Callable[[], str], bool]] = []
    if verify.get("key_is_borough"):
        out.append((lambda: _keys(found, table), False))
    if "borough_priorities" in found:
        out.append((lambda: _priorities_shape(found["borough_priorities"], verify), False))
    if verify.get("changes_agree") and "officer_changes" in found:
        out.append((lambda: _officer_changes(found["officer_changes"], found.get("officer_allocations", [])), False))
    if verify.get("totals_agree") and "officer_allocations" in found:
        out.append((lambda: officer_totals(found.get("officer_allocations", []), found.get("officer_changes", []),
                                           table["resource"]), rows_known))
    if verify.get("rows_printed") and grids is not None and pages is not None:
        out.append((lambda: rows_match(found, table, grids, pages), False))
    if verify.get("boroughs_printed") and grids is not None and pages is not None:
        out.append((lambda: boroughs_match(found, table, grids, pages, verify["boroughs_printed"]), False))
    return out


def verify_steps(found: dict[str, list[dict]], table: dict, grids: list[Grid] | None = None,
                 pages: list[list[Line]] | None = None) -> Verdict:
    """How many checks passed and the first failing check ('' when every check of the family spec passed).

    A failing Total check is held while the later checks run: when every other check passes, the verdict is
    `in_source` (the rows are read right; the printed Total is the source's, for review); when another fails,
    the verdict is the Total's failure, as if it had stopped there."""
    checks = _checks(found, table, grids, pages)
    held: tuple[int, str] | None = None
    for i, (check, source_own) in enumerate(checks):
        problem = check()
        if not problem:
            continue
        if source_own and held is None:
            held = (i, problem)
            continue
        return Verdict(*(held or (i, problem)))
    if held:
        return Verdict(len(checks) - 1, held[1], in_source=True)
    return Verdict(len(checks), "")


def verify_records(found: dict[str, list[dict]], table: dict, grids: list[Grid] | None = None,
                   pages: list[list[Line]] | None = None) -> str:
    """'' when the records of one table pass every check of its family spec; else the first failing check.
    The check that the rows are the boroughs printed in the table runs only when the grids and the
    page lines they were read from are given."""
    return verify_steps(found, table, grids, pages).problem
