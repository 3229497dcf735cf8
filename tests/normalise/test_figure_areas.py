"""The area a prose figure is about: "London" and "City Hall" are not the City of London (E09000001).

facts.md: MPS "London" totals leave out the City of London, which has its own police force.
"""
from __future__ import annotations

import pytest

from pipeline.normalise.figures import describe

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
    assert describe(sentence)["gss_code"] != CITY_OF_LONDON


@pytest.mark.parametrize("sentence, gss_code", [
    ("In Croydon, burglary rose by 1.5% against an MPS average of 5.3%.", "E09000008"),
    ("Kensington & Chelsea saw 12 fewer offences.", "E09000020"),
    ("Reported crime in the City of London fell by 3%.", CITY_OF_LONDON),
])
def test_a_named_borough_is_found(sentence, gss_code):
    assert describe(sentence)["gss_code"] == gss_code
