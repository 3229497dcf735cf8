"""Verify a table's records before they are published: a reading that fails a check is never published.

The checks are the family's own expectations of its table (data in families/*.yaml, `verify:`):
the key column resolves to boroughs, a column's labels map to the crime types it must hold, and
each row has the shape the family expects. A failing check is one line naming the page and the row.
"""
from __future__ import annotations

from collections import defaultdict

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
            ok = a is not None and b is not None and _int(b) - _int(a) == _int(ch["change_raw"])
        except ValueError:
            ok = False
        if not ok:
            return (f"page {ch['page']}: row {ch['borough_raw']!r}: printed change {ch['change_raw']!r} is not "
                    f"{b!r} - {a!r}")
    return ""


def _int(text: str) -> int:
    from pipeline.normalise.numbers import parse_int

    return parse_int(text)


def verify_records(found: dict[str, list[dict]], table: dict) -> str:
    """'' when the records of one table pass every check of its family spec; else the first failing check."""
    verify = table.get("verify") or {}
    for resource, records in found.items():
        if verify.get("key_is_borough") and resource != "officer_changes":
            problem = _borough_check(records, resource)
            if problem:
                return problem
    if "borough_priorities" in found:
        problem = _priorities_shape(found["borough_priorities"], verify)
        if problem:
            return problem
    if verify.get("changes_agree") and "officer_changes" in found:
        return _officer_changes(found["officer_changes"], found.get("officer_allocations", []))
    return ""
