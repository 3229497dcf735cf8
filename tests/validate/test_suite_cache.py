"""Cached expectation-suite results (pipeline/validate/suite_cache.py, used by run_suites)."""
from __future__ import annotations

import copy

import pytest

import pipeline.validate.expectations as ex
from pipeline.validate.expectations import run_suites
from tests.validate.test_expectations import _boroughs, _crime_types, _officers, _priorities


def _tables() -> dict:
    return {"borough_priorities": _priorities(), "officer_allocations": _officers(), "boroughs": _boroughs(),
            "crime_types": _crime_types()}


@pytest.fixture
def gx_runs(monkeypatch) -> list[list[str]]:
    """The resources each call of the GX runner evaluated."""
    calls: list[list[str]] = []
    real = ex._run_gx

    def spy(suites, to_run, *args, **kwargs):
        calls.append([suite["name"] for _, suite in to_run])
        return real(suites, to_run, *args, **kwargs)

    monkeypatch.setattr(ex, "_run_gx", spy)
    return calls


def test_an_unchanged_run_is_served_from_the_cache_without_gx(tmp_path, gx_runs):
    cache, tables = tmp_path / "cache", _tables()
    first = run_suites(tables, cache_dir=cache)
    assert gx_runs == [sorted(tables)]
    second = run_suites(tables, cache_dir=cache)
    assert gx_runs == [sorted(tables)]  # GX was not called again
    assert second == first


def test_only_the_changed_table_is_validated_again_and_reports_match_a_fresh_run(tmp_path, gx_runs):
    cache, tables = tmp_path / "cache", _tables()
    run_suites(tables, cache_dir=cache)
    changed = copy.deepcopy(tables)
    changed["officer_allocations"][3]["officers"] = -5  # out of range: must fail, not come from the cache
    mixed = run_suites(changed, cache_dir=cache)
    assert gx_runs[-1] == ["officer_allocations"]
    fresh = run_suites(changed)  # no cache at all
    assert mixed == fresh
    failed = [r for r in mixed if not r["success"]]
    assert [(r["resource"], r["expectation"]) for r in failed] == [
        ("officer_allocations", "expect_column_values_to_be_between")]


def test_a_failure_is_cached_as_a_failure(tmp_path, gx_runs):
    cache, tables = tmp_path / "cache", _tables()
    tables["borough_priorities"][0]["gss_code"] = "E09999999"
    first = run_suites(tables, cache_dir=cache)
    second = run_suites(tables, cache_dir=cache)
    assert len(gx_runs) == 1
    assert second == first and any(not r["success"] for r in second if r["resource"] == "borough_priorities")


def test_a_broken_cache_entry_is_ignored(tmp_path, gx_runs):
    cache, tables = tmp_path / "cache", _tables()
    first = run_suites(tables, cache_dir=cache)
    for entry in cache.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert run_suites(tables, cache_dir=cache) == first
    assert len(gx_runs) == 2


def test_a_changed_suite_file_is_not_served_from_the_cache(tmp_path, gx_runs):
    cache, tables = tmp_path / "cache", _tables()
    suites = tmp_path / "suites"
    suites.mkdir()
    for p in ex.EXPECTATIONS_DIR.glob("*.json"):
        (suites / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    run_suites(tables, suites_dir=suites, cache_dir=cache)
    path = suites / "officer_allocations.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"max_value": 3000', '"max_value": 30'),
                    encoding="utf-8")
    results = run_suites(tables, suites_dir=suites, cache_dir=cache)
    assert gx_runs[-1] == ["officer_allocations"]
    assert any(not r["success"] and r["resource"] == "officer_allocations" for r in results)


def test_needs_gx_only_until_every_suite_is_cached(tmp_path):
    cache, tables = tmp_path / "cache", _tables()
    assert ex.needs_gx(tables, cache_dir=None)
    assert ex.needs_gx(tables, cache_dir=cache)
    run_suites(tables, cache_dir=cache)
    assert not ex.needs_gx(tables, cache_dir=cache)
    changed = copy.deepcopy(tables)
    changed["boroughs"][0]["borough"] = "Somewhere else"
    assert ex.needs_gx(changed, cache_dir=cache)
