"""The one module that knows where the project's data files live."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCAB_DIR = ROOT / "vocab"
FAMILIES_DIR = ROOT / "families"
SCHEMAS_DIR = ROOT / "schemas"
EXPECTATIONS_DIR = SCHEMAS_DIR / "expectations"
PARAMS_FILE = ROOT / "params.yaml"
CITATION_FILE = ROOT / "CITATION.cff"
ACCEPTED_DISCREPANCIES = SCHEMAS_DIR / "accepted_discrepancies.yaml"
DEFAULT_RAW = ROOT / "raw"
DEFAULT_OUT = ROOT / "output"
DEFAULT_WORK = ROOT / "build"
CACHE_ROOT = ROOT / ".cache"
EXTRACT_CACHE = CACHE_ROOT / "extract"
VALIDATE_CACHE = CACHE_ROOT / "validate"
