"""Great Expectations suites: declarative checks of the published tables.

The suites are data, one file per resource: ``schemas/expectations/<resource>.json``::

    {"name": "<resource>",
     "skip_when_empty": true,              # optional; false: run even when the table has no rows
     "expectations": [{"type": "expect_...", "kwargs": {...}, "meta": {"why": "..."}}, ...]}

Types starting ``expect_`` are Great Expectations (GX 1.x) expectations and are evaluated by GX:
one ephemeral context, a pandas data source with one dataframe asset and whole-dataframe batch
definition for every resource, and an ``ExpectationSuite`` per resource validated against its batch.
Types starting ``pipeline_`` are checks GX does not have (counts per group, sign agreement) and
are evaluated here with pandas:

``pipeline_group_counts``   ``{"group_by": [...], "where": {col: value | [values]}, "count": n}``
    every group of ``group_by`` present in the table has exactly ``n`` rows matching ``where``
    (``group_by: []`` is the whole table; ``min``/``max`` may replace ``count``).
``pipeline_group_distinct`` ``{"group_by": [...], "where": {...}, "column": c, "count": n}``
    every group has exactly ``n`` distinct non-empty values of ``c`` among the rows matching ``where``.
``pipeline_same_sign``      ``{"columns": [a, b], "as_printed": false}``
    where both are given, ``a`` and ``b`` do not have opposite signs (0 agrees with anything); with
    ``"as_printed": true``, a text value is read as printed (pipeline.core.numbers): only a sign printed on
    it counts, a figure printed without one agrees with anything.

A suite names the columns of its table's schema, or a printed field its rows carry to validation and
``schemas/cell_columns.yaml`` lists (``offences_printed``: the count as printed), never published.

``run_suites`` returns one result per expectation, in suite-file order (files sorted by name).
"Row N" in messages is the N-th row (1-based) of the table as given.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.core.numbers import read_number
from pipeline.paths import EXPECTATIONS_DIR, SCHEMAS_DIR
from pipeline.validate import suite_cache

CUSTOM_PREFIX = "pipeline_"
GX_PREFIX = "expect_"
MAX_SHOWN = 5
ROW = "_row"  # hidden column: 1-based row number in the table as given
SKIPPED = "skipped: no rows"


class SuiteError(ValueError):
    """A suite file that cannot be run: its path, the entry and what is wrong."""


# --------------------------------------------------------------------------- suite files

def load_suites(directory: Path = EXPECTATIONS_DIR) -> list[dict]:
    """The suite files of ``directory``, sorted by file name, checked for shape and column names."""
    suites = []
    for path in sorted(directory.glob("*.json")):
        try:
            suite = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise SuiteError(f"{path}: not JSON: {e}") from e
        if not isinstance(suite, dict) or suite.get("name") != path.stem:
            raise SuiteError(f"{path}: must be an object whose \"name\" is {path.stem!r}")
        if not isinstance(suite.get("expectations"), list):
            raise SuiteError(f"{path}: \"expectations\" must be a list")
        columns = schema_columns(suite["name"]) + printed_columns(suite["name"])
        for i, entry in enumerate(suite["expectations"]):
            where = f"{path}: expectation {i} ({entry.get('type') if isinstance(entry, dict) else entry!r})"
            if not isinstance(entry, dict) or not isinstance(entry.get("type"), str) \
                    or not isinstance(entry.get("kwargs"), dict):
                raise SuiteError(f"{where}: needs \"type\" (string) and \"kwargs\" (object)")
            kind = entry["type"]
            if kind.startswith(CUSTOM_PREFIX):
                if kind not in CUSTOM_CHECKS:
                    raise SuiteError(f"{where}: unknown check; known: {', '.join(sorted(CUSTOM_CHECKS))}")
                _check_custom_kwargs(kind, entry["kwargs"], where)
            elif not kind.startswith(GX_PREFIX):
                raise SuiteError(f"{where}: type must start with {GX_PREFIX!r} or {CUSTOM_PREFIX!r}")
            unknown = [c for c in referenced_columns(entry) if columns and c not in columns]
            if unknown:
                raise SuiteError(f"{where}: no column {', '.join(unknown)} in schemas/{suite['name']}.schema.json")
        suites.append(suite)
    return suites


def schema_columns(resource: str) -> list[str]:
    """Field names of ``schemas/<resource>.schema.json`` (empty if there is no schema)."""
    path = SCHEMAS_DIR / f"{resource}.schema.json"
    if not path.exists():
        return []
    return [f["name"] for f in json.loads(path.read_text(encoding="utf-8"))["fields"]]


def printed_columns(resource: str) -> list[str]:
    """Columns of ``schemas/cell_columns.yaml`` for ``resource`` that its schema does not publish: printed text the
    rows carry into validation (``offences_printed``), which a suite may check too."""
    import yaml

    path = SCHEMAS_DIR / "cell_columns.yaml"
    mapping = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(resource) or {} if path.exists() else {}
    published = set(schema_columns(resource))
    return sorted({c for names in mapping.values() for c in names if c not in published})


def primary_key(resource: str) -> list[str]:
    path = SCHEMAS_DIR / f"{resource}.schema.json"
    if not path.exists():
        return []
    key = json.loads(path.read_text(encoding="utf-8")).get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def referenced_columns(entry: dict) -> list[str]:
    """Every column an expectation names (for checking suites against the schema)."""
    kw = entry.get("kwargs", {})
    cols: list[str] = []
    for k in ("column", "column_A", "column_B"):
        if isinstance(kw.get(k), str):
            cols.append(kw[k])
    for k in ("column_list", "columns", "group_by"):
        if isinstance(kw.get(k), list):
            cols.extend(c for c in kw[k] if isinstance(c, str))
    if isinstance(kw.get("where"), dict):
        cols.extend(kw["where"])
    cond = kw.get("row_condition")
    stack = [cond] if isinstance(cond, dict) else []
    while stack:
        node = stack.pop()
        col = node.get("column")
        if isinstance(col, dict) and isinstance(col.get("name"), str):
            cols.append(col["name"])
        stack.extend(c for c in node.get("conditions", []) if isinstance(c, dict))
    return list(dict.fromkeys(cols))


def _check_custom_kwargs(kind: str, kw: dict, where: str) -> None:
    def need(key: str, test: Callable[[Any], bool], what: str) -> None:
        if not test(kw.get(key)):
            raise SuiteError(f"{where}: kwargs.{key} must be {what}")

    is_names = lambda v: isinstance(v, list) and all(isinstance(c, str) for c in v)  # noqa: E731
    is_count = lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0  # noqa: E731
    if kind in ("pipeline_group_counts", "pipeline_group_distinct"):
        need("group_by", is_names, "a list of column names")
        need("where", lambda v: v is None or isinstance(v, dict), "an object {column: value or [values]}")
        if not any(k in kw for k in ("count", "min", "max")):
            raise SuiteError(f"{where}: kwargs needs \"count\" (or \"min\"/\"max\")")
        for k in ("count", "min", "max"):
            if k in kw:
                need(k, is_count, "a non-negative integer")
        if kind == "pipeline_group_distinct":
            need("column", lambda v: isinstance(v, str), "a column name")
    elif kind == "pipeline_same_sign":
        need("columns", lambda v: is_names(v) and len(v) == 2, "a list of two column names")
        need("as_printed", lambda v: v is None or isinstance(v, bool), "true or false")


# --------------------------------------------------------------------------- running

def run_suites(tables: dict[str, list[dict]], *, suites_dir: Path = EXPECTATIONS_DIR,
               cache_dir: Path | None = None) -> list[dict]:
    """Run every suite in schemas/expectations/ against its table; one result dict per expectation.

    ``tables`` maps resource name to its rows (column -> value, None for empty); a resource that is
    missing counts as a table with no rows. A suite whose table has no rows is skipped (each of its
    expectations gives a passing result saying "skipped: no rows") unless the suite says
    ``"skip_when_empty": false``. Raises SuiteError if a suite file is malformed (unknown type or column, bad kwargs).

    With ``cache_dir`` (pipeline.validate.suite_cache), a suite whose table, file, schema and
    code are unchanged since a run that cached them is not run again, and Great Expectations is
    not even imported when every suite is cached.
    """
    suites = load_suites(suites_dir)
    keys = [suite_cache.suite_key(suite, list(tables.get(suite["name"]) or [])) for suite in suites]
    cached = _cache_hits(suites, keys, tables, cache_dir)  # suite index -> cache entry
    frames: dict[str, Any] = {}
    results: list[list[dict | None]] = []
    to_run: list[tuple[int, dict]] = []  # (suite index, suite) for GX
    for s, suite in enumerate(suites):
        resource = suite["name"]
        rows = list(tables.get(resource) or [])
        skip = _skipped(suite, rows)
        if s in cached:
            results.append(list(cached[s]["results"]))
            continue
        frames[resource] = _frame(resource, rows)
        out: list[dict | None] = []
        for entry in suite["expectations"]:
            if skip:
                out.append(_result(resource, entry, True, SKIPPED, f"{resource}: {SKIPPED} ({_what(entry)})"))
            elif entry["type"].startswith(CUSTOM_PREFIX):
                out.append(_run_custom(resource, entry, frames[resource], rows))
            else:
                out.append(None)  # filled by GX
        results.append(out)
        if not skip:
            to_run.append((s, suite))

    if not to_run:
        return [r for out in results for r in out if r is not None]

    import logging

    gx_logger = logging.getLogger("great_expectations")
    level = gx_logger.level
    gx_logger.setLevel(logging.ERROR)  # GX logs INFO chatter (temporary folders, stores)
    try:
        _run_gx(suites, to_run, frames, tables, results, suites_dir)
        for s, _ in to_run:
            suite_cache.save(cache_dir, keys[s], {"results": results[s]})
    finally:
        gx_logger.setLevel(level)
    return [r for out in results for r in out if r is not None]


def needs_gx(tables: dict[str, list[dict]], *, suites_dir: Path = EXPECTATIONS_DIR,
             cache_dir: Path | None = None) -> bool:
    """Whether ``run_suites`` with these arguments would use Great Expectations (not when all is cached)."""
    if cache_dir is None:
        return True
    suites = load_suites(suites_dir)
    keys = [suite_cache.suite_key(suite, list(tables.get(suite["name"]) or [])) for suite in suites]
    hits = _cache_hits(suites, keys, tables, cache_dir)
    return any(s not in hits and not _skipped(suite, tables.get(suite["name"]) or []) for s, suite in enumerate(suites))


def _skipped(suite: dict, rows: list[dict]) -> bool:
    """A suite whose table has no rows is not run (unless it says ``"skip_when_empty": false``)."""
    return not rows and suite.get("skip_when_empty", True)


def _cache_hits(suites: list[dict], keys: list[str], tables: dict, cache_dir: Path | None) -> dict[int, dict]:
    """Cache entries of the suites that are run and whose results are cached, by suite index."""
    hits = {}
    for s, suite in enumerate(suites):
        if _skipped(suite, tables.get(suite["name"]) or []):
            continue
        entry = suite_cache.load(cache_dir, keys[s])
        if entry is not None and len(entry["results"]) == len(suite["expectations"]):
            hits[s] = entry
    return hits


def _frame(resource: str, rows: list[dict]):
    """The rows as a DataFrame: schema columns first, then printed ones (present even with no rows), then ``_row``."""
    import pandas as pd

    columns = schema_columns(resource) + printed_columns(resource)
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    df = pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(
        {c: pd.Series([], dtype=object) for c in columns})
    df[ROW] = range(1, len(df) + 1)
    return df


def _result(resource: str, entry: dict, success: bool, observed: Any, message: str) -> dict:
    return {"check": "expectation", "resource": resource, "expectation": entry["type"],
            "kwargs": json.loads(json.dumps(entry["kwargs"])), "success": bool(success),
            "observed": _jsonable(observed), "message": _one_line(message)}


def _what(entry: dict) -> str:
    """The expectation and the column(s) it checks, with its row condition if any."""
    kw = entry["kwargs"]
    cond = kw.get("row_condition")
    cols = [c for c in referenced_columns({"kwargs": {k: v for k, v in kw.items() if k != "row_condition"}})]
    return (entry["type"] + (f" on {', '.join(cols)}" if cols else "")
            + (f" where {_condition_text(cond)}" if cond else ""))


def _condition_text(cond: Any) -> str:
    """A GX row condition (as serialised in a suite file) in words."""
    if not isinstance(cond, dict):
        return str(cond)
    kind = cond.get("type")
    name = (cond.get("column") or {}).get("name") if isinstance(cond.get("column"), dict) else None
    if kind == "comparison" and name:
        return f"{name} {cond.get('operator')} {json.dumps(cond.get('parameter'), ensure_ascii=False)}"
    if kind == "nullity" and name:
        return f"{name} is {'' if cond.get('is_null') else 'not '}null"
    if kind in ("and", "or") and isinstance(cond.get("conditions"), list):
        return "(" + f" {kind} ".join(_condition_text(c) for c in cond["conditions"]) + ")"
    return json.dumps(cond, sort_keys=True, ensure_ascii=False)


# --------------------------------------------------------------------------- GX

def _run_gx(suites: list[dict], to_run: list[tuple[int, dict]], frames: dict, tables: dict,
            results: list[list[dict | None]], suites_dir: Path) -> None:
    """Evaluate the ``expect_*`` entries of the suites in ``to_run`` with GX, each validated against its batch
    (one dataframe asset serves every table: each asset added is written to the context's configuration)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig
        from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas(name="pipeline")
    batch = source.add_dataframe_asset(name="tables").add_batch_definition_whole_dataframe("all rows")
    running = {s for s, _ in to_run}
    for s, suite in enumerate(suites):
        entries = [(i, e) for i, e in enumerate(suite["expectations"]) if e["type"].startswith(GX_PREFIX)]
        built = []
        for i, entry in entries:
            meta = dict(entry.get("meta") or {})
            try:
                built.append(ExpectationConfiguration(
                    type=entry["type"], kwargs=dict(entry["kwargs"]), meta=meta,
                    notes=meta.get("why")).to_domain_obj())
            except Exception as e:  # unknown type, bad kwargs: the suite file is wrong
                raise SuiteError(f"{suites_dir / (suite['name'] + '.json')}: expectation {i} "
                                 f"({entry['type']}): {_one_line(str(e))}") from e
        if not built or s not in running:
            continue
        resource = suite["name"]
        gx_suite = context.suites.add(gx.ExpectationSuite(name=resource, expectations=built))
        stored = list(gx_suite.expectations)  # same order as ``entries``
        if [e.expectation_type for e in stored] != [entry["type"] for _, entry in entries]:
            raise RuntimeError(f"GX reordered the expectations of suite {resource!r}")
        ids = [e.id for e in stored]
        result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": [ROW]}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            run = batch.get_batch(batch_parameters={"dataframe": frames[resource]}).validate(
                gx_suite, result_format=result_format)
        by_id = {r.expectation_config.id: r for r in run.results}
        rows = list(tables.get(resource) or [])
        for (i, entry), exp_id in zip(entries, ids, strict=True):
            res = by_id.get(exp_id)
            results[s][i] = (_from_gx(resource, entry, res.to_json_dict(), rows) if res is not None else
                             _result(resource, entry, False, None,
                                     f"{resource}: {_what(entry)}: GX returned no result"))


def _from_gx(resource: str, entry: dict, res: dict, rows: list[dict]) -> dict:
    """One GX ExpectationValidationResult (as JSON dict) as a pipeline result."""
    where = f"{resource}: {_what(entry)}"
    exc = res.get("exception_info") or {}
    if exc.get("raised_exception"):
        msg = (exc.get("exception_message") or "exception").strip().splitlines()[0]
        return _result(resource, entry, False, {"exception": msg}, f"{where}: GX raised: {msg}")
    success = bool(res.get("success"))
    r = res.get("result") or {}
    if "unexpected_index_list" in r or "unexpected_count" in r:  # a row-by-row (map) expectation
        numbers = []
        for item in r.get("unexpected_index_list") or []:
            n = item.get(ROW) if isinstance(item, dict) else None
            if n is not None and int(n) not in numbers:
                numbers.append(int(n))
        observed = {"unexpected_count": r.get("unexpected_count", 0), "element_count": r.get("element_count"),
                    "rows": numbers[:MAX_SHOWN]}
        if success:
            return _result(resource, entry, True, observed, f"{where}: ok ({r.get('element_count')} rows)")
        count = r.get("unexpected_count", len(numbers))
        shown = (_rows_text(resource, rows, numbers, referenced_columns(entry)) if numbers else
                 "values " + json.dumps(_short((r.get("partial_unexpected_list") or [])[:MAX_SHOWN]),
                                        ensure_ascii=False))
        return _result(resource, entry, False, observed,
                       f"{where}: {count} of {r.get('element_count')} row(s) unexpected: {shown}")
    value_set = entry.get("kwargs", {}).get("value_set")
    if r.get("partial_missing_list") and isinstance(value_set, list) and \
            isinstance(r.get("observed_value"), list | None):  # None: an empty column
        # GX samples the missing values in set order; list all of them, sorted, so messages are deterministic
        r = {**r, "partial_missing_list": sorted(set(value_set) - set(r["observed_value"] or []), key=str)}
    observed_value = _short(_sorted_if_list(r.get("observed_value")))
    observed: dict = {"observed_value": observed_value}
    detail = ""
    for key in ("partial_missing_list", "missing_list", "unexpected_list"):
        if r.get(key):
            word = "missing" if "missing" in key else "unexpected"
            observed[word] = values = _short(_sorted_if_list(r[key]))
            count = r.get(f"{word}_count")
            if count is not None:
                observed[f"{word}_count"] = count
            detail = (f"; {word} {count if count is not None else len(values)} value(s)"
                      f"{', e.g.' if count is not None and count > len(values) else ':'} "
                      f"{json.dumps(values, ensure_ascii=False)}")
            break
    if success:
        return _result(resource, entry, True, observed,
                       f"{where}: ok (observed {json.dumps(observed_value, ensure_ascii=False)})")
    expected = {k: _short(v) for k, v in entry["kwargs"].items()
                if k not in ("column", "column_list", "row_condition")}
    return _result(resource, entry, False, observed,
                   f"{where}: expected {json.dumps(expected, sort_keys=True, ensure_ascii=False)}, "
                   f"observed {json.dumps(observed_value, ensure_ascii=False)}{detail}")


def _sorted_if_list(v: Any) -> Any:
    """GX builds some lists from sets: sort them so results do not depend on hash order."""
    if isinstance(v, (list, tuple, set)):
        return sorted(_jsonable(list(v)), key=lambda x: json.dumps(x, sort_keys=True))
    return v


# --------------------------------------------------------------------------- custom checks

def _run_custom(resource: str, entry: dict, df, rows: list[dict]) -> dict:
    try:
        return CUSTOM_CHECKS[entry["type"]](resource, entry, df, rows)
    except Exception as e:  # a data shape the check did not foresee: report, do not crash the build
        return _result(resource, entry, False, {"exception": _one_line(str(e))},
                       f"{resource}: {_what(entry)}: check raised {type(e).__name__}: {e}")


def _where_mask(df, where: dict | None):
    import pandas as pd

    mask = pd.Series(True, index=df.index)
    for col, want in (where or {}).items():
        if isinstance(want, list):
            mask &= df[col].isin(want)
        elif want is None:
            mask &= df[col].isna()
        else:
            mask &= df[col] == want
    return mask.fillna(False).astype(bool)


def _groups(df, group_by: list[str]):
    """(key tuple, row numbers) of every group present in ``df``, in order of first appearance."""
    if not group_by:
        return [((), list(df[ROW]))]
    out: dict[tuple, list[int]] = {}
    for key, number in zip(df[group_by].itertuples(index=False, name=None), df[ROW], strict=True):
        out.setdefault(tuple(None if _missing(v) else v for v in key), []).append(int(number))
    return list(out.items())


def _expected_text(kw: dict) -> str:
    if "count" in kw:
        return f"exactly {kw['count']}"
    lo, hi = kw.get("min"), kw.get("max")
    return f"between {lo} and {hi}" if lo is not None and hi is not None else (
        f"at least {lo}" if lo is not None else f"at most {hi}")


def _count_ok(n: int, kw: dict) -> bool:
    if "count" in kw:
        return n == kw["count"]
    return (kw.get("min") is None or n >= kw["min"]) and (kw.get("max") is None or n <= kw["max"])


def _group_check(resource: str, entry: dict, df, rows: list[dict], distinct: str | None) -> dict:
    kw = entry["kwargs"]
    group_by = list(kw["group_by"])
    matching = set(df.loc[_where_mask(df, kw.get("where")), ROW].astype(int))
    groups = _groups(df, group_by)
    bad = []
    for key, numbers in groups:
        hits = [n for n in numbers if n in matching]
        if distinct is None:
            n = len(hits)
            values = None
        else:
            values = sorted({_display(rows[h - 1].get(distinct)) for h in hits
                             if not _missing(rows[h - 1].get(distinct))}, key=str)
            n = len(values)
        if not _count_ok(n, kw):
            bad.append((key, n, values, hits))
    cond = " and ".join(f"{c}={'|'.join(map(str, v)) if isinstance(v, list) else v}"
                        for c, v in (kw.get("where") or {}).items())
    per = f"per ({', '.join(group_by)})" if group_by else "in the table"
    counted = f"distinct {distinct}" if distinct else "rows"
    where = (f"{resource}: {entry['type']}: {per}{' where ' + cond if cond else ''}: "
             f"{_expected_text(kw)} {counted}")
    groups_total = len(groups)
    observed = {"groups": groups_total, "failing_groups": len(bad),
                "examples": [{"group": dict(zip(group_by, key, strict=True)), "found": n}
                             for key, n, _, _ in bad[:MAX_SHOWN]]}
    if not bad:
        return _result(resource, entry, True, observed, f"{where}: ok ({groups_total} group(s))")
    shown = []
    for key, n, values, hits in bad[:MAX_SHOWN]:
        label = ", ".join(f"{c}={_display(v)}" for c, v in zip(group_by, key, strict=True)) or "whole table"
        found = f"{n} {counted}" + (f" {values}" if values is not None else "")
        rows_text = f" (rows {', '.join(map(str, hits[:MAX_SHOWN]))}{'…' if len(hits) > MAX_SHOWN else ''})" \
            if hits else ""
        shown.append(f"({label}) has {found}{rows_text}")
    more = f"; …and {len(bad) - MAX_SHOWN} more group(s)" if len(bad) > MAX_SHOWN else ""
    return _result(resource, entry, False, observed,
                   f"{where}: {len(bad)} group(s) differ: {'; '.join(shown)}{more}")


def _group_counts(resource: str, entry: dict, df, rows: list[dict]) -> dict:
    return _group_check(resource, entry, df, rows, None)


def _group_distinct(resource: str, entry: dict, df, rows: list[dict]) -> dict:
    return _group_check(resource, entry, df, rows, entry["kwargs"]["column"])


def _printed_sign(v: Any) -> float:
    """-1, +1 or 0 for a value; for text, the sign printed on it (0 when none, NaN when it is not a number)."""
    if isinstance(v, str):
        try:
            return {"-": -1.0, "+": 1.0, "": 0.0}[read_number(v).sign]
        except ValueError:
            return math.nan
    return math.nan if _missing(v) else float(v)


def _same_sign(resource: str, entry: dict, df, rows: list[dict]) -> dict:
    import pandas as pd

    a, b = entry["kwargs"]["columns"]
    if entry["kwargs"].get("as_printed"):
        x, y = (pd.Series([_printed_sign(v) for v in df[c]], index=df.index, dtype=float) for c in (a, b))
    else:
        x, y = pd.to_numeric(df[a], errors="coerce"), pd.to_numeric(df[b], errors="coerce")
    both = x.notna() & y.notna()
    opposite = both & (((x > 0) & (y < 0)) | ((x < 0) & (y > 0)))
    numbers = [int(n) for n in df.loc[opposite, ROW]]
    observed = {"unexpected_count": len(numbers), "element_count": int(both.sum()), "rows": numbers}
    where = f"{resource}: {entry['type']} on {a}, {b}"
    if not numbers:
        return _result(resource, entry, True, observed, f"{where}: ok ({int(both.sum())} rows with both)")
    return _result(resource, entry, False, observed,
                   f"{where}: {len(numbers)} of {int(both.sum())} row(s) have opposite signs: "
                   f"{_rows_text(resource, rows, numbers, [a, b])}")


CUSTOM_CHECKS: dict[str, Callable[..., dict]] = {
    "pipeline_group_counts": _group_counts,
    "pipeline_group_distinct": _group_distinct,
    "pipeline_same_sign": _same_sign,
}


# --------------------------------------------------------------------------- formatting

def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _display(v: Any) -> Any:
    if _missing(v):
        return None
    if hasattr(v, "item"):  # numpy scalar
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _rows_text(resource: str, rows: list[dict], numbers: list[int], columns: list[str]) -> str:
    """Up to MAX_SHOWN rows: number, primary key and the checked columns' values as given."""
    key = primary_key(resource)
    parts = []
    for n in numbers[:MAX_SHOWN]:
        row = rows[n - 1] if 0 < n <= len(rows) else {}
        place = ", ".join(f"{c}={_display(row.get(c))}" for c in key)
        vals = ", ".join(f"{c}={json.dumps(_jsonable(row.get(c)), ensure_ascii=False)}"
                         for c in columns if c not in key)
        parts.append(f"row {n} ({place})" + (f" {vals}" if vals else ""))
    more = f"; …and {len(numbers) - MAX_SHOWN} more" if len(numbers) > MAX_SHOWN else ""
    return "; ".join(parts) + more


def _short(v: Any) -> Any:
    v = _jsonable(v)
    if isinstance(v, list) and len(v) > MAX_SHOWN * 2:
        return v[:MAX_SHOWN * 2] + [f"…{len(v) - MAX_SHOWN * 2} more"]
    if isinstance(v, dict) and len(v) > MAX_SHOWN * 2:
        return {k: v[k] for k in list(v)[:MAX_SHOWN * 2]}
    return v


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set)):
        items = [_jsonable(x) for x in v]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True)) if isinstance(v, set) else items
    if _missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (TypeError, ValueError):
            return str(v)
    if isinstance(v, float) and (math.isinf(v)):
        return str(v)
    if isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
