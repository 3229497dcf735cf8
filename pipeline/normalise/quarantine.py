"""The one-line messages for labels that map to nothing (quarantined by normalisation)."""
from __future__ import annotations

from pipeline.normalise.alias_entry import alias_entry


def quarantine_lines(quarantine: list[dict]) -> list[str]:
    """One line per unknown label: file, page, label, its nearest candidates, and the vocabulary line that makes it
    map as the nearest one does."""
    out = []
    for q in quarantine:
        near = ", ".join(f"{c['label']!r} ({c['score']:.0f})" for c in q["candidates"]) or "none"
        first = q["candidates"][0]["label"] if q["candidates"] else None
        entry = alias_entry(q["field"], q["label"], first)
        fix = (f"if it means {first!r}, {entry}" if first else entry) if entry else "add a reviewed alias to vocab/"
        out.append(f"{q['file']}: page {q['page']}: unknown {q['field']} label {q['label']!r} in {q['resource']} "
                   f"\u2014 nearest: {near}; {fix}; or rerun with --allow-quarantined to publish without it")
    return out
