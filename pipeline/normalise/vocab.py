"""Load the reviewed vocabularies in vocab/ (YAML, loaded safely and checked against their JSON Schemas)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.errors import UsageError, shown
from pipeline.paths import VOCAB_DIR
from pipeline.safe_yaml import load
from pipeline.specs import load_vocab


def load_yaml(path: Path) -> dict:
    """Read a YAML mapping with the safe loader; UsageError in one line otherwise."""
    data, _ = load(path)
    if not isinstance(data, dict):
        raise UsageError(f"{shown(path)}: expected a mapping at the top level")
    return data


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Crime types, their aliases, boroughs and teams, as reviewed data."""

    crime_types: list[dict]
    crime_aliases: dict[str, list[str]]
    boroughs: list[dict]
    teams: dict[str, str]
    crime_type_ids: frozenset[str] = field(default_factory=frozenset)
    high_harm_ids: tuple[str, ...] = ()

    def borough_name(self, gss_code: str) -> str:
        return next(b["borough"] for b in self.boroughs if b["gss_code"] == gss_code)


@lru_cache(maxsize=4)
def load_vocabulary(vocab_dir: Path = VOCAB_DIR) -> Vocabulary:
    """Read vocab/*.yaml and check that every alias points at a known id."""
    crime_types = load_vocab("crime_types", vocab_dir)["crime_types"]
    ids = frozenset(c["crime_type_id"] for c in crime_types)
    aliases = {str(k): list(v) for k, v in load_vocab("crime_type_aliases", vocab_dir)["aliases"].items()}
    for alias, targets in aliases.items():
        unknown = [t for t in targets if t not in ids]
        if unknown:
            raise UsageError(f"{shown(vocab_dir / 'crime_type_aliases.yaml')}: alias {alias!r} points at unknown "
                             f"id(s) {', '.join(unknown)}")
    boroughs = load_vocab("boroughs", vocab_dir)["boroughs"]
    teams = {str(k): str(v) for k, v in load_vocab("teams", vocab_dir)["teams"].items()}
    high_harm = tuple(c["crime_type_id"] for c in crime_types if c.get("high_harm"))
    return Vocabulary(crime_types, aliases, boroughs, teams, ids, high_harm)
