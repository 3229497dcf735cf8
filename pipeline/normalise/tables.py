"""Printed records of one document -> typed rows of each published table, with quarantined labels."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.normalise.figures import attribute, figure_id, sentence_groups
from pipeline.normalise.labels import borough_to_gss, label_to_crime_types
from pipeline.normalise.canonical import canonical_key
from pipeline.core.numbers import Reading, parse_int, parse_number, read_number
from pipeline.normalise.numbers import number_to_json, parse_period
from pipeline.normalise.vocab import Vocabulary

STATUS = {"achieved": "achieved", "met": "achieved", "exceeded": "achieved", "missed": "missed", "not met": "missed"}


@dataclass
class Normalised:
    """Rows per resource for one document, and labels that matched nothing (quarantined)."""

    tables: dict[str, list[dict]] = field(default_factory=dict)
    checks: dict[str, list[dict]] = field(default_factory=dict)
    quarantine: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def add(self, resource: str, row: dict) -> None:
        self.tables.setdefault(resource, []).append(row)

    def merge(self, other: Normalised) -> None:
        """Add another document's rows, checks and quarantine to these."""
        for name, rows in other.tables.items():
            self.tables.setdefault(name, []).extend(rows)
        for name, rows in other.checks.items():
            self.checks.setdefault(name, []).extend(rows)
        self.quarantine += other.quarantine


class Doc:
    """Lookups for one document, recording every label that cannot be mapped."""

    def __init__(self, doc: dict, source_id: str, vocab: Vocabulary, out: Normalised) -> None:
        self.doc, self.source_id, self.vocab, self.out = doc, source_id, vocab, out

    def _quarantine(self, resource: str, field_: str, rec: dict, label: str, candidates) -> None:
        self.out.quarantine.append({"file": self.doc["file"], "source_id": self.source_id, "page": rec.get("page"),
                                    "resource": resource, "field": field_, "label": label,
                                    "borough_raw": rec.get("borough_raw"),
                                    "candidates": [{"label": c, "score": s} for c, s in candidates]})

    def gss(self, resource: str, rec: dict) -> str | None:
        m = borough_to_gss(rec["borough_raw"], self.vocab)
        if not m.mapped:
            self._quarantine(resource, "borough", rec, rec["borough_raw"], m.candidates)
            return None
        return m.ids[0]

    def crime_types(self, resource: str, rec: dict, column_aliases: dict | None = None) -> tuple[str, ...]:
        label = rec["label_raw"]
        for alias, ids in (column_aliases or {}).items():
            if canonical_key(alias) == canonical_key(label):
                return tuple(ids)
        m = label_to_crime_types(label, self.vocab)
        if not m.mapped:
            self._quarantine(resource, "crime_type", rec, label, m.candidates)
        return m.ids

    def base(self, rec: dict) -> dict:
        return {"source_id": self.source_id, "page": rec["page"]}

    @staticmethod
    def cells(rec: dict) -> dict:
        """The record's cell boxes under the private key `_cells` (never a published column)."""
        return {"_cells": rec["cells"]} if "cells" in rec else {}


def priorities(d: Doc, records: list[dict], column_aliases: dict) -> None:
    for rec in records:
        gss = d.gss("borough_priorities", rec)
        ids = d.crime_types("borough_priorities", rec, column_aliases.get(rec["priority_kind"]))
        if gss is None:
            continue
        for crime in ids:
            d.out.add("borough_priorities", {
                "period": parse_period(rec["period_raw"]), "gss_code": gss, "priority_kind": rec["priority_kind"],
                "crime_type_id": crime, "rank": rec["rank"], "label_raw": rec["label_raw"], **d.base(rec),
                **d.cells(rec)})


def officers(d: Doc, counts: list[dict], changes: list[dict], teams: dict[str, str]) -> None:
    team_of = {canonical_key(k): v for k, v in teams.items()}

    def team(rec: dict) -> str:
        t = team_of.get(canonical_key(rec["team_raw"]))
        if t is None:
            d._quarantine("officer_allocations", "team", rec, rec["team_raw"], [])
        return t or ""

    for rec in counts:
        gss = None if rec["is_total"] else d.gss("officer_allocations", rec)
        row = {"gss_code": gss, "team": team(rec), "year": rec["year"], "officers": parse_int(rec["officers_raw"]),
               "borough_raw": rec["borough_raw"], **d.base(rec)}
        if rec["is_total"]:
            d.out.checks.setdefault("officer_totals", []).append({**row, **d.cells(rec)})
        elif gss:
            d.out.add("officer_allocations", {**row, **d.cells(rec)})
    for rec in changes:
        gss = None if rec["is_total"] else d.gss("officer_allocations", rec)
        d.out.checks.setdefault("officer_changes", []).append({
            "gss_code": gss, "team": team(rec), "from_year": rec["from_year"], "to_year": rec["to_year"],
            "change": parse_int(rec["change_raw"]), "borough_raw": rec["borough_raw"], "is_total": rec["is_total"],
            **d.base(rec), **d.cells(rec)})


def read_whole(text: str) -> Reading:
    """A printed count with its sign: a whole number, else ValueError."""
    r = read_number(text)
    if not r.value.is_integer():
        raise ValueError(f"not a whole number: {text!r}")
    return r


def signed_change(count: Reading, percent: Reading) -> tuple[float, float]:
    """A change printed as a count and a per cent, each with the sign printed on it; one printed without a sign takes
    the other's ("361 offences or −22.9%": −361 and −22.9). Printed with contradictory signs, each keeps its own (the
    validate stage's check, pipeline.validate.identities.performance_signs, stops the build unless reviewed)."""
    c = count.value if count.sign else -count.value if percent.sign == "-" else count.value
    p = percent.value if percent.sign else -percent.value if count.sign == "-" else percent.value
    return c, p


def performance(d: Doc, records: list[dict]) -> None:
    for rec in records:
        gss = d.gss("borough_performance", rec)
        ids = d.crime_types("borough_performance", rec)
        count, percent = signed_change(read_whole(rec["offences_raw"]), read_number(rec["percent_raw"]))
        words = rec["status_raw"].lower().split()
        status = STATUS.get(" ".join(w for w in words if w not in ("target", "was")), None)
        if gss is None:
            continue
        for crime in ids:
            d.out.add("borough_performance", {
                "period": parse_period(rec["period_raw"]), "gss_code": gss, "crime_type_id": crime,
                "label_raw": rec["label_raw"], "offences_change": int(count),
                "percent_change": number_to_json(percent), "target_status": status,
                "offences_printed": rec["offences_raw"], "percent_printed": rec["percent_raw"], **d.base(rec),
                **d.cells(rec)})


def targets(d: Doc, records: list[dict]) -> None:
    for rec in records:
        gss = d.gss("borough_targets", rec)
        ids = d.crime_types("borough_targets", rec)
        if gss is None:
            continue
        for crime in ids:
            d.out.add("borough_targets", {
                "period": parse_period(rec["period_raw"]), "gss_code": gss, "crime_type_id": crime,
                "target_reduction_percent": number_to_json(parse_number(rec["percent_raw"])),
                "label_raw": rec["label_raw"], "line": rec["line"], **d.base(rec), **d.cells(rec)})


def figures(d: Doc, records: list[dict]) -> None:
    """reported_figures rows: each figure labelled from its own clause, keyed by its content (figure_id)."""
    rows: list[dict] = []
    for group in sentence_groups(records):
        labels = attribute(group[0]["sentence"], group, group[0].get("heading", ""), d.vocab)
        seen: dict[str, int] = {}
        ids = []
        for rec in group:
            seen[rec["printed"]] = seen.get(rec["printed"], 0) + 1
            ids.append(figure_id(d.source_id, rec["sentence"], rec["printed"], seen[rec["printed"]]))
        for rec, lab, fid in zip(group, labels, ids):
            value = -abs(rec["value"]) if lab["kind"] == "change" and lab["direction"] == "down" else rec["value"]
            cw = lab.pop("compared_with")
            rows.append({"figure_id": fid, "source_id": d.source_id, "page": rec["page"],
                         "value": number_to_json(value), "unit": rec["unit"], "printed": rec["printed"], **lab,
                         "compared_with": ids[cw] if cw is not None else None, "sentence": rec["sentence"],
                         "_cells": rec.get("cells")})
    for n, row in enumerate(rows, start=1):
        d.out.add("reported_figures", {**row, "figure_no": n})
