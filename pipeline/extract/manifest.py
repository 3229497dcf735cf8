"""raw/sources.yaml: optional metadata per PDF (source_id, title, publisher, date, URL, licence, period)."""
from __future__ import annotations

from pathlib import Path

from pipeline.extract.manifest_check import check_manifest, check_removed

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


def load_removed(raw_dir: Path) -> dict[str, str]:
    """source_id -> reason of each source raw/sources.yaml records as removed on purpose ({} without the file)."""
    path = raw_dir / MANIFEST
    if not path.exists():
        return {}
    return {str(e["source_id"]): " ".join(str(e["reason"]).split()) for e in check_removed(path)}


def _place(facts: dict) -> str:
    """The document's borough as its official name where the vocabulary knows it (else as printed)."""
    from pipeline.normalise.labels import borough_to_gss
    from pipeline.normalise.vocab import load_vocabulary

    printed = facts.get("borough", "")
    m = borough_to_gss(printed) if printed else None
    return load_vocabulary().borough_name(m.ids[0]) if m and m.mapped else printed


def assign_source_ids(docs: list[dict], manifest: dict[str, dict]) -> tuple[dict[str, str], dict[str, str]]:
    """A stable source_id per extracted document, by file name: the manifest's explicit `source_id`,
    else derived from what the document is (family, place, period, edition; pipeline.extract.identity);
    and the documents whose id another document already has, each with that document's file: two copies of
    one document, which the build refuses (one must go, or get its own id). Of two, the one with a manifest
    entry keeps the id, else the first in file-name order.
    """
    from pipeline.extract.families import load_families
    from pipeline.extract.identity import derive_source_id

    specs = {f.name: f.spec for f in load_families()}
    ids: dict[str, str] = {}
    first: dict[str, str] = {}
    copies: dict[str, str] = {}
    for doc in sorted(docs, key=lambda d: (d["file"] not in manifest, d["file"])):
        facts = doc.get("identity") or {}
        sid = str(manifest.get(doc["file"], {}).get("source_id") or
                  derive_source_id(specs[doc["family"]], facts, doc["sha256"], _place(facts)))
        ids[doc["file"]] = sid
        if sid in first:
            copies[doc["file"]] = first[sid]
        else:
            first[sid] = doc["file"]
    return ids, copies
