"""The area and period a whole document is about, from its identity (pipeline/extract/identity.py): a borough's
summary is about that borough; a document of a London-wide family (its spec's `identity.area`) about London."""
from __future__ import annotations

import re

from pipeline.normalise.labels import borough_to_gss
from pipeline.normalise.vocab import Vocabulary

FINANCIAL_YEAR = re.compile(r"\d{4}-\d{2}")


def document_scope(doc: dict, family_spec: dict, vocab: Vocabulary) -> dict:
    """`document_gss_code`, `document_area` and `document_period` of one extracted document (None where its
    identity states none: a borough name that maps to no code is not guessed)."""
    facts = doc.get("identity") or {}
    gss, area = None, (family_spec.get("identity") or {}).get("area")
    if facts.get("borough"):
        match = borough_to_gss(str(facts["borough"]), vocab)
        gss = match.ids[0] if match.mapped else None
        area = vocab.borough_name(gss) if gss else None
    period = str(facts.get("period") or "")
    return {"document_gss_code": gss, "document_area": area or None,
            "document_period": period if FINANCIAL_YEAR.fullmatch(period) else None}
