"""What a prose figure is about: measure, area and crime type named in its sentence."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.normalise.canonical import canonical_key
from pipeline.normalise.vocab import Vocabulary, load_vocabulary, load_yaml
from pipeline.paths import VOCAB_DIR

AREAS = [("MPS", r"\b(?:MPS|Metropolitan Police|the Met)\b"), ("London", r"\bLondon\b"),
         ("England and Wales", r"\b(?:nationwide|nationally|England and Wales)\b")]


@lru_cache(maxsize=1)
def _measures() -> list[tuple[str, re.Pattern]]:
    return [(m, re.compile(p, re.IGNORECASE)) for m, p in load_yaml(VOCAB_DIR / "measures.yaml")["measures"]]


@lru_cache(maxsize=2)
def _phrases(vocab: Vocabulary) -> tuple[Phrases, Phrases]:
    crimes = sorted(((canonical_key(a), ids[0]) for a, ids in vocab.crime_aliases.items() if len(ids) == 1
                     and len(canonical_key(a)) > 3), key=lambda t: -len(t[0]))
    # names as reviewed (not prefix-stripped: "City of London" is not "London"); the bare alias "City" is
    # too common in prose ("City Hall") to name a borough
    boroughs = sorted(((canonical_key(n), b["gss_code"]) for b in vocab.boroughs
                       for n in [b["borough"], *b.get("aliases", [])]
                       if len(canonical_key(n)) > 3 and canonical_key(n) != "city"),
                      key=lambda t: -len(t[0]))
    return Phrases(crimes), Phrases(boroughs)


class Phrases:
    """Phrases (longest first) and their values, found in a text with one regular expression."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.values: dict[str, str] = {}
        for phrase, value in pairs:
            self.values.setdefault(phrase, value)
        alternatives = "|".join(re.escape(p) for p in self.values)  # dicts keep the longest-first order
        self.pattern = re.compile(rf"\b(?:{alternatives})\b") if self.values else None

    def first(self, key: str) -> str:
        """The value of the phrase that starts earliest in ``key`` (the longest one there), or ""."""
        m = self.pattern.search(key) if self.pattern else None
        return self.values[m.group(0)] if m else ""


def describe(sentence: str, vocab: Vocabulary | None = None) -> dict:
    """measure, gss_code, area and crime_type_id named in a sentence (None where none is named)."""
    vocab = vocab or load_vocabulary()
    crimes, boroughs = _phrases(vocab)
    key = canonical_key(sentence)
    gss = boroughs.first(key)
    area = vocab.borough_name(gss) if gss else next((a for a, p in AREAS if re.search(p, sentence, re.I)), "")
    measure = next((m for m, p in _measures() if p.search(sentence)), "")
    return {"measure": measure or None, "gss_code": gss or None, "area": area or None,
            "crime_type_id": crimes.first(key) or None}
