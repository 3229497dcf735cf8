"""Extraction results cached by the PDF's sha256 and everything else that shapes them."""
from __future__ import annotations

import hashlib
import json

from pypdfium2.version import PDFIUM_INFO

from pipeline.extract.document import EXTRACTOR_VERSION
from pipeline.paths import FAMILIES_DIR, PACKAGE, SCHEMAS_DIR, VOCAB_DIR


def code_fingerprint() -> str:
    """Hash of the extractor's code (with the normalise helpers it calls), family specs and the pdfium build that
    reads the pages: a change invalidates."""
    h = hashlib.sha256(f"{EXTRACTOR_VERSION} {PDFIUM_INFO}".encode())
    for folder, pattern in ((PACKAGE / "extract", "**/*.py"), (PACKAGE / "core", "*.py"),
                            (FAMILIES_DIR, "*.yaml"), (VOCAB_DIR, "prose_exclusions.yaml"),
                            (PACKAGE / "normalise", "canonical.py"), (PACKAGE / "normalise", "numbers.py"),
                            (SCHEMAS_DIR, "accepted_discrepancies.yaml")):  # read by verify_totals.py
        for p in sorted(folder.glob(pattern)):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def cache_key(sha256: str, meta: dict, fingerprint: str) -> str:
    blob = json.dumps({"sha256": sha256, "meta": meta, "code": fingerprint}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()
