"""One PDF -> its family, the printed records of its tables and lists, and its prose figures."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from pipeline.errors import BadInput
from pipeline.extract import accounting, lists, prose
from pipeline.extract.candidates import TablePages, table_candidates
from pipeline.extract.choose import NOT_FOUND, Trial, best, choose
from pipeline.extract.continued import carry_headers, officers_header, performance_header, priorities_header
from pipeline.extract.families import FLAGS, Family, recognise
from pipeline.extract.furniture import without_running
from pipeline.extract.identity import document_facts
from pipeline.extract.grid import Grid
from pipeline.extract.layout import Line, Page, page_to_lines
from pipeline.extract.open_pdf import open_checked
from pipeline.extract.readers import officers, performance, priorities
from pipeline.extract.verify import verify_steps
from pipeline.normalise.numbers import parse_period
from pipeline.settings import ExtractSettings

EXTRACTOR_VERSION = "2"


def _document_period(family: Family, text: str) -> str:
    """The period the document states for itself (e.g. "2017/18"), or "" when it states none."""
    for pattern in family.period_patterns():
        for m in pattern.finditer(text):
            try:
                parse_period(m.group(1))
            except ValueError:
                continue  # e.g. "2017-2021": a plan's span, not a one-year period
            return m.group(1)
    return ""


def _context(family: Family, text: str) -> dict:
    """Document-level values named by the family spec's `context` patterns (e.g. the borough)."""
    out = {}
    for key, patterns in (family.spec.get("context") or {}).items():
        for p in patterns:
            m = re.search(p, text, FLAGS)
            if m:
                out[f"{key}_raw"] = m.group(key).strip()
                break
    return out


def explain_command(path: Path) -> str:
    """The `explain` command for a PDF, runnable as printed from where the build was run (path quoted)."""
    return f"python -m pipeline explain {shlex.quote(str(path))}"


def _read_table(path: Path, family: Family, table: dict, views: list[Page], pages: list[list[Line]],
                text: str, meta: dict, body: list[list[Line]]) -> tuple[dict, list[Grid], list[dict], str]:
    """Records of one table, its grids, its coverage entries (naming the candidate reading that verified,
    pipeline/extract/choose.py) and '' -- or, when the rows verified but a printed Total disagrees with them,
    that discrepancy in the source (validation stops the build on it until it is reviewed); when no reading
    verified, one line naming the best attempt's failing check. `body`: the pages without their running
    headers and footers (the same for every table of the document)."""
    name = path.name
    trials = choose(table_candidates(TablePages(path, views, body, table)),
                    lambda grids: _table_records(name, family, table, grids, text, meta),
                    lambda found, grids: verify_steps(found, table, grids, body),
                    lambda found, grids: accounting.account_table(name, table, grids,
                                                                  [r for rows in found.values() for r in rows], pages))
    top = trials[-1] if trials[-1].verified else best(trials)
    if top.verified or top.in_source:
        return top.records, top.grids, [{**entry, "reader": top.name} for entry in top.coverage], \
            top.problem if top.in_source else ""
    if top.stage == NOT_FOUND:
        raise BadInput(name, f"{family.title}: the {table['resource']} table was not found or cannot be read",
                       "check the PDF's layout against families/" + family.path.name, "table_unreadable")
    if "(cid:" in top.problem:
        raise BadInput(name, f"{family.title}: {table['resource']} table: the fonts have lost their text mapping "
                             f"({top.problem[:80]})", "the file is damaged: download it again, or OCR it",
                       "table_unreadable")
    raise BadInput(name, stop_message(family.title, table["resource"], top),
                   f"`{explain_command(path)}` shows every reading", "table_unreadable")


def stop_message(title: str, resource: str, top: Trial) -> str:
    """One line: the table, the page, and the failing check of the best reading."""
    problem = top.problem
    page = re.match(r"page (\d+): ", problem)
    where = f", page {page.group(1)}" if page else ""
    if page:
        problem = problem[page.end():]
    elif top.grids:
        where = f", page {top.grids[0].page}"
    return f"{title}: {resource} table{where}: no reading verified; best ({top.name}): {problem}"


def _table_records(name: str, family: Family, table: dict, grids: list[Grid], text: str, meta: dict) -> dict:
    """Records of one table spec over all its pages."""
    reader = table["reader"]
    if reader in ("priorities", "officers", "performance"):
        carry_headers(grids, {"priorities": priorities_header(table), "officers": officers_header,
                              "performance": performance_header}[reader], reader != "performance")
    if reader == "priorities":
        stated = _document_period(family, text)
        period = stated or str(meta.get("period") or "")
        if not period:
            raise BadInput(name, "the document states no period for its priorities table",
                           "add `period:` to its entry in raw/sources.yaml", "no_period")
        src = "document" if stated else "manifest"
        return {"borough_priorities": [r for g in grids
                                       for r in priorities.grid_to_records(g, table, {"period_raw": period,
                                                                                      "period_from": src})]}
    if reader == "officers":
        counts, changes = [], []
        for g in grids:
            c, ch = officers.grid_to_records(g, table)
            counts += c
            changes += ch
        return {"officer_allocations": counts, "officer_changes": changes}
    if reader == "performance":
        rows = []
        for g in grids:
            ctx = {"borough_raw": g.caption["borough"], "period_raw": g.caption["period"]} if g.caption else {}
            if not ctx:
                ctx = {**_context(family, text), "period_raw": _document_period(family, text)}
            rows += performance.grid_to_records(g, {**ctx, "period_from": "document"}, table.get("percent_header", ""))
        return {"borough_performance": rows}
    raise ValueError(f"{family.path}: unknown reader {reader!r}")


def extract_document(path: Path, meta: dict, settings: ExtractSettings) -> dict:
    """Everything printed in one PDF that the package publishes, as printed (no mapping yet)."""
    info, pdf = open_checked(path, settings)
    name = path.name
    with pdf:
        views = pdf.pages
        pages = [page_to_lines(v) for v in views]
        text = "\n".join(ln.text for lines in pages for ln in lines)
        family = recognise(text)
        if family is None:
            raise BadInput(name, "not a known document family (no family spec in families/ matches its text)",
                           "add a family spec or remove the file", "unknown_family")
        records: dict[str, list] = {}
        skip: dict[int, list[tuple[float, float]]] = {}
        coverage: dict[str, list] = {"lists": [], "tables": []}
        in_source: list[str] = []
        body = without_running(pages) if family.tables else None  # the same for every table
        for table in family.tables:
            found, grids, covered, discrepancy = _read_table(path, family, table, views, pages, text, meta, body)
            coverage["tables"] += covered
            if discrepancy:
                in_source.append(f"{table['resource']}: {discrepancy}")
            for key, rows in found.items():
                records.setdefault(key, []).extend(rows)
            for g in grids:
                skip.setdefault(g.page, []).append(prose.table_span(g))
        context = _context(family, text)
        for spec in family.lists:
            found_rows, found_cover = lists.read_list(pages, spec, context, name)
            records.setdefault(spec["resource"], []).extend(found_rows)
            coverage["lists"] += found_cover
        if family.prose:
            records.update(prose.pages_to_figures(pages, skip))
        facts = document_facts(family, text, _document_period(family, text) or str(meta.get("period") or ""), context)
    doc = {"identity": facts, "file": name, "sha256": info.sha256, "bytes": info.bytes, "pages": info.pages,
           "family": family.name, "family_title": family.title, "extractor_version": EXTRACTOR_VERSION,
           "title": _title(pages), "records": records, "coverage": coverage}
    if in_source:  # checked again, and stopped on until reviewed, by validation (pipeline/validate/identities.py)
        doc["source_discrepancies"] = in_source
    return doc


def _title(pages: list[list[Line]]) -> str:
    """The largest text on the first page: the document's own title."""
    if not pages or not pages[0]:
        return ""
    biggest = max(ln.height for ln in pages[0])
    return " ".join(ln.text for ln in pages[0] if ln.height >= biggest - 0.5)[:200]
