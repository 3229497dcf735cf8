"""Bounded fuzzing of the extraction: seeded byte mutations of the facsimiles in raw/.

Every mutant goes through the isolated per-document workers (pipeline.extract.isolate.run_isolated)
exactly as the build runs them. Each must come back either "ok" with a document, or "bad" with a known
kind and a one-line reason and hint: never an exception escaping, never a hang (the worker's time limit
turns one into "bad"). Fixed seed, fixed count: the same mutants on every run, in well under a minute.
"""
from __future__ import annotations

import random

import pytest
from helpers import pdfs

from pipeline.extract.isolate import run_isolated
from pipeline.extract.manifest import load_manifest
from pipeline.settings import ExtractSettings

SEED = 20240611
MUTANTS = 40
BAD_KINDS = {"empty", "too_large", "not_pdf", "corrupt", "encrypted", "too_many_pages", "no_text",
             "unknown_family", "table_unreadable", "no_period", "unreadable", "crash", "timeout", "io",
             "list_unread", "table_unread"}


def _mutants(folder) -> list[tuple]:
    """MUTANTS files in `folder`, spread evenly over the PDFs in raw/, with each source's manifest entry."""
    rng = random.Random(SEED)
    manifest = load_manifest(pdfs.RAW)
    sources = sorted(pdfs.RAW.glob("*.pdf"))
    data = {p: p.read_bytes() for p in sources}
    jobs = []
    for i in range(MUTANTS):
        src = sources[i % len(sources)]
        kind, mutated = pdfs.mutate(data[src], rng)
        assert mutated != data[src]
        path = folder / f"{i:03d}_{kind}_{src.name}"
        path.write_bytes(mutated)
        jobs.append((path, manifest.get(src.name, {})))
    return jobs


@pytest.mark.slow
def test_mutated_pdfs_are_extracted_or_rejected_with_one_line(tmp_path):
    jobs = _mutants(tmp_path)
    outcomes = {}
    for path, status, payload in run_isolated(jobs, ExtractSettings(timeout_seconds=20, workers=2)):
        assert path not in outcomes
        outcomes[path] = (status, payload)
    assert sorted(outcomes) == sorted(p for p, _ in jobs)  # one answer per mutant, none lost

    for path, (status, payload) in sorted(outcomes.items()):
        assert status in ("ok", "bad"), path.name
        if status == "ok":
            assert isinstance(payload, dict) and payload["file"] == path.name, path.name
            assert isinstance(payload["records"], dict) and payload["pages"] >= 1, path.name
            continue
        assert payload["kind"] in BAD_KINDS, (path.name, payload)
        assert payload["file"] == path.name
        for key in ("reason", "hint"):
            text = payload[key]
            assert isinstance(text, str) and text.strip(), (path.name, payload)
            assert "\n" not in text and "\r" not in text and len(text.splitlines()) == 1, (path.name, payload)
            assert "Traceback" not in text, (path.name, payload)

    statuses = [s for s, _ in outcomes.values()]
    assert "bad" in statuses  # the mutations do break files (a truncation always does, for a start)
