"""Tables split over pages: a continuation page whose header is missing or repeated differently reads its
columns with the header of the page before it (when it has as many columns); verification still decides."""
from __future__ import annotations

from collections.abc import Callable

from pipeline.extract.grid import Grid
from pipeline.extract.readers import officers, priorities


def carry_headers(grids: list[Grid], complete: Callable[[Grid], bool], same_columns: bool = True) -> None:
    """Give each grid whose header is not `complete` the header of the last complete grid with as many columns
    (with any number of columns when not `same_columns`: a heading that only states the cells' unit)."""
    last: Grid | None = None
    for g in grids:
        if complete(g):
            last = g
        elif last is not None and (len(g.header) == len(last.header) or not same_columns and not any(g.header)):
            # its own heading lines stay (they are still its header words), after those carried
            own = [p for p in g.header_phrases if p not in last.header_phrases]
            g.header, g.header_phrases = list(last.header), last.header_phrases + own


def priorities_header(table: dict) -> Callable[[Grid], bool]:
    """A priorities header is complete when it names the borough column."""
    return lambda g: any(g.header) and "key" in priorities.header_to_kinds(g.header, table["columns"])


def officers_header(g: Grid) -> bool:
    """An officers header is complete when it names two years and the team over them."""
    return len([r for r in officers.column_roles(g) if r and r != "change"]) >= 2 and officers.has_team_heading(g)


def performance_header(g: Grid) -> bool:
    """A summary table's header is complete when it has one (most print none: nothing to carry)."""
    return any(g.header)
