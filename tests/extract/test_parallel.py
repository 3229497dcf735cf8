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


@pytest.mark.slow
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


@pytest.mark.slow
def test_unreachable_scheduler_is_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(SchedulerError, match=r"--scheduler tcp://127\.0\.0\.1:9: cannot connect"):
        extract_all(RAW, SETTINGS, scheduler="tcp://127.0.0.1:9")


@pytest.mark.slow
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


def test_build_stamp_changes_with_any_input_code_or_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import stamp
    from pipeline.settings import Settings

    root, raw = tmp_path / "root", tmp_path / "raw"
    for d in stamp.CODE_DIRS:  # the package and its data folders
        shutil.copytree(d, root / d.name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(RAW, raw)
    monkeypatch.setattr(stamp, "CODE_DIRS", tuple(root / d.name for d in stamp.CODE_DIRS))
    opts = {"skip_bad": False, "allow_quarantined": False}
    base = stamp.build_stamp(raw, Settings(), opts)
    assert base == stamp.build_stamp(raw, Settings(), dict(opts))
    changed = {
        "options": stamp.build_stamp(raw, Settings(), {**opts, "skip_bad": True}),
        "settings": stamp.build_stamp(raw, replace(Settings(), extract=replace(SETTINGS, max_pages=199)), opts),
    }
    pdf = next(raw.glob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes() + b"\n")  # one byte more (an incremental-update-like tail)
    changed["pdf bytes"] = stamp.build_stamp(raw, Settings(), opts)
    (raw / "extra.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    changed["pdf added"] = stamp.build_stamp(raw, Settings(), opts)
    vocab = next((root / "vocab").rglob("*.yaml"))
    vocab.write_text(vocab.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    changed["vocab"] = stamp.build_stamp(raw, Settings(), opts)
    (root / "pipeline" / "build.py").write_text("# edited\n", encoding="utf-8")
    changed["code"] = stamp.build_stamp(raw, Settings(), opts)
    assert len({base, *changed.values()}) == len(changed) + 1, changed


@pytest.mark.build
def test_unchanged_rebuild_reports_the_last_build(tmp_path: Path) -> None:
    from pipeline.build import build
    from pipeline.errors import Exit
    from pipeline.settings import Settings
    from pipeline.stamp import STAMP_FILE

    out, work = tmp_path / "out", tmp_path / "work"
    first = build(RAW, out, work, Settings(), reuse=True)
    assert first.code == Exit.OK and first.published and (work / STAMP_FILE).exists()
    again = build(RAW, out, work, Settings(), reuse=True)
    assert not again.published and again.code == first.code
    assert again.notes[:-1] == first.notes and "nothing changed" in again.notes[-1]
    (out / "data" / "sources.csv").write_text("edited\n", encoding="utf-8")  # the package was touched: rebuild
    third = build(RAW, out, work, Settings(), reuse=True)
    assert third.published and (out / "data" / "sources.csv").read_text(encoding="utf-8") != "edited\n"


def test_an_identical_copy_is_refused_naming_the_original_and_a_renamed_file_keeps_its_name_from_the_cache(
        tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    letter = RAW / "mayor_letter_MGLA190319-8293.pdf"
    for name in ("a_letter.pdf", "b_letter.pdf"):
        shutil.copy(letter, raw / name)
    cold = extract_all(raw, SETTINGS, tmp_path / "cache")
    warm = extract_all(raw, SETTINGS, tmp_path / "cache")
    assert warm.cached == 1
    for result in (cold, warm):
        assert [d["file"] for d in result.documents] == ["a_letter.pdf"]
        assert [(b["file"], b["kind"]) for b in result.bad] == [("b_letter.pdf", "duplicate")]
        assert result.bad[0]["reason"].startswith("the same content as a_letter.pdf")
    (raw / "a_letter.pdf").unlink()  # the copy is now the only one: its own name, not the cached one's
    renamed = extract_all(raw, SETTINGS, tmp_path / "cache")
    assert [d["file"] for d in renamed.documents] == ["b_letter.pdf"] and not renamed.bad
