"""The exact entry that makes an unknown label map as its nearest candidate does, in the vocabulary file's own
format: what a quarantine message tells the publisher to add once they have checked the label."""
from __future__ import annotations

import json

from rapidfuzz import fuzz, process

from pipeline.normalise.labels import borough_to_gss, label_to_crime_types
from pipeline.normalise.vocab import Vocabulary, load_vocabulary


def _quoted(label: str) -> str:
    """The label as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(label, ensure_ascii=False)


def _crime_type(label: str, candidate: str, vocab: Vocabulary) -> str:
    ids = ", ".join(label_to_crime_types(candidate, vocab).ids)
    return f"add to vocab/crime_type_aliases.yaml under aliases: {_quoted(label)}: [{ids}]"


def _borough(label: str, candidate: str, vocab: Vocabulary) -> str:
    code = borough_to_gss(candidate, vocab).ids[0]
    entry = next(b for b in vocab.boroughs if b["gss_code"] == code)
    aliases = ", ".join(_quoted(a) for a in [*entry.get("aliases", []), label])
    where = f"in vocab/boroughs.yaml, the entry of {entry['borough']} ({code})"
    if entry.get("aliases"):
        return f"{where}, make its aliases line: aliases: [{aliases}]"
    return f"{where}, add the line: aliases: [{aliases}]"


def _team(label: str, vocab: Vocabulary) -> str:
    near = process.extractOne(label, list(vocab.teams), scorer=fuzz.WRatio)
    team = vocab.teams[near[0]] if near else sorted(set(vocab.teams.values()))[0]
    return f"add to vocab/teams.yaml under teams: {_quoted(label)}: {team}"


def alias_entry(field: str, label: str, candidate: str | None, vocab: Vocabulary | None = None) -> str:
    """Where to add `label` and the line to add so that it maps as `candidate` does ('' when there is none)."""
    vocab = vocab or load_vocabulary()
    if field == "team":
        return _team(label, vocab)
    if candidate is None:
        return ""
    if field == "crime_type" and label_to_crime_types(candidate, vocab).mapped:
        return _crime_type(label, candidate, vocab)
    if field == "borough" and borough_to_gss(candidate, vocab).mapped:
        return _borough(label, candidate, vocab)
    return ""
