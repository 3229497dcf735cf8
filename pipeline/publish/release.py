"""A release against the previous package at --out: next version, CHANGELOG.md, reports/changes.json,
and reports/metrics.json (the DVC metric of the publish stage)."""
from __future__ import annotations

import json
import os
from pathlib import Path

from pipeline.diff import NotAPackage, Package, diff_packages, load_package
from pipeline.errors import UsageError, shown
from pipeline.jsonio import read_json, write_json
from pipeline.publish.changelog import changelog, release_notes
from pipeline.publish.removals import removed_sources
from pipeline.publish.version import SEMVER, next_version, release_level
from pipeline.safe_files import UnsafeFile, inside, read_text


MAX_HISTORY_BYTES = 64 * 1024 * 1024  # CHANGELOG.md and reports/changes.json of the previous release


def _unreadable(out: Path, why: str) -> UsageError:
    return UsageError(f"--out {shown(out)}: the package published there cannot be read as the previous release "
                      f"({why}); nothing was changed: move it away (it is then a first release) or restore it")


def previous_package(out: Path) -> Package | None:
    """The package published at --out before this build (None when there is none); UsageError in one line when it
    cannot be read safely (a file outside it, not a regular file, too large, malformed): never read past it."""
    if not (os.path.lexists(out / "datapackage.json")):
        return None
    try:
        return load_package(out)
    except NotAPackage as e:
        raise _unreadable(out, str(e).removeprefix(f"{shown(out)}: ")) from None


def _history(previous: Package, name: str) -> str | None:
    """The text of the previous release's CHANGELOG.md or reports/changes.json (None when it has none)."""
    path = previous.path / name
    if not os.path.lexists(path):
        return None
    try:
        return read_text(inside(previous.path, name), MAX_HISTORY_BYTES)
    except UnsafeFile as e:
        raise _unreadable(previous.path, str(e)) from None


def _republish(stage: Path, previous: Package) -> dict | None:
    """Nothing changed: the previous release's CHANGELOG.md and changes, byte for byte (None if it has none)."""
    log, changes = _history(previous, "CHANGELOG.md"), _history(previous, "reports/changes.json")
    if log is None or changes is None:
        return None
    try:
        data = json.loads(changes)
    except (ValueError, RecursionError) as e:
        raise _unreadable(previous.path, f"reports/changes.json is not JSON: {e}") from None
    if not isinstance(data, dict):
        raise _unreadable(previous.path, "reports/changes.json is not a JSON object")
    (stage / "CHANGELOG.md").write_text(log, encoding="utf-8", newline="")
    (stage / "reports" / "changes.json").write_text(changes, encoding="utf-8", newline="")
    return data


def make_release(stage: Path, out: Path, descriptor: dict, tables: dict[str, list[dict]], first_version: str,
                 override: str | None = None, release_date: str | None = None,
                 removals: dict[str, str] | None = None, skipped: dict[str, str] | None = None) -> dict:
    """Set the descriptor's version and release date; write CHANGELOG.md and reports/changes.json into `stage`;
    return the changes, with the sources removed since the previous release and why (`removals`: those the
    publisher recorded, source_id -> reason; `skipped`: file -> reason of the PDFs skipped by --skip-bad).
    MissingSources when a source of the previous release is missing and its removal is not recorded."""
    previous = previous_package(out)
    prev_version = str(previous.descriptor.get("version") or "") if previous else None
    before = {s["source_id"]: s.get("file") or "" for s in previous.tables.get("sources", []) if s.get("source_id")} \
        if previous else {}
    removed = removed_sources(before, {s["source_id"] for s in tables.get("sources", [])}, removals or {},
                              skipped or {}, shown(out))
    diff = diff_packages(previous, Package(stage, descriptor, tables)) if previous else None
    level = release_level(diff) if diff else None
    version = next_version(prev_version, level, first_version, override)
    descriptor["version"] = version
    (stage / "reports").mkdir(parents=True, exist_ok=True)
    if previous and level is None and version == prev_version:
        same = _republish(stage, previous)
        if same is not None:
            _date(descriptor, previous.descriptor.get("released"))  # the release date is the version's
            return same
    _date(descriptor, release_date)
    prev_text = _history(previous, "CHANGELOG.md") if previous else None
    valid_prev = prev_version if prev_version and SEMVER.match(prev_version) else None
    text = changelog(version, release_date, descriptor.get("created"), valid_prev, level,
                     release_notes(diff, tables, removed), prev_text)
    (stage / "CHANGELOG.md").write_text(text, encoding="utf-8", newline="\n")
    if diff:
        for side in ("old", "new"):
            diff[side].pop("path", None)  # build folders differ between runs; the bytes must not
        diff["new"]["version"] = version
    changes = {"version": version, "previous_version": prev_version, "level": level, "released": release_date,
               "removed": removed, "diff": diff}
    write_json(stage / "reports" / "changes.json", changes)
    return changes


def _date(descriptor: dict, released: str | None) -> None:
    """The descriptor's `released` (the release date), or none when the build is not a release."""
    descriptor.pop("released", None)
    if released:
        descriptor["released"] = str(released)


def _coverage(stage: Path) -> dict:
    """reports/coverage.json in brief: words of table regions, list items and prose figures, and what is left."""
    path = stage / "reports" / "coverage.json"
    report = read_json(path) if path.is_file() else {}
    sources = report.get("sources", [])

    def total(part: str, key: str) -> int:
        return sum(int((s.get(part) or {}).get(key) or 0) for s in sources)

    return {"table_words": total("table_words", "words"), "table_words_assigned": total("table_words", "assigned"),
            "table_words_explained": total("table_words", "explained"), "list_items": total("list_items", "items"),
            "prose_figures_published": total("prose", "published"), "left_over": int(report.get("left_over") or 0)}


def write_metrics(stage: Path, build: dict) -> dict:
    """reports/metrics.json (the DVC metric): rows per resource, checks passed and failed, coverage, errata,
    quarantined, skipped and removed sources."""
    validation = read_json(stage / "reports" / "validation.json") if (stage / "reports" / "validation.json").is_file() \
        else {}
    checks = validation.get("checks", [])
    metrics = {"rows": build.get("rows", {}),
               "checks": {"passed": sum(1 for c in checks if c.get("success")),
                          "failed": sum(1 for c in checks if not c.get("success"))},
               "coverage": _coverage(stage),
               "errata": len(validation.get("errata", [])), "quarantined": len(build.get("quarantine", [])),
               "skipped": len(build.get("skipped", [])), "removed": len(build.get("removed", []))}
    write_json(stage / "reports" / "metrics.json", metrics)
    return metrics
