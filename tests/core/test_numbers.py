"""Numbers as printed -> values (pipeline/core/numbers.py): every convention the publishers print, read back to the
value it was printed from, and every figure that reads two ways (or none) refused with a reason."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.core.numbers import (
    DECIMAL_POINTS, EM_DASH, GROUP_SEPARATORS, MINUS_SIGNS, PLUS_SIGNS, Ambiguous, NotANumber, dot_groups,
    em_dash_is_minus, parse_int, parse_number, printed_sign, read_number,
)

PROPERTIES = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# the zero of every script's decimal digits (0-9 in one block: unicodedata.decimal gives 0..9 in order)
ZEROS = [cp for cp in range(0x110000) if unicodedata.decimal(chr(cp), None) == 0
         and all(unicodedata.decimal(chr(cp + k), None) == k for k in range(10))]


# --- table cells (what the readers of tables print) -----------------------------------------------------------

@pytest.mark.parametrize("printed, value", [("+47", 47), ("-13", -13), ("\u221213", -13), ("\u201313", -13),
                                            ("(43)", -43), ("(1,204)", -1204), ("1,228", 1228), ("0", 0),
                                            ("\u20125", -5), ("\u20105", -5), ("\u20115", -5), ("\ufe635", -5),
                                            ("\uff0d5", -5), ("\u20145", -5), ("1\u2009228", 1228),
                                            ("1\u202f228", 1228), ("1\u00a0228", 1228), ("1 228", 1228)])
def test_signed_counts_as_printed(printed, value):
    assert parse_int(printed) == value


@pytest.mark.parametrize("printed", ["(-12)", "(+12)", "()", "(12", "12)", "((12))", "12 (3)", "12 34", "1,22",
                                     "1,234 567", "1\u0662", "--5", "5-", "", "-", "1.2.3"])
def test_what_is_not_one_number_is_refused(printed):
    with pytest.raises(NotANumber):
        read_number(printed, brackets=True)


def test_brackets_are_a_negative_only_where_the_document_says_so():
    assert read_number("(12)", brackets=True) == read_number("-12")
    with pytest.raises(NotANumber):
        read_number("(12)")  # running text: "(12)" is a figure in brackets, not a negative


def test_a_cells_per_cent_sign_and_outer_spaces_are_not_the_number():
    assert parse_number(" -12.5% ") == -12.5
    with pytest.raises(ValueError):
        parse_int("12.5")


# --- issue 23: figures the project published wrong --------------------------------------------------------------

@pytest.mark.parametrize("printed, value, sign", [
    ("19 285", 19285, ""),                 # a space between groups (a line break joined as a space)
    ("2 600", 2600, ""),
    ("\u20125.0", -5.0, "-"),              # U+2012 figure dash
    ("\u20105.0", -5.0, "-"),              # U+2010 hyphen
    ("\u20115.0", -5.0, "-"),              # U+2011 non-breaking hyphen
    ("\u20145.0", -5.0, "-"),              # an em dash that a caller found is a minus
    ("5\u00b77", 5.7, ""),                 # the British raised decimal point
    ("\u0665\u066b\u0660", 5.0, ""),       # Arabic-Indic digits and decimal separator
    ("\u0661\u066c\u0662\u0663\u0664", 1234, ""),  # and its thousands separator
    ("\u2212361", -361, "-"),
])
def test_issue_23_figures_read_as_printed(printed, value, sign):
    r = read_number(printed)
    assert (r.value, r.sign) == (value, sign)


def test_a_full_stop_before_three_digits_is_refused_unless_the_document_groups_with_full_stops():
    with pytest.raises(Ambiguous, match="decimal point or a thousands separator"):
        read_number("19.285")
    assert read_number("19.285", dot_groups=True).value == 19285
    assert read_number("1.234.567").value == 1234567  # two groups: no decimal reading
    assert read_number("0.125").value == 0.125  # a group never starts with 0
    assert read_number("1,234.567").value == 1234.567  # grouped by commas: the full stop is the decimal point
    with pytest.raises(Ambiguous):
        read_number("12.5", dot_groups=True)  # a document that groups with full stops has no decimal full stop
    with pytest.raises(Ambiguous):
        read_number("1,234", dot_groups=True)  # ... and its comma may be a decimal comma


@pytest.mark.parametrize("text, groups", [
    ("Officers: 1.234.567 hours and 19.285 officers", True),
    ("Crime fell 3.5%; 19.285 officers", None),          # a decimal full stop: the convention is not dot groups
    ("19.285 officers", None),                           # nothing says which
    ("1,234.5 and 1.234.567", None),
    ("section 2.3.1 and 19.03.2019", None),
])
def test_the_documents_own_figures_say_whether_full_stops_group_thousands(text, groups):
    assert dot_groups(text) is groups


@pytest.mark.parametrize("before, minus", [("changed by ", True), ("", True), ("changed (", True),
                                           ("rate", False), ("between 2010 ", False), ("in 2019 (", False)])
def test_an_em_dash_is_a_minus_only_where_it_cannot_be_punctuation(before, minus):
    assert em_dash_is_minus(before) is minus


@pytest.mark.parametrize("printed, sign", [("\u22125%", "-"), ("\u20125", "-"), ("\u20145", "-"), ("+5", "+"),
                                           ("\uff0b5", "+"), ("5", ""), ("£5m", "")])
def test_printed_sign(printed, sign):
    assert printed_sign(printed) == sign


# --- property tests: every convention round-trips ----------------------------------------------------------------

def _digits(n: str, zero: int) -> str:
    """ASCII digits as the digits of the script whose zero is `zero` (anything else as it is)."""
    return "".join(chr(zero + int(d)) if d.isdigit() else d for d in n)


@st.composite
def printed_numbers(draw) -> tuple[str, float, str, bool]:
    """(printed, value, printed sign, brackets) of a number in any convention the publishers use."""
    whole = draw(st.integers(0, 10**13))
    fraction = draw(st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=5)))
    separator = draw(st.sampled_from(["", *GROUP_SEPARATORS]))
    point = draw(st.sampled_from(DECIMAL_POINTS))
    zero = draw(st.sampled_from(ZEROS))
    digits = f"{whole:,}".replace(",", separator) if separator else str(whole)
    body = "".join(c if c == separator else _digits(c, zero) for c in digits)
    if fraction:
        body += point + _digits(fraction, zero)
    value = float(f"{whole}.{fraction or 0}")
    style = draw(st.sampled_from(["", "plus", "minus", "brackets"]))
    if style == "minus":
        return draw(st.sampled_from(MINUS_SIGNS + EM_DASH)) + body, -value if value else 0.0, "-", False
    if style == "brackets":
        return f"({body})", -value if value else 0.0, "-", True
    if style == "plus":
        return draw(st.sampled_from(PLUS_SIGNS)) + body, value, "+", False
    return body, value, "", False


def _reads_two_ways(printed: str) -> bool:
    """One full stop between one to three digits (not starting with 0) and three: 19.285."""
    body = printed.strip("()").lstrip(MINUS_SIGNS + EM_DASH + PLUS_SIGNS)
    whole, _, fraction = body.partition(".")
    return (fraction != "" and len(fraction) == 3 and 1 <= len(whole) <= 3 and whole.isdigit()
            and unicodedata.decimal(whole[0]) != 0)


@PROPERTIES
@given(printed_numbers())
@example(("19\u00a0285", 19285.0, "", False))
@example(("\u2012" + "5.0", -5.0, "-", False))
@example(("5\u00b77", 5.7, "", False))
@example(("\u0665\u066b\u0660", 5.0, "", False))
@example(("(1,204)", -1204.0, "-", True))
def test_every_convention_reads_back_the_value_it_was_printed_from(case):
    printed, value, sign, brackets = case
    if _reads_two_ways(printed):
        with pytest.raises(Ambiguous):
            read_number(printed, brackets=brackets)
        return
    r = read_number(printed, brackets=brackets)
    assert r.value == value and r.sign == sign, (printed, r)


@PROPERTIES
@given(st.integers(1, 10**12), st.sampled_from(ZEROS))
def test_full_stops_between_groups_read_as_thousands_where_the_document_says_so(n, zero):
    printed = _digits(f"{n:,}".replace(",", "."), zero)
    assert read_number(printed, dot_groups=True).value == n
    if n >= 10**6:  # two groups or more: no other reading
        assert read_number(printed).value == n
    elif n >= 1000:
        with pytest.raises(Ambiguous):
            read_number(printed)


@PROPERTIES
@given(st.text(max_size=12))
@example("1\u0662")
@example("\u00b7")
def test_any_text_is_a_number_or_a_value_error(text):
    try:
        r = read_number(text, brackets=True)
    except ValueError:
        return
    assert isinstance(r.value, float) and r.sign in ("", "-", "+")
    assert sum(unicodedata.decimal(c, None) is not None for c in text) > 0


@PROPERTIES
@given(st.integers(0, 10**9), st.sampled_from(ZEROS), st.sampled_from(GROUP_SEPARATORS),
       st.sampled_from(GROUP_SEPARATORS))
def test_two_separators_in_one_number_are_refused(n, zero, a, b):
    groups = f"{n:,}".split(",")
    if len(groups) < 3 or a == b:
        return
    printed = _digits(groups[0], zero) + a + _digits(groups[1], zero) + b + b.join(
        _digits(g, zero) for g in groups[2:])
    with pytest.raises(NotANumber):
        read_number(printed)
