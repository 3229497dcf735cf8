"""The Great Expectations suites of schemas/expectations/ (pipeline/validate/expectations.py)."""
from __future__ import annotations

import copy
import json

import pytest

from pipeline.normalise.figures import measures_code_list
import yaml

from pipeline.paths import EXPECTATIONS_DIR, VOCAB_DIR
from pipeline.validate.expectations import SuiteError, load_suites, run_suites

MPS = [f"E090000{n:02d}" for n in range(2, 34)]
HIGH_HARM = ["sexual_violence", "domestic_abuse", "child_sexual_exploitation", "weapon_based_crime", "hate_crime"]
LOCAL = ["burglary", "robbery", "theft_from_person", "criminal_damage", "anti_social_behaviour", "knife_crime"]
SOURCE = "local-borough-priorities-2017-18"


def _boroughs() -> list[dict]:
    data = yaml.safe_load((VOCAB_DIR / "boroughs.yaml").read_text(encoding="utf-8"))["boroughs"]
    return [{"gss_code": b["gss_code"], "borough": b["borough"], "in_mps": b["in_mps"]} for b in data]


def _crime_types() -> list[dict]:
    data = yaml.safe_load((VOCAB_DIR / "crime_types.yaml").read_text(encoding="utf-8"))["crime_types"]
    return [{"crime_type_id": c["crime_type_id"], "label": c.get("label", c["crime_type_id"]),
             "high_harm": bool(c.get("high_harm", False))} for c in data]


def _priorities() -> list[dict]:
    rows = []
    for i, gss in enumerate(MPS):
        volume = "burglary" if i % 2 else "robbery"
        local = [c for c in LOCAL if c != volume]
        chosen = [("mandatory_high_harm", c, None) for c in HIGH_HARM] + [
            ("mandatory_volume", volume, None), ("local", local[i % 5], 1), ("local", local[(i + 1) % 5], 2)]
        if i == 7:  # a compound label: two crime types of rank 2
            chosen.append(("local", local[(i + 2) % 5], 2))
        rows += [{"period": "2017-18", "gss_code": gss, "priority_kind": kind, "crime_type_id": crime, "rank": rank,
                  "label_raw": crime.replace("_", " ").title(), "source_id": SOURCE, "page": 2 + i // 8}
                 for kind, crime, rank in chosen]
    return rows


def _officers() -> list[dict]:
    return [{"gss_code": gss, "team": team, "year": year,
             "officers": 18 + i if team == "safer_neighbourhoods" else 500 + 7 * i,
             "borough_raw": f"Borough {i}", "source_id": "draft-police-and-crime-plan-2013", "page": 40}
            for team in ("safer_neighbourhoods", "borough_total") for year in (2010, 2012, 2015)
            for i, gss in enumerate(MPS)]


def _performance() -> list[dict]:
    changes = [(-120, -10.5, "120", "\u221210.5"), (382, 25.5, "382", "+25.5"), (0, 0.0, "0", "0.0"),
               (-3, -1.2, "\u22123", "\u22121.2"), (14, 3.3, "14", "3.3")]  # and as printed: a count signed or not
    return [{"period": "2009-10", "gss_code": gss, "crime_type_id": crime, "label_raw": crime,
             "offences_change": changes[(i + j) % 5][0], "percent_change": changes[(i + j) % 5][1],
             "offences_printed": changes[(i + j) % 5][2], "percent_printed": changes[(i + j) % 5][3],
             "target_status": [None, "achieved", "missed"][(i + j) % 3], "source_id": "lps-havering-2009-10", "page": 3}
            for i, gss in enumerate(MPS[:2]) for j, crime in enumerate(["burglary", "robbery", "gun_crime"])]


def _targets() -> list[dict]:
    return [{"period": "2009-10", "gss_code": "E09000016", "crime_type_id": crime, "target_reduction_percent": pct,
             "label_raw": crime, "line": f"Reduce {crime} by {pct}%", "source_id": "lps-havering-2009-10", "page": 5}
            for crime, pct in [("burglary", 5.0), ("robbery", 3.5), ("gun_crime", 10.0)]]


def _figures() -> list[dict]:
    return [{"figure_id": f"{n:016x}", "source_id": "mayor-letter-mgla190319-8293", "figure_no": n, "page": 1,
             "value": v, "unit": u, "printed": p, "measure": None, "kind": "level", "direction": None, "period": None,
             "gss_code": g, "area": None, "crime_type_id": c, "compared_with": None, "sentence": f"... {p} ..."}
            for n, (v, u, p, g, c) in enumerate([(13.0, "percent", "13%", None, "knife_crime"),
                                                  (1300, "count", "1,300", "E09000001", None),
                                                  (2.5, "percentage_points", "2.5 points", None, None),
                                                  (45000000, "gbp", "£45m", None, None)], start=1)]


def _sources() -> list[dict]:
    return [{"source_id": s, "title": s, "file": f"{s}.pdf", "sha256": f"{n:064x}", "bytes": 1000 + n, "pages": 3,
             "family": "mayors_letter", "licence": "OGL-UK-3.0"}
            for n, s in enumerate(["local-borough-priorities-2017-18", "draft-police-and-crime-plan-2013",
                                   "lps-havering-2009-10", "mayor-letter-mgla190319-8293"], start=1)]


GOOD = {"borough_priorities": _priorities(), "officer_allocations": _officers(), "borough_performance": _performance(),
        "borough_targets": _targets(), "reported_figures": _figures(), "boroughs": _boroughs(),
        "crime_types": _crime_types(), "sources": _sources(), "measures": measures_code_list()}


def tables(**changes) -> dict[str, list[dict]]:
    """All the good tables, with ``changes``."""
    out = copy.deepcopy(GOOD)
    out.update(changes)
    return out


def check(**changed) -> list[dict]:
    """run_suites on the ``changed`` tables (the others are left out, so skipped), and the reference tables."""
    return run_suites({"boroughs": _boroughs(), "crime_types": _crime_types(), **changed})


def failures(results: list[dict]) -> list[dict]:
    return [r for r in results if not r["success"]]


def only_failure(results: list[dict], resource: str, expectation: str, **kwargs) -> dict:
    bad = failures(results)
    hit = [r for r in bad if r["resource"] == resource and r["expectation"] == expectation
           and all(r["kwargs"].get(k) == v for k, v in kwargs.items())]
    assert len(hit) == 1, json.dumps(bad, indent=1)
    return hit[0]


@pytest.fixture(scope="module")
def good_results() -> list[dict]:
    return run_suites(tables())


def test_good_tables_pass(good_results):
    assert good_results and not failures(good_results), json.dumps(failures(good_results), indent=1)
    assert {r["resource"] for r in good_results} == {p.stem for p in EXPECTATIONS_DIR.glob("*.json")}
    for r in good_results:
        assert set(r) == {"check", "resource", "expectation", "kwargs", "success", "observed", "message"}
        assert r["check"] == "expectation" and "\n" not in r["message"]
        json.dumps(r)


def _row_of(rows: list[dict], **match) -> int:
    return next(i for i, r in enumerate(rows) if all(r[k] == v for k, v in match.items()))


def _broken_tables() -> tuple[dict[str, list[dict]], dict[str, int]]:
    """Tables broken in independent places (different boroughs), and the 1-based rows broken."""
    at: dict[str, int] = {}
    pri = [r for r in _priorities() if r["gss_code"] != "E09000033"]  # a borough missing from the period
    dup = _row_of(pri, gss_code="E09000014", priority_kind="mandatory_volume")
    pri.insert(dup + 1, dict(pri[dup]))  # a duplicated row
    at["dup"] = dup + 1
    del pri[_row_of(pri, gss_code="E09000020", priority_kind="local", rank=2)]  # only one local rank
    at["rank3"] = _row_of(pri, gss_code="E09000007", priority_kind="local", rank=2) + 1
    pri[at["rank3"] - 1]["rank"] = 3
    at["ranked"] = _row_of(pri, gss_code="E09000009", priority_kind="mandatory_volume") + 1
    pri[at["ranked"] - 1]["rank"] = 1
    perf = _performance()
    at["sign"] = _row_of(perf, gss_code="E09000003", crime_type_id="robbery") + 1
    perf[at["sign"] - 1].update(offences_change=382, percent_change=-25.5)
    off = _officers()
    at["officers"] = _row_of(off, gss_code="E09000025", team="borough_total", year=2012) + 1
    off[at["officers"] - 1]["officers"] = 50000
    tgt = _targets()
    tgt[0]["gss_code"] = "E09000001"
    at["priorities"] = len(pri)
    return {"borough_priorities": pri, "borough_performance": perf, "officer_allocations": off,
            "borough_targets": tgt}, at


@pytest.fixture(scope="module")
def broken() -> tuple[list[dict], dict[str, int]]:
    """One run over the broken tables (and the reference tables); the rows broken."""
    broken_tables, at = _broken_tables()
    return check(**broken_tables), at


def test_broken_tables_fail_exactly_the_checks_they_break(broken):
    results, _ = broken
    failed = sorted((r["resource"], r["expectation"], r["kwargs"].get("column", r["kwargs"].get("count")))
                    for r in failures(results))
    assert failed == [
        ("borough_performance", "pipeline_same_sign", None),
        ("borough_priorities", "expect_column_values_to_be_null", "rank"),
        ("borough_priorities", "pipeline_group_counts", 1),
        ("borough_priorities", "pipeline_group_distinct", "gss_code"),
        ("borough_priorities", "pipeline_group_distinct", "rank"),
        ("borough_targets", "expect_column_values_to_match_regex", "gss_code"),
        ("officer_allocations", "expect_column_values_to_be_between", "officers"),
    ]
    for r in failures(results):
        assert r["message"].startswith(r["resource"] + ": ") and "\n" not in r["message"]


def test_results_are_deterministic(broken):
    assert check(**_broken_tables()[0]) == broken[0]


def test_duplicated_borough_row_fails_the_per_borough_count(broken):
    results, at = broken
    n = at["dup"]  # the duplicated primary key itself is the Table Schema's to report (Frictionless)
    r = only_failure(results, "borough_priorities", "pipeline_group_counts", count=1)
    assert f"(period=2017-18, gss_code=E09000014) has 2 rows (rows {n}, {n + 1})" in r["message"], r["message"]


def test_borough_with_one_local_rank_fails(broken):
    r = only_failure(broken[0], "borough_priorities", "pipeline_group_distinct", column="rank")
    assert "per (period, gss_code) where priority_kind=local: exactly 2 distinct rank" in r["message"]
    assert "1 group(s) differ: (period=2017-18, gss_code=E09000020) has 1 distinct rank [1]" in r["message"]
    assert r["observed"]["failing_groups"] == 1


def test_borough_missing_from_a_period_fails(broken):
    r = only_failure(broken[0], "borough_priorities", "pipeline_group_distinct", column="gss_code")
    assert "(period=2017-18) has 31 distinct gss_code" in r["message"], r["message"]


def test_rank_3_is_left_to_the_schema(broken):
    """rank's value set is a Table Schema enum: no expectation repeats it, so GX reports nothing for it."""
    results, at = broken
    assert not [r for r in failures(results) if f"row {at['rank3']} " in r["message"]]


def test_rank_on_a_mandatory_priority_fails(broken):
    results, at = broken
    r = only_failure(results, "borough_priorities", "expect_column_values_to_be_null", column="rank")
    assert 'where priority_kind != "local"' in r["message"]
    assert f"row {at['ranked']} (period=2017-18, gss_code=E09000009, priority_kind=mandatory_volume" in r["message"]


def test_wrong_sign_fails(broken):
    results, at = broken
    r = only_failure(results, "borough_performance", "pipeline_same_sign")
    assert (f"row {at['sign']} (period=2009-10, gss_code=E09000003, crime_type_id=robbery) "
            "offences_change=382, percent_change=-25.5") in r["message"], r["message"]
    assert r["observed"]["rows"] == [at["sign"]]


def test_signs_are_compared_as_printed_so_a_lost_sign_fails():
    """A row printed "+361 offences or −22.9%" whose count took its percentage's sign: the published values agree, so
    comparing them cannot see the lost "+"; the values as printed disagree, and so do the count and its print."""
    perf = _performance()
    perf[0].update(offences_change=-361, percent_change=-22.9, offences_printed="+361", percent_printed="\u221222.9")
    results = check(borough_performance=perf)
    printed = only_failure(results, "borough_performance", "pipeline_same_sign",
                           columns=["offences_printed", "percent_printed"])
    assert printed["observed"]["rows"] == [1]
    assert 'offences_printed="+361", percent_printed="\u221222.9"' in printed["message"], printed["message"]
    kept = only_failure(results, "borough_performance", "pipeline_same_sign",
                        columns=["offences_change", "offences_printed"])
    assert kept["observed"]["rows"] == [1]
    assert not [r for r in failures(results) if r["kwargs"].get("columns") == ["offences_change", "percent_change"]]


def test_a_minus_printed_on_the_count_and_lost_fails():
    """"−361 offences or 22.9%" published as +361 (the count's minus dropped): the count no longer keeps its print."""
    perf = _performance()
    perf[0].update(offences_change=361, percent_change=22.9, offences_printed="\u2212361", percent_printed="22.9")
    r = only_failure(check(borough_performance=perf), "borough_performance", "pipeline_same_sign",
                     columns=["offences_change", "offences_printed"])
    assert r["observed"]["rows"] == [1]


def test_implausible_officer_count_fails(broken):
    results, at = broken
    r = only_failure(results, "officer_allocations", "expect_column_values_to_be_between", column="officers")
    assert (f"row {at['officers']} (source_id=draft-police-and-crime-plan-2013, gss_code=E09000025, "
            "team=borough_total, year=2012) officers=50000") in r["message"], r["message"]


def test_city_of_london_is_not_an_mps_borough(broken):
    r = only_failure(broken[0], "borough_targets", "expect_column_values_to_match_regex", column="gss_code")
    assert "row 1 (period=2009-10, gss_code=E09000001, crime_type_id=burglary)" in r["message"]


def test_empty_tables_are_skipped():
    empty = {k: [] for k in ("borough_priorities", "officer_allocations", "borough_performance", "borough_targets",
                             "reported_figures")}
    results = check(**empty, sources=_sources()[-1:])  # a build with only the letter
    assert not failures(results), json.dumps(failures(results), indent=1)
    skipped = [r for r in results if r["observed"] == "skipped: no rows"]
    assert {r["resource"] for r in skipped} == set(empty)
    assert all("skipped: no rows" in r["message"] and r["resource"] in r["message"] for r in skipped)
    assert len(skipped) == sum(len(s["expectations"]) for s in load_suites() if s["name"] in empty)
    # a table left out is a table with no rows
    assert [r for r in check() if r["resource"] in empty] == skipped


def test_boroughs_and_crime_types_are_never_skipped():
    results = run_suites({"boroughs": _boroughs()[:-1], "crime_types": []})
    r = only_failure(results, "boroughs", "expect_table_row_count_to_equal")
    assert "observed 32" in r["message"]
    r = only_failure(results, "boroughs", "pipeline_group_counts")
    assert "(whole table) has 31 rows" in r["message"], r["message"]
    r = only_failure(results, "crime_types", "expect_column_distinct_values_to_contain_set")
    assert "knife_crime" in r["message"]
    assert not any(r["observed"] == "skipped: no rows" for r in results if r["resource"] == "crime_types")


def test_every_suite_file_is_well_formed():
    suites = load_suites()
    assert [s["name"] for s in suites] == sorted(p.stem for p in EXPECTATIONS_DIR.glob("*.json"))
    for suite in suites:
        assert suite["expectations"]
        for e in suite["expectations"]:
            assert e["meta"]["why"], (suite["name"], e)


def test_a_suite_naming_an_unknown_column_is_refused(tmp_path):
    (tmp_path / "borough_targets.json").write_text(json.dumps({"name": "borough_targets", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "target"}}]}))
    with pytest.raises(SuiteError, match="no column target"):
        load_suites(tmp_path)
    (tmp_path / "borough_targets.json").write_text(json.dumps({"name": "borough_targets", "expectations": [
        {"type": "pipeline_group_count", "kwargs": {}}]}))
    with pytest.raises(SuiteError, match="unknown check"):
        load_suites(tmp_path)


@pytest.mark.parametrize("entry, error", [
    ({"type": "expect_column_values_to_be_nice", "kwargs": {"column": "page"}}, "expect_column_values_to_be_nice"),
    ({"type": "expect_column_values_to_be_between", "kwargs": {"column": "page", "min_valu": 1}}, "min_valu"),
])
def test_a_suite_gx_cannot_build_is_refused(tmp_path, entry, error):
    (tmp_path / "borough_targets.json").write_text(json.dumps({"name": "borough_targets", "expectations": [entry]}))
    with pytest.raises(SuiteError, match=error):
        run_suites({"borough_targets": _targets()}, suites_dir=tmp_path)


def test_a_figure_id_used_twice_is_left_to_the_schema():
    """figure_id is reported_figures' primary key: Frictionless reports a repeat, no suite repeats the check."""
    rows = _figures()
    rows[1]["figure_id"] = rows[0]["figure_id"]
    assert not [r for r in failures(check(reported_figures=rows)) if r["resource"] == "reported_figures"]


@pytest.mark.slow
def test_missing_values_of_an_empty_column_are_listed_the_same_under_any_hash_seed():
    """GX samples missing values in set order (it changes with PYTHONHASHSEED): the message lists them sorted."""
    import subprocess
    import sys

    from tests.conftest import REPO

    code = ("import tests.validate.test_expectations as t\n"
            "r = t.run_suites({'boroughs': t._boroughs(), 'crime_types': []})\n"
            "print(t.only_failure(r, 'crime_types', 'expect_column_distinct_values_to_contain_set')['message'])\n")
    messages = {subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                               env={**__import__("os").environ, "PYTHONHASHSEED": seed,
                                    "PYTHONPATH": f"{REPO}:{REPO / 'tests'}"}).stdout
                for seed in ("1", "11")}
    assert len(messages) == 1 and '"knife_crime"' in messages.pop()
