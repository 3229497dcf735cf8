"""The area a prose figure is about: "London" and "City Hall" are not the City of London (E09000001),
and each figure's area comes from its own clause.

facts.md: MPS "London" totals leave out the City of London, which has its own police force.
"""
from __future__ import annotations

import pytest

from pipeline.normalise.figures import label_sentence

from ._contract import CITY_OF_LONDON


@pytest.mark.parametrize("sentence", [
    "Reduce reoffending by young people leaving custody in London by 20%",
    "Every London borough will host at least one front counter open 24 hours a day",
    "Drive up public confidence in the MPS from 62% to 75%; ensure that the police retain the confidence of all "
    "of London's communities",
    "Nationwide, Total Recorded Crime (excluding fraud) is up over 8 per cent, but at City Hall, we are doing all "
    "we can",
])
def test_london_and_city_hall_are_not_the_city_of_london(sentence):
    assert all(f["gss_code"] != CITY_OF_LONDON for f in label_sentence(sentence))


@pytest.mark.parametrize("sentence, expected", [
    ("In Croydon, burglary rose by 1.5% against an MPS average of 5.3%.", [("E09000008", "Croydon"), (None, "MPS")]),
    ("Kensington & Chelsea saw 12 fewer offences.", [("E09000020", "Kensington and Chelsea")]),
    ("Reported crime in the City of London fell by 3%.", [(CITY_OF_LONDON, "City of London")]),
])
def test_a_named_borough_is_found_in_the_figures_own_clause(sentence, expected):
    assert [(f["gss_code"], f["area"]) for f in label_sentence(sentence)] == expected
