"""The line a quarantine message says to add (pipeline/normalise/alias_entry.py), added to a copy of the vocabulary
as printed, makes the label map as its nearest candidate does."""
from __future__ import annotations

import re
import shutil

import pytest

from pipeline.normalise.labels import borough_to_gss, label_to_crime_types
from pipeline.normalise.quarantine import quarantine_lines
from pipeline.normalise.vocab import load_vocabulary
from pipeline.paths import VOCAB_DIR


def _line(field: str, label: str) -> str:
    m = label_to_crime_types(label) if field == "crime_type" else borough_to_gss(label)
    cands = [{"label": c, "score": s} for c, s in m.candidates] if field != "team" else []
    (line,) = quarantine_lines([{"file": "x.pdf", "page": 3, "field": field, "label": label, "resource": "r",
                                 "candidates": cands}])
    return line


@pytest.mark.parametrize("field,label,expected", [
    ("crime_type", "MV Thft", ("theft_of_motor_vehicle",)),
    ("crime_type", "Residentail burglary", ("burglary_residential",)),
    ("borough", "Barnett", ("E09000003",)),            # an entry without aliases
    ("borough", "Barkin", ("E09000002",)),             # an entry with an aliases line
    ("team", "Safer Neighbourhood officer", None),
])
def test_the_suggested_vocabulary_line_added_as_printed_maps_the_label(tmp_path, field, label, expected):
    line = _line(field, label)
    assert "\n" not in line and "--allow-quarantined" in line
    vocab = tmp_path / "vocab"
    shutil.copytree(VOCAB_DIR, vocab)
    if field == "crime_type":
        m = re.search(r"add to vocab/crime_type_aliases\.yaml under aliases: (.+?); or rerun", line)
        with open(vocab / "crime_type_aliases.yaml", "a", encoding="utf-8") as f:
            f.write(f"  {m.group(1)}\n")
        assert label_to_crime_types(label, load_vocabulary(vocab)).ids == expected
    elif field == "borough":
        m = re.search(r"the entry of (.+?) \((E\d+)\), (add the line|make its aliases line): (aliases: \[.+?\]); or",
                      line)
        text = (vocab / "boroughs.yaml").read_text(encoding="utf-8").splitlines()
        at = text.index(f"  - gss_code: {m.group(2)}")
        if m.group(3) == "add the line":
            text.insert(at + 3, f"    {m.group(4)}")
        else:
            text[at + 3] = f"    {m.group(4)}"
        (vocab / "boroughs.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
        assert borough_to_gss(label, load_vocabulary(vocab)).ids == expected
    else:
        m = re.search(r"add to vocab/teams\.yaml under teams: (.+?); or rerun", line)
        with open(vocab / "teams.yaml", "a", encoding="utf-8") as f:
            f.write(f"  {m.group(1)}\n")
        assert load_vocabulary(vocab).teams[label] == "safer_neighbourhoods"
