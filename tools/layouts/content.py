"""Known table content for the sweep: the seeds' tables and synthetic variants, with the rows a build must publish.

Expected rows come from this content (borough names with their GSS codes from vocab/boroughs.yaml), never
from the pipeline. Each family gives header cells, body rows as printed, the text around the table, and
the expected published rows projected to the columns that the printed table determines.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]

# labels of the local priorities as printed in the seed table (000_*.txt), and variants of its vocabulary
LOCAL_LABELS = ["Burglary", "Non Domestic VWI", "Robbery", "Common Assault", "Theft of a motor vehicle",
                "MV Theft", "Theft from motor vehicles", "Theft from a person", "Theft Person (Snatch)",
                "Theft (robbery, snatch, person)", "Theft (MV and person)", "Criminal Damage"]
PERFORMANCE_LABELS = ["Residential burglary", "Total robbery", "Theft from vehicles", "Theft or taking of vehicles",
                      "Serious youth violence", "Knife crime", "Gun crime"]
STATUS = {"achieved": "Target achieved", "missed": "Target missed"}


@dataclass
class Header:
    """One header cell: its text, first column and how many columns it spans."""

    text: str
    col: int
    span: int = 1


def header_cells(lines: list[list[Header]], cols: int) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rows spanned, cols spanned, text) of every heading cell: a heading no line below covers
    spans down."""
    covered = [[False] * cols for _ in lines]
    for i, line in enumerate(lines):
        for hd in line:
            for c in range(hd.col, hd.col + hd.span):
                covered[i][c] = True
    out = []
    for i, line in enumerate(lines):
        by_col = {hd.col: hd for hd in line}
        c = 0
        while c < cols:
            if covered[i][c] and c not in by_col:  # filled from a line above (it spans down)
                c += 1
                continue
            hd = by_col.get(c, Header("", c))
            down = 1
            while i + down < len(lines) and not any(covered[i + down][k] for k in range(c, c + hd.span)):
                for k in range(c, c + hd.span):
                    covered[i + down][k] = True
                down += 1
            out.append((i, c, down, hd.span, hd.text))
            c += hd.span
    return out


@dataclass
class Content:
    """A table as printed, with the text around it and the rows a build must publish."""

    family: str
    title: list[str]
    caption: str
    headers: list[list[Header]]  # header lines, top first
    rows: list[list[str]]
    numeric: list[bool]  # per column
    expected: set[tuple] = field(default_factory=set)
    after: list[str] = field(default_factory=list)


def boroughs() -> list[tuple[str, str]]:
    """(name, gss_code) of the boroughs policed by the MPS, from the vocabulary."""
    data = yaml.safe_load((REPO / "vocab" / "boroughs.yaml").read_text(encoding="utf-8"))
    return [(b["borough"], b["gss_code"]) for b in data["boroughs"] if b.get("in_mps", True)]


def spelled(name: str, rng: random.Random) -> str:
    """A borough's name as a publisher might print it."""
    form = rng.choice(["{}", "LB {}", "London Borough of {}", "{}"])
    return form.format(name.replace(" and ", rng.choice([" and ", " & "])))


def signed(value: float, style: str, plus: bool, decimals: int = 0, thousands: bool = False) -> str:
    """A number printed with a negative style ('-', U+2212, en dash, parentheses) and an optional '+'."""
    body = f"{abs(value):,.{decimals}f}" if thousands else f"{abs(value):.{decimals}f}"
    if value < 0:
        return {"hyphen": "-", "minus": "\u2212", "endash": "\u2013"}.get(style, "-") + body \
            if style != "parens" else f"({body})"
    return ("+" if plus and value > 0 else "") + body


def priorities(rng: random.Random, dims: dict) -> Content:
    """A Local Borough Priorities table: borough, ALL, ASB and two ranked local priorities."""
    picked = rng.sample(boroughs(), rng.randint(10, 32))
    year = rng.choice(range(2017, 2024))
    period = f"{year}/{str(year + 1)[2:]}"
    headers = [[Header("Borough", 0), Header("Mandatory high-harm crimes*", 1), Header("Mandatory Volume Crime", 2),
                Header("Local Priorities", 3, 2)]]
    if dims["subheaders"] == "yes":
        headers.append([Header("Priority 1", 3), Header("Priority 2", 4)])
    rows, expected = [], set()
    for name, gss in picked:
        first, second = rng.sample(LOCAL_LABELS, 2)
        rows.append([spelled(name, rng), "ALL", "ASB", first, second])
        expected |= {(gss, "mandatory_high_harm", None, "ALL"), (gss, "mandatory_volume", None, "ASB"),
                     (gss, "local", 1, first), (gss, "local", 2, second)}
    title = ["MAYOR OF LONDON", f"LOCAL BOROUGH PRIORITIES {period}"]
    return Content("priorities", title, "PRIORITIES", headers, rows, [False] * 5, expected,
                   ["* Mandatory high-harm crimes: sexual violence, domestic abuse, child sexual exploitation, "
                    "weapon-based crime and hate crime."])


def officers(rng: random.Random, dims: dict) -> Content:
    """An officers-per-borough table: two teams, two years and the printed change of each, and a Total row."""
    picked = rng.sample(boroughs(), rng.randint(8, 32))
    y0 = rng.choice(range(2009, 2016))
    y1 = y0 + rng.choice([2, 3, 4])
    neg, plus, thousands = dims["negative"], dims["plus"] == "yes", dims["thousands"] == "yes"
    top = [Header("", 0), Header("Safer Neighbourhoods", 1, 3), Header("Total Borough officers", 4, 3)]
    sub = [Header(str(y0), 1), Header(str(y1), 2), Header("Change", 3), Header(str(y0), 4), Header(str(y1), 5),
           Header("Change", 6)]
    rows, expected, sums = [], set(), [0] * 4
    for name, gss in picked:
        sn = [rng.randint(20, 200) for _ in range(2)]
        tot = [rng.randint(300, 1400) for _ in range(2)]
        values = [*sn, *tot]
        sums = [a + b for a, b in zip(sums, values)]
        rows.append([spelled(name, rng)] + _officer_cells(values, neg, plus, thousands))
        expected |= {(gss, "safer_neighbourhoods", y0, sn[0]), (gss, "safer_neighbourhoods", y1, sn[1]),
                     (gss, "borough_total", y0, tot[0]), (gss, "borough_total", y1, tot[1])}
    rows.append(["Total"] + _officer_cells(sums, neg, plus, thousands))
    title = ["Police and Crime Plan", "Draft Police & Crime Plan \u2013 for consultation"]
    return Content("officers", title, "MORE POLICE OFFICERS AT BOROUGH LEVEL", [top, sub], rows,
                   [False] + [True] * 6, expected)


def _officer_cells(values: list[int], neg: str, plus: bool, thousands: bool) -> list[str]:
    a, b, c, d = values
    n = lambda v: signed(v, neg, False, 0, thousands)  # noqa: E731
    return [n(a), n(b), signed(b - a, neg, plus, 0, thousands), n(c), n(d), signed(d - c, neg, plus, 0, thousands)]


def performance(rng: random.Random, dims: dict) -> Content:
    """A Local Policing Summary table: label, "<n> offences or <p>%" and the target's status."""
    name, gss = rng.choice(boroughs())
    year = rng.choice(range(2008, 2012))
    period = f"{year}/{str(year + 1)[2:]}"
    neg, plus = dims["negative"], dims["plus"] == "yes"
    rows, expected = [], set()
    for label in PERFORMANCE_LABELS:
        count = rng.randint(1, 1500)
        pct = round(rng.uniform(-40, 40), 1) or 1.0
        status = rng.choice(["achieved", "missed", ""])
        pct_text = signed(pct, neg if neg != "parens" else "hyphen", plus, 1)
        count_text = signed(count, "hyphen", False, 0, dims["thousands"] == "yes")
        per_cent = "%" if dims["percent_in"] == "cell" else ""
        rows.append([label, f"{count_text} offences or {pct_text}{per_cent}", STATUS.get(status, "")])
        expected.add((gss, label, -count if pct < 0 else count, pct, status or None))
    title = ["Metropolitan Police Authority", f"Local Policing Summary {name}"]
    # "%" in every cell (no header row, as the seeds print it), or once in the column's heading
    headers = [] if dims["percent_in"] == "cell" else [[Header("Crime type", 0), Header("Change (offences or %)", 1),
                                                        Header("Target", 2)]]
    return Content("performance", title, f"How did {name} perform during {period}?", headers, rows,
                   [False, False, False], expected,
                   ["Looking forward", "Borough priorities are set through consultation with the public."])


FAMILIES = {"priorities": priorities, "officers": officers, "performance": performance}


def project(family: str, tables: dict) -> set[tuple]:
    """Published rows projected to what the printed table determines (compared with `Content.expected`)."""
    if family == "priorities":
        return {(r["gss_code"], r["priority_kind"], r["rank"], r["label_raw"])
                for r in tables.get("borough_priorities", [])}
    if family == "officers":
        return {(r["gss_code"], r["team"], r["year"], r["officers"]) for r in tables.get("officer_allocations", [])}
    return {(r["gss_code"], r["label_raw"], r["offences_change"], r["percent_change"], r["target_status"])
            for r in tables.get("borough_performance", [])}
