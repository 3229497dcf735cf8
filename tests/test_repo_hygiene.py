"""Publisher's hygiene: LICENSE, CITATION.cff and the rebuild workflow are valid (checked offline against the
schemas check-jsonschema vendors), every DVC stage lists the code it runs and its params, dvc.lock matches
the code, and the benchmark is not reported by a plain `dvc status`."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import project

from tests.conftest import REPO

STAGE_MODULES = {
    "extract": ["pipeline.cli", "pipeline.extract.stage", "pipeline.extract.document"],
    "normalise": ["pipeline.cli", "pipeline.normalise.stage"],
    "validate": ["pipeline.cli", "pipeline.validate.stage", "pipeline.validate.report"],
    "publish": ["pipeline.cli", "pipeline.publish.stage", "pipeline.locks"],
}


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run([str(exe), "--builtin-schema", schema, str(path)], capture_output=True, text=True,
                          timeout=120)


def test_licence_names_the_code_licence_and_the_datas_ogl_statement():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in text and "OGL-UK-3.0" in text
    assert "Contains public sector information licensed under the Open Government Licence v3.0" in text


def test_citation_cff_is_valid_and_an_invalid_one_is_not(tmp_path):
    r = _check_jsonschema("vendor.citation-file-format", REPO / "CITATION.cff")
    assert r.returncode == 0, r.stdout + r.stderr
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["license"] == "OGL-UK-3.0"
    del cff["authors"]
    (tmp_path / "CITATION.cff").write_text(yaml.safe_dump(cff), encoding="utf-8")
    assert _check_jsonschema("vendor.citation-file-format", tmp_path / "CITATION.cff").returncode != 0


def test_rebuild_workflow_is_valid_and_does_what_it_says(tmp_path):
    """Valid against the workflow schema (offline); runs the release script on every change of an input or the code;
    caches pip and .cache/; every action pinned by commit, its tag in a comment; one release at a time; bash with
    pipefail, so that a failing command or pipe stage fails the step."""
    path = REPO / ".github" / "workflows" / "rebuild.yml"
    r = _check_jsonschema("vendor.github-workflows", path)
    assert r.returncode == 0, r.stdout + r.stderr
    text = path.read_text(encoding="utf-8")
    wf = yaml.safe_load(text)
    on = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert {"raw/**", "families/**", "vocab/**", "schemas/**", "params.yaml", "pipeline/**",
            "tools/release.py"} <= set(on["push"]["paths"])
    assert "workflow_dispatch" in on
    assert wf["concurrency"]["group"] and wf["concurrency"]["cancel-in-progress"] is False
    assert wf["defaults"]["run"]["shell"] == "bash"  # GitHub runs it as bash -eo pipefail
    assert wf["permissions"]["contents"] == "write"
    steps = wf["jobs"]["rebuild"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert {u.split("@")[0] for u in uses} >= {"actions/checkout", "actions/setup-python", "actions/cache"}
    for u in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u), u
        assert re.search(rf"{re.escape(u)}\s+#\s*v\d+\.\d+\.\d+", text), f"{u}: no tag in a comment"
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache"
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "tools/release.py --github" in runs
    assert "upload-artifact" not in text  # it drops hidden files: the release zip keeps them
    del wf["jobs"]["rebuild"]["runs-on"]
    broken = tmp_path / "broken.yml"
    broken.write_text(yaml.safe_dump({"on" if k is True else k: v for k, v in wf.items()}), encoding="utf-8")
    assert _check_jsonschema("vendor.github-workflows", broken).returncode != 0


def _covered(path: str, deps: list[str]) -> bool:
    return any(path == d or path.startswith(d.rstrip("/") + "/") for d in deps)


@pytest.mark.parametrize("stage", sorted(STAGE_MODULES))
def test_each_stage_lists_every_code_file_it_runs_and_its_params(stage):
    spec = yaml.safe_load((REPO / "dvc.yaml").read_text(encoding="utf-8"))["stages"][stage]
    code = (f"import json, sys; import {', '.join(STAGE_MODULES[stage])}; "
            "print(json.dumps(sorted(m.__file__ for m in list(sys.modules.values()) "
            "if m.__name__.split('.')[0] == 'pipeline' and getattr(m, '__file__', None))))")
    files = json.loads(subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                                      check=True, timeout=120).stdout)
    rel = [str(Path(f).resolve().relative_to(REPO)) for f in files]
    missing = [f for f in rel if not _covered(f, spec["deps"])]
    assert missing == [], f"{stage} runs {missing} but dvc.yaml does not list them"
    assert spec.get("params"), f"{stage} lists no params"


def _dvc(*args: str) -> str:
    exe = Path(sys.executable).with_name("dvc")  # a dependency of the project: in the venv beside python
    r = subprocess.run([str(exe), *args], cwd=REPO, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_dvc_lock_matches_the_code_and_the_bench_is_not_reported():
    """Every stage's deps (code, raw/, params) are as dvc.lock recorded them; after merging code changes,
    refresh it with `dvc repro` (with the project's virtualenv active) and commit dvc.lock."""
    status = _dvc("status", "--json")
    report = json.loads(status or "{}")
    assert not any(k.startswith("bench/") for k in report), report
    stale = {}
    for stage, changes in report.items():
        for change in changes:
            if isinstance(change, dict) and ("changed deps" in change or "changed command" in change):
                deps = {k: v for k, v in change.get("changed deps", {}).items()
                        if not k.startswith("build/")}  # interim outputs: missing in a fresh clone
                if deps or "changed command" in change:
                    stale[stage] = change
    assert stale == {}, f"dvc.lock is stale (run `dvc repro` and commit dvc.lock): {stale}"
    lock = yaml.safe_load((REPO / "dvc.lock").read_text(encoding="utf-8"))
    assert set(lock["stages"]) == set(STAGE_MODULES)


@pytest.mark.cli
def test_dvc_metrics_show_is_the_packages_own_metrics():
    """`dvc metrics show` at the top: the package's metrics (rows per resource, checks, coverage), not the
    benchmark's results (a plain output of bench/dvc.yaml)."""
    shown = json.loads(_dvc("metrics", "show", "--json"))
    files = shown[""]["data"]
    assert list(files) == ["reports/metrics.json"], list(files)
    metrics = files["reports/metrics.json"]["data"]
    assert {"rows", "checks", "coverage"} <= set(metrics)
    assert metrics["rows"]["sources"] == 5 and metrics["checks"]["failed"] == 0
    assert metrics["coverage"]["left_over"] == 0 and metrics["coverage"]["table_words"] > 0
    assert len(_dvc("metrics", "show")) < 2000


@pytest.mark.slow
def test_a_fresh_clones_dvc_repro_leaves_the_committed_files_as_they_are(tmp_path):
    """From a fresh clone (no output/, no build/, no cache), `dvc repro` gives the outputs dvc.lock records: the tree
    is clean afterwards (dvc.lock and reports/metrics.json unchanged), and a second `dvc repro` does nothing.
    The shell's SOURCE_DATE_EPOCH is not an input of the package DVC makes (it once set `created`)."""
    _dvc("version")  # skips when dvc is not installed
    clone = project.project_clone(tmp_path / "clone")
    first = project.run(["dvc", "repro"], clone, timeout=900, extra_env={"SOURCE_DATE_EPOCH": "1796027906"})
    assert first.returncode == 0, first.stderr[-2000:]
    changed = project.git("status", "--porcelain", cwd=clone)
    assert changed == "", changed + project.git("diff", "--stat", cwd=clone)
    again = project.run(["dvc", "repro"], clone, timeout=900)
    assert again.returncode == 0 and "Running stage" not in again.stdout, again.stdout
