"""Spec files (families/*.yaml, vocab/*.yaml) checked against their JSON Schemas when loaded: a misspelt or
unknown key, a wrong type, a missing key or a broken pattern is one line naming the file, the line and the key
(exit 2 from the command line), never a check silently switched off."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import pdfs
from helpers.cli import error_lines

from pipeline.errors import UsageError
from pipeline.extract.families import load_families
from pipeline.normalise.vocab import load_vocabulary
from pipeline.paths import FAMILIES_DIR, SPEC_SCHEMAS_DIR, VOCAB_DIR
from pipeline.specs import load_vocab

REPO = Path(__file__).resolve().parents[1]
PLAN = "police_and_crime_plan.yaml"


def _families(tmp_path: Path, old: str, new: str, name: str = PLAN) -> Path:
    """A copy of families/ with `old` replaced by `new` (once) in one spec."""
    folder = tmp_path / "families"
    shutil.copytree(FAMILIES_DIR, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    text = (folder / name).read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _line(path: Path, needle: str) -> int:
    """The 1-based line of the first line holding `needle`, read from the file itself."""
    return next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in t)


def _refused(folder: Path) -> str:
    with pytest.raises(UsageError) as e:
        load_families(folder)
    line = str(e.value)
    assert "\n" not in line
    return line


def test_every_family_spec_and_vocabulary_in_the_repository_is_valid():
    assert [f.path.name for f in load_families()] == sorted(p.name for p in FAMILIES_DIR.glob("*.yaml"))
    names = sorted(p.stem for p in VOCAB_DIR.glob("*.yaml"))
    assert names == sorted(p.name[len("vocab_"):-len(".schema.json")] for p in SPEC_SCHEMAS_DIR.glob("vocab_*"))
    for name in names:
        assert load_vocab(name)


def _loose(node, where: str) -> list[str]:
    """Object schemas that allow keys they do not describe, and keys without a description."""
    found = []
    if isinstance(node, dict):
        if "properties" in node and node.get("additionalProperties") is not False:
            found.append(f"{where}: properties without additionalProperties: false")
        for key, sub in (node.get("properties") or {}).items():
            if not (sub.get("description") or "$ref" in sub):
                found.append(f"{where}.{key}: no description")
        for k, v in node.items():
            found += _loose(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _loose(v, f"{where}[{i}]")
    return found


def test_every_schema_forbids_keys_it_does_not_describe_and_describes_its_keys():
    for path in SPEC_SCHEMAS_DIR.glob("*.schema.json"):
        assert _loose(json.loads(path.read_text(encoding="utf-8")), path.name) == []


def test_a_misspelt_verify_key_is_refused_naming_file_line_and_key(tmp_path):
    """`key_is_borugh` would have switched the borough check off: a row keyed "Burglary" would then pass."""
    folder = _families(tmp_path, "key_is_borough: true", "key_is_borugh: true")
    line = _refused(folder)
    assert line.startswith(f"{folder / PLAN}: line {_line(folder / PLAN, 'key_is_borugh')}: ")
    assert "tables[0].verify: unknown key 'key_is_borugh'" in line and "key_is_borough" in line


@pytest.mark.parametrize("old, new, needle, words", [
    ("max_columns: 7", "max_columns: seven", "max_columns: seven", ["tables[0].max_columns", "expected integer"]),
    ("    reader: officers\n", "", "  - resource: officer_allocations", ["tables[0]", "missing key 'reader'"]),
    ("changes_agree: true", "changes_agree: 'yes'", "changes_agree", ["verify.changes_agree", "expected boolean"]),
    ("reader: officers", "reader: officer", "reader: officer", ["tables[0].reader", "'officer' is not one of"]),
    ("min_any: 2", "min_any: 2\n  some: ['x']", "some:", ["recognise", "unknown key 'some'"]),
    ("total_row: '", "total_row: '(", "total_row", ["tables[0].total_row", "is not a 'regex'"]),
])
def test_a_wrong_type_a_missing_key_an_unknown_value_or_a_broken_pattern_is_one_line(tmp_path, old, new, needle,
                                                                                     words):
    folder = _families(tmp_path, old, new)
    line = _refused(folder)
    assert line.startswith(f"{folder / PLAN}: line {_line(folder / PLAN, needle)}: ")
    for w in words:
        assert w in line


def test_a_misspelt_vocabulary_key_is_one_line(tmp_path):
    folder = tmp_path / "vocab"
    shutil.copytree(VOCAB_DIR, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = folder / "boroughs.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("in_mps: false", "in_msp: false", 1), encoding="utf-8")
    with pytest.raises(UsageError) as e:
        load_vocabulary(folder)
    assert str(e.value).startswith(f"{path}: line {_line(path, 'in_msp')}: boroughs[0]: unknown key 'in_msp'")


def test_an_empty_or_missing_data_folder_says_where_it_looked(tmp_path):
    assert f"{tmp_path}: no family specs" in _refused(tmp_path)
    with pytest.raises(UsageError, match=f"^{tmp_path / 'crime_types.yaml'}: no such file"):
        load_vocabulary(tmp_path)


@pytest.mark.cli
def test_the_command_line_stops_at_a_misspelt_key_with_one_line_and_exit_2(tmp_path):
    folder = _families(tmp_path, "key_is_borough: true", "key_is_borugh: true")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(pdfs.HAVERING, raw / "a.pdf")
    code = ("import sys; from pathlib import Path; import pipeline.extract.families as f; "
            "f.FAMILIES_DIR = Path(sys.argv.pop(1)); from pipeline.__main__ import run; run()")
    r = subprocess.run([sys.executable, "-c", code, str(folder), "build", "--raw", str(raw), "--out",
                        str(tmp_path / "out"), "--work", str(tmp_path / "work"), "--no-cache"],
                       cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 2, r.stderr
    (line,) = error_lines(r.stderr)
    assert f"{folder / PLAN}: line " in line and "unknown key 'key_is_borugh'" in line
    assert "Traceback" not in r.stderr and not (tmp_path / "out").exists()
