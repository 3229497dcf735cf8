"""Property-based tests of the label normaliser: printing variants of every reviewed name map to the same ids,
and nothing else is ever mapped by a guess (fuzzy matching only proposes candidates)."""
from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.normalise.canonical import borough_key, canonical_key, label_as_printed
from pipeline.normalise.labels import borough_to_gss, label_to_crime_types
from pipeline.normalise.tables import Doc, Normalised
from pipeline.normalise.vocab import load_vocabulary

from ._contract import BOROUGHS, HIGH_HARM, REPO, SPELLINGS

VOCAB = load_vocabulary()
ALIASES = {str(k): list(v) for k, v in
           yaml.safe_load((REPO / "vocab" / "crime_type_aliases.yaml").read_text(encoding="utf-8"))["aliases"].items()}
BOROUGH_ROWS = yaml.safe_load((REPO / "vocab" / "boroughs.yaml").read_text(encoding="utf-8"))["boroughs"]
BOROUGH_NAMES = sorted({(n, b["gss_code"]) for b in BOROUGH_ROWS for n in [b["borough"], *b.get("aliases", [])]}
                       | {(n, c) for c, n in BOROUGHS.items()}
                       | set(SPELLINGS.items()))

# What the vocabularies name, keyed by canonical form: reviewed aliases, crime-type labels and ids.
KNOWN_CRIME_KEYS: dict[str, set[str]] = {}
for _alias, _ids in ALIASES.items():
    KNOWN_CRIME_KEYS[canonical_key(_alias)] = set(_ids)
for _ct in VOCAB.crime_types:
    for _name in (_ct["label"], _ct["crime_type_id"]):
        KNOWN_CRIME_KEYS.setdefault(canonical_key(_name), {_ct["crime_type_id"]})
KNOWN_BOROUGH_KEYS = {canonical_key(n): c for b in BOROUGH_ROWS for n in [b["borough"], *b.get("aliases", [])]
                      for c in [b["gss_code"]]}

VARIANTS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RANDOM = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DASH = ["-", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212"]
WHITESPACE = st.lists(st.sampled_from([" ", "\t", "\n", "\r\n", "\u00a0"]), min_size=1, max_size=4).map("".join)
AMPERSAND = ["&", "and", "AND", "And"]


@st.composite
def printed_variant(draw, name: str) -> str:
    """`name` as a source might print it: any case, runs of white space, line wraps between words and after
    hyphens, '&' for 'and' (and back), other dashes, stray punctuation at the ends and inside brackets."""
    out = []
    for i, word in enumerate(name.split(" ")):
        if i:
            out.append(draw(WHITESPACE))  # a run of spaces, a tab, or a line wrap between words
        if word.lower() in ("and", "&"):
            out.append(draw(st.sampled_from(AMPERSAND)))
            continue
        for j, piece in enumerate(word.split("-")):
            if j:
                out.append(draw(st.sampled_from(DASH)))
                # a wrap right after the hyphen ("Richmond-upon-\nThames"), or a space left by one
                out.append(draw(st.sampled_from(["", "\n", " \n", "\n ", " "])))
            out.append(piece)
    text = "".join(out)
    # case: per character, so "Kingston Upon Thames", "ASB", "asb" and "aSb" all occur
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    text = "".join(c.swapcase() if f else c for c, f in zip(text, flips, strict=True))
    text = text.replace("(", draw(st.sampled_from(["(", "( ", "(\n"]))).replace(
        ")", draw(st.sampled_from([")", " )", "\n)"]))).replace("/", draw(st.sampled_from(["/", " / ", "/\n"])))
    lead = draw(st.sampled_from(["", " ", "\n", "\t", "  \n"]))
    tail = draw(st.sampled_from(["", " ", "\n", ".", "*", ":", ",", " *", ";", "\u00a0"]))
    return lead + text + tail


@pytest.mark.parametrize("alias", sorted(ALIASES))
@VARIANTS
@given(data=st.data())
def test_printed_variants_of_every_alias_map_to_its_ids(alias, data):
    printed = data.draw(printed_variant(alias), label="printed")
    m = label_to_crime_types(printed, VOCAB)
    assert set(m.ids) == set(ALIASES[alias]), f"{printed!r} (from {alias!r}) -> {m.ids}; nearest {m.candidates}"
    assert len(m.ids) == len(ALIASES[alias])


@pytest.mark.parametrize("name, gss_code", BOROUGH_NAMES)
@VARIANTS
@given(data=st.data(), prefix=st.sampled_from(["", "LB ", "RB ", "London Borough of ", "Royal Borough of ",
                                               "LB\n", "London Borough\nof "]))
def test_printed_variants_of_every_borough_name_map_to_its_code(name, gss_code, data, prefix):
    if re.match(r"(?:LB|RB|London Borough of|Royal Borough of)\b", name):
        prefix = ""  # a spelling with a prefix of its own
    printed = data.draw(printed_variant(prefix + name), label="printed")
    m = borough_to_gss(printed, VOCAB)
    assert m.ids == (gss_code,), f"{printed!r} (from {name!r}) -> {m.ids}; nearest {m.candidates}"


@VARIANTS
@given(data=st.data())
def test_ALL_in_the_high_harm_column_in_any_case_or_spacing(data):
    printed = data.draw(printed_variant("ALL"), label="printed")
    aliases = {"ALL": sorted(HIGH_HARM)}
    out = Normalised()
    ids = Doc({"file": "t.pdf"}, "t", VOCAB, out).crime_types("borough_priorities",
                                                            {"label_raw": printed, "page": 1}, aliases)
    assert set(ids) == HIGH_HARM and not out.quarantine


@pytest.mark.parametrize("printed, expected", [
    ("Richmond-upon-\nThames", "Richmond-upon-Thames"),
    ("LB Richmond-upon- Thames", "LB Richmond-upon-Thames"),
    ("Theft Person\n(Snatch)", "Theft Person (Snatch)"),
    ("Non-DA Violence with\nInjury", "Non-DA Violence with Injury"),
    ("  Theft   from\tmotor \r\n vehicles ", "Theft from motor vehicles"),
])
def test_label_as_printed_joins_wraps_per_the_contract(printed, expected):
    assert label_as_printed(printed) == expected


# --- nothing is guessed ---------------------------------------------------------------------------------------

@st.composite
def near_misses(draw) -> str:
    """A reviewed name with one character deleted, replaced or inserted, or a word added: fuzzy-close."""
    name = draw(st.sampled_from(sorted(ALIASES) + [n for n, _ in BOROUGH_NAMES]))
    i = draw(st.integers(0, len(name)))
    edit = draw(st.sampled_from(["delete", "replace", "insert", "word"]))
    char = draw(st.characters(min_codepoint=32, max_codepoint=0x24F))
    if edit == "delete":
        return name[:i] + name[i + 1:]
    if edit == "replace":
        return name[:i] + char + name[i + 1:]
    if edit == "insert":
        return name[:i] + char + name[i:]
    return name + " " + draw(st.sampled_from(["crime", "offences", "total", "rate", "North", "London", "(all)"]))


ANY_TEXT = st.one_of(st.text(), st.text(alphabet="abcdeghilmnoprstuvwyABCDERSTV &-/()\n", max_size=30),
                     near_misses())


@RANDOM
@given(text=ANY_TEXT)
@example("Moped-enabled crime")
@example("Burglar")
@example("Theft from motor")
@example("ALL")
@example("")
def test_a_crime_label_maps_only_when_its_canonical_form_is_a_known_one(text):
    m = label_to_crime_types(text, VOCAB)
    key = canonical_key(text)
    if key in KNOWN_CRIME_KEYS:
        assert set(m.ids) == KNOWN_CRIME_KEYS[key], f"{text!r} -> {m.ids}"
        assert not m.candidates
    else:
        assert not m.mapped, f"{text!r} (canonical {key!r}) guessed as {m.ids} via {m.alias!r}"
        assert m.alias == ""
        assert len(m.candidates) <= 3
        for label, score in m.candidates:
            assert canonical_key(label) in KNOWN_CRIME_KEYS and 0 <= score <= 100


@RANDOM
@given(text=ANY_TEXT)
@example("London")
@example("City of Londn")
@example("Richmond upon")
@example("Kingston upon Hull")
def test_a_borough_maps_only_when_its_canonical_form_is_a_known_one(text):
    m = borough_to_gss(text, VOCAB)
    known = [KNOWN_BOROUGH_KEYS[k] for k in (canonical_key(text), borough_key(text)) if k in KNOWN_BOROUGH_KEYS]
    if known:
        assert m.ids == (known[0],), f"{text!r} -> {m.ids}"
    else:
        assert not m.mapped, f"{text!r} guessed as {m.ids} via {m.alias!r}"
        for name, score in m.candidates:
            assert canonical_key(name) in KNOWN_BOROUGH_KEYS and 0 <= score <= 100


def test_fuzzy_candidates_are_proposed_but_never_used():
    m = label_to_crime_types("Moped-enabled crime", VOCAB)
    assert m.ids == () and not m.mapped
    assert len(m.candidates) == 3
    assert all(isinstance(label, str) and label and isinstance(score, float) for label, score in m.candidates)
    # the best candidate is close (that is what makes it a candidate), and still not used
    assert max(score for _, score in m.candidates) >= 50


@RANDOM
@given(text=st.text())
def test_canonical_forms_are_idempotent(text):
    assert label_as_printed(label_as_printed(text)) == label_as_printed(text)
    assert canonical_key(canonical_key(text)) == canonical_key(text)
    assert canonical_key(label_as_printed(text)) == canonical_key(text)
