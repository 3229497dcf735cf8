"""Ending a finished command's process without tearing down what it imported.

A build imports Great Expectations, pandas, pyarrow, pdfplumber, camelot and more (thousands
of modules); the interpreter's own teardown of them takes seconds after the work is done and
written (a build that adds one PDF ends about 4 s sooner on a loaded machine, bench/README.md).
`quick_exit` keeps everything a normal exit does that anyone can observe (threads that are not
daemons, every atexit handler, flushed output) and skips only that teardown.
"""
from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn


def exit_code(code: object) -> int:
    """The process's exit status for a SystemExit code, as the interpreter maps it (None: 0; a message: 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def quick_exit(code: object = 0) -> NoReturn:
    """Exit with `code` (a SystemExit code) once atexit handlers have run and output is flushed; a normal exit
    while a thread that is not a daemon still runs (the interpreter would wait for it)."""
    status = exit_code(code)
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.current_thread()):
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(status)
