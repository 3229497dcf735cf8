"""Command line: `python -m pipeline build|extract|normalise|validate|publish|labels`.

Each command parses its options and calls one library function; the functions print nothing.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import Exit, UsageError, bad_input_line, one_line, os_error_line
from pipeline.paths import DEFAULT_OUT, DEFAULT_RAW, DEFAULT_WORK
from pipeline.settings import Settings

RAW = click.option("--raw", type=click.Path(path_type=Path), default=DEFAULT_RAW, show_default=True,
                   help="Folder of source PDFs (never written to).")
WORK = click.option("--work", type=click.Path(path_type=Path), default=DEFAULT_WORK, show_default=True,
                    help="Folder for interim stage outputs.")


SCHEDULER = click.option("--scheduler", metavar="ADDRESS", default=None,
                         help="Extract on this Dask scheduler (e.g. tcp://host:8786); workers need this code.")

def _semver(ctx, param, value: str | None) -> str | None:
    from pipeline.publish.version import check_version

    try:
        return check_version(value) if value else None
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


VERSION = click.option("--version", "release_version", metavar="X.Y.Z", default=None, callback=_semver,
                       help="Publish as this version instead of the next one computed against the package at "
                            "--out (schema change: major; rows added or removed: minor; values corrected: patch).")

def _release_date(ctx, param, value: str | None) -> str | None:
    """--release-date, else SOURCE_DATE_EPOCH's day, else None (a build that is not a release)."""
    from pipeline.publish.version import release_date

    try:
        return release_date(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def _removals(ctx, param, values: tuple[str, ...]) -> dict[str, str]:
    from pipeline.publish.removals import parse_removals

    try:
        return parse_removals(values)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


RELEASE_DATE = click.option("--release-date", metavar="YYYY-MM-DD|none", default=None, callback=_release_date,
                            help="The release's date, shown in CHANGELOG.md, the codebook and the landing page "
                                 "(default: SOURCE_DATE_EPOCH's day when set; else, or with `none`, the build is "
                                 "marked unreleased). The data's own date, `created`, is the newest source's.")
REMOVE = click.option("--remove", "removals", metavar="SOURCE_ID[=REASON]", multiple=True, callback=_removals,
                      help="Record that this source of the previous release at --out is removed on purpose (and "
                           "why); without it, or a `removed:` entry in raw/sources.yaml, a source missing from "
                           "the build stops it. Repeatable.")

PARAMS = click.option("--params", "params_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
                      default=None, help="Settings file (default: params.yaml in the current folder).")


def _settings(workers: int | None = None, params_file: Path | None = None) -> Settings:
    s = Settings.load(params_file) if params_file else Settings.load()
    if workers is not None:
        from dataclasses import replace
        s = replace(s, extract=replace(s.extract, workers=workers))
    return s


def _fail(lines: list[str], code: Exit) -> None:
    for line in lines:
        click.echo(f"error: {one_line(line)}", err=True)
    sys.exit(int(code))


class OneLineGroup(click.Group):
    """Every usage or environment error is one line `error: ...` and exit 2, never a traceback."""

    def main(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        kwargs.pop("standalone_mode", None)
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except click.exceptions.Abort:
            _fail(["interrupted"], Exit.USAGE)
        except click.ClickException as e:
            _fail([e.format_message()], Exit.USAGE if isinstance(e, click.UsageError) else Exit(e.exit_code))
        except UsageError as e:
            _fail([str(e)], Exit.USAGE)
        except OSError as e:  # the environment: a disk full, a folder that cannot be written, ...
            _fail([os_error_line(e)], Exit.USAGE)


@click.group(cls=OneLineGroup)
@click.version_option(__version__)
def main() -> None:
    """London policing PDFs -> validated open-data package."""


@main.command("build")
@RAW
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Where the data package is published (replaced only by a build that passed).")
@WORK
@click.option("--skip-bad", is_flag=True, help="Publish the good PDFs; list bad ones in reports/build.json.")
@click.option("--allow-quarantined", is_flag=True, help="Publish without rows whose labels are unknown.")
@click.option("--no-cache", is_flag=True,
              help="Extract every PDF and run every expectation suite again instead of using the caches, "
                   "and rebuild even if nothing changed.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes extracting PDFs in parallel.")
@SCHEDULER
@PARAMS
@VERSION
@RELEASE_DATE
@REMOVE
def build_cmd(raw: Path, out: Path, work: Path, skip_bad: bool, allow_quarantined: bool, no_cache: bool,
              workers: int | None, scheduler: str | None, params_file: Path | None,
              release_version: str | None, release_date: str | None, removals: dict[str, str]) -> None:
    """Run every stage (extract, normalise, validate, publish) over --raw into --out."""
    from pipeline.build import build
    from pipeline.extract.dask_runner import SchedulerError

    settings = _settings(workers, params_file)
    try:
        outcome = build(raw, out, work, settings, skip_bad=skip_bad, allow_quarantined=allow_quarantined or None,
                        use_cache=not no_cache, progress=sys.stderr.isatty(), scheduler=scheduler,
                        reuse=not no_cache, version=release_version, release_date=release_date, removals=removals)
    except SchedulerError as e:
        _fail([str(e)], Exit.USAGE)
    for note in outcome.notes:
        click.echo(f"note: {note}", err=True)
    if outcome.published:
        click.echo(f"published {out}", err=True)
    if outcome.code != Exit.OK:
        _fail(outcome.errors, outcome.code)


@main.command("extract")
@RAW
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_WORK / "extracted", show_default=True,
              help="Folder for the printed records: one JSON per document and index.json (replaced).")
@click.option("--skip-bad", is_flag=True, help="Go on without PDFs that cannot be processed.")
@click.option("--no-cache", is_flag=True, help="Extract every PDF again instead of using .cache/extract.")
@SCHEDULER
def extract_cmd(raw: Path, out: Path, skip_bad: bool, no_cache: bool, scheduler: str | None) -> None:
    """Stage 1: PDFs -> printed records (one JSON per document)."""
    from pipeline.extract.dask_runner import SchedulerError
    from pipeline.extract.stage import extract_all, write_extracted
    from pipeline.paths import EXTRACT_CACHE

    try:
        result = extract_all(raw, _settings().extract, None if no_cache else EXTRACT_CACHE,
                             progress=sys.stderr.isatty(), scheduler=scheduler)
    except SchedulerError as e:
        _fail([str(e)], Exit.USAGE)
    errors = [bad_input_line(raw, b) for b in result.bad]
    if errors and not skip_bad:
        _fail(errors, Exit.BAD_INPUT)
    write_extracted(result, out)
    click.echo(f"extracted {len(result.documents)} document(s) ({result.cached} from cache) into {out}", err=True)


@main.command("normalise")
@click.option("--extracted", type=click.Path(path_type=Path), default=DEFAULT_WORK / "extracted", show_default=True,
              help="The extract stage's folder.")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_WORK / "normalised", show_default=True,
              help="Folder for tables.json: typed tables, checks, quarantined labels, skipped files (replaced).")
@click.option("--allow-quarantined", is_flag=True,
              help="Go on without rows whose labels are unknown (listed in tables.json) instead of stopping.")
def normalise_cmd(extracted: Path, out: Path, allow_quarantined: bool) -> None:
    """Stage 2: printed records -> typed tables on the code lists (unknown labels quarantined)."""
    from pipeline.normalise.quarantine import quarantine_lines
    from pipeline.normalise.stage import run_normalise

    result = run_normalise(extracted, out)
    if result.errors:
        _fail([bad_input_line(extracted, b) for b in result.errors], Exit.BAD_INPUT)
    if result.quarantine and not (allow_quarantined or _settings().normalise.allow_quarantined):
        _fail(quarantine_lines(result.quarantine), Exit.QUARANTINED_LABELS)
    click.echo(f"normalised {sum(len(v) for v in result.tables.values())} rows into {out}", err=True)


@main.command("validate")
@click.option("--normalised", type=click.Path(path_type=Path), default=DEFAULT_WORK / "normalised" / "tables.json",
              show_default=True, help="The normalise stage's tables.json.")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_WORK / "validated", show_default=True,
              help="Folder for the candidate package and reports/validation.json (replaced).")
@click.option("--no-cache", is_flag=True, help="Run every expectation suite, even on tables that did not change.")
def validate_cmd(normalised: Path, out: Path, no_cache: bool) -> None:
    """Stage 3: schemas, expectation suites and source identities; prints a summary table."""
    from pipeline.paths import VALIDATE_CACHE
    from pipeline.validate.report import summary_table
    from pipeline.validate.stage import run_validate

    v = run_validate(normalised, out, _settings(), None if no_cache else VALIDATE_CACHE)
    click.echo(summary_table(v.checks))
    if v.exit_code() != Exit.OK:
        _fail([f"{c['resource']}: {c['check']}: {c['message']}" for c in v.failed] +
              [f"unreviewed discrepancy: {u}" for u in v.unreviewed
               if not any(u in c["message"] for c in v.failed)], v.exit_code())


@main.command("publish")
@click.option("--validated", type=click.Path(path_type=Path), default=DEFAULT_WORK / "validated", show_default=True,
              help="The validate stage's folder (the candidate package).")
@click.option("--normalised", type=click.Path(path_type=Path), default=DEFAULT_WORK / "normalised" / "tables.json",
              show_default=True, help="The normalise stage's tables.json (skipped files, quarantine, coverage).")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Where the data package is published; a package already there is the previous release.")
@click.option("--metrics", type=click.Path(path_type=Path), default=None,
              help="Also write the package's reports/metrics.json here (a DVC metric).")
@VERSION
@RAW
@RELEASE_DATE
@REMOVE
def publish_cmd(validated: Path, normalised: Path, out: Path, metrics: Path | None,
                release_version: str | None, raw: Path, release_date: str | None, removals: dict[str, str]) -> None:
    """Stage 4: add the codebook, build report, release files, landing page and page images; swap into --out."""
    import shutil

    from pipeline.extract.manifest import load_removed
    from pipeline.locks import held, out_lock_path
    from pipeline.publish.removals import MissingSources
    from pipeline.publish.stage import run_publish

    try:
        with held(out_lock_path(out), f"--out {out}"):
            run_publish(validated, normalised, out, version=release_version,
                        first_version=_settings().publish.version, raw=raw, release_date=release_date,
                        removals={**load_removed(raw), **removals})
    except MissingSources as e:
        _fail(e.lines, Exit.VALIDATION_FAILED)
    if metrics:
        metrics.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / "reports" / "metrics.json", metrics)
    click.echo(f"published {out}", err=True)


@main.command("explain")
@click.argument("pdf", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--page", type=int, default=None, help="Draw only this page (1-based).")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_WORK / "explain", show_default=True,
              help="Folder for the PNGs (one per page drawn).")
def explain_cmd(pdf: Path, page: int | None, out: Path) -> None:
    """Draw what was read on each table page of PDF (PNGs) and print the chosen reader and its checks."""
    from pipeline.errors import BadInput
    from pipeline.extract.explain import explain
    from pipeline.terminal import lines

    try:
        click.echo(lines("\n".join(explain(pdf, out, page))))
    except BadInput as e:
        _fail([e.line()], Exit.BAD_INPUT)


@main.command("labels")
@click.argument("label", required=False)
@click.option("--unmapped", is_flag=True, help="List the last build's quarantined labels.")
@WORK
def labels_cmd(label: str | None, unmapped: bool, work: Path) -> None:
    """Explain how LABEL maps to a crime type or borough, or list the last build's unmapped labels."""
    from pipeline.build import last_quarantine
    from pipeline.normalise.quarantine import quarantine_lines
    from pipeline.normalise.labels import borough_to_gss, explain, label_to_crime_types

    if unmapped:
        lines = quarantine_lines(last_quarantine(work))
        click.echo("\n".join(lines) if lines else "no quarantined labels in the last build")
        return
    if not label:
        raise click.UsageError("give a LABEL or --unmapped")
    lines = explain(label)
    click.echo("\n".join(lines))
    if not (label_to_crime_types(label).mapped or borough_to_gss(label).mapped):
        sys.exit(int(Exit.VALIDATION_FAILED))  # 1: the label maps to nothing


@main.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--json", "as_json", is_flag=True,
              help="Print every change as JSON (every resource, every row, provenance included).")
@click.option("--markdown", is_flag=True, help="Print the report as Markdown (release notes, a CI job summary).")
@click.option("--all", "show_all", is_flag=True, help="List unchanged resources too.")
def diff_cmd(old: str | None, new: str | None, as_json: bool, markdown: bool, show_all: bool) -> None:
    """Compare two packages (folders or datapackage.json): sources, schemas, rows added, removed and changed.

    Exit 0 when they hold the same data, 1 when they differ, 2 when they cannot be compared."""
    from pipeline.diff import NotAPackage, diff_packages, diff_to_markdown, diff_to_text, is_same, load_package, \
        summary_line
    from pipeline.terminal import json_text

    if not old or not new:
        _fail(["diff needs two packages: python -m pipeline diff OLD NEW [--json | --markdown] [--all]"], Exit.USAGE)
    if as_json and markdown:
        _fail(["diff: give --json or --markdown, not both"], Exit.USAGE)
    try:
        changes = diff_packages(load_package(Path(old)), load_package(Path(new)))
    except NotAPackage as e:
        _fail([str(e)], Exit.USAGE)
    same = is_same(changes)
    if as_json:
        click.echo(json_text({"summary": summary_line(changes), "same": same, **changes}), nl=False)
    else:
        click.echo((diff_to_markdown if markdown else diff_to_text)(changes, show_all), nl=False)
    sys.exit(int(Exit.OK if same else Exit.VALIDATION_FAILED))  # as diff(1): 0 the same, 1 different
