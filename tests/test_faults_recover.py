"""Issue 23: faults recover. A kill while an interim folder is emptied leaves it recognisably the tool's; an old
package that cannot be deleted leaves the new one published with a warning; locks live in a folder only the user
can write; a published --out holding files its package does not list is refused, never deleted; a PDF replaced
in raw/ during a build cannot mix two versions; a copy that fails on many files is one short line."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import pdfs
from test_safe_out import _raw, one_usage_error

from pipeline.interim import MARKER as INTERIM, check_ours, fresh_folder
from pipeline.publish import atomic
from pipeline.publish.atomic import MARKER, publish_folder

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_a_kill_while_an_interim_folder_is_emptied_leaves_it_the_tools(tmp_path):
    """A child process empties a big interim folder and is killed midway, over and over: each time the next
    check (what the next build runs first) accepts the folder."""
    folder = tmp_path / "extracted"
    for attempt in range(5):
        fresh_folder(folder)
        for i in range(3000):
            (folder / f"doc-{i:04d}.json").write_text("{}", encoding="utf-8")
        code = ("from pathlib import Path; from pipeline.interim import fresh_folder; "
                f"fresh_folder(Path({str(folder)!r}))")
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=REPO)
        while proc.poll() is None and len(os.listdir(folder)) > 2500 - attempt * 400:
            time.sleep(0.001)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left = len(os.listdir(folder)) if folder.exists() else 0
        check_ours(folder)  # raised "holds files this tool did not write" when the marker went first
        assert left == 0 or (folder / INTERIM).is_file()


def test_an_old_package_that_cannot_be_deleted_leaves_the_new_one_published(tmp_path, monkeypatch):
    out = tmp_path / "out"
    publish_folder(out, lambda stage: (stage / "v1.txt").write_text("1", encoding="utf-8"))
    real = atomic.remove_package

    def stuck(folder: Path) -> None:
        if ".old-" in folder.name:
            raise PermissionError(13, "Permission denied", str(folder / "data"))
        real(folder)

    monkeypatch.setattr(atomic, "remove_package", stuck)
    notes = publish_folder(out, lambda stage: (stage / "v2.txt").write_text("2", encoding="utf-8"))
    assert (out / "v2.txt").is_file() and not (out / "v1.txt").exists()
    assert len(notes) == 1 and "could not be deleted" in notes[0] and "rm -rf" in notes[0]
    again = publish_folder(out, lambda stage: (stage / "v3.txt").write_text("3", encoding="utf-8"))
    assert (out / "v3.txt").is_file() and any("could not be deleted" in n for n in again)  # later builds go on
    monkeypatch.setattr(atomic, "remove_package", real)
    assert all(n.startswith("removed .out.old-") for n in publish_folder(out, lambda stage: None))  # and clean up
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_the_out_lock_lives_in_a_folder_only_this_user_can_write(tmp_path, monkeypatch):
    from pipeline.errors import UsageError
    from pipeline.locks import out_lock_path

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR (the documented way: tempfile.tempdir = None)
    shared = tmp_path / "london-policing-pipeline-locks"
    shared.mkdir(mode=0o755)  # what the first user's build left: the shared folder of every user
    lock = out_lock_path(tmp_path / "out")
    folder = lock.parent
    assert folder != shared and folder.stat().st_uid == os.getuid()
    assert folder.stat().st_mode & 0o777 == 0o700
    shutil.rmtree(folder)
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)  # made by someone else, or open to everyone: never used
    with pytest.raises(UsageError, match="not a folder only you can write"):
        out_lock_path(tmp_path / "out")


def test_a_held_lock_names_its_holder(tmp_path):
    from pipeline.errors import UsageError
    from pipeline.locks import held

    with held(tmp_path / "x.lock", "work folder w"):
        with pytest.raises(UsageError, match=f"in use by process {os.getpid()}"):
            with held(tmp_path / "x.lock", "work folder w", wait=0.1):
                pass


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    from helpers.cli import run_build

    base = tmp_path_factory.mktemp("pub")
    proc = run_build(_raw(base / "raw", names=[pdfs.HAVERING.name]), base / "out", base / "work")
    assert proc.returncode == 0, proc.stderr
    return base / "out"


@pytest.mark.slow
@pytest.mark.parametrize("extra", [".git/config", "notes.txt", "data/mine.csv", "pages/photo.png"])
def test_a_published_out_holding_files_the_package_does_not_list_is_refused_not_deleted(published, tmp_path, extra):
    from helpers.cli import run_build

    out = tmp_path / "out"
    shutil.copytree(published, out)
    (out / extra).parent.mkdir(parents=True, exist_ok=True)
    (out / extra).write_text("mine", encoding="utf-8")
    before = pdfs.snapshot(out)
    one_usage_error(run_build(_raw(tmp_path / "raw", names=[pdfs.HAVERING.name]), out, tmp_path / "work"),
                    "does not list", extra.split("/")[0])
    assert pdfs.snapshot(out) == before


@pytest.mark.cli
@pytest.mark.build
def test_every_file_of_a_package_is_listed_in_its_marker(published):
    assert atomic.unlisted(published) == []
    listed = atomic._listed(published)
    assert listed == {p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file()}
    assert MARKER in listed and "datapackage.json" in listed


@pytest.mark.slow
def test_a_copy_that_fails_on_many_files_is_one_short_line(tmp_path):
    validated = tmp_path / "validated"
    validated.mkdir()
    for i in range(300):
        os.mkfifo(validated / f"pipe-{i:03d}")  # shutil.copytree collects one error per file
    proc = subprocess.run([sys.executable, "-m", "pipeline", "publish", "--validated", validated, "--out",
                           tmp_path / "out", "--raw", tmp_path], cwd=REPO, capture_output=True, text=True, timeout=120)
    line = one_usage_error(proc, "is a named pipe", "and 299 more")
    assert len(line) < 400


def test_a_pdf_replaced_during_extraction_is_read_from_the_bytes_that_were_hashed(tmp_path):
    """The snapshot is what extraction and page images read: replacing raw/'s file afterwards changes nothing."""
    from pipeline.extract.stage import snapshot_pdfs
    from pipeline.publish.pages import render_pages
    from pipeline.settings import ExtractSettings

    raw = _raw(tmp_path / "raw", names=[pdfs.HAVERING.name])
    snap = tmp_path / "snap"
    snap.mkdir()
    bad: list[dict] = []
    sha = snapshot_pdfs([raw / pdfs.HAVERING.name], snap, ExtractSettings(), bad)
    shutil.copy(pdfs.BARNET, raw / pdfs.HAVERING.name)  # replaced while the build runs
    assert bad == [] and (snap / pdfs.HAVERING.name).read_bytes() == pdfs.HAVERING.read_bytes()
    source = {"source_id": "h", "file": pdfs.HAVERING.name, "sha256": sha[pdfs.HAVERING.name]}
    notes: list[str] = []
    assert list(render_pages(snap, [source], [("h", 1)], tmp_path / "a", notes)) == ["pages/h-p1.png"]
    assert render_pages(raw, [source], [("h", 1)], tmp_path / "b", notes) == {}  # raw/ changed: not drawn from it
    assert notes == [f"page images of h not drawn: {raw / pdfs.HAVERING.name} changed since it was extracted"]


@pytest.mark.parametrize("name", ["-x.pdf", "a\nb.pdf", os.fsdecode(b"\xff\xfe.pdf"), "<b>&.pdf"])
def test_odd_file_names_keep_their_page_images(tmp_path, name):
    from pipeline.errors import shown
    from pipeline.publish.pages import render_pages
    from pipeline.safe_files import sha256_bounded

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(pdfs.HAVERING, raw / name)
    source = {"source_id": "h", "file": shown(name), "sha256": sha256_bounded(raw / name, 1 << 30)}
    assert list(render_pages(raw, [source], [("h", 1)], tmp_path)) == ["pages/h-p1.png"]
