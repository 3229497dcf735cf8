"""A table's reading by one candidate reader, with the records the family's reader makes of it (for verify tests)."""
from __future__ import annotations

from pathlib import Path

from pipeline.extract.candidates import TablePages, table_candidates
from pipeline.extract.document import _table_records
from pipeline.extract.families import Family
from pipeline.extract.furniture import without_running
from pipeline.extract.layout import page_to_lines
from pipeline.extract.open_pdf import open_checked
from pipeline.settings import ExtractSettings


def read_table(path: Path, family: Family, meta: dict | None = None,
               candidate: str = "geometry") -> tuple[dict, list, list]:
    """(records, grids, page lines) of the family's first table in `path`, as `candidate` reads it."""
    table = family.tables[0]
    _, pdf = open_checked(path, ExtractSettings())
    views = pdf.pages
    with pdf:
        lines = without_running([page_to_lines(v) for v in views])
        found = next(c for c in table_candidates(TablePages(path, views, lines, table)) if c.name == candidate)
        grids = found.read()
    return _table_records(path.name, family, table, grids, "", meta or {}), grids, lines
