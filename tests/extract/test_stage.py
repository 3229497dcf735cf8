"""The extract stage keeps its documents on disk, not in memory: the extracting process's memory does not grow
with the number of PDFs (bench/run_bench.py --parts memory measures the whole run)."""
from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from helpers import pdfs

from pipeline.extract.stage import Documents, extract_all
from pipeline.settings import ExtractSettings


def test_documents_read_back_as_written_in_order_and_compare_as_lists():
    docs = Documents()
    written = [{"file": f"{i}.pdf", "records": {"rows": list(range(i))}} for i in range(5)]
    for d in written:
        docs.append(d)
    assert len(docs) == 5 and list(docs) == written and docs[1:3] == written[1:3] and docs[-1] == written[-1]
    assert docs == written and docs != written[:4]


@pytest.mark.slow
def test_holding_many_documents_does_not_hold_them_in_memory():
    docs = Documents()
    tracemalloc.start()
    try:
        for i in range(200):  # 200 documents of about 0.5 MB of Python objects each
            docs.append({"file": f"{i}.pdf", "records": {"cells": [{"page": 1, "box": [1.0, 2.0, 3.0, 4.0],
                                                                    "text": f"{j}"} for j in range(1500)]}})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(docs) == 200 and docs[199]["records"]["cells"][1499]["text"] == "1499"
    assert peak < 5e6, f"{peak / 1e6:.1f} MB held for 200 documents"


def _peak_of_a_cached_run(tmp_path: Path, copies: int) -> float:
    """Peak traced memory of extracting `copies` copies of one PDF, all served from the cache (each copy its own
    bytes, a comment after %%EOF, and its own source_id: not the same document twice)."""
    raw, cache = tmp_path / f"raw{copies}", tmp_path / f"cache{copies}"
    raw.mkdir()
    for i in range(copies):
        (raw / f"doc{i:03}.pdf").write_bytes(pdfs.HAVERING.read_bytes() + f"\n% copy {i}\n".encode())
    (raw / "sources.yaml").write_text("sources:\n" + "".join(f"  - {{file: doc{i:03}.pdf, source_id: doc-{i:03}}}\n"
                                                              for i in range(copies)), encoding="utf-8")
    extract_all(raw, ExtractSettings(), cache)
    tracemalloc.start()
    try:
        result = extract_all(raw, ExtractSettings(), cache)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.cached == len(result.documents) == copies and not result.bad
    return peak


@pytest.mark.slow
def test_the_extracting_process_memory_does_not_grow_with_the_number_of_documents(tmp_path):
    one, many = _peak_of_a_cached_run(tmp_path, 1), _peak_of_a_cached_run(tmp_path, 20)
    assert many < 1.2 * one, f"1 document: {one / 1e6:.2f} MB, 20: {many / 1e6:.2f} MB"
