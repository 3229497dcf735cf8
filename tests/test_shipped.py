"""The package ships what it reads: installed from a wheel into a fresh virtualenv, it builds raw/ from another
folder into the same package as the editable install; without its data files it says where it looked (exit 2)."""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
from helpers.cli import error_lines

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
DATA = {"pipeline.families": "families", "pipeline.vocab": "vocab", "pipeline.schemas": "schemas"}
FOR_THE_WHEEL = ("pyproject.toml", "README.md", "LICENSE", "pipeline", *DATA.values())


def _folders_of_files(top: Path) -> set[Path]:
    return {p.parent for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_every_package_folder_is_listed_in_pyproject():
    """pyproject.toml lists its packages (the data folders are mapped into the package): none may be missing."""
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["package-dir"] == DATA
    listed = set(setuptools["packages"])
    want = {".".join(f.relative_to(REPO).parts) for f in _folders_of_files(REPO / "pipeline")}
    for package, folder in DATA.items():
        want |= {".".join([package, *f.relative_to(REPO / folder).parts]) for f in _folders_of_files(REPO / folder)}
    assert listed == want


def _run(cmd: list, cwd: Path, timeout: float = 600, **env: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(list(map(str, cmd)), cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **env})


def _differences(a: Path, b: Path) -> list[str]:
    """Files that are not byte-identical (or only on one side) between two folders."""
    out = []
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()} | {p.relative_to(b) for p in b.rglob("*")
                                                                        if p.is_file()}
    for n in sorted(names):
        if not ((a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, shallow=False)):
            out.append(str(n))
    return out


@pytest.mark.slow
def test_the_wheel_ships_its_data_and_builds_raw_from_another_folder(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in FOR_THE_WHEEL:  # a copy: building a wheel writes build/ and *.egg-info into its source folder
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / name, src / name)
    r = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", src], tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")

    env = tmp_path / "venv"  # fresh, with this one's site-packages after its own for the dependencies
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path)
                .stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    r = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel],
             tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    where = _run([python, "-c", "import pipeline.paths as p; print(p.PACKAGE); print(p.FAMILIES_DIR)"], tmp_path)
    assert where.stdout.split() == [str(site / "pipeline"), str(site / "pipeline" / "families")], where.stderr

    elsewhere = tmp_path / "elsewhere"  # not the repository: no params.yaml, no raw/ beside it
    elsewhere.mkdir()
    args = ["build", "--raw", REPO / "raw", "--work", "work", "--no-cache", "--params", REPO / "params.yaml"]
    wheel_build = _run([env / "bin" / "london-policing-pipeline", *args, "--out", "out"], elsewhere)
    assert wheel_build.returncode == 0, wheel_build.stderr[-3000:]
    assert not (site / ".cache").exists() and not (site / "output").exists()  # nothing written into the install
    editable = _run([sys.executable, "-m", "pipeline", *args[:3], "--work", tmp_path / "e_work", "--no-cache",
                     "--params", REPO / "params.yaml", "--out", tmp_path / "e_out"], REPO)
    assert editable.returncode == 0, editable.stderr[-3000:]
    assert _differences(elsewhere / "out", tmp_path / "e_out") == []

    for spec in (site / "pipeline" / "families").glob("*.yaml"):
        spec.unlink()  # an install without its data: one line saying where it looked, exit 2
    broken = _run([python, "-m", "pipeline", *args, "--out", "out2"], elsewhere)
    assert broken.returncode == 2, broken.stderr[-2000:]
    (line,) = error_lines(broken.stderr)
    assert f"{site / 'pipeline' / 'families'}: no family specs" in line and not (elsewhere / "out2").exists()
