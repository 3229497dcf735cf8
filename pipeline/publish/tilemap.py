"""The London tile map's grid (vocab/london_squares.yaml): each of the 33 districts once, as a square at a column
and row, checked when loaded so the map can neither miss nor repeat a borough."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError, shown
from pipeline.paths import VOCAB_DIR
from pipeline.safe_yaml import load as load_yaml

SQUARES_FILE = VOCAB_DIR / "london_squares.yaml"
KEYS = ("abbr", "col", "gss_code", "row")
GSS = re.compile(r"E09\d{6}")
ABBR = re.compile(r"[A-Z]{3}")
MAX_SIDE = 12  # the grid is 8 x 7; anything far larger is a typo


@dataclass(frozen=True)
class Square:
    """One district's square: its GSS code, a three-letter label, and its column (west to east) and row
    (north to south)."""

    gss_code: str
    abbr: str
    col: int
    row: int


def _square(path: Path, n: int, item: object) -> Square:
    """One entry, every key present and of its type."""
    where = f"{shown(path)}: square {n}"
    if not isinstance(item, dict) or sorted(map(str, item)) != list(KEYS):
        raise UsageError(f"{where}: expected exactly the keys {', '.join(KEYS)}")
    if not (isinstance(item["gss_code"], str) and GSS.fullmatch(item["gss_code"])):
        raise UsageError(f"{where}: gss_code {shown(repr(item['gss_code']))} is not a London district code (E09......)")
    if not (isinstance(item["abbr"], str) and ABBR.fullmatch(item["abbr"])):
        raise UsageError(f"{where}: abbr {shown(repr(item['abbr']))} is not three capital letters")
    for key in ("col", "row"):
        value = item[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_SIDE:
            raise UsageError(f"{where}: {key} {shown(repr(value))} is not a whole number from 0 to {MAX_SIDE - 1}")
    return Square(item["gss_code"], item["abbr"], item["col"], item["row"])


def load_squares(gss_codes: set[str], path: Path = SQUARES_FILE) -> list[Square]:
    """The grid's squares; UsageError in one line naming the file unless every code of `gss_codes` (the
    boroughs code list) has exactly one square, no other code has one, and no two squares share a place."""
    data, _ = load_yaml(path)
    items = data.get("squares") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise UsageError(f"{shown(path)}: expected a list under `squares`")
    squares = [_square(path, n, item) for n, item in enumerate(items, start=1)]
    codes = [s.gss_code for s in squares]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    missing, unknown = sorted(gss_codes - set(codes)), sorted(set(codes) - gss_codes)
    places = [(s.col, s.row) for s in squares]
    shared = sorted({p for p in places if places.count(p) > 1})
    for what, items_ in (("repeated", repeated), ("not in the boroughs code list", unknown), ("missing", missing),
                         ("places shared by two squares (col, row)", shared)):
        if items_:
            raise UsageError(f"{shown(path)}: {what}: {', '.join(map(str, items_))}")
    return sorted(squares, key=lambda s: (s.row, s.col))
