"""The geometry reader: a table's rows from its anchor lines, wrapped lines joined to their row."""
from __future__ import annotations

import re

from pipeline.extract.grid import GridSpec, lines_to_grid
from pipeline.extract.layout import Line, Word

SPEC = GridSpec(anchor=re.compile(r"\d+ \d+$"), max_columns=3)


def row(top: float, *cells: tuple[str, float]) -> Line:
    """A line of words at `top`, each cell's words set from its x, 5 points a character (size 10)."""
    words = []
    for text, x in cells:
        for t in text.split():
            words.append(Word(t, x, x + 5 * len(t), top, top + 10, 10.0))
            x += 5 * len(t) + 2.5
    return Line(tuple(words))


def asked(lines: list[Line]) -> tuple[list[list[str]], int]:
    """The grid's cells, and how many times the reader asked for the page's horizontal rules."""
    calls = []

    def rules(x0: float, x1: float) -> list[float]:
        calls.append((x0, x1))
        return []

    grid = lines_to_grid(lines, rules, SPEC, 1)
    assert grid is not None
    return [r.cells for r in grid.rows], len(calls)


def test_rules_are_not_read_when_every_wrapped_line_has_one_row_in_its_block():
    lines = [row(100, ("Barnet", 50), ("12", 200), ("34", 300)),
             row(111, ("and Enfield", 50)),  # set tight below its row: the only anchor of its block
             row(140, ("Camden", 50), ("56", 200), ("78", 300))]
    cells, calls = asked(lines)
    assert cells == [["Barnet and Enfield", "12", "34"], ["Camden", "56", "78"]]
    assert calls == 0


def test_rules_are_read_once_when_a_block_holds_two_rows():
    lines = [row(100, ("Barnet", 50), ("12", 200), ("34", 300)),
             row(111, ("and Enfield", 50)),  # as tight above the next row as below its own: a block of two rows
             row(122, ("Camden", 50), ("56", 200), ("78", 300))]
    cells, calls = asked(lines)
    assert calls == 1
    assert [c[0] for c in cells] == ["Barnet and Enfield", "Camden"]  # nearest row, the earlier on a tie
