"""The area and period a whole document is about, read from its identity: a borough's own summary names its
borough (mapped to its code, never guessed), a London-wide family says London, a period only when it is one."""
from __future__ import annotations

from pipeline.extract.families import load_families
from pipeline.normalise.document_scope import document_scope
from pipeline.normalise.vocab import load_vocabulary

VOCAB = load_vocabulary()
SPECS = {f.name: f.spec for f in load_families()}


def test_a_boroughs_summary_is_about_that_borough_and_its_year():
    doc = {"identity": {"borough": "Barnet", "period": "2009-10"}}
    assert document_scope(doc, SPECS["local_policing_summary"], VOCAB) == {
        "document_gss_code": "E09000003", "document_area": "Barnet", "document_period": "2009-10"}


def test_a_printed_variant_of_a_boroughs_name_maps_through_the_reviewed_aliases():
    doc = {"identity": {"borough": "LB Barking & Dagenham", "period": "2010-11"}}
    scope = document_scope(doc, SPECS["local_policing_summary"], VOCAB)
    assert (scope["document_gss_code"], scope["document_area"]) == ("E09000002", "Barking and Dagenham")


def test_a_borough_name_that_maps_to_nothing_is_not_guessed():
    doc = {"identity": {"borough": "Barnett Vale", "period": "2009-10"}}
    scope = document_scope(doc, SPECS["local_policing_summary"], VOCAB)
    assert scope["document_gss_code"] is None and scope["document_area"] is None
    assert scope["document_period"] == "2009-10"


def test_london_wide_families_are_about_london_and_a_period_only_when_stated_as_one():
    assert document_scope({"identity": {"edition": "DRAFT", "year": "2013"}}, SPECS["police_and_crime_plan"],
                          VOCAB) == {"document_gss_code": None, "document_area": "London", "document_period": None}
    assert document_scope({"identity": {"period": "2017-18"}}, SPECS["local_borough_priorities"],
                          VOCAB)["document_period"] == "2017-18"
    assert document_scope({"identity": {"period": "Spring 2017"}}, SPECS["local_borough_priorities"],
                          VOCAB)["document_period"] is None
    assert document_scope({"identity": {}}, SPECS["mayors_letter"], VOCAB)["document_area"] == "London"


def test_every_family_says_what_area_its_documents_are_about():
    """A family without a borough in its identity names its area, so no document's area is left to a guess."""
    for name, spec in SPECS.items():
        identity = spec.get("identity") or {}
        assert identity.get("area") or any("{borough}" in t for t in identity.get("source_id", [])), name
