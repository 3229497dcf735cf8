"""One package built from raw/ for the landing-page, provenance and browser tests of this folder."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from filelock import FileLock

from tests.conftest import RAW, run_cli, run_folder


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The package published from raw/ (a full build, cached extraction allowed), built once per run: under
    pytest-xdist the first worker to ask builds it and the others wait for it (a lock in the run's folder)."""
    shared = run_folder(tmp_path_factory)
    root = shared / "raw_package"
    with FileLock(str(shared / "raw_package.lock")):
        if not (root / "out" / "datapackage.json").is_file():
            r = run_cli("build", "--raw", RAW, "--out", root / "out", "--work", root / "work")
            assert r.returncode == 0, r.stderr
    return root / "out"


def load_tables(package: Path) -> dict[str, list[dict]]:
    """Every resource's JSON rows, keyed by resource name."""
    dp = json.loads((package / "datapackage.json").read_text())
    return {r["name"]: json.loads((package / r["json"]["path"]).read_text()) for r in dp["resources"]}
