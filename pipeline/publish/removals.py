"""Sources of the previous release that a build no longer has: refused unless the publisher recorded the removal
(a `removed:` entry in raw/sources.yaml, or `--remove SOURCE_ID[=REASON]`), so that no release loses a source
silently. Recorded removals go into CHANGELOG.md, reports/changes.json and reports/build.json with their reason."""
from __future__ import annotations

import re

from pipeline.errors import shown

REMOVE_REASON = "removal recorded with --remove"
SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


class MissingSources(Exception):
    """Sources of the previous release missing from this build, their removal not recorded: one line each."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("; ".join(lines))


def parse_removals(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`--remove` values (`SOURCE_ID` or `SOURCE_ID=REASON`) -> source_id -> reason; ValueError on a bad id."""
    out = {}
    for value in values:
        sid, _, reason = value.partition("=")
        sid = sid.strip()
        if not SOURCE_ID.match(sid):
            raise ValueError(f"{value!r}: not a source_id (lower-case letters, digits and hyphens)")
        out[sid] = " ".join(reason.split()) or REMOVE_REASON
    return out


def missing_line(source_id: str, file: str, where: str) -> str:
    """The one line that stops a build for a source of the previous release it no longer has."""
    return (f"source {source_id} ({shown(file)}) is in the previous release at {where} and missing from this build; "
            f"nothing was published \u2014 put its PDF back, or record the removal with --remove {source_id} "
            f"(optionally =REASON) or a removed: entry (source_id, reason) in raw/sources.yaml")


def removed_sources(previous: dict[str, str], current: set[str], recorded: dict[str, str],
                    skipped: dict[str, str], where: str) -> list[dict]:
    """Each source of the previous release (source_id -> file) missing from `current`, with its reason: the
    recorded one, or the reason its file was skipped (--skip-bad, which exits 3 and lists it). MissingSources
    when any is neither recorded nor skipped."""
    out, missing = [], []
    for sid in sorted(set(previous) - current):
        file = previous[sid]
        if sid in recorded:
            out.append({"source_id": sid, "file": file, "reason": recorded[sid]})
        elif file in skipped:
            out.append({"source_id": sid, "file": file, "reason": f"skipped: {skipped[file]}"})
        else:
            missing.append(missing_line(sid, file, where))
    if missing:
        raise MissingSources(missing)
    return out


def still_present(recorded: dict[str, str], current: dict[str, str], origin: dict[str, str]) -> list[str]:
    """One line for each source recorded as removed that this build still has (source_id -> file in `current`);
    `origin` says where each removal was recorded (`--remove` or raw/sources.yaml)."""
    return [f"{origin.get(sid, 'removed')}: {sid} is recorded as removed but this build has it ({shown(current[sid])})"
            f" \u2014 remove its PDF too, or drop the removal" for sid in sorted(set(recorded) & set(current))]
