"""The one module that knows where the project's files live.

The specs, vocabularies and schemas are edited in families/, vocab/ and schemas/ at the top of the repository
and ship inside the package as the data packages pipeline.families, pipeline.vocab and pipeline.schemas
(pyproject.toml maps each to its folder). They are read from the running package, found through
importlib.resources: a wheel's own copies inside it, or, running from a checkout (editable or not), the
checkout's folders beside it, from any current folder. Where one cannot be found, its loader says in one line
where it looked (pipeline/specs.py). The working folders (raw/, output/, build/, .cache/) and params.yaml are
the current folder's.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = Path(str(resources.files("pipeline"))).resolve()  # the running package, wherever it was imported from
ROOT = PACKAGE.parent  # the repository, when running from a checkout


def shipped(name: str) -> Path:
    """The folder of the data package pipeline.<name>: inside the package (a wheel), else beside it (a checkout,
    whose pyproject.toml maps it into the package)."""
    inside = PACKAGE / name
    if not inside.is_dir() and (ROOT / "pyproject.toml").is_file() and (ROOT / name).is_dir():
        return ROOT / name
    return inside


VOCAB_DIR = shipped("vocab")
FAMILIES_DIR = shipped("families")
SCHEMAS_DIR = shipped("schemas")
EXPECTATIONS_DIR = SCHEMAS_DIR / "expectations"
SPEC_SCHEMAS_DIR = SCHEMAS_DIR / "specs"
CITATION_FILE = ROOT / "CITATION.cff"
ACCEPTED_DISCREPANCIES = SCHEMAS_DIR / "accepted_discrepancies.yaml"
PARAMS_FILE = Path("params.yaml")
DEFAULT_RAW = Path("raw")
DEFAULT_OUT = Path("output")
DEFAULT_WORK = Path("build")
CACHE_ROOT = Path(".cache")
EXTRACT_CACHE = CACHE_ROOT / "extract"
VALIDATE_CACHE = CACHE_ROOT / "validate"
