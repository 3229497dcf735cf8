"""Command line: `python -m pipeline build|extract|normalise|validate|publish|labels`.

Each command parses its options and calls one library function; the functions print nothing.
"""
from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import Exit, bad_input_line, one_line
from pipeline.paths import DEFAULT_OUT, DEFAULT_RAW, DEFAULT_WORK
from pipeline.settings import Settings

RAW = click.option("--raw", type=click.Path(path_type=Path), default=DEFAULT_RAW, show_default=True,
                   help="Folder of source PDFs (never written to).")
WORK = click.option("--work", type=click.Path(path_type=Path), default=DEFAULT_WORK, show_default=True,
                    help="Folder for interim stage outputs.")


SCHEDULER = click.option("--scheduler", metavar="ADDRESS", default=None,
                         help="Extract on this Dask scheduler (e.g. tcp://host:8786); workers need this code.")

PARAMS = click.option("--params", "params_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
                      default=None, help="Settings file (default: params.yaml of the project).")


def _settings(workers: int | None = None, params_file: Path | None = None) -> Settings:
    s = Settings.load(params_file) if params_file else Settings.load()
    if workers:
        from dataclasses import replace
        s = replace(s, extract=replace(s.extract, workers=workers))
    return s


def _fail(lines: list[str], code: Exit) -> None:
    for line in lines:
        click.echo(f"error: {one_line(line)}", err=True)
    sys.exit(int(code))


@click.group()
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
@click.option("--workers", type=int, default=None, help="Processes extracting PDFs in parallel.")
@SCHEDULER
@PARAMS
def build_cmd(raw: Path, out: Path, work: Path, skip_bad: bool, allow_quarantined: bool, no_cache: bool,
              workers: int | None, scheduler: str | None, params_file: Path | None) -> None:
    """Run every stage (extract, normalise, validate, publish) over --raw into --out."""
    from pipeline.build import build
    from pipeline.extract.dask_runner import SchedulerError

    try:
        outcome = build(raw, out, work, _settings(workers, params_file), skip_bad=skip_bad,
                        allow_quarantined=allow_quarantined or None, use_cache=not no_cache,
                        progress=sys.stderr.isatty(), scheduler=scheduler, reuse=not no_cache)
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
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_WORK / "extracted", show_default=True)
@click.option("--skip-bad", is_flag=True, help="Go on without PDFs that cannot be processed.")
@click.option("--no-cache", is_flag=True)
@SCHEDULER
def extract_cmd(raw: Path, out: Path, skip_bad: bool, no_cache: bool, scheduler: str | None) -> None:
    """Stage 1: PDFs -> printed records (one JSON per document)."""
    from pipeline.build import CACHE_DIR
    from pipeline.extract.dask_runner import SchedulerError
    from pipeline.extract.stage import extract_all, write_extracted

    try:
        result = extract_all(raw, _settings().extract, None if no_cache else CACHE_DIR,
                             progress=sys.stderr.isatty(), scheduler=scheduler)
    except SchedulerError as e:
        _fail([str(e)], Exit.USAGE)
    errors = [bad_input_line(raw, b) for b in result.bad]
    if errors and not skip_bad:
        _fail(errors, Exit.BAD_INPUT)
    write_extracted(result, out)
    click.echo(f"extracted {len(result.documents)} document(s) ({result.cached} from cache) into {out}", err=True)


@main.command("normalise")
@click.option("--extracted", type=click.Path(path_type=Path), default=DEFAULT_WORK / "extracted", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_WORK / "normalised", show_default=True)
@click.option("--allow-quarantined", is_flag=True)
def normalise_cmd(extracted: Path, out: Path, allow_quarantined: bool) -> None:
    """Stage 2: printed records -> typed tables on the code lists (unknown labels quarantined)."""
    from pipeline.build import quarantine_lines
    from pipeline.normalise.stage import run_normalise

    result = run_normalise(extracted, out)
    if result.errors:
        _fail([bad_input_line(extracted, b) for b in result.errors], Exit.BAD_INPUT)
    if result.quarantine and not (allow_quarantined or _settings().normalise.allow_quarantined):
        _fail(quarantine_lines(result.quarantine), Exit.QUARANTINED_LABELS)
    click.echo(f"normalised {sum(len(v) for v in result.tables.values())} rows into {out}", err=True)


@main.command("validate")
@click.option("--normalised", type=click.Path(path_type=Path), default=DEFAULT_WORK / "normalised" / "tables.json",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_WORK / "validated", show_default=True)
@click.option("--no-cache", is_flag=True, help="Run every expectation suite, even on tables that did not change.")
def validate_cmd(normalised: Path, out: Path, no_cache: bool) -> None:
    """Stage 3: schemas, expectation suites and source identities; prints a summary table."""
    from pipeline.paths import VALIDATE_CACHE
    from pipeline.validate.background import Background
    from pipeline.validate.report import summary_table
    from pipeline.validate.stage import run_validate

    settings = _settings()
    with ExitStack() as stack:
        background = stack.enter_context(Background()) if settings.validate.background else None
        v = run_validate(normalised, out, settings, None if no_cache else VALIDATE_CACHE, background)
    click.echo(summary_table(v.checks))
    if v.exit_code() != Exit.OK:
        _fail([f"{c['resource']}: {c['check']}: {c['message']}" for c in v.failed] +
              [f"unreviewed discrepancy: {u}" for u in v.unreviewed], v.exit_code())


@main.command("publish")
@click.option("--validated", type=click.Path(path_type=Path), default=DEFAULT_WORK / "validated", show_default=True)
@click.option("--normalised", type=click.Path(path_type=Path), default=DEFAULT_WORK / "normalised" / "tables.json",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True)
def publish_cmd(validated: Path, normalised: Path, out: Path) -> None:
    """Stage 4: add the codebook and build report, swap the package into --out."""
    from pipeline.publish.stage import run_publish

    run_publish(validated, normalised, out)
    click.echo(f"published {out}", err=True)


@main.command("explain")
@click.argument("pdf", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--page", type=int, default=None, help="Draw only this page (1-based).")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_WORK / "explain", show_default=True)
def explain_cmd(pdf: Path, page: int | None, out: Path) -> None:
    """Draw what was read on each table page of PDF (PNGs) and print the chosen reader and its checks."""
    from pipeline.errors import BadInput
    from pipeline.extract.explain import explain

    try:
        click.echo("\n".join(explain(pdf, out, page)))
    except BadInput as e:
        _fail([e.line()], Exit.BAD_INPUT)


@main.command("labels")
@click.argument("label", required=False)
@click.option("--unmapped", is_flag=True, help="List the last build's quarantined labels.")
@WORK
def labels_cmd(label: str | None, unmapped: bool, work: Path) -> None:
    """Explain how LABEL maps to a crime type or borough, or list the last build's unmapped labels."""
    from pipeline.build import last_quarantine, quarantine_lines
    from pipeline.normalise.labels import explain

    if unmapped:
        lines = quarantine_lines(last_quarantine(work))
        click.echo("\n".join(lines) if lines else "no quarantined labels in the last build")
        return
    if not label:
        raise click.UsageError("give a LABEL or --unmapped")
    click.echo("\n".join(explain(label)))
