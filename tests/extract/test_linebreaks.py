"""Lines ended on purpose vs wrapped, type size and pitch: how prose and lists find items whose bullets are shapes."""
from __future__ import annotations

from pipeline.extract.layout import Line, Word
from pipeline.extract.linebreaks import ended_on_purpose, right_edge, size_changes, spaced_apart, usual_pitches
from pipeline.extract.lists import _items
from pipeline.extract.prose import _paragraphs, _sentences, pages_to_figures

CHAR = 5.0  # points per character in these made-up lines (size 10: a space is 2.5 points)


def line(text: str, top: float, x: float = 50.0, size: float = 10.0) -> Line:
    """A line of words set in a made-up monospaced font, from `x`, with its top at `top`."""
    words = []
    for t in text.split():
        words.append(Word(t, x, x + CHAR * len(t), top, top + size, size))
        x += CHAR * len(t) + 2.5
    return Line(tuple(words))


RIGHT = 50 + 60 * CHAR  # a text column 60 characters wide


def test_a_line_is_wrapped_when_the_next_word_would_not_have_fitted():
    a = line("x" * 52, 100)  # ends 8 characters before the edge
    assert not ended_on_purpose(a, line("fourteen-chars", 113.5), RIGHT)
    assert ended_on_purpose(a, line("four and more", 113.5), RIGHT)


def test_a_word_broken_after_its_hyphen_is_never_a_deliberate_break():
    assert not ended_on_purpose(line("a short anti-", 100), line("social behaviour", 113.5), RIGHT)


def test_right_edge_size_and_pitch():
    lines = [line("a" * 60, 100), line("b" * 20, 113.5), line("c" * 20, 130.5), line("Heading", 150, size=14)]
    assert right_edge(lines) == RIGHT
    assert usual_pitches(lines) == {10.0: 13.5}
    assert spaced_apart(lines[1], lines[2], usual_pitches(lines))  # 3.5 points more than the usual pitch
    assert not spaced_apart(lines[0], lines[1], usual_pitches(lines))
    assert size_changes(lines[2], lines[3]) and not size_changes(lines[0], lines[1])


def _items_text(region) -> list[str]:
    items, _ = _items(region, {0: RIGHT}, {0: usual_pitches([ln for _, ln in region] + BODY)})
    return [" ".join(w.text for _, w in it.words) for it in items]


# a paragraph of the same page, wrapped at the usual pitch (13.5 points)
BODY = [line("w" * 58, 400), line("w" * 58, 413.5), line("end.", 427)]


def test_a_list_whose_bullets_are_shapes_splits_where_lines_end_short_or_stand_apart():
    region = [(0, line("2.3% reduction in serious acquisitive crime", 100)),
              # fills the column: only the extra space below it says the next line starts a new item
              (0, line("4.0% reduction in most serious violence, 1.0% reduction", 116.5)),
              (0, line("1.6% reduction in gun crime", 133)),
              (0, line("challenging targets for sanction detection rates.", 149.5))]
    assert _items_text(region) == ["2.3% reduction in serious acquisitive crime",
                                   "4.0% reduction in most serious violence, 1.0% reduction",
                                   "1.6% reduction in gun crime",
                                   "challenging targets for sanction detection rates."]


def test_a_wrapped_item_of_a_list_without_bullets_stays_one_item():
    region = [(0, line("4.0% reduction in most serious violence, 1.0% reduction in", 100)),
              (0, line("serious youth violence", 113.5))]
    assert _items_text(region) == ["4.0% reduction in most serious violence, 1.0% reduction in serious youth violence"]


def test_paragraphs_split_at_headings_short_items_and_symbol_bullets_but_not_at_narrow_phrases():
    lines = [line("Priorities for 2010/11", 100, size=12),
             line("2.3% reduction in serious acquisitive crime", 116),
             line("1.6% reduction in gun crime", 129.5),
             line("\uf0b7 a reduction in theft from motor vehicle crime of 7.9%;", 143),
             line("Reduce court", 170), line("delays by 20%", 183.5)]
    texts = [p.text for p in _paragraphs(1, lines)]
    assert texts == ["Priorities for 2010/11", "2.3% reduction in serious acquisitive crime",
                     "1.6% reduction in gun crime", "\u2022 a reduction in theft from motor vehicle crime of 7.9%;",
                     "Reduce court delays by 20%"]


def test_a_numbered_marker_is_a_sentence_of_its_own_and_never_a_figure():
    pars = _paragraphs(1, [line("Priorities for 2010/11", 100, size=12),
                           line("1. 2.6% reduction in serious acquisitive crime", 116)])
    assert [s.text for s in _sentences(pars[1])] == ["1.", "2.6% reduction in serious acquisitive crime"]
    found = pages_to_figures([[line("Priorities for 2010/11", 100, size=12),
                               line("1. 2.6% reduction in serious acquisitive crime", 116)]], {})
    assert [(f["printed"], f["heading"]) for f in found["reported_figures"]] == [("2.6%", "Priorities for 2010/11")]
    assert [(x["text"], x["rule"]) for x in found["figures_excluded"]] == [("2010/11", "period_or_fraction"),
                                                                            ("1", "list_marker")]
