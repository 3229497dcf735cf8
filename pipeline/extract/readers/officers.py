"""Officers-per-borough grid -> officer counts per (borough, team, year) and the printed changes."""
from __future__ import annotations

import re

from pipeline.extract.cells import boxes, words_to_box
from pipeline.extract.grid import Grid

YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
CHANGE = re.compile(r"\bchange\b", re.IGNORECASE)
BROKEN_WORD = re.compile(r"(?<=[a-z]) (?=[a-z])")  # a word a narrow column broke over two lines ("Chan" / "ge")


def column_roles(grid: Grid) -> list[str]:
    """'2011', '2015', 'change' or '' for each column, from the header."""
    roles = []
    for text in grid.header:
        years = YEAR.findall(text)
        change = CHANGE.search(text) or CHANGE.search(BROKEN_WORD.sub("", text))
        roles.append(years[-1] if years else ("change" if change else ""))
    return roles


def _is_change_heading(text: str) -> bool:
    """"Change", or a piece of it that a narrow column broke off onto its own line ("Chan" above "ge")."""
    t = text.strip().lower()
    return t == "change" or (len(t) >= 2 and ("change".startswith(t) or "change".endswith(t)))


def _team_phrases(grid: Grid) -> list[tuple[str, float]]:
    """Spanning team headings ("Safer Neighbourhoods") with their x centres, left to right; a heading wrapped
    over header lines ("Safer" above "Neighbourhoods") is one heading: its phrases overlap across the lines."""
    found: list[list] = []  # [text, x0, x1]
    for line in grid.header_phrases:
        for text, x0, x1 in line:
            if not YEAR.search(text) and not _is_change_heading(text) and re.search(r"[A-Za-z]{3}", text):
                above = [f for f in found if min(x1, f[2]) > max(x0, f[1])]
                if len(above) == 1:
                    above[0][:] = [f"{above[0][0]} {text}", min(x0, above[0][1]), max(x1, above[0][2])]
                else:
                    found.append([text, x0, x1])
    return sorted(((t, (a + b) / 2) for t, a, b in found), key=lambda t: t[1])


def has_team_heading(grid: Grid) -> bool:
    """Whether the header names a team over its year columns (a continuation page may repeat only the years)."""
    return bool(_team_phrases(grid))


def _run_names(grid: Grid, runs: list[list[int]], edges: list[float]) -> list[str] | None:
    """Team heading of each run of columns from the heading words over it (a heading split into several
    phrases, e.g. by a wide word space, is one heading), or None unless every phrase lies over one run
    and every run has a heading."""
    spans = [(edges[run[0]], edges[run[-1] + 1]) for run in runs]
    words: list[list[tuple[int, float, str]]] = [[] for _ in runs]
    for k, line in enumerate(grid.header_phrases):
        for text, x0, x1 in line:
            if YEAR.search(text) or _is_change_heading(text) or not re.search(r"[A-Za-z]{3}", text):
                continue
            overlap = [min(x1, b) - max(x0, a) for a, b in spans]
            if max(overlap) <= 0:
                return None
            words[overlap.index(max(overlap))].append((k, x0, text))
    if not all(words):
        return None
    return [" ".join(t for _, _, t in sorted(w)) for w in words]


def _groups(roles: list[str], teams: list[tuple[str, float]], centres: list[float],
            grid: Grid | None = None, edges: list[float] | None = None) -> list[str]:
    """Team heading of each data column: runs of columns closed by a Change column, else the nearest heading."""
    runs, cur = [], []
    for col, role in enumerate(roles):
        if role:
            cur.append(col)
            if role == "change":
                runs.append(cur)
                cur = []
    if cur:
        runs.append(cur)
    names = [""] * len(roles)
    if len(runs) == len(teams):
        for run, (team, _) in zip(runs, teams):
            for col in run:
                names[col] = team
    elif teams and grid is not None and edges is not None and (named := _run_names(grid, runs, edges)):
        for run, team in zip(runs, named):
            for col in run:
                names[col] = team
    elif teams:
        for col, role in enumerate(roles):
            if role:
                names[col] = min(teams, key=lambda t: abs(t[1] - centres[col]))[0]
    return names


def grid_to_records(grid: Grid, table: dict) -> tuple[list[dict], list[dict]]:
    """(counts, changes): printed officer counts and printed Change cells, Total rows flagged."""
    roles = column_roles(grid)
    years = [r for r in roles if r and r != "change"]
    if len(years) < 2:
        raise ValueError(f"page {grid.page}: no year columns in the officers table header {grid.header}")
    x0 = min(x for line in grid.header_phrases for _, x, _ in line) if grid.header_phrases else 0.0
    x1 = max(x for line in grid.header_phrases for _, _, x in line) if grid.header_phrases else 1.0
    teams = _groups(roles, _team_phrases(grid), grid.column_centres(x0, x1), grid, [x0, *grid.bounds, x1])
    total = re.compile(table.get("total_row", r"^\s*total\b"), re.IGNORECASE)
    counts, changes = [], []
    for row in grid.rows:
        name = row.cells[0]
        base = {"borough_raw": name, "page": grid.page, "is_total": bool(total.search(name))}
        name_box = words_to_box(row.cell_words(0), grid.page)
        last_year: dict[str, list[str]] = {}
        for col, role in enumerate(roles):
            if not role or col >= len(row.cells):
                continue
            team = teams[col]
            if role == "change":
                ys = last_year.get(team, [])
                changes.append({**base, "team_raw": team, "from_year": int(ys[0]) if ys else None,
                                "to_year": int(ys[-1]) if ys else None, "change_raw": row.cells[col],
                                "cells": boxes(borough_raw=name_box,
                                               change_raw=words_to_box(row.cell_words(col), grid.page))})
            else:
                last_year.setdefault(team, []).append(role)
                counts.append({**base, "team_raw": team, "year": int(role), "officers_raw": row.cells[col],
                               "cells": boxes(borough_raw=name_box,
                                              officers_raw=words_to_box(row.cell_words(col), grid.page))})
    return counts, changes
