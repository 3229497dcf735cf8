"""Serial, parallel and Dask extraction give the same documents; the cache re-extracts only what changed."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.extract import dask_runner
from pipeline.extract.dask_runner import SchedulerError
from pipeline.extract.stage import extract_all
from pipeline.settings import ExtractSettings
from tests.conftest import RAW

SETTINGS = ExtractSettings()


def test_serial_parallel_and_dask_extract_the_same_documents() -> None:
    distributed = pytest.importorskip("distributed")
    serial = extract_all(RAW, replace(SETTINGS, workers=1))
    parallel = extract_all(RAW, replace(SETTINGS, workers=2))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        on_dask = extract_all(RAW, SETTINGS, scheduler=cluster.scheduler_address)
    assert not serial.bad and len(serial.documents) == len(list(RAW.glob("*.pdf")))
    assert parallel.documents == serial.documents
    assert on_dask.documents == serial.documents
    assert on_dask.bad == parallel.bad == serial.bad == []


def test_unreachable_scheduler_is_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(SchedulerError, match=r"--scheduler tcp://127\.0\.0\.1:9: cannot connect"):
        extract_all(RAW, SETTINGS, scheduler="tcp://127.0.0.1:9")


def test_adding_one_pdf_extracts_only_that_pdf(tmp_path: Path) -> None:
    raw, cache = tmp_path / "raw", tmp_path / "cache"
    raw.mkdir()
    pdfs = sorted(RAW.glob("*.pdf"))
    shutil.copy(RAW / "sources.yaml", raw)
    for p in pdfs[:-1]:
        shutil.copy(p, raw)
    first = extract_all(raw, SETTINGS, cache)
    assert first.cached == 0 and len(first.documents) == len(pdfs) - 1
    again = extract_all(raw, SETTINGS, cache)
    assert again.cached == len(pdfs) - 1
    assert again.documents == first.documents
    shutil.copy(pdfs[-1], raw)
    grown = extract_all(raw, SETTINGS, cache)
    assert grown.cached == len(pdfs) - 1  # only the new PDF was extracted
    assert [d["file"] for d in grown.documents] == sorted(p.name for p in pdfs)
    assert grown.documents == extract_all(raw, SETTINGS).documents  # same as without the cache
