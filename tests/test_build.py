"""pipeline/build.py end to end on one PDF, in this process: the fast tier's one build (the tests marked `build`
build raw/, the corpus and the bad cases; this one makes every stage's modules run in `pytest -m "not slow"`)."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from helpers import pdfs

from pipeline.build import build
from pipeline.diff import diff_packages, diff_to_text, load_package
from pipeline.errors import Exit
from pipeline.settings import Settings
from pipeline.validate.report import summary_table


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Havering's summary (raw/, with its manifest entry) built without the cache."""
    root = tmp_path_factory.mktemp("one_pdf")
    raw = root / "raw"
    raw.mkdir()
    shutil.copy(pdfs.HAVERING, raw / pdfs.HAVERING.name)
    pdfs.copy_manifest(raw, [pdfs.HAVERING.name])
    outcome = build(raw, root / "out", root / "work", Settings.load(), use_cache=False)
    assert outcome.code == Exit.OK and outcome.published, outcome.errors
    return root / "out"


def test_every_file_the_descriptor_lists_is_there_with_its_size_and_hash(package: Path) -> None:
    dp = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert [s["sha256"] for s in dp["sources"]] == [hashlib.sha256(pdfs.HAVERING.read_bytes()).hexdigest()]
    for resource in dp["resources"]:
        for meta in (resource, resource["json"]):
            data = (package / meta["path"]).read_bytes()
            assert meta["bytes"] == len(data) and meta["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert (package / resource["parquet"]["path"]).is_file()
    assert (package / dp["sqlite"]["path"]).is_file()
    rows = json.loads((package / "data" / "borough_performance.json").read_text(encoding="utf-8"))
    assert rows and {r["gss_code"] for r in rows} == {"E09000016"}  # Havering


def test_the_codebook_landing_page_pages_and_reports_are_published(package: Path) -> None:
    dp = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    readme = (package / "README.md").read_text(encoding="utf-8")
    html = (package / "index.html").read_text(encoding="utf-8")
    for resource in dp["resources"]:
        assert f"### `{resource['name']}`" in readme and f'id="resource-{resource["name"]}"' in html
    assert list((package / "pages").glob("*.png"))
    assert (package / "CHANGELOG.md").read_text(encoding="utf-8").startswith("# Changelog")
    validation = json.loads((package / "reports" / "validation.json").read_text(encoding="utf-8"))
    assert validation["passed"] and validation["summary"]["failed"] == 0
    table = summary_table(validation["checks"])
    assert " 0\n" in table + "\n" and "borough_performance" in table
    report = json.loads((package / "reports" / "build.json").read_text(encoding="utf-8"))
    assert len(report["documents"]) == 1 and report["skipped"] == [] and report["quarantine"] == []


def test_the_package_differs_from_itself_in_nothing(package: Path) -> None:
    diff = diff_packages(load_package(package), load_package(package))
    assert "no changes" in diff_to_text(diff)
