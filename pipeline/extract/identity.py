"""What a document is (family, place, period, edition), read from its text: the facts its source_id is made of.

The family spec's `identity` section names the facts and the id templates (families/*.yaml); the
source_id is the first template whose facts the document states, so it is the same whether or
not raw/sources.yaml has an entry for the file (an entry may still set `source_id` explicitly).
"""
from __future__ import annotations

import re

from pipeline.extract.families import FLAGS, Family
from pipeline.normalise.numbers import parse_period

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ('Kensington & Chelsea' -> 'kensington-chelsea')."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def document_facts(family: Family, text: str, period: str, context: dict) -> dict[str, str]:
    """The identity facts the document states: its period, place (context) and the spec's named facts."""
    facts = {k.removesuffix("_raw"): v for k, v in context.items() if v}
    if period:
        try:
            facts["period"] = parse_period(period)
        except ValueError:
            facts["period"] = period
    for name, patterns in ((family.spec.get("identity") or {}).get("facts") or {}).items():
        for p in patterns:
            m = re.search(p, text, FLAGS)
            if m:
                facts[name] = m.group(1).strip()
                break
    return facts


def derive_source_id(spec: dict, facts: dict[str, str], sha256: str, place: str = "") -> str:
    """The first id template of the family whose facts are all stated; else family + content hash."""
    values = {k: slug(v) for k, v in facts.items() if slug(v)}
    if place:
        values["borough"] = slug(place)
    for template in (spec.get("identity") or {}).get("source_id") or []:
        names = _PLACEHOLDER.findall(template)
        if all(values.get(n) for n in names):
            return slug(_PLACEHOLDER.sub(lambda m: values[m.group(1)], template))
    return f"{slug(spec['family'])}-{sha256[:12]}"
