"""Family specs altered for a test: the Local Policing Summary without one of its `not_data` rules."""
from __future__ import annotations

import copy

from pipeline.extract.families import Family, load_families


def summary_without_rule(part: str, rule_id: str) -> Family:
    """The local_policing_summary family whose `part` ("tables" or "lists") lacks the `not_data` rule `rule_id`."""
    lps = next(f for f in load_families() if f.name == "local_policing_summary")
    spec = copy.deepcopy(lps.spec)
    for item in spec[part]:
        item["not_data"] = [r for r in item.get("not_data", []) if r["id"] != rule_id]
    return Family(lps.name, lps.title, spec, lps.path)
