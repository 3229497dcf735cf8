"""Document families as data (families/*.yaml) and recognising a PDF's family by its content."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.extract.grid import GridSpec
from pipeline.errors import UsageError, shown
from pipeline.paths import FAMILIES_DIR
from pipeline.specs import REINSTALL, load_spec

FLAGS = re.IGNORECASE | re.MULTILINE


@dataclass(frozen=True, eq=False)
class Family:
    """One document family: how to recognise it and which tables, lists and prose it holds."""

    name: str
    title: str
    spec: dict
    path: Path

    def score(self, text: str) -> int:
        """How many optional signals match, or -1 when a required one is missing."""
        rec = self.spec["recognise"]
        if not all(re.search(p, text, FLAGS) for p in rec.get("all", [])):
            return -1
        hits = sum(1 for p in rec.get("any", []) if re.search(p, text, FLAGS))
        return hits if hits >= rec.get("min_any", 0) else -1

    @property
    def tables(self) -> list[dict]:
        return list(self.spec.get("tables") or [])

    @property
    def lists(self) -> list[dict]:
        return list(self.spec.get("lists") or [])

    @property
    def prose(self) -> bool:
        return bool(self.spec.get("prose"))

    def period_patterns(self) -> list[re.Pattern]:
        return [re.compile(p, FLAGS) for p in (self.spec.get("period") or {}).get("patterns", [])]


def table_to_gridspec(table: dict) -> GridSpec:
    """The geometry settings of one table entry of a family spec."""
    return GridSpec(
        anchor=re.compile(table["anchor"]),  # case-sensitive: "ALL" is not "all"
        max_columns=int(table["max_columns"]),
        header_words=frozenset(str(w).lower() for w in table.get("header_words", [])),
        caption=re.compile(table["caption"], re.IGNORECASE) if table.get("caption") else None,
        stop=re.compile(table["stop"], re.IGNORECASE) if table.get("stop") else None,
        min_phrases=int(table.get("min_phrases", 2)),
        gap_factor=float(table.get("gap_factor", 0.45)),
    )


@lru_cache(maxsize=4)
def load_families(folder: Path | None = None) -> tuple[Family, ...]:
    """Every family spec in `folder` (families/), in file-name order, each checked against its JSON Schema
    (schemas/specs/families.schema.json); UsageError in one line (file, line, key) for a spec that is not
    valid, or when the folder holds none."""
    folder = folder or FAMILIES_DIR
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise UsageError(f"{shown(folder)}: no family specs (*.yaml) there; {REINSTALL}")
    out = []
    for path in paths:
        spec = load_spec(path, "families")
        out.append(Family(spec["family"], spec["title"], spec, path))
    return tuple(out)


def recognise(text: str, families: tuple[Family, ...] | None = None) -> Family | None:
    """The family whose signals best match the document's text, or None."""
    scored = [(f.score(text), i, f) for i, f in enumerate(families or load_families())]
    scored = [s for s in scored if s[0] >= 0]
    if not scored:
        return None
    return max(scored, key=lambda s: (s[0], -s[1]))[2]
