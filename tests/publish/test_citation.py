"""Who the citation names: the repository's CITATION.cff, or, installed from a wheel, the distribution's authors."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.publish import citation
from tests.conftest import REPO


def test_pyproject_names_the_authors_citation_cff_names():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert [a["name"] for a in project["authors"]] == citation.authors(REPO / "CITATION.cff")


def test_without_citation_cff_the_installed_distributions_authors_are_named(tmp_path):
    assert citation.authors(tmp_path / "CITATION.cff") == citation.authors(REPO / "CITATION.cff")


def test_a_citation_cff_naming_no_one_is_one_line(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text("cff-version: 1.2.0\nauthors: []\n")
    with pytest.raises(UsageError, match="names no authors"):
        citation.authors(cff)


def test_no_file_and_no_distribution_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(citation, "metadata", lambda name: {"Author": ""})
    with pytest.raises(UsageError, match="not found"):
        citation.authors(Path(tmp_path / "CITATION.cff"))
