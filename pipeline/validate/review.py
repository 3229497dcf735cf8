"""Discrepancies found in the sources vs the reviewed list in schemas/accepted_discrepancies.yaml."""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import yaml

from pipeline.normalise.vocab import load_yaml
from pipeline.paths import ACCEPTED_DISCREPANCIES, ROOT
from pipeline.validate.identities import Discrepancy


def discrepancy_id(identity: dict) -> str:
    blob = json.dumps({k: identity[k] for k in sorted(identity)}, sort_keys=True, default=float)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _norm(identity: dict) -> dict:
    return {k: (float(v) if k in ("printed", "computed") else str(v)) for k, v in identity.items()}


def load_accepted(path: Path = ACCEPTED_DISCREPANCIES) -> list[dict]:
    if not path.exists():
        return []
    return list(load_yaml(path).get("accepted") or [])


def review(found: list[Discrepancy], accepted: list[dict]) -> tuple[list[dict], list[Discrepancy]]:
    """(errata rows for accepted discrepancies, unreviewed discrepancies)."""
    keys = {json.dumps(_norm({k: a[k] for k in ("family", "table", "row", "column", "printed", "computed")}),
                       sort_keys=True): a for a in accepted}
    errata, unreviewed = [], []
    for d in found:
        match = keys.get(json.dumps(_norm(d.identity()), sort_keys=True))
        if match is None:
            unreviewed.append(d)
            continue
        errata.append({"discrepancy_id": discrepancy_id({**_norm(d.identity()), "source_id": d.source_id}),
                       "source_id": d.source_id,
                       "page": d.page, "table": d.table, "row": d.row, "column": d.column,
                       "printed": d.printed, "computed": d.computed, "status": "accepted",
                       "note": " ".join(str(match.get("note", "")).split()),
                       **({"_cells": d.cells} if d.cells else {})})
    return errata, unreviewed


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def accepted_entry(d: Discrepancy, today: str | None = None) -> str:
    """The entry to paste into the `accepted:` list of schemas/accepted_discrepancies.yaml once the discrepancy is
    checked against the PDF: one line, a YAML flow mapping matched by review() exactly as this one is."""
    entry = {**d.identity(), "printed": _number(d.printed), "computed": _number(d.computed),
             "note": f"printed so in {d.source_id}, page {d.page} (the rows give {_number(d.computed)}); "
                     "published as printed",
             "reviewed": today or datetime.now(UTC).strftime("%Y-%m-%d")}
    flow = yaml.safe_dump(entry, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1_000_000)
    return "- " + flow.strip()


def unreviewed_message(d: Discrepancy) -> str:
    """One line: the discrepancy (value printed, value computed, row) and the entry that accepts it."""
    return (f"unreviewed discrepancy in the source: {d.where()} \u2014 check the PDF; if it prints this, add to "
            f"the accepted: list of {ACCEPTED_DISCREPANCIES.relative_to(ROOT)}: "
            f"{accepted_entry(d)}")
