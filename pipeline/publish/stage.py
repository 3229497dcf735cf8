"""Publish stage: the validated package + codebook + build report -> --out, atomically."""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.coverage import coverage_markdown
from pipeline.interim import MARKER
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


def _fill_release(folder: Path, validated: Path, normalised: Path, out: Path, version: str | None,
                  first_version: str | None, raw: Path | None, release_date: str | None,
                  removals: dict[str, str] | None, notes: list[str]) -> None:
    """Copy build/validated/ into `folder` and add every release file: the release files (version, changelog),
    the exports, the codebook, the build and coverage reports, the metrics, the page images and the landing page;
    `notes` receives a line for each page image left out."""
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
    pages = render_pages(raw, tables["sources"], used_pages(tables), folder, notes) if raw else {}
    write_metrics(folder, build)
    write_landing(folder, descriptor, tables, build, pages)
    write_bundle(folder, descriptor)  # the zip of it all, last


def run_publish(validated: Path, normalised: Path, out: Path, notes: list[str] | None = None,
                version: str | None = None, first_version: str | None = None, raw: Path | None = None,
                release_date: str | None = None, removals: dict[str, str] | None = None) -> Path:
    """Copy build/validated/ into a staging folder, add the release files (version against the package at
    `out`, CHANGELOG.md, changes and metrics), README.md, reports/build.json, index.html and the page images
    of the PDFs in `raw`, swap into `out`.

    `release_date`: the release's date (None: a build that is not a release); `removals`: the sources of the
    previous release the publisher removed on purpose (source_id -> reason; any other missing source raises
    pipeline.publish.removals.MissingSources and nothing is published).
    `notes` receives a line for each leftover of a stopped build that was cleaned up or restored first, and for
    each page image left out.
    """
    check_out(out)
    left_out: list[str] = []
    lines = publish_folder(out, lambda stage: _fill_release(stage, validated, normalised, out, version, first_version,
                                                            raw, release_date, removals, left_out))
    if notes is not None:
        notes += lines + left_out
    return out
