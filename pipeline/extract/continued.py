"""Tables split over pages: a continuation page whose header is missing or repeated differently reads its
columns with the header of the page before it (when it has as many columns); verification still decides."""
from __future__ import annotations

from collections.abc import Callable

from pipeline.extract.grid import Grid
from pipeline.extract.readers import officers, priorities


def carry_headers(grids: list[Grid], complete: Callable[[Grid], bool]) -> None:
    """Give each grid whose header is not `complete` the header of the last complete grid with as many columns."""
    last: Grid | None = None
    for g in grids:
        if complete(g):
            last = g
        elif last is not None and len(g.header) == len(last.header):
            g.header, g.header_phrases = list(last.header), last.header_phrases


def priorities_header(table: dict) -> Callable[[Grid], bool]:
    """A priorities header is complete when it names the borough column."""
    return lambda g: any(g.header) and "key" in priorities.header_to_kinds(g.header, table["columns"])


def officers_header(g: Grid) -> bool:
    """An officers header is complete when it names two years and the team over them."""
    return len([r for r in officers.column_roles(g) if r and r != "change"]) >= 2 and officers.has_team_heading(g)
