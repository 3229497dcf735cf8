"""raw/sources.yaml checked against schemas/inputs/sources_yaml.schema.json: one UsageError line naming the
file, the entry (and its PDF), the key and the YAML line; loaded without aliases, timestamps or tags."""
from __future__ import annotations

import shutil

import pytest
from helpers import pdfs

from pipeline.errors import UsageError
from pipeline.extract.manifest import load_manifest
from pipeline.safe_yaml import MAX_BYTES

ENTRY = """- file: a.pdf
  source_id: mopac-a
  title: A
  published: '2019-05'
  url: https://example.org/a.pdf
- file: b.pdf
  title: B
"""


def _raw(tmp_path, entries: str = ENTRY, head: str = "sources:\n"):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a.pdf", "b.pdf"):
        shutil.copy2(pdfs.HAVERING, raw / name)
    (raw / "sources.yaml").write_text(head + entries, encoding="utf-8")
    return raw


def _error(raw) -> str:
    with pytest.raises(UsageError) as e:
        load_manifest(raw)
    line = str(e.value)
    assert "\n" not in line and line.startswith(str(raw / "sources.yaml"))
    return line


def test_a_valid_manifest_loads(tmp_path):
    m = load_manifest(_raw(tmp_path))
    assert m["a.pdf"]["source_id"] == "mopac-a" and m["b.pdf"] == {"file": "b.pdf", "title": "B"}


def test_the_repository_manifest_is_valid():
    assert len(load_manifest(pdfs.RAW)) == len(list(pdfs.RAW.glob("*.pdf")))


def test_an_unquoted_date_is_read_as_the_text_it_is(tmp_path):
    assert load_manifest(_raw(tmp_path, ENTRY.replace("'2019-05'", "2019-05-03")))["a.pdf"]["published"] == "2019-05-03"


@pytest.mark.parametrize("edit,words", [
    (("title: A", "title: A\n  publishr: M"), ["entry 1 (a.pdf)", "line 5", "unknown key publishr"]),
    (("'2019-05'", "'3 May 2019'"), ["entry 1 (a.pdf)", "line 5", "published", "ISO 8601 date"]),
    (("'2019-05'", "'2019-13'"), ["published", "ISO 8601 date"]),
    (("https://example.org/a.pdf", "'javascript:alert(1)'"), ["entry 1 (a.pdf)", "line 6", "url", "http or https"]),
    (("https://example.org/a.pdf", "file:///etc/passwd"), ["url", "http or https"]),
    (("title: B", "source_id: mopac-a"), ["entry 2 (b.pdf)", "line 8", "source_id", "already used by entry 1"]),
    (("title: A", "title: [1, 2]"), ["entry 1 (a.pdf)", "title", "expected string"]),
    (("source_id: mopac-a", "source_id: ../../etc"), ["source_id", "not of the allowed form"]),
    (("file: b.pdf", "file: a.pdf"), ["entry 2 (a.pdf)", "already described by entry 1"]),
])
def test_each_fault_is_one_line_naming_file_entry_key_and_line(tmp_path, edit, words):
    old, new = edit
    line = _error(_raw(tmp_path, ENTRY.replace(old, new, 1)))
    for w in words:
        assert w in line, (w, line)


def test_a_file_not_in_raw_is_named_in_a_note(tmp_path):
    raw = _raw(tmp_path)
    (raw / "b.pdf").unlink()
    notes: list[str] = []
    assert sorted(load_manifest(raw, notes)) == ["a.pdf", "b.pdf"]
    assert len(notes) == 1 and "entry 2 (b.pdf)" in notes[0] and "is not in" in notes[0] and "line 7" in notes[0]


@pytest.mark.parametrize("text,words", [
    ("sources: [\n", ["not valid YAML"]),
    ("sources: !!python/object/apply:os.system ['echo x']\n", ["not valid YAML"]),
    ("a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: [*a, *a]\nsources: []\n", ["line 2", "aliases"]),
    ("- just a list\n", ["expected object"]),
    ("source: []\n", ["line 1", "unknown key source"]),
])
def test_unsafe_or_malformed_yaml_is_refused(tmp_path, text, words):
    line = _error(_raw(tmp_path, text, head=""))
    for w in words:
        assert w in line, (w, line)


def test_an_oversized_manifest_is_refused_before_parsing(tmp_path):
    raw = _raw(tmp_path)
    with open(raw / "sources.yaml", "a", encoding="utf-8") as f:
        f.write("# " + "x" * MAX_BYTES + "\n")
    assert "more than the" in _error(raw)
