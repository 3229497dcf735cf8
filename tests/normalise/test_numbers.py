"""Numbers as printed -> values: every sign the sweep's layouts print, and what is not a number."""
from __future__ import annotations

import pytest

from pipeline.normalise.numbers import parse_int, parse_number


@pytest.mark.parametrize("printed, value", [("+47", 47), ("-13", -13), ("\u221213", -13), ("\u201313", -13),
                                            ("(43)", -43), ("(1,204)", -1204), ("1,228", 1228), ("0", 0)])
def test_signed_counts_as_printed(printed, value):
    assert parse_int(printed) == value


@pytest.mark.parametrize("printed", ["(-12)", "(+12)", "()", "(12", "12)", "((12))", "12 (3)"])
def test_brackets_that_are_not_a_negative_number_are_refused(printed):
    with pytest.raises(ValueError):
        parse_number(printed)
