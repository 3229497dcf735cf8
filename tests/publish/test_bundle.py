"""One download of everything: the package's zip holds every file of the package (not itself, not hidden files),
byte for byte, and is the same bytes whenever the files are."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from pipeline.publish.bundle import bundle_entry, write_bundle

DESCRIPTOR = {"name": "pkg", "version": "1.2.3"}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    for name, data in (("datapackage.json", b"{}"), ("data/a.csv", b"x\n1\n"), ("pages/p1.png", b"\x89PNG"),
                       ("README.md", b"# r\n"), (".london-policing-pipeline", b"marker")):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_the_zip_holds_every_file_but_itself_and_hidden_ones_in_a_fixed_order(tmp_path):
    folder = _folder(tmp_path)
    descriptor = {**DESCRIPTOR, "download": bundle_entry(DESCRIPTOR)}
    target = write_bundle(folder, descriptor)
    assert target == folder / "pkg-1.2.3.zip"
    write_bundle(folder, descriptor)  # a zip already there is not zipped into the next
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        assert names == ["pkg-1.2.3/README.md", "pkg-1.2.3/data/a.csv", "pkg-1.2.3/datapackage.json",
                         "pkg-1.2.3/pages/p1.png"]
        assert z.read("pkg-1.2.3/data/a.csv") == b"x\n1\n"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.testzip() is None


def test_the_same_files_give_the_same_zip_whatever_their_times(tmp_path):
    folder = _folder(tmp_path)
    descriptor = {**DESCRIPTOR, "download": bundle_entry(DESCRIPTOR)}
    first = write_bundle(folder, descriptor).read_bytes()
    for i, path in enumerate(sorted(folder.rglob("*"))):
        os.utime(path, (1_000_000_000 + i * 86_400, 1_000_000_000 + i * 86_400))
    os.chmod(folder / "README.md", 0o600)
    assert write_bundle(folder, descriptor).read_bytes() == first


def test_the_published_zip_is_listed_and_holds_the_whole_package(built):
    dp = json.loads((built / "datapackage.json").read_text())
    target = built / dp["download"]["path"]
    assert dp["download"]["mediatype"] == "application/zip" and target.is_file()
    files = {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*")
             if p.is_file() and p != target and not p.name.startswith(".")}
    top = target.name.removesuffix(".zip")
    with zipfile.ZipFile(target) as z:
        inside = {n.removeprefix(top + "/"): z.read(n) for n in z.namelist()}
    assert sorted(inside) == sorted(files)
    assert {"index.html", "datapackage.json", "CITATION.cff", "README.md", "data/cells.csv"} <= set(inside)
    assert [n for n in inside if inside[n] != files[n]] == []
