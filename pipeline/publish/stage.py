"""Publish stage: the validated package + codebook + build report -> --out, atomically."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.coverage import coverage_markdown
from pipeline.interim import MARKER, fresh_folder
from pipeline.jsonio import read_json, write_json
from pipeline.publish.atomic import publish_folder
from pipeline.publish.cells import clean_texts
from pipeline.publish.guard import check_out
from pipeline.publish.bundle import bundle_entry, write_bundle
from pipeline.publish.citation import citation_cff
from pipeline.publish.codebook import descriptor_to_codebook
from pipeline.publish.exports.formats import add_exports
from pipeline.publish.landing import write_landing
from pipeline.publish.pages import render_pages, used_pages
from pipeline.publish.release import make_release, write_metrics


VALIDATION = Path("reports") / "validation.json"


@dataclass
class Release:
    """A release's files that do not depend on the checks' results, in `folder`, and what the rest is made from."""

    folder: Path
    descriptor: dict
    tables: dict[str, list[dict]]
    build: dict
    pages: dict[str, dict]
    notes: list[str] = field(default_factory=list)


def _fill_release(folder: Path, validated: Path, normalised: Path, out: Path, version: str | None,
                  first_version: str | None, raw: Path | None, release_date: str | None,
                  removals: dict[str, str] | None) -> Release:
    """Copy build/validated/ into `folder` and add every release file but the metrics and the landing page."""
    shutil.copytree(validated, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns(MARKER))
    descriptor = read_json(folder / "datapackage.json")
    data = read_json(normalised)
    tables = {r["name"]: read_json(folder / r["json"]["path"]) for r in descriptor["resources"]}
    skipped = data.get("skipped", [])
    changes = make_release(folder, out.resolve(), descriptor, tables, first_version or descriptor["version"], version,
                           release_date, removals, {b["file"]: b.get("reason", "") for b in skipped})
    build = {"documents": [{"source_id": s["source_id"], "file": s["file"], "family": s["family"],
                            "sha256": s["sha256"], "pages": s["pages"]} for s in tables["sources"]],
             "skipped": clean_texts(skipped), "quarantine": clean_texts(data.get("quarantine", [])),
             "removed": clean_texts(changes.get("removed", [])),
             "rows": {name: len(rows) for name, rows in sorted(tables.items())}}
    write_json(folder / "reports" / "build.json", build)
    coverage = data.get("coverage") or {"left_over": 0, "sources": []}
    write_json(folder / "reports" / "coverage.json", coverage)
    add_exports(folder, descriptor, tables)
    descriptor["download"] = bundle_entry(descriptor)
    write_json(folder / "datapackage.json", descriptor)
    (folder / "CITATION.cff").write_text(citation_cff(descriptor, tables["sources"]), encoding="utf-8", newline="\n")
    codebook = descriptor_to_codebook(descriptor, tables, build) + "\n" + coverage_markdown(coverage)
    (folder / "README.md").write_text(codebook, encoding="utf-8", newline="\n")
    notes: list[str] = []
    pages = render_pages(raw, tables["sources"], used_pages(tables), folder, notes) if raw else {}
    return Release(folder, descriptor, tables, build, pages, notes)


def _finish_release(release: Release) -> None:
    """The files made from reports/validation.json: reports/metrics.json and index.html; then the zip of it all."""
    write_metrics(release.folder, release.build)
    write_landing(release.folder, release.descriptor, release.tables, release.build, release.pages)
    write_bundle(release.folder, release.descriptor)


def prepare_release(validated: Path, normalised: Path, folder: Path, out: Path, version: str | None = None,
                    first_version: str | None = None, raw: Path | None = None, release_date: str | None = None,
                    removals: dict[str, str] | None = None) -> Release:
    """Write the release files that do not depend on the checks' results into `folder` (an interim folder) while
    the checks still run; run_publish(prepared=...) then adds the rest. The same bytes as run_publish alone."""
    fresh_folder(folder)
    return _fill_release(folder, validated, normalised, out, version, first_version, raw, release_date, removals)


def run_publish(validated: Path, normalised: Path, out: Path, notes: list[str] | None = None,
                version: str | None = None, first_version: str | None = None, raw: Path | None = None,
                prepared: Release | None = None, release_date: str | None = None,
                removals: dict[str, str] | None = None) -> Path:
    """Copy build/validated/ into a staging folder, add the release files (version against the package at
    `out`, CHANGELOG.md, changes and metrics), README.md, reports/build.json, index.html and the page images
    of the PDFs in `raw`, swap into `out`.

    `prepared`: those files already made by prepare_release (from the same arguments) before the checks ended;
    only reports/validation.json, the metrics and the landing page are added to them.
    `release_date`: the release's date (None: a build that is not a release); `removals`: the sources of the
    previous release the publisher removed on purpose (source_id -> reason; any other missing source raises
    pipeline.publish.removals.MissingSources and nothing is published).
    `notes` receives a line for each leftover of a stopped build that was cleaned up or restored first, and for
    each page image left out.
    """
    check_out(out)
    made: list[Release] = []

    def fill(stage: Path) -> None:
        if prepared is None:
            release = _fill_release(stage, validated, normalised, out, version, first_version, raw, release_date,
                                    removals)
        else:
            shutil.copytree(prepared.folder, stage, dirs_exist_ok=True, ignore=shutil.ignore_patterns(MARKER))
            shutil.copyfile(validated / VALIDATION, stage / VALIDATION)
            release = replace(prepared, folder=stage)
        _finish_release(release)
        made.append(release)

    lines = publish_folder(out, fill)
    if notes is not None:
        notes += lines + [n for r in made for n in r.notes]
    return out
