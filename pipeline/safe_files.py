"""Input files opened safely: regular files only (never a FIFO, a device or a folder), their size checked
before a byte is read, and paths inside a package confined to it (no absolute paths, `..`, URLs or links out).
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import shown

BLOCK = 1 << 20
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
         (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class UnsafeFile(ValueError):
    """A file that is not read: not a regular file, too large, or outside its package. `str()` is one line;
    `kind` says which: "too_large", "not_regular", "unreadable" or "outside"."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


def _kind(mode: int) -> str:
    return next((name for test, name in KINDS if test(mode)), "not a regular file")


def open_regular(path: Path, max_bytes: int) -> BinaryIO:
    """`path` opened for reading when it is a regular file (a link is followed) of at most `max_bytes`;
    UnsafeFile otherwise. Opened without blocking, so that a FIFO is refused instead of waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as e:
        raise UnsafeFile(f"{shown(path)}: cannot be read ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFile(f"{shown(path)}: is {_kind(st.st_mode)}, not a regular file", "not_regular")
        if st.st_size > max_bytes:
            raise UnsafeFile(f"{shown(path)}: {st.st_size} bytes, more than the {max_bytes} allowed", "too_large")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _blocks(f: BinaryIO, path: Path, max_bytes: int):  # noqa: ANN202
    """The file's blocks; UnsafeFile as soon as more than `max_bytes` were read (a file that grows)."""
    total = 0
    for block in iter(lambda: f.read(BLOCK), b""):
        total += len(block)
        if total > max_bytes:
            raise UnsafeFile(f"{shown(path)}: more than the {max_bytes} bytes allowed", "too_large")
        yield block


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; UnsafeFile otherwise."""
    with open_regular(path, max_bytes) as f:
        return b"".join(_blocks(f, path, max_bytes))


def read_text(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of a regular file of at most `max_bytes`; UnsafeFile otherwise (also when not UTF-8)."""
    data = read_bytes(path, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UnsafeFile(f"{shown(path)}: not UTF-8 text ({e.reason} at byte {e.start})") from None


def sha256_bounded(path: Path, max_bytes: int) -> str:
    """The SHA-256 of a regular file of at most `max_bytes` (size checked before the first byte is read)."""
    h = hashlib.sha256()
    with open_regular(path, max_bytes) as f:
        for block in _blocks(f, path, max_bytes):
            h.update(block)
    return h.hexdigest()


def copy_hashed(path: Path, target: Path, max_bytes: int) -> tuple[str, int]:
    """Copy a regular file of at most `max_bytes` to `target` (a new file) and return the SHA-256 and size of
    the bytes copied: what is read later from `target` is exactly what was hashed, whatever happens to `path`."""
    h, size = hashlib.sha256(), 0
    with open_regular(path, max_bytes) as f, open(target, "xb") as dst:
        for block in _blocks(f, path, max_bytes):
            h.update(block)
            size += len(block)
            dst.write(block)
    return h.hexdigest(), size


def inside(folder: Path, relative: object, what: str = "path") -> Path:
    """The file a package names by `relative`, when it lies inside `folder`; UnsafeFile otherwise.

    Refused: anything but a non-empty relative POSIX path; an absolute path; a URL; a `..` part; a backslash
    or NUL; a path that leaves `folder` through a symbolic link."""
    if not isinstance(relative, str) or not relative.strip():
        raise UnsafeFile(f"{shown(folder)}: {what} {shown(repr(relative))[:80]} is not a file name", "outside")
    why = ("is absolute" if relative.startswith("/") else "is a URL" if URL.match(relative)
           else "leaves the package (..)" if ".." in relative.split("/")
           else "holds a backslash or NUL" if "\\" in relative or "\0" in relative else "")
    if why:
        raise UnsafeFile(f"{shown(folder)}: {what} {shown(relative)[:120]} {why}; a package names only its own files",
                         "outside")
    root = folder.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise UnsafeFile(f"{shown(folder)}: {what} {shown(relative)[:120]} leads outside the package "
                         "(a symbolic link); a package names only its own files", "outside")
    return target
