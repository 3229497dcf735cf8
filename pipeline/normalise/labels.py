"""Map labels as printed to crime-type ids and borough names to GSS codes; never guess.

Canonical form first (pipeline.normalise.canonical), then an exact lookup in the
reviewed alias lists. Fuzzy matching (rapidfuzz) only proposes candidates for a
person to review; it never maps a label by itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from pipeline.normalise.canonical import borough_key, canonical_key
from pipeline.normalise.vocab import Vocabulary, load_vocabulary


@dataclass(frozen=True)
class Match:
    """How a label mapped: the ids, the alias that matched and the rule that found it."""

    label: str
    ids: tuple[str, ...]
    alias: str = ""
    rule: str = ""
    candidates: tuple[tuple[str, float], ...] = field(default=())

    @property
    def mapped(self) -> bool:
        return bool(self.ids)


@lru_cache(maxsize=4)
def _crime_index(vocab: Vocabulary) -> dict[str, tuple[str, tuple[str, ...]]]:
    index: dict[str, tuple[str, tuple[str, ...]]] = {}
    for alias, ids in vocab.crime_aliases.items():
        key = canonical_key(alias)
        if key in index and index[key][1] != tuple(ids):
            raise ValueError(f"vocab: aliases {index[key][0]!r} and {alias!r} share a canonical form but not ids")
        index[key] = (alias, tuple(ids))
    for ct in vocab.crime_types:
        index.setdefault(canonical_key(ct["label"]), (ct["label"], (ct["crime_type_id"],)))
        index.setdefault(canonical_key(ct["crime_type_id"]), (ct["crime_type_id"], (ct["crime_type_id"],)))
    return index


@lru_cache(maxsize=4)
def _borough_index(vocab: Vocabulary) -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for b in vocab.boroughs:
        for name in [b["borough"], *b.get("aliases", [])]:
            # Only the name as reviewed: a prefix that is part of a name ("City of London") is not removed
            # here, or "London" would map to the City. Prefixes are removed from the printed name instead.
            key = canonical_key(name)
            if key and index.get(key, (name, b["gss_code"]))[1] != b["gss_code"]:
                raise ValueError(f"vocab/boroughs.yaml: {name!r} is ambiguous")
            if key:
                index.setdefault(key, (name, b["gss_code"]))
    return index


def _candidates(key: str, choices: dict[str, tuple], limit: int = 3) -> tuple[tuple[str, float], ...]:
    found = process.extract(key, list(choices), scorer=fuzz.WRatio, limit=limit)
    return tuple((choices[k][0], round(float(score), 1)) for k, score, _ in found)


def label_to_crime_types(label: str, vocab: Vocabulary | None = None) -> Match:
    """Crime-type ids for a printed label (several for a compound label), or no ids and candidates."""
    vocab = vocab or load_vocabulary()
    index = _crime_index(vocab)
    key = canonical_key(label)
    if key in index:
        alias, ids = index[key]
        if label in vocab.crime_aliases:  # printed exactly as a reviewed alias that shares its key with another
            alias = label
        rule = "exact alias" if alias == label else "alias after canonical form (case, spacing, wraps, punctuation)"
        return Match(label, ids, alias, rule)
    return Match(label, (), rule="no alias matches the canonical form", candidates=_candidates(key, index))


def borough_to_gss(name: str, vocab: Vocabulary | None = None) -> Match:
    """The GSS code of a borough name as printed, or no code and candidates."""
    return _borough_match(name, vocab or load_vocabulary())


@lru_cache(maxsize=4096)  # a table prints each borough's name on every record of its row, and checks ask again
def _borough_match(name: str, vocab: Vocabulary) -> Match:
    index = _borough_index(vocab)
    for key, rule in ((canonical_key(name), "borough name or alias"),
                      (borough_key(name), "borough name after removing LB / RB / London Borough of / City of")):
        if key in index:
            alias, code = index[key]
            return Match(name, (code,), alias, rule)
    return Match(name, (), rule="no borough name or alias matches", candidates=_candidates(borough_key(name), index))


def explain(label: str, vocab: Vocabulary | None = None) -> list[str]:
    """Lines saying how a label maps as a crime type and as a borough, or why it does not."""
    out = [f"label:          {label!r}", f"canonical form: {canonical_key(label)!r}"]
    for kind, m in (("crime type", label_to_crime_types(label, vocab)), ("borough", borough_to_gss(label, vocab))):
        if m.mapped:
            out.append(f"{kind}: -> {', '.join(m.ids)}  (alias {m.alias!r}; rule: {m.rule})")
        else:
            near = ", ".join(f"{c!r} {s:.0f}" for c, s in m.candidates)
            out.append(f"{kind}: not mapped ({m.rule}); nearest: {near}")
    return out
