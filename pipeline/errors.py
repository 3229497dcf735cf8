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
