"""Family specs (families/*.yaml): the plan's officer-row anchor matches exactly the lines its plain form matches."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.families import load_families

FAST, PLAIN = r"[^\d\nA-Za-z]*?", r"[^\d\n]*?"  # after the name's letter: no letter, or anything but digits


def _anchors() -> tuple[re.Pattern, re.Pattern]:
    """The officers table's anchor as the spec gives it, and its plain form (any non-digit run after a letter)."""
    (family,) = [f for f in load_families() if f.name == "police_and_crime_plan"]
    (table,) = [t for t in family.tables if t["resource"] == "officer_allocations"]
    assert FAST in table["anchor"]
    return re.compile(table["anchor"]), re.compile(table["anchor"].replace(FAST, PLAIN))


FAST_ANCHOR, PLAIN_ANCHOR = _anchors()
NUMBER = st.sampled_from(["1", "-2", "(3)", "4,567", "\u22126", "+8", "\u20139", "x", "7a", "(9", "12,", ""])
TEXT = st.text(alphabet=st.sampled_from(list("aZq ,.&()-+\u2212\u2013\t\n1907\u00e9") + ["\u00a0"]), max_size=30)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(TEXT, st.lists(NUMBER, min_size=0, max_size=8), st.sampled_from(["", " ", "\n", " \n", "\t"]))
def test_the_fast_anchor_matches_the_lines_the_plain_one_matches(head, numbers, tail):
    line = head + (" " + " ".join(numbers) if numbers else "") + tail
    assert bool(FAST_ANCHOR.search(line)) == bool(PLAIN_ANCHOR.search(line))


def test_both_match_a_team_row_and_neither_a_line_of_prose():
    for row in ("Safer Neighbourhood Teams & 1,234 1,240 6 (3) 12 -4", "   10 20 30 40 50 60",
                "Total 19,285 19,287 2 0 0 0"):
        assert FAST_ANCHOR.search(row) and PLAIN_ANCHOR.search(row)
    prose = "There will be more officers in every borough by 2016, and 2,000 more on the streets 1 2 3"
    assert not FAST_ANCHOR.search(prose) and not PLAIN_ANCHOR.search(prose)
