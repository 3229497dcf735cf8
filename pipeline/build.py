"""All four stages in order over a work folder; the library behind `python -m pipeline build`."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline import cache_store
from pipeline.errors import Exit, bad_input_line, shown
from pipeline.extract.manifest import load_removed
from pipeline.extract.stage import ExtractResult, extract_all, write_extracted
from pipeline.interim import check_work, fresh_folder
from pipeline.jsonio import read_json
from pipeline.normalise.quarantine import quarantine_lines
from pipeline.normalise.stage import run_normalise
from pipeline.paths import EXTRACT_CACHE, VALIDATE_CACHE
from pipeline.locks import held, out_lock_path, work_lock_path
from pipeline.publish.atomic import is_ours, recover
from pipeline.publish.guard import check_out, check_raw
from pipeline.publish.release import previous_package
from pipeline.publish.removals import MissingSources, removed_sources, still_present
from pipeline.publish.version import source_date_epoch
from pipeline.publish.stage import run_publish
from pipeline.settings import Settings
from pipeline.stamp import build_stamp, last_build, record_build
from pipeline.validate.stage import run_validate

CACHE_DIR = EXTRACT_CACHE  # module attributes, so a benchmark can point them elsewhere
VALIDATE_CACHE_DIR = VALIDATE_CACHE


@dataclass(frozen=True)
class ReleaseRequest:
    """What the release step asks of a build: a version (None: the next one), a release date, removals."""

    version: str | None = None
    date: str | None = None
    removals: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    """What a build did: exit code, one-line errors, notes, and whether --out was replaced."""

    code: Exit = Exit.OK
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    published: bool = False


def build(raw: Path, out: Path, work: Path, settings: Settings, skip_bad: bool = False,
          allow_quarantined: bool | None = None, use_cache: bool = True, progress: bool = False,
          scheduler: str | None = None, reuse: bool = False, version: str | None = None,
          release_date: str | None = None, removals: dict[str, str] | None = None) -> Outcome:
    """extract -> normalise -> validate -> publish; `out` is replaced only when everything passed.

    `release_date`: the release's date (YYYY-MM-DD; None for a build that is not a release). `removals`: sources
    of the previous package at `out` removed on purpose (source_id -> reason), besides the `removed:` entries of
    raw/sources.yaml; any other source of the previous package missing from this build stops it (exit 1).

    `reuse`: when nothing changed since the last build that published into `out` (pipeline.stamp),
    report that build instead of running it again.
    Usage errors (--raw, --out refused, a lock held by another build) raise pipeline.errors.UsageError
    before anything is read or written.
    """
    source_date_epoch()  # a malformed SOURCE_DATE_EPOCH stops the build before anything is read
    check_raw(raw)
    check_out(out, raw, work)
    check_work(work, raw)
    with held(work_lock_path(work), f"work folder {work}"), held(out_lock_path(out), f"--out {out}"):
        notes = recover(out)  # a build stopped mid-swap: the previous package comes back first
        check_out(out, raw, work)
        previous_package(out)  # a previous release that cannot be read safely stops the build before it starts
        o = _build(raw, out, work, settings, skip_bad, allow_quarantined, use_cache, progress, scheduler, reuse,
                   ReleaseRequest(version, release_date, dict(removals or {})))
    o.notes[:0] = notes
    return o


def _build(raw: Path, out: Path, work: Path, settings: Settings, skip_bad: bool, allow_quarantined: bool | None,
           use_cache: bool, progress: bool, scheduler: str | None, reuse: bool,
           request: ReleaseRequest) -> Outcome:
    allow_q = settings.normalise.allow_quarantined if allow_quarantined is None else allow_quarantined
    options = {"skip_bad": skip_bad, "allow_quarantined": allow_q, "version": request.version,
               "release_date": request.date, "removals": request.removals}
    stamp = build_stamp(raw, settings, options) if reuse else None
    last = last_build(work, stamp, out) if stamp else None
    if last:
        return Outcome(Exit(last["code"]), last["errors"], last["notes"] + [
            f"nothing changed since the last build (inputs, code and settings): {out} is up to date"])
    o = _stages(raw, out, work, settings, skip_bad, allow_q, use_cache, progress, scheduler, request)
    if use_cache:
        for folder in (CACHE_DIR, VALIDATE_CACHE_DIR):
            cache_store.prune(folder, settings.cache.max_mb * 1024 * 1024)
    if stamp and o.published:
        record_build(work, stamp, out, {"code": int(o.code), "errors": o.errors, "notes": o.notes})
    return o


def _stages(raw: Path, out: Path, work: Path, settings: Settings, skip_bad: bool, allow_q: bool, use_cache: bool,
            progress: bool, scheduler: str | None, request: ReleaseRequest) -> Outcome:
    o = Outcome()
    snapshot = fresh_folder(work / "sources")  # the PDFs as read: extraction and page images use these bytes
    result = extract_all(raw, settings.extract, CACHE_DIR if use_cache else None, progress=progress,
                         scheduler=scheduler, snapshot=snapshot)
    o.notes += result.notes
    o.errors += [bad_input_line(raw, b) for b in result.bad]
    if result.bad and not skip_bad:
        o.code = Exit.BAD_INPUT
        return o
    if not result.documents:
        return _nothing_to_publish(o, raw, out)
    removals = {**load_removed(raw), **request.removals}
    if _removals_refused(o, result, removals, request.removals, out):
        return o
    request = replace(request, removals=removals)
    write_extracted(result, work / "extracted")
    normalised = run_normalise(work / "extracted", work / "normalised")
    bad_values = [bad_input_line(raw, b) for b in normalised.errors]
    if bad_values and not skip_bad:
        o.errors += bad_values
        o.code = Exit.BAD_INPUT
        return o
    o.errors += bad_values
    if not {d["file"] for d in result.documents} - {b["file"] for b in normalised.errors}:
        return _nothing_to_publish(o, raw, out)
    if normalised.quarantine:
        lines = quarantine_lines(normalised.quarantine)
        if not (allow_q or skip_bad):
            o.errors += lines
            o.code = Exit.QUARANTINED_LABELS
            return o
        o.notes += [f"quarantined (not published): {line}" for line in lines]
    v = run_validate(work / "normalised" / "tables.json", work / "validated", settings,
                     VALIDATE_CACHE_DIR if use_cache else None)
    if v.exit_code() != Exit.OK:
        o.errors += [f"validation: {c['resource']}: {c['check']}: {c['message']}" for c in v.failed]
        o.errors += [f"validation: unreviewed discrepancy: {u}" for u in v.unreviewed if
                     not any(u in c["message"] for c in v.failed)]
        o.code = v.exit_code()
        return o
    try:
        run_publish(work / "validated", work / "normalised" / "tables.json", out, o.notes, request.version,
                    settings.publish.version, raw=snapshot, release_date=request.date,
                    removals=request.removals)
    except MissingSources as e:  # a source skipped at normalisation without --skip-bad cannot reach here
        o.errors += e.lines
        o.code = Exit.VALIDATION_FAILED
        return o
    o.published = True
    o.notes += removed_lines(out)
    o.notes += [f"errata: {e['source_id']} {e['table']} row {e['row']!r} {e['column']}: printed {e['printed']:g}, "
                f"computed {e['computed']:g} (accepted)" for e in v.errata]
    if result.bad or normalised.errors:
        o.code = Exit.BAD_INPUT
        skipped = len(result.bad) + len(normalised.errors)
        o.notes.append(f"published without {skipped} skipped file(s), listed in reports/build.json")
    elif normalised.quarantine:
        o.code = Exit.QUARANTINED_LABELS
    return o


def _nothing_to_publish(o: Outcome, raw: Path, out: Path) -> Outcome:
    """No document to publish: --out is left as it was (an empty --raw is a usage error)."""
    if o.errors:
        o.code = Exit.BAD_INPUT
        o.errors.append(f"nothing to publish: every PDF in {shown(raw)} was skipped; {shown(out)} was left as it was")
    else:
        o.code = Exit.USAGE
        o.errors.append(f"--raw {shown(raw)}: no PDFs to publish; {shown(out)} was left as it was")
    return o


def published_sources(out: Path) -> dict[str, str]:
    """source_id -> file of the package this tool published at `out` ({} when there is none)."""
    report = out / "reports" / "build.json"
    if not (is_ours(out) and report.is_file()):
        return {}
    try:
        return {d["source_id"]: d["file"] for d in read_json(report).get("documents", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _removals_refused(o: Outcome, result: ExtractResult, removals: dict[str, str], given: dict[str, str],
                      out: Path) -> bool:
    """Before anything is normalised: a removal recorded for a source this build has (exit 2), or a source of the
    previous package at `out` missing from this build without a recorded removal (exit 1). True when refused."""
    current = {d["source_id"]: d["file"] for d in result.documents}
    origin = {sid: ("--remove" if sid in given else "raw/sources.yaml: removed") for sid in removals}
    if lines := still_present(removals, current, origin):
        o.errors += lines
        o.code = Exit.USAGE
        return True
    try:
        removed_sources(published_sources(out), set(current), removals, {b["file"]: b["reason"] for b in result.bad},
                        shown(out))
    except MissingSources as e:
        o.errors += e.lines
        o.code = Exit.VALIDATION_FAILED
        return True
    return False


def removed_lines(out: Path) -> list[str]:
    """One note per source of the previous package that the new one no longer has, with the recorded reason."""
    try:
        removed = read_json(out / "reports" / "build.json").get("removed", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [f"source {r['source_id']} ({shown(r['file'])}) removed: {r['reason']}" for r in removed]


def last_quarantine(work: Path) -> list[dict]:
    path = work / "normalised" / "tables.json"
    return read_json(path).get("quarantine", []) if path.exists() else []

