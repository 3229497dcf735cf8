"""The package's version and dates: semantic versioning against the previous release; `created`, the data's
date (the newest source's publication date: the same inputs give the same package); and the release date, which
only the release step knows (`--release-date`, or SOURCE_DATE_EPOCH, the reproducible-builds convention)."""
from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime

from pipeline.errors import UsageError, shown

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
LEVELS = ("major", "minor", "patch")


def check_version(text: str) -> str:
    """`text` when it is MAJOR.MINOR.PATCH; ValueError otherwise."""
    if not SEMVER.match(str(text)):
        raise ValueError(f"not a version MAJOR.MINOR.PATCH: {text!r}")
    return str(text)


def release_level(diff: dict) -> str | None:
    """major: a schema changed (or a resource came or went); minor: rows added or removed;
    patch: values corrected; None: nothing changed."""
    resources = diff["resources"].values()
    if any(r["schema"] for r in resources):
        return "major"
    if any(r["added"] or r["removed"] for r in resources):
        return "minor"
    if any(r["changed"] for r in resources):
        return "patch"
    return None


def bump(version: str, level: str | None) -> str:
    """The next version at `level` (the same version when nothing changed)."""
    major, minor, patch = (int(x) for x in SEMVER.match(check_version(version)).groups())
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    if level == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def next_version(previous: str | None, level: str | None, first: str, override: str | None = None) -> str:
    """The override if given; else `first` for a first release; else the previous version bumped."""
    if override:
        return check_version(override)
    if not previous or not SEMVER.match(str(previous)):
        return check_version(first)
    return bump(previous, level)


def _iso_datetime(date: str) -> str:
    """'2010' / '2017-03' / '2019-05-03' -> an ISO datetime at the start of that period (reproducible)."""
    parts = (date.split("T")[0].split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]:0>2}-{parts[2]:0>2}T00:00:00Z"


MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second an ISO date can name


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as an integer (None when unset or empty); UsageError in one line when it is not an
    integer number of seconds from 0 to 9999-12-31 (the reproducible-builds convention: a malformed value
    stops the build)."""
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_EPOCH:
        raise UsageError(f"SOURCE_DATE_EPOCH={shown(text)[:40]}: not a whole number of seconds since 1970 up to "
                         f"{MAX_EPOCH} (9999-12-31); set it to e.g. $(git log -1 --format=%ct) or unset it")
    return int(text)


def created(sources: list[dict]) -> str | None:
    """The data's date: the newest source's publication date (None when no source states one)."""
    dates = sorted(_iso_datetime(str(s["published"])) for s in sources if s.get("published"))
    return dates[-1] if dates else None


def check_date(text: str) -> str:
    """`text` when it is a calendar date YYYY-MM-DD; ValueError otherwise."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(text)):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise ValueError(f"not a date YYYY-MM-DD: {text!r}")


NOT_RELEASED = "none"  # given as the release date: a build that is not a release, whatever SOURCE_DATE_EPOCH says


def release_date(given: str | None = None) -> str | None:
    """The release's date: `given` (YYYY-MM-DD; `none`: not a release), else SOURCE_DATE_EPOCH's day, else None
    (a build that is not a release). ValueError when either is malformed."""
    if given == NOT_RELEASED:
        return None
    if given:
        return check_date(given)
    epoch = source_date_epoch()
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, tz=UTC).strftime("%Y-%m-%d")


def data_date(descriptor: dict) -> str:
    """The data's date as shown (YYYY-MM-DD, the descriptor's `created`), or `unknown`."""
    return str(descriptor["created"])[:10] if descriptor.get("created") else "unknown"


def released_text(descriptor: dict) -> str:
    """The release date as shown: YYYY-MM-DD, or a phrase saying the build is not a release."""
    return str(descriptor["released"]) if descriptor.get("released") else "not released (built without a release date)"
