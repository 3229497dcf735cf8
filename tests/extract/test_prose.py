"""Prose figures: statistics only (the exclusion rules are data), boxes of the figure and its sentence."""
from __future__ import annotations

import pdfplumber
import pytest

from pipeline.extract.document import extract_document
from pipeline.extract.manifest import load_manifest
from pipeline.extract.prose import exclusion_rules, sentence_to_figures
from pipeline.settings import ExtractSettings
from tests.conftest import RAW


@pytest.fixture(scope="module")
def docs() -> dict[str, dict]:
    manifest = load_manifest(RAW)
    return {p.name: extract_document(p, manifest.get(p.name, {}), ExtractSettings())
            for p in sorted(RAW.glob("*.pdf")) if p.name != "local_borough_priorities_2017-18.pdf"}


@pytest.mark.parametrize("sentence, token, rule", [
    ("10 Dean Farrar Street", "10", "address"),
    ('the undue focus on the MOPAC 7 crime types has led to a lack of priority', "7", "name"),
    ("The objectives set out in section 2 above will be pursued", "2", "section_number"),
    ("Every London borough will host at least one front counter open 24 hours a day", "24", "duration"),
    ("Over the last 12 months there have been 878 fewer victims of crime in Havering.", "12", "duration"),
    ("Overall there have been 4,555 fewer crimes in the borough since 2005.", "2005", "year"),
    ("Starting on 9 January 2013, MOPAC will be consulting", "9", "date"),
    ("Victim Support tel: 0845 303 0900", "303", "phone_number"),
    ("the MPS must still make cuts of £263m by 2022/23.", "2022/23", "period_or_fraction"),
    ("less buildings – 900,000sqm down to 600,000 sqm", "600,000", "unit_outside_contract"),
    ("to meet the 20-20-20 challenge by 2016", "20-20-20", "range_or_code"),
    ("Our ref: MGLA190319-8293", "MGLA190319-8293", "not_a_number"),
])
def test_tokens_that_are_not_statistics_are_excluded_by_a_named_rule(sentence, token, rule):
    figures, excluded = sentence_to_figures(sentence)
    assert token not in [f["printed"] for f in figures]
    assert {"text": token, "rule": rule} in [{"text": x["text"], "rule": x["rule"]} for x in excluded]


@pytest.mark.parametrize("sentence, printed", [
    ("there have been 878 fewer victims of crime in Havering.", ["878"]),
    ("Keep police numbers as high as possible at or around 32,000", ["32,000"]),
    ("there were 2005 more crimes", ["2005"]),  # a count that looks like a year
    ("Guarantee funding for London’s 4 rape crisis centres until 2016", ["4"]),
    ("make £850m of cuts, 3.5% or 6919 fewer crimes, was 4.9 percentage points", ["£850m", "3.5%", "6919",
                                                                                  "4.9 percentage points"]),
])
def test_statistics_are_kept(sentence, printed):
    figures, _ = sentence_to_figures(sentence)
    assert [f["printed"] for f in figures] == printed


def test_every_rule_has_an_id_and_a_description_in_the_data_file():
    import yaml

    from pipeline.paths import VOCAB_DIR
    rules = yaml.safe_load((VOCAB_DIR / "prose_exclusions.yaml").read_text(encoding="utf-8"))["rules"]
    assert all(r.get("id") and r.get("description") for r in rules)
    assert [r.id for r in exclusion_rules()] == [r["id"] for r in rules]


def test_every_figure_like_token_in_raw_prose_is_published_or_excluded_with_a_rule(docs):
    for doc in docs.values():
        rec = doc["records"]
        assert rec["figures_excluded"], doc["file"]
        ids = {r.id for r in exclusion_rules()}
        assert all(x["rule"] in ids and x["text"] in x["sentence"] for x in rec["figures_excluded"])
    havering = docs["lps_havering_2009-10.pdf"]["records"]
    assert [x["rule"] for x in havering["figures_excluded"] if x["text"] == "12"] == ["duration", "duration"]
    assert "12" not in [f["printed"] for f in havering["reported_figures"]]
    plan = docs["draft_police_and_crime_plan_2013.pdf"]["records"]
    assert {x["text"]: x["rule"] for x in plan["figures_excluded"] if x["page"] == 12}["10"] == "address"


def test_a_sentence_cut_by_a_page_break_is_one_sentence(docs):
    plan = docs["draft_police_and_crime_plan_2013.pdf"]["records"]["reported_figures"]
    baseline = next(f for f in plan if f["printed"] == "14,513")
    assert baseline["sentence"].startswith("Reduce unnecessary overheads")
    assert baseline["page"] == 9 and baseline["cells"]["sentence"]["page"] == 8


def test_value_and_sentence_boxes_hold_the_printed_text(docs):
    for name, doc in docs.items():
        with pdfplumber.open(RAW / name) as pdf:
            for f in doc["records"]["reported_figures"]:
                value, sentence = f["cells"]["value"], f["cells"]["sentence"]
                assert value["page"] == f["page"] and value["text"] == f["printed"]
                page = pdf.pages[value["page"] - 1]
                box = (value["x0"] - 0.5, value["top"] - 0.5, value["x1"] + 0.5, value["bottom"] + 0.5)
                inside = page.crop(box).extract_text().replace("\n", " ")
                assert "".join(f["printed"].split()) in "".join(inside.split()), (name, f["printed"], inside)
                assert all(isinstance(v, float) and round(v, 2) == v for k, v in value.items()
                           if k in ("x0", "top", "x1", "bottom"))
                if sentence["page"] == value["page"]:
                    assert sentence["x0"] <= value["x0"] and sentence["top"] <= value["top"]
                    assert sentence["x1"] >= value["x1"] and sentence["bottom"] >= value["bottom"]


# --- issue 23: figures exactly as printed, or refused ------------------------------------------------------------

@pytest.mark.parametrize("sentence, printed, value", [
    ("In all, 19 285 officers will serve in the boroughs.", "19 285", 19285),  # a line break joined as a space
    ("We will recruit 2 600 more officers.", "2 600", 2600),
    ("We will recruit 2\u2009600 more officers.", "2\u2009600", 2600),  # thin space
    ("We will recruit 2\u202f600 more officers.", "2\u202f600", 2600),  # narrow no-break space
    ("We will recruit 2\u00a0600 more officers.", "2\u00a0600", 2600),  # no-break space
    ("Crime changed by \u20125.0% over the year.", "\u20125.0%", -5.0),  # figure dash
    ("Crime changed by \u20105.0% over the year.", "\u20105.0%", -5.0),  # hyphen
    ("Crime changed by \u20115.0% over the year.", "\u20115.0%", -5.0),  # non-breaking hyphen
    ("Crime changed by \ufe635.0% over the year.", "\ufe635.0%", -5.0),  # small hyphen-minus
    ("Crime changed by \uff0d5.0% over the year.", "\uff0d5.0%", -5.0),  # fullwidth hyphen-minus
    ("Crime changed by \u20145.0% over the year.", "\u20145.0%", -5.0),  # an em dash where it is no punctuation
    ("Knife crime fell by 5\u00b77% over the year.", "5\u00b77%", 5.7),  # raised decimal point
    ("Gun crime rose by \u0665\u066b\u0660% over the year.", "\u0665\u066b\u0660%", 5.0),  # Arabic-Indic digits
])
def test_figures_in_every_convention_are_read_as_printed(sentence, printed, value):
    figures, excluded = sentence_to_figures(sentence)
    assert [(f["printed"], f["value"]) for f in figures] == [(printed, value)], (figures, excluded)


@pytest.mark.parametrize("sentence, text, why", [
    ("The borough will have 19.285 officers.", "19.285", "decimal point or a thousands separator"),
    ("Crime changed by \u20145% in 2010 \u20142012.", "\u20142012", "em dash"),
])
def test_a_figure_that_reads_two_ways_is_refused_with_the_reason(sentence, text, why):
    figures, excluded = sentence_to_figures(sentence)
    assert text not in [f["printed"] for f in figures]
    refused = [x for x in excluded if x["rule"] == "ambiguous_number"]
    assert [x["text"] for x in refused] == [text] and why in refused[0]["why"], excluded


@pytest.mark.parametrize("sentence", ["Crime fell 5,7% this year.", "the rate\u20145% was", "from 2010\u201412 on",
                                      "A 1\u2019234 total", "up by .5% on"])
def test_no_part_of_a_figure_is_published_on_its_own(sentence):
    """A figure printed in no convention ('5,7%', a dash glued to a word or a number): nothing of it is published."""
    figures, _ = sentence_to_figures(sentence)
    assert figures == []


def test_a_document_that_groups_thousands_with_full_stops_is_read_so():
    assert sentence_to_figures("The borough will have 19.285 officers.", dots=True)[0][0]["value"] == 19285


LETTER = [  # each paragraph's first line is its longest: the next line's first word did not fit (a wrap)
    ["Thank you for your question about police numbers in the boroughs of London. In all, 19",
     "285 officers will serve in the boroughs next year."],
    ["We will recruit 2 600 more officers across London this year."],
    ["The borough command will have 19.285 officers in total."],
    ["Overall, crime changed by \u20125.0% over the year."],
    ["Robbery changed by \u20104.0% over the year."],
    ["Burglary changed by \u20113.0% over the year."],
    ["Theft changed by \u20142.0% over the year."],
    ["Knife crime fell by 5\u00b77% over the year."],
    ["Gun crime rose by \u0665\u066b\u0660% over the year."],
]


@pytest.fixture(scope="module")
def letter(tmp_path_factory) -> dict:
    from helpers.pdfs import letter_pdf

    path = letter_pdf(tmp_path_factory.mktemp("letter") / "letter.pdf", LETTER)
    doc = extract_document(path, {}, ExtractSettings())
    assert doc["family"] == "mayors_letter"
    return doc


def test_a_letters_figures_are_published_as_printed(letter):
    """Issue 23: 285 (for 19 285), 600 (for 2 600), 19.285, +5, +4, +3, +2, −7 (for 5·7) and 0 (for ٥٫٠) before."""
    from pipeline.normalise.stage import normalise_documents

    doc = {**letter, "source_id": "test-letter", "manifest": {}}
    rows = normalise_documents([doc]).tables["reported_figures"]
    assert [(r["printed"], r["value"]) for r in rows] == [
        ("19 285", 19285), ("2 600", 2600), ("\u20125.0%", -5), ("\u20104.0%", -4), ("\u20113.0%", -3),
        ("\u20142.0%", -2), ("5\u00b77%", -5.7), ("\u0665\u066b\u0660%", 5)]


def test_a_letters_ambiguous_figure_is_refused_and_the_coverage_says_why(letter):
    from pipeline.coverage import document_coverage

    refused = document_coverage({**letter, "source_id": "test-letter"})["prose"]["refused"]
    assert [(r["text"], r["page"]) for r in refused] == [("19.285", 1)]
    assert "the document's own figures do not say which" in refused[0]["why"]
    assert "19.285" not in [f["printed"] for f in letter["records"]["reported_figures"]]


@pytest.mark.parametrize("paragraphs, published", [
    ([["The boroughs answered 1.234.567 calls last year."], ["The borough command will have 19.285 officers."]],
     [("1.234.567", 1234567), ("19.285", 19285)]),   # the document groups thousands with full stops
    ([["Crime fell by 3.5% last year."], ["The borough command will have 19.285 officers."]],
     [("3.5%", -3.5)]),                              # its full stop is a decimal point: 19.285 reads two ways
])
def test_the_documents_own_figures_decide_what_a_full_stop_is(tmp_path, paragraphs, published):
    from helpers.pdfs import letter_pdf
    from pipeline.normalise.stage import normalise_documents

    doc = extract_document(letter_pdf(tmp_path / "letter.pdf", paragraphs), {}, ExtractSettings())
    rows = normalise_documents([{**doc, "source_id": "test-letter", "manifest": {}}]).tables["reported_figures"]
    assert [(r["printed"], r["value"]) for r in rows] == published
