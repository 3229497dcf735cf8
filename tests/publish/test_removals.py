"""Sources removed between releases (pipeline/publish/removals.py, raw/sources.yaml's `removed:`): a missing source
stops the build unless its removal is recorded, with a reason that reaches the release notes."""
from __future__ import annotations

import pytest
import yaml

from pipeline.errors import UsageError
from pipeline.extract.manifest import load_removed
from pipeline.publish.removals import REMOVE_REASON, MissingSources, parse_removals, removed_sources, still_present

BEFORE = {"a-1": "a.pdf", "b-1": "b.pdf", "c-1": "c.pdf"}


def test_a_missing_source_is_one_line_naming_it_and_how_to_record_its_removal():
    with pytest.raises(MissingSources) as e:
        removed_sources(BEFORE, {"a-1"}, {"b-1": "withdrawn"}, {}, "output")
    (line,) = e.value.lines
    assert line.startswith("source c-1 (c.pdf) is in the previous release at output and missing from this build;")
    assert "--remove c-1" in line and "removed:" in line


def test_recorded_and_skipped_removals_carry_their_reason():
    removed = removed_sources(BEFORE, {"a-1"}, {"b-1": "withdrawn"}, {"c.pdf": "corrupt PDF"}, "output")
    assert removed == [{"source_id": "b-1", "file": "b.pdf", "reason": "withdrawn"},
                       {"source_id": "c-1", "file": "c.pdf", "reason": "skipped: corrupt PDF"}]
    assert removed_sources({}, {"a-1"}, {"x-1": "gone"}, {}, "output") == []  # no previous release: nothing to lose


def test_remove_options_and_a_removal_of_a_source_still_built():
    assert parse_removals(["b-1", "c-1=superseded by  the 2011 edition"]) == \
        {"b-1": REMOVE_REASON, "c-1": "superseded by the 2011 edition"}
    with pytest.raises(ValueError):
        parse_removals(["B 1"])
    (line,) = still_present({"a-1": "x"}, {"a-1": "a.pdf"}, {"a-1": "--remove"})
    assert line.startswith("--remove: a-1 is recorded as removed but this build has it (a.pdf)")


def _manifest(tmp_path, removed) -> None:
    data = {"sources": [{"file": "a.pdf"}], "removed": removed}
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")


def test_removed_entries_in_sources_yaml_are_checked_against_the_schema(tmp_path):
    _manifest(tmp_path, [{"source_id": "b-1", "reason": "withdrawn  by\nMOPAC", "removed": "2026-12"}])
    assert load_removed(tmp_path) == {"b-1": "withdrawn by MOPAC"}
    for bad, says in (([{"source_id": "b-1"}], "reason"), ([{"source_id": "B_1", "reason": "x"}], "B_1"),
                      ([{"source_id": "b-1", "reason": "x"}, {"source_id": "b-1", "reason": "y"}], "already"),
                      ([{"source_id": "b-1", "reason": "x", "why": "y"}], "unknown key")):
        _manifest(tmp_path, bad)
        with pytest.raises(UsageError) as e:
            load_removed(tmp_path)
        assert says in str(e.value) and "sources.yaml" in str(e.value) and "\n" not in str(e.value)
