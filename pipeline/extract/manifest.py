"""raw/sources.yaml: optional metadata per PDF (source_id, title, publisher, date, URL, licence, period)."""
from __future__ import annotations

from pathlib import Path

import yaml

MANIFEST = "sources.yaml"


def load_manifest(raw_dir: Path) -> dict[str, dict]:
    """Entries of raw/sources.yaml by file name ({} when there is none); loaded with the safe loader."""
    path = raw_dir / MANIFEST
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # safe, C-accelerated
    entries = data.get("sources", []) if isinstance(data, dict) else []
    out = {}
    for e in entries:
        if isinstance(e, dict) and e.get("file"):
            out[str(e["file"])] = {k: v for k, v in e.items()}
    return out


def _place(facts: dict) -> str:
    """The document's borough as its official name where the vocabulary knows it (else as printed)."""
    from pipeline.normalise.labels import borough_to_gss
    from pipeline.normalise.vocab import load_vocabulary

    printed = facts.get("borough", "")
    m = borough_to_gss(printed) if printed else None
    return load_vocabulary().borough_name(m.ids[0]) if m and m.mapped else printed


def assign_source_ids(docs: list[dict], manifest: dict[str, dict]) -> dict[str, str]:
    """A stable source_id per extracted document, by file name: the manifest's explicit `source_id`,
    else derived from what the document is (family, place, period, edition; pipeline.extract.identity).

    Two documents that derive the same id (two copies of one document) are told apart by a prefix of
    their sha256, in file-name order; the first keeps the plain id.
    """
    from pipeline.extract.families import load_families
    from pipeline.extract.identity import derive_source_id

    specs = {f.name: f.spec for f in load_families()}
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for doc in sorted(docs, key=lambda d: d["file"]):
        facts = doc.get("identity") or {}
        sid = str(manifest.get(doc["file"], {}).get("source_id") or
                  derive_source_id(specs[doc["family"]], facts, doc["sha256"], _place(facts)))
        if sid in taken:
            sid = f"{sid}-{doc['sha256'][:8]}"
        taken.add(sid)
        ids[doc["file"]] = sid
    return ids
