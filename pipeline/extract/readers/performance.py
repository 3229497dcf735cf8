"""Local Policing Summary tables -> performance rows as printed (the targets list: pipeline/extract/lists.py)."""
from __future__ import annotations

import re

from pipeline.extract.grid import Grid

CHANGE = re.compile(r"[+\-\u2212\u2013\u2014]?(?P<count>\d[\d,]*)\s+(?:offences|crimes)\s*(?:or\s+|\()\s*"
                    r"(?P<percent>[+\-\u2212\u2013\u2014]?\s*\d+(?:\.\d+)?)\s*%", re.IGNORECASE)
STATUS = re.compile(r"(?:\btarget\s+(?:was\s+)?)?\b(?P<status>achieved|missed|met|not\s+met|exceeded)\b", re.IGNORECASE)


def grid_to_records(grid: Grid, context: dict) -> list[dict]:
    """One record per row: label, printed count and percentage, and target status where printed."""
    out = []
    for row in grid.rows:
        rest = " ".join(row.cells[1:])
        m = CHANGE.search(rest)
        label = row.cells[0]
        if not m:  # everything landed in one column: split the label off the figures
            m = CHANGE.search(label)
            if not m:
                raise ValueError(f"page {grid.page}: cannot read the change in row {row.cells}")
            rest, label = label[m.start():], label[: m.start()].strip()
            m = CHANGE.search(rest)
        status = STATUS.search(rest)
        out.append({**context, "label_raw": label, "offences_raw": m["count"],
                    "percent_raw": m["percent"].replace(" ", ""),
                    "status_raw": status.group(0) if status else "", "page": grid.page})
    return out
