"""Labels are never guessed across scripts: text is normalised (NFKC, no format characters) before matching, and a
label holding letters the vocabulary does not spell with is quarantined, never matched on its other words."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import Exit
from pipeline.normalise.canonical import canonical_key
from pipeline.normalise.labels import borough_to_gss, label_to_crime_types
from pipeline.normalise.vocab import load_vocabulary

VOCAB = load_vocabulary()
ALIASES = sorted(VOCAB.crime_aliases)
BOROUGHS = sorted({n for b in VOCAB.boroughs for n in [b["borough"], *b.get("aliases", [])]})
PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# letters that read as Latin ones: Cyrillic, Greek, Armenian and Latin letters outside the vocabulary's alphabet
LOOK_ALIKES = "аеіоорсхуԁѕӏԛԝАВЕНІКМОРСТХαβεικνορτυχΑΒΕΗΙΚΜΝΟΡΤΧΥΖոօսհɑƦɡı"
FORMAT = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e"]


@pytest.mark.parametrize("label", ["\u01a6\u0435\u0455\u0456\u0501\u0435\u0578\u03c4\u0456\u0430\u04cf burglary",
                                   "\u039d\u03bf\u0578-\u0391\u0392 VWI"])
def test_issue_23_look_alike_labels_are_not_mapped(label):
    """"Ʀеѕіԁеոτіаӏ burglary" was published as burglary, "Νοո-ΑΒ VWI" as violence_with_injury."""
    m = label_to_crime_types(label, VOCAB)
    assert not m.mapped and m.ids == (), (label, m)
    assert m.candidates  # a person is shown what it may be


@pytest.mark.parametrize("printed, ids", [
    ("\uff22\uff55\uff52\uff47\uff4c\uff41\uff52\uff59", ("burglary",)),   # fullwidth letters (NFKC)
    ("Resi\u00addential bur\u200bglary", ("burglary_residential",)),        # a soft hyphen, a zero-width space
    ("Theft from vehicles\u200e", ("theft_from_motor_vehicle",)),                    # a direction mark
    ("Knife crime", ("knife_crime",)),
])
def test_labels_are_normalised_before_matching(printed, ids):
    assert label_to_crime_types(printed, VOCAB).ids == ids


@PROPERTIES
@given(data=st.data())
def test_a_word_in_look_alike_letters_is_never_dropped_to_match_the_others(data):
    """"Ʀеѕіԁеոτіаӏ burglary": a reviewed name with one of its words spelt in letters of other scripts."""
    alias = data.draw(st.sampled_from([a for a in ALIASES + BOROUGHS if len(a.split()) > 1]), label="alias")
    words = alias.split()
    k = data.draw(st.sampled_from([i for i, w in enumerate(words) if any(c.isalpha() for c in w)]), label="word")
    words[k] = "".join(data.draw(st.sampled_from(LOOK_ALIKES)) if c.isalpha() else c for c in words[k])
    printed = " ".join(words)
    assert not label_to_crime_types(printed, VOCAB).mapped, printed
    assert not borough_to_gss(printed, VOCAB).mapped, printed


@PROPERTIES
@given(data=st.data())
def test_a_reviewed_alias_with_one_letter_of_another_script_is_never_mapped(data):
    alias = data.draw(st.sampled_from(ALIASES + BOROUGHS), label="alias")
    at = [i for i, c in enumerate(alias) if c.isalpha()]
    i = data.draw(st.sampled_from(at), label="at")
    printed = alias[:i] + data.draw(st.sampled_from(LOOK_ALIKES), label="letter") + alias[i + 1:]
    assert not label_to_crime_types(printed, VOCAB).mapped, printed
    assert not borough_to_gss(printed, VOCAB).mapped, printed


@PROPERTIES
@given(data=st.data())
def test_format_characters_and_compatibility_forms_do_not_change_a_match(data):
    alias = data.draw(st.sampled_from(ALIASES), label="alias")
    chars = list(alias)
    for _ in range(data.draw(st.integers(1, 3))):
        chars.insert(data.draw(st.integers(0, len(chars))), data.draw(st.sampled_from(FORMAT)))
    printed = "".join(chars)
    if data.draw(st.booleans()):  # fullwidth forms of the ASCII letters
        printed = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in printed)
    assert set(label_to_crime_types(printed, VOCAB).ids) == set(VOCAB.crime_aliases[alias]), printed


@PROPERTIES
@given(st.text())
def test_no_letter_is_dropped_from_the_key(text):
    """Every letter of the text (after NFKC, accents aside) is in the key: none is dropped to match the rest."""
    from pipeline.normalise.canonical import match_text

    key = canonical_key(text)
    letters = [c for c in unicodedata.normalize("NFKD", match_text(text).lower()) if c.isalpha()]
    assert sum(c.isalpha() for c in key) >= len([c for c in letters if not unicodedata.combining(c)])


def test_a_summary_with_a_look_alike_label_quarantines_it(tmp_path):
    from helpers.pdfs import summary_pdf
    from pipeline.build import build
    from pipeline.settings import Settings

    raw = tmp_path / "raw"
    raw.mkdir()
    summary_pdf(raw / "summary.pdf", [("Residential burglary", "432 offences or +16.6%", "Target missed"),
                                      ("\u01a6\u0435\u0455\u0456\u0501\u0435\u0578\u03c4\u0456\u0430\u04cf burglary",
                                       "12 offences or +4.4%", "")])
    outcome = build(raw, tmp_path / "out", tmp_path / "work", Settings())
    assert outcome.code == Exit.QUARANTINED_LABELS and not outcome.published
    assert any("\u01a6\u0435\u0455" in e for e in outcome.errors), outcome.errors
