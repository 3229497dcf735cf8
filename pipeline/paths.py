"""The one module that knows where the project's files live.

The specs, vocabularies and schemas are edited in families/, vocab/ and schemas/ at the top of the repository
and ship inside the package as the data packages pipeline.families, pipeline.vocab and pipeline.schemas
(pyproject.toml maps each to its folder), found through importlib.resources: an editable install reads the
repository's folders, a wheel its own copies, from any folder. Where one cannot be found, its loader says in
one line where it looked (pipeline/specs.py). The working folders (raw/, output/, build/, .cache/) and
params.yaml are the current folder's.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent  # the repository, when running from a checkout


def shipped(name: str) -> Path:
    """The folder of the data package pipeline.<name>; where it would be when the package lacks it."""
    try:
        folder = resources.files(f"pipeline.{name}")
    except ModuleNotFoundError:  # an editable install made before the mapping: the checkout's own folder
        return ROOT / name if (ROOT / name).is_dir() else PACKAGE / name
    return folder if isinstance(folder, Path) else PACKAGE / name  # a zipped install: the loaders say so


VOCAB_DIR = shipped("vocab")
FAMILIES_DIR = shipped("families")
SCHEMAS_DIR = shipped("schemas")
EXPECTATIONS_DIR = SCHEMAS_DIR / "expectations"
SPEC_SCHEMAS_DIR = SCHEMAS_DIR / "specs"
ACCEPTED_DISCREPANCIES = SCHEMAS_DIR / "accepted_discrepancies.yaml"
PARAMS_FILE = Path("params.yaml")
DEFAULT_RAW = Path("raw")
DEFAULT_OUT = Path("output")
DEFAULT_WORK = Path("build")
CACHE_ROOT = Path(".cache")
EXTRACT_CACHE = CACHE_ROOT / "extract"
VALIDATE_CACHE = CACHE_ROOT / "validate"
