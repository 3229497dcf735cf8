"""pipeline/publish/atomic.py: a publish failed or killed at ANY filesystem step leaves --out holding the
old or the new package, or the next run's recover() puts the old one back; leftovers are cleaned up,
and only the tool's own (recognised by name and marker).

The failure is injected, not timed: every filesystem function the publish uses is wrapped; the k-th call
raises, for every k from 1 to the number of calls a clean publish makes. "kill" mode also makes every
later call raise (a dead process runs no cleanup); "fail" mode raises OSError once and lets cleanup run.
"""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from pipeline.publish import atomic
from pipeline.publish.atomic import MARKER, is_ours, publish_folder, recover

CALLS = [(os, "rename"), (os, "replace"), (os, "mkdir"), (os, "unlink"), (os, "rmdir"), (shutil, "rmtree"),
         (shutil, "copytree"), (shutil, "copy2"), (Path, "write_text"), (Path, "write_bytes")]


class Killed(BaseException):
    """The process died here."""


def _package(tag: str) -> dict[str, bytes]:
    return {"datapackage.json": f'{{"name": "{tag}"}}\n'.encode(), "data/a.csv": f"x\n{tag}\n".encode(),
            "data/b.json": b"[]\n", "reports/build.json": f"{tag}\n".encode()}


def _filler(src: Path):
    def fill(stage: Path) -> None:
        shutil.copytree(src, stage, dirs_exist_ok=True)
        (stage / "README.md").write_text("codebook\n", encoding="utf-8")
    return fill


def _source(folder: Path, tag: str) -> Path:
    for rel, data in _package(tag).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


def _content(folder: Path) -> dict[str, bytes] | None:
    if not folder.is_dir():
        return None
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _inject(mp: pytest.MonkeyPatch, k: int, mode: str, log: list[str]) -> None:
    state = {"n": 0, "dead": False}

    def wrap(name, fn):  # noqa: ANN001, ANN202
        def call(*a, **kw):  # noqa: ANN002, ANN003, ANN202
            if state["dead"]:
                raise Killed(name)
            state["n"] += 1
            log.append(name)
            if state["n"] == k:
                if mode == "kill":
                    state["dead"] = True
                    raise Killed(name)
                raise OSError(errno.EIO, f"injected failure in {name}")
            return fn(*a, **kw)
        return call

    for mod, name in CALLS:
        mp.setattr(mod, name, wrap(name, getattr(mod, name)))


@pytest.fixture
def world(tmp_path):
    old_src, new_src = _source(tmp_path / "src_old", "old"), _source(tmp_path / "src_new", "new")
    site = tmp_path / "site"
    site.mkdir()
    publish_folder(site / "out", _filler(old_src))
    return {"site": site, "out": site / "out", "old": _content(site / "out"), "new_fill": _filler(new_src),
            "tmp": tmp_path}


def _clean_run_calls(world) -> list[str]:
    log: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        _inject(mp, 0, "fail", log)
        publish_folder(world["out"], world["new_fill"])
    return log


def test_a_clean_publish_replaces_the_package_and_leaves_nothing_beside_it(world):
    assert is_ours(world["out"]) and world["old"]["datapackage.json"] == b'{"name": "old"}\n'
    calls = _clean_run_calls(world)
    assert calls.count("rename") == 2 and {"mkdir", "copytree", "rmtree", "unlink", "rmdir"} <= set(calls)
    new = _content(world["out"])
    assert new["datapackage.json"] == b'{"name": "new"}\n' and MARKER in new
    assert sorted(p.name for p in world["site"].iterdir()) == ["out"]


@pytest.mark.parametrize("mode", ["kill", "fail"])
def test_a_publish_stopped_at_every_filesystem_step_never_loses_the_package(tmp_path, mode):
    """For k = 1..N: stop the k-th filesystem call; --out is old or new, at once or after recover()."""
    probe = {}
    steps = None
    k = 1
    while steps is None or k <= steps:
        base = tmp_path / f"{mode}{k}"
        base.mkdir()
        old_src, new_src = _source(base / "src_old", "old"), _source(base / "src_new", "new")
        site = base / "site"
        site.mkdir()
        out = site / "out"
        publish_folder(out, _filler(old_src))
        old = _content(out)
        if steps is None:  # a clean publish of the new package on a copy: how many steps there are
            shutil.copytree(site, base / "probe")
            world = {"out": base / "probe" / "out", "new_fill": _filler(new_src)}
            probe["calls"] = _clean_run_calls(world)
            new = _content(base / "probe" / "out")
            steps = len(probe["calls"])
            assert steps >= 10
        log: list[str] = []
        with pytest.MonkeyPatch.context() as mp:
            _inject(mp, k, mode, log)
            try:
                publish_folder(out, _filler(new_src))
                assert mode == "fail", k  # a killed process never returns; an OSError may be handled
            except (Killed, OSError):
                pass
        after = _content(out)
        if mode == "fail":
            assert after in (old, new), (k, log[-1])
        else:
            assert after in (old, new, None), (k, log[-1])
        notes = recover(out)
        assert _content(out) in (old, new), (k, mode, log[-1])
        if after is None:
            assert _content(out) == old and any("restored the previous package" in n for n in notes)
        assert sorted(p.name for p in site.iterdir()) == ["out"], (k, mode, log[-1])
        publish_folder(out, _filler(new_src))  # and the next publish works
        assert _content(out) == new and sorted(p.name for p in site.iterdir()) == ["out"]
        k += 1
    assert k - 1 == steps


def test_recover_leaves_folders_that_are_not_its_own(world):
    site, out = world["site"], world["out"]
    theirs = [site / ".out.old-123", site / ".out.staging-456", site / ".out.old-backup"]
    for p in theirs:
        p.mkdir()
        (p / "notes.txt").write_text("mine\n", encoding="utf-8")
    ours = site / ".out.staging-789"
    ours.mkdir()
    (ours / MARKER).write_text(atomic.MARKER_TEXT, encoding="utf-8")
    (ours / "data").mkdir()
    shutil.rmtree(out)
    notes = recover(out)
    assert not out.exists() and not notes[1:]  # no package of ours to restore: nothing is invented
    assert not ours.exists() and all((p / "notes.txt").exists() for p in theirs)


def test_recover_restores_a_package_renamed_aside_when_out_is_missing(world):
    site, out = world["site"], world["out"]
    os.rename(out, site / ".out.old-4242")  # killed between the two renames
    notes = recover(out)
    assert _content(out) == world["old"] and notes and "restored" in notes[0]
    assert sorted(p.name for p in site.iterdir()) == ["out"]
