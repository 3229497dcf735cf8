"""The London tile map's grid (vocab/london_squares.yaml): each of the 33 districts once, as a square at a column
and row, checked when loaded so the map can neither miss nor repeat a borough."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError, shown
from pipeline.paths import VOCAB_DIR
from pipeline.specs import load_spec

SQUARES_FILE = VOCAB_DIR / "london_squares.yaml"


@dataclass(frozen=True)
class Square:
    """One district's square: its GSS code, a three-letter label, and its column (west to east) and row
    (north to south)."""

    gss_code: str
    abbr: str
    col: int
    row: int


def load_squares(gss_codes: set[str], path: Path = SQUARES_FILE) -> list[Square]:
    """The grid's squares; UsageError in one line naming the file unless every code of `gss_codes` (the
    boroughs code list) has exactly one square, no other code has one, and no two squares share a place."""
    items = load_spec(path, "vocab_london_squares")["squares"]  # keys and types: schemas/specs/
    squares = [Square(i["gss_code"], i["abbr"], i["col"], i["row"]) for i in items]
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
