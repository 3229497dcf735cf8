"""The tile map's grid (vocab/london_squares.yaml): every London district once, in its geographic place, and a
broken grid refused in one line naming the file."""
from __future__ import annotations

import pytest
import yaml

from pipeline.errors import UsageError
from pipeline.normalise.vocab import load_vocabulary
from pipeline.publish.tilemap import SQUARES_FILE, load_squares

CODES = {b["gss_code"] for b in load_vocabulary().boroughs}


def _by_name() -> dict:
    names = {b["borough"]: b["gss_code"] for b in load_vocabulary().boroughs}
    squares = {s.gss_code: s for s in load_squares(CODES)}
    return {name: squares[code] for name, code in names.items()}


def test_the_grid_has_every_district_of_the_boroughs_code_list_once():
    squares = load_squares(CODES)
    assert len(squares) == len(CODES) == 33
    assert {s.gss_code for s in squares} == CODES
    assert len({(s.col, s.row) for s in squares}) == 33


def test_the_squares_keep_londons_geography():
    at = _by_name()
    assert at["Enfield"].row < at["Westminster"].row < at["Croydon"].row < at["Sutton"].row  # north to south
    assert at["Hillingdon"].col < at["Westminster"].col < at["Havering"].col  # west to east
    assert at["City of London"].row == at["Westminster"].row and at["City of London"].col == at["Westminster"].col + 1
    assert at["Lambeth"].row == at["Westminster"].row + 1  # south of the river


def _grid(tmp_path, squares: list[dict]):
    path = tmp_path / "squares.yaml"
    path.write_text(yaml.safe_dump({"squares": squares}), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    (lambda s: s + [dict(s[0], col=11, row=11)], "repeated: E09000010"),
    (lambda s: s[1:], "missing: E09000010"),
    (lambda s: [dict(s[0], gss_code="E09000099")] + s[1:], "not in the boroughs code list: E09000099"),
    (lambda s: [dict(s[0], col=s[1]["col"], row=s[1]["row"])] + s[1:], "places shared by two squares"),
    (lambda s: [dict(s[0], col="4")] + s[1:], "squares[0].col: expected integer, got '4'"),
    (lambda s: [dict(s[0], col=True)] + s[1:], "squares[0].col: expected integer, got True"),
    (lambda s: [dict(s[0], col=40)] + s[1:], "squares[0].col: "),
    (lambda s: [dict(s[0], extra=1)] + s[1:], "squares[0]: unknown key 'extra'"),
    (lambda s: [dict(s[0], abbr="enfield")] + s[1:], "squares[0].abbr: 'enfield' is not three capital letters"),
    (lambda s: [dict(s[0], gss_code="W06000001")] + s[1:], "squares[0].gss_code: 'W06000001' is not"),
])
def test_a_broken_grid_is_refused_in_one_line_naming_the_file(tmp_path, change, message):
    squares = yaml.safe_load(SQUARES_FILE.read_text(encoding="utf-8"))["squares"]
    path = _grid(tmp_path, change(squares))
    with pytest.raises(UsageError) as e:
        load_squares(CODES, path)
    assert str(e.value).startswith(f"{path}: ") and message in str(e.value) and "\n" not in str(e.value)


def test_a_file_without_squares_is_refused(tmp_path):
    path = tmp_path / "squares.yaml"
    path.write_text("squares: {}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="squares: expected array"):
        load_squares(CODES, path)
