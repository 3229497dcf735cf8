"""Errors a user can act on, and the exit codes of the command line."""
from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """Exit codes of `python -m pipeline` (documented in the README)."""

    OK = 0
    VALIDATION_FAILED = 1
    USAGE = 2
    BAD_INPUT = 3
    QUARANTINED_LABELS = 4
    UNREVIEWED_DISCREPANCY = 5


def one_line(text: str) -> str:
    """Text safe for a one-line message: control characters become spaces, white space runs one space."""
    return " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())


class BadInput(Exception):
    """A PDF that cannot be processed; `str()` is one line: file, reason, what to do."""

    def __init__(self, file: str, reason: str, hint: str = "", kind: str = "unreadable") -> None:
        self.file, self.reason, self.hint, self.kind = file, one_line(reason), one_line(hint), kind
        super().__init__(self.line())

    def line(self) -> str:
        return f"{self.file}: {self.reason}" + (f" \u2014 {self.hint}" if self.hint else "")

    def as_dict(self) -> dict:
        return {"file": self.file, "kind": self.kind, "reason": self.reason, "hint": self.hint}


def bad_input_line(folder, bad: dict) -> str:
    """The one line for a file that could not be processed: path, reason and what to do."""
    return f"{folder}/{bad['file']}: {bad['reason']}" + (f" \u2014 {bad['hint']}" if bad.get("hint") else "")


class UsageError(Exception):
    """A usage or environment error: the command line prints `str()` as one line and exits 2."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


def shown(name: object) -> str:
    """A file name as a message shows it: undecodable bytes as \\xNN, control characters escaped."""
    text = str(name).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def os_error_line(e: OSError) -> str:
    """One short line for an error of the environment (a disk full, a folder that cannot be written): the file and
    the reason; for a copy of many files that failed (shutil.Error, a list), the first failure and how many more."""
    failures = e.args[0] if e.args and isinstance(e.args[0], list) else None
    if failures:
        first = failures[0]
        src, dst, why = first if isinstance(first, tuple | list) and len(first) == 3 else ("", "", first)
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        return f"cannot copy {shown(src)} to {shown(dst)}: {shown(why)[:200]}{more}"
    where = f"{shown(e.filename)}: " if e.filename else ""
    return f"{where}{e.strerror or shown(e)[:200]}"
