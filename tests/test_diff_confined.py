"""Issue 23: `python -m pipeline diff` reads only the files of the packages it is given.

A resource path that leaves its package (`..`, an absolute path, a link out, a URL), a file that is not a
regular file (a FIFO, /dev/zero) or a malformed descriptor is one `error:` line and exit 2: never a file's
lines printed, never a hang, never a traceback. Terminal escape sequences from a package are shown escaped.
Small packages written here; each command runs as a user runs it (a hang is the process boundary's to catch).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.diff import NotAPackage, diff_packages, diff_to_text, load_package

REPO = Path(__file__).resolve().parents[1]
SECRET = "API_KEY=hunter2"


def diff(*args, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "diff", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


def one_line_exit_2(proc: subprocess.CompletedProcess, *words: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


def package(folder: Path, rows: list[dict] | None = None, **resource) -> Path:
    """A one-resource package: data/t.csv and data/t.json, its descriptor taking `resource`'s keys over the defaults."""
    rows = rows if rows is not None else [{"id": "a", "n": 1}, {"id": "b", "n": 2}]
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "t.csv").write_text("id,n\n" + "".join(f"{r['id']},{r['n']}\n" for r in rows),
                                           encoding="utf-8")
    (folder / "data" / "t.json").write_text(json.dumps(rows), encoding="utf-8")
    res = {"name": "t", "path": "data/t.csv", "json": {"path": "data/t.json"},
           "schema": {"fields": [{"name": "id", "type": "string"}, {"name": "n", "type": "integer"}],
                      "primaryKey": ["id"]}, **resource}
    (folder / "datapackage.json").write_text(json.dumps({"name": "p", "version": "1.0.0", "resources": [res]}),
                                             encoding="utf-8")
    return folder


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "SECRET.env"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["../SECRET.env", "../../{tmp}/SECRET.env", "{tmp}/SECRET.env",
                                   "file://{tmp}/SECRET.env", "/etc/os-release"])
def test_a_resource_path_outside_the_package_is_refused(tmp_path, secret, where):
    old = package(tmp_path / "old")
    where = where.format(tmp=str(tmp_path).lstrip("/") if where.startswith("..") else tmp_path)
    new = package(tmp_path / "new", path=where, json={})
    line = one_line_exit_2(diff(old, new), "resource t", "a package names only its own files")
    assert SECRET not in line and "PRETTY_NAME" not in line


def test_a_json_path_outside_the_package_is_refused(tmp_path, secret):
    (tmp_path / "rows.json").write_text(json.dumps([{"id": SECRET, "n": 1}]), encoding="utf-8")
    new = package(tmp_path / "new", json={"path": "../rows.json"})
    assert SECRET not in one_line_exit_2(diff(package(tmp_path / "old"), new), "json path")


def test_a_link_out_of_the_package_is_refused(tmp_path, secret):
    new = package(tmp_path / "new")
    (new / "data" / "t.json").unlink()
    os.symlink(secret, new / "data" / "t.json")
    os.symlink(tmp_path, new / "data" / "up")
    assert SECRET not in one_line_exit_2(diff(package(tmp_path / "old"), new), "symbolic link")
    json_file = new / "data" / "t.json"
    json_file.unlink()
    json_file.write_text("[]", encoding="utf-8")
    new_desc = json.loads((new / "datapackage.json").read_text())
    new_desc["resources"][0]["path"] = "data/up/SECRET.env"
    new_desc["resources"][0]["json"] = {}
    (new / "datapackage.json").write_text(json.dumps(new_desc), encoding="utf-8")
    assert SECRET not in one_line_exit_2(diff(package(tmp_path / "old2"), new), "symbolic link")


@pytest.mark.parametrize("kind", ["fifo", "zero", "descriptor_fifo"])
def test_a_file_that_is_not_a_regular_file_is_refused_not_waited_on(tmp_path, kind):
    new = package(tmp_path / "new")
    if kind == "fifo":
        (new / "data" / "t.json").unlink()
        os.mkfifo(new / "data" / "t.json")
    elif kind == "zero":
        (new / "data" / "t.json").unlink()
        os.symlink("/dev/zero", new / "data" / "t.json")
    else:
        (new / "datapackage.json").unlink()
        os.mkfifo(new / "datapackage.json")
    line = one_line_exit_2(diff(package(tmp_path / "old"), new, timeout=30))
    assert ("symbolic link" if kind == "zero" else "not a regular file") in line


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import pipeline.diff

    new = package(tmp_path / "new")
    with open(new / "data" / "t.json", "r+b") as f:
        f.truncate(pipeline.diff.MAX_RESOURCE_BYTES + 1)  # sparse: no bytes written
    with pytest.raises(NotAPackage, match="more than"):
        load_package(new)


MALFORMED = {  # what a package's descriptor or rows may be instead of what a diff reads
    "descriptor_a_list": lambda d, p: [d],
    "resources_not_a_list": lambda d, p: {**d, "resources": {"t": d["resources"][0]}},
    "resource_not_an_object": lambda d, p: {**d, "resources": ["t"]},
    "resource_without_a_name": lambda d, p: {**d, "resources": [{k: v for k, v in d["resources"][0].items()
                                                                  if k != "name"}]},
    "name_not_text": lambda d, p: {**d, "resources": [{**d["resources"][0], "name": ["t"]}]},
    "two_resources_one_name": lambda d, p: {**d, "resources": d["resources"] * 2},
    "fields_not_a_list": lambda d, p: {**d, "resources": [{**d["resources"][0], "schema": {"fields": "id"}}]},
    "field_without_a_name": lambda d, p: {**d, "resources": [{**d["resources"][0], "schema": {"fields": [{}]}}]},
    "schema_a_list": lambda d, p: {**d, "resources": [{**d["resources"][0], "schema": ["id"]}]},
    "json_not_an_object": lambda d, p: {**d, "resources": [{**d["resources"][0], "json": "data/t.json"}]},
    "path_a_number": lambda d, p: {**d, "resources": [{**d["resources"][0], "path": 7, "json": {}}]},
    "primary_key_a_number": lambda d, p: {**d, "resources": [{**d["resources"][0],
                                                             "schema": {**d["resources"][0]["schema"],
                                                                        "primaryKey": 3}}]},
    "rows_an_object": lambda d, p: (p / "data" / "t.json").write_text('{"id": "a"}') and d,
    "row_a_list": lambda d, p: (p / "data" / "t.json").write_text('[["a", 1]]') and d,
    "row_value_a_list": lambda d, p: (p / "data" / "t.json").write_text('[{"id": ["a"], "n": 1}]') and d,
    "rows_nested_deep": lambda d, p: (p / "data" / "t.json").write_text("[" * 100000 + "]" * 100000) and d,
    "csv_row_longer_than_header": lambda d, p: ((p / "data" / "t.csv").write_text("id,n\na,1,extra\n")
                                                and {**d, "resources": [{**d["resources"][0], "json": {}}]}),
    "descriptor_not_json": lambda d, p: "{",
    "rows_not_utf8": lambda d, p: (p / "data" / "t.json").write_bytes(b'[{"id": "\xff"}]') and d,
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_package_is_one_line(tmp_path, kind):
    new = package(tmp_path / "new")
    descriptor = MALFORMED[kind](json.loads((new / "datapackage.json").read_text()), new)
    text = descriptor if isinstance(descriptor, str) else json.dumps(descriptor)
    (new / "datapackage.json").write_text(text, encoding="utf-8")
    one_line_exit_2(diff(package(tmp_path / "old"), new), str(new))


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                    max_leaves=12)
RESOURCE = st.fixed_dictionaries({"name": st.one_of(st.just("t"), JSON)},
                                 optional={"schema": st.one_of(JSON, st.fixed_dictionaries(
                                     {"fields": st.one_of(JSON, st.lists(st.dictionaries(
                                         st.sampled_from(["name", "type"]), st.one_of(st.just("id"), JSON)))),
                                      "primaryKey": JSON})),
                                           "json": st.one_of(JSON, st.just({"path": "data/t.json"})),
                                           "path": st.one_of(st.just("data/t.csv"), JSON)})


@settings(max_examples=150)
@given(st.one_of(JSON, st.fixed_dictionaries({"resources": st.one_of(JSON, st.lists(RESOURCE, max_size=3))})),
       st.one_of(JSON, st.lists(st.dictionaries(st.sampled_from(["id", "n", "x"]), JSON, max_size=3), max_size=3)))
def test_any_descriptor_and_rows_are_read_and_compared_or_refused_in_one_line(tmp_path_factory, descriptor, rows):
    folder = tmp_path_factory.mktemp("p")
    (folder / "data").mkdir()
    (folder / "data" / "t.csv").write_text("id,n\na,1\n", encoding="utf-8")
    (folder / "data" / "t.json").write_text(json.dumps(rows), encoding="utf-8")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    try:
        pkg = load_package(folder)
    except NotAPackage as e:
        assert len(str(e).splitlines()) == 1 and str(folder) in str(e)
        return
    text = diff_to_text(diff_packages(pkg, pkg))
    assert text.endswith("\n")


def test_terminal_escape_sequences_are_shown_escaped(tmp_path):
    evil = "\x1b]0;pwned\x07\x1b[2J\u202egnp.exe\u009b31m"
    old = package(tmp_path / "old")
    new = package(tmp_path / "new", rows=[{"id": "a", "n": 1}, {"id": evil, "n": 2}])
    for args in ((), ("--json",)):
        proc = diff(old, new, *args)
        assert proc.returncode == 1, proc.stderr  # the packages differ (diff(1)'s exit)
        assert not any(c in proc.stdout for c in "\x1b\x07\u202e\u009b"), proc.stdout
        assert "\\x1b]0;pwned" in proc.stdout or "\\u001b]0;pwned" in proc.stdout
    assert json.loads(diff(old, new, "--json").stdout)["resources"]["t"]["added"][0]["id"] == evil
