"""The work folder (--work) is the tool's too: its stage folders are replaced only when this tool made them,
and a --work that would reach the user's files is refused before anything is read (issue 11)."""
from __future__ import annotations


import pytest
from helpers import pdfs
from helpers.cli import run_build
from test_safe_out import _raw, _users_files, one_usage_error

from pipeline.errors import UsageError
from pipeline.interim import MARKER, fresh_folder


def test_fresh_folder_refuses_a_folder_of_someones_files(tmp_path):
    folder = _users_files(tmp_path / "extracted")
    before = pdfs.snapshot(folder)
    with pytest.raises(UsageError, match="did not write"):
        fresh_folder(folder)
    assert pdfs.snapshot(folder) == before


def test_fresh_folder_empties_its_own_folder_and_an_empty_one(tmp_path):
    own = fresh_folder(tmp_path / "validated")
    (own / "old.json").write_text("{}", encoding="utf-8")
    assert sorted(p.name for p in fresh_folder(own).iterdir()) == [MARKER]
    empty = tmp_path / "normalised"
    empty.mkdir()
    assert (fresh_folder(empty) / MARKER).is_file()


def test_fresh_folder_refuses_a_file_or_a_link(tmp_path):
    (tmp_path / "a").write_text("mine", encoding="utf-8")
    (tmp_path / "b").symlink_to(_users_files(tmp_path / "docs"))
    for name in ("a", "b"):
        with pytest.raises(UsageError, match="not a folder this tool made"):
            fresh_folder(tmp_path / name)
    assert (tmp_path / "a").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "docs" / "letter.docx").is_file()


@pytest.mark.cli
def test_work_whose_stage_folder_holds_someones_files_is_refused_before_extracting(tmp_path):
    raw, work = _raw(tmp_path / "raw"), tmp_path / "home"
    docs = _users_files(work / "extracted")
    before = pdfs.snapshot(docs)
    one_usage_error(run_build(raw, tmp_path / "out", work), str(docs), "did not write")
    assert pdfs.snapshot(docs) == before
    assert not (tmp_path / "out").exists()


@pytest.mark.cli
@pytest.mark.parametrize("where", ["raw", "raw/work", "", "REPO_PARENT"])
def test_work_that_is_inside_raw_or_holds_raw_or_the_current_folder_is_refused(tmp_path, where):
    raw = _raw(tmp_path / "raw")
    work = pdfs.RAW.parents[1] if where == "REPO_PARENT" else tmp_path / where  # builds run from the repository
    before = pdfs.snapshot(raw)
    one_usage_error(run_build(raw, tmp_path / "out", work), "--work")
    assert pdfs.snapshot(raw) == before
    assert not (tmp_path / "out").exists()


@pytest.mark.cli
@pytest.mark.build
def test_the_interim_marker_is_not_published(tmp_path):
    out, work = tmp_path / "out", tmp_path / "work"
    assert run_build(_raw(tmp_path / "raw", names=[pdfs.HAVERING.name]), out, work).returncode == 0
    assert (work / "validated" / MARKER).is_file() and (work / "extracted" / MARKER).is_file()
    assert not list(out.rglob(MARKER))
