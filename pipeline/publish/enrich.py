"""Columns a researcher needs beside the codes: the borough's name and the period's first and last day."""
from __future__ import annotations

from pipeline.normalise.numbers import parse_period


def period_dates(period: str) -> tuple[str, str]:
    """'2009-10' -> ('2009-04-01', '2010-03-31'): a UK financial year, 1 April to 31 March."""
    start = int(parse_period(period)[:4])
    return f"{start}-04-01", f"{start + 1}-03-31"


def enrich(rows: list[dict], boroughs: list[dict], fields: set[str]) -> list[dict]:
    """Rows with the derived columns their schema declares (`fields`): `borough`, the ONS name of gss_code,
    and `period_start` / `period_end` of a financial-year `period`."""
    names = {b["gss_code"]: b["borough"] for b in boroughs}
    out = []
    for row in rows:
        extra = {}
        if "borough" in fields and "gss_code" in row:
            extra["borough"] = names.get(row["gss_code"]) if row["gss_code"] else None
        if {"period_start", "period_end"} <= fields and row.get("period"):
            extra["period_start"], extra["period_end"] = period_dates(row["period"])
        out.append({**row, **extra})
    return out
