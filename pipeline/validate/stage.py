"""Validate stage: identities, reviewed discrepancies, expectation suites and Frictionless schemas.

Writes the candidate package (data, datapackage.json, reports/validation.json)
into build/validated/; the publish stage only adds the codebook and swaps it in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Exit
from pipeline.interim import fresh_folder
from pipeline.jsonio import read_json, write_json
from pipeline.publish.package import write_package
from pipeline.settings import Settings
from pipeline.validate.identities import officer_identities, performance_signs
from pipeline.validate.review import load_accepted, review, unreviewed_message
from pipeline.validate.schemas import validate_package


@dataclass
class Validation:
    checks: list[dict] = field(default_factory=list)
    errata: list[dict] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)
    # rows (resource -> 1-based row numbers) whose printed signs contradict each other: a discrepancy in the source,
    # reviewed or not, which explains a sign expectation failing on exactly those rows
    sign_rows: dict[str, set[int]] = field(default_factory=dict)

    @property
    def failed(self) -> list[dict]:
        return [c for c in self.checks if not c["success"]]

    def exit_code(self) -> Exit:
        """1 when a check of the extracted data failed; 5 when only unreviewed source discrepancies block."""
        if any(c["check"] != "discrepancy" for c in self.failed):
            return Exit.VALIDATION_FAILED
        return Exit.UNREVIEWED_DISCREPANCY if self.unreviewed and self.failed else Exit.OK


def check_identities(tables: dict, checks: dict, settings: Settings) -> Validation:
    families = {s["source_id"]: s["family"] for s in tables.get("sources", [])}
    found, n = officer_identities(tables.get("officer_allocations", []), checks.get("officer_totals", []),
                                  checks.get("officer_changes", []), families)
    signs, m = performance_signs(tables.get("borough_performance", []), families)
    accepted = load_accepted()
    errata, unreviewed = review(found, accepted)
    sign_errata, sign_unreviewed = review([d for _, d in signs], accepted)
    v = Validation(errata=errata + sign_errata)
    v.checks.append({"check": "identity", "resource": "officer_allocations", "success": True,
                     "observed": {"identities": n, "discrepancies": len(found), "accepted": len(errata)},
                     "message": "printed Change = difference of the years; printed Total = sum of the rows"})
    v.sign_rows["borough_performance"] = {row for row, _ in signs}
    if m:
        v.checks.append({"check": "identity", "resource": "borough_performance", "success": True,
                         "observed": {"identities": m, "discrepancies": len(signs), "accepted": len(sign_errata)},
                         "message": "a count and its percentage printed with one sign"})
    unreviewed += sign_unreviewed
    for d in unreviewed:
        v.unreviewed.append(d.where())
        v.checks.append({"check": "discrepancy", "resource": d.table, "success": not settings.validate.
                         require_reviewed_discrepancies, "observed": d.identity(),
                         "message": unreviewed_message(d)})
    return v


COMPLETENESS = "pipeline_group"  # checks that count rows per group: they cannot hold when rows were withheld


def public_rows(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The tables without private keys (``_cells``...): what the expectation suites check."""
    return {name: [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]
            for name, rows in tables.items()}


def _explained(check: dict, sign_rows: dict[str, set[int]]) -> dict:
    """A sign expectation that fails only on rows whose printed signs contradict each other: the discrepancy in the
    source is the identity check's to report (an unreviewed one stops the build, exit 5; a reviewed one is an
    erratum), so the expectation passes, saying so."""
    rows = set((check.get("observed") or {}).get("rows") or []) if isinstance(check.get("observed"), dict) else set()
    if check["success"] or check.get("expectation") != "pipeline_same_sign" or not rows \
            or not rows <= sign_rows.get(check.get("resource"), set()):
        return check
    return {**check, "success": True, "message": "explained by a discrepancy in the source (a count and its "
            "percentage printed with contradictory signs; see the identity checks); was: " + check.get("message", "")}


def _not_applicable(check: dict) -> dict:
    """A completeness check on a table some of whose rows were quarantined by request."""
    return {**check, "success": True, "message": "not applicable: rows of this table were quarantined by request "
            "(see reports/build.json); was: " + check.get("message", "")}


def run_validate(normalised: Path, out_dir: Path, settings: Settings, cache_dir: Path | None = None) -> Validation:
    """build/normalised/tables.json -> build/validated/ (candidate package and reports/validation.json).

    ``cache_dir``: reuse the results of expectation suites whose tables did not change.
    """
    from pipeline.validate.expectations import run_suites

    data = read_json(normalised)
    tables, checks = data["tables"], data["checks"]
    v = check_identities(tables, checks, settings)
    tables = {**tables, "errata": v.errata}
    fresh_folder(out_dir)
    withheld = {q["resource"] for q in data.get("quarantine", [])}
    write_package(out_dir, tables, settings.publish)
    v.checks += [_not_applicable(c) if c.get("resource") in withheld and not c["success"]
                 and str(c.get("expectation", "")).startswith(COMPLETENESS) else _explained(c, v.sign_rows)
                 for c in run_suites(public_rows(tables), cache_dir=cache_dir)]
    v.checks += validate_package(out_dir / "datapackage.json")
    counts = {name: len(rows) for name, rows in sorted(tables.items())}
    write_json(out_dir / "reports" / "validation.json", {
        "passed": not v.failed and not v.unreviewed, "rows": counts,
        "summary": {"checks": len(v.checks), "failed": len(v.failed), "errata": len(v.errata),
                    "unreviewed_discrepancies": len(v.unreviewed)},
        "checks": v.checks, "errata": v.errata})
    return v
