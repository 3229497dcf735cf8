"""raw/sources.yaml: optional metadata per PDF (source_id, title, publisher, date, URL, licence, period)."""
from __future__ import annotations

from pathlib import Path

from pipeline.extract.manifest_check import check_manifest

MANIFEST = "sources.yaml"


def load_manifest(raw_dir: Path, notes: list[str] | None = None) -> dict[str, dict]:
    """Entries of raw/sources.yaml by file name ({} when there is none), checked against its schema.

    An invalid file raises pipeline.errors.UsageError (one line: file, entry, key, line); `notes` gets a
    line for each entry whose file is not in raw_dir.
    """
    path = raw_dir / MANIFEST
    if not path.exists():
        return {}
    return {str(e["file"]): dict(e) for e in check_manifest(path, raw_dir, notes)}


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
