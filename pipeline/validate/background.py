"""Validation's two slow checkers in background processes, started before they are needed.

Importing Great Expectations takes seconds; a build starts its process before
extracting, so the import overlaps extraction and normalisation. Frictionless then
checks the written package in its own process while the suites run.

Each is a one-job child, ``python -m pipeline.validate.background MODULE``: it imports
MODULE at once, reads one pickled call on stdin, writes the pickled result (or the
exception) to stdout, sized, and exits at once: the build reads the result without
waiting for the child to tear down what it imported (two seconds for Great
Expectations). The child reads its stdin while it imports, so a job submitted early
never blocks the build on a full pipe: the build goes on (preparing the release) while
the child finishes its import and runs the job. A plain subprocess rather than
``multiprocessing``, so it never re-imports the caller's main script, inherits no state
from the build and leaves the build without extra threads (the per-PDF workers the build
forks stay safe). It is killed when the build ends, failed or not: a build that stops
early does not wait for an import. Only this package's own processes are unpickled: no
input is. Frictionless runs at a lower priority (nice +10): its check is short and done
long before the suites, and at an equal share of the two cores it slowed the import of
Great Expectations, which is what a build that adds one PDF waits for, by a second.
"""
from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from pipeline.paths import ROOT


class OneJob:
    """A child process that imports a module at once and later runs one function call."""

    def __init__(self, module: str, nice: int = 0) -> None:
        """`nice`: added to the child's niceness (a lower priority: it yields the cores to the build)."""
        self._module = module
        self._stderr = tempfile.TemporaryFile()
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        self._process = subprocess.Popen([sys.executable, "-m", __name__, module, str(nice)],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
                                         env={**os.environ, "PYTHONPATH": path})

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        try:
            data = pickle.dumps((fn, args, kwargs))
            self._process.stdin.write(_sized(data))  # sized: the child needs no EOF (a
            self._process.stdin.close()  # forked worker may still hold the pipe's write end)
        except OSError:  # a broken pipe: the process is gone
            raise self._ended() from None

    def result(self) -> Any:
        """The submitted call's return value; its exception is raised here."""
        data = _read_sized(self._process.stdout)  # sized: not waiting for the child's exit (GX's teardown is slow)
        if data is None:
            raise self._ended()
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

    def _ended(self) -> RuntimeError:
        self._process.wait()
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        return RuntimeError(f"the background {self._module} process ended without a result "
                            f"(exit code {self._process.returncode})" + (f": {lines[-1]}" if lines else ""))

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout, self._stderr):
            if stream and not stream.closed:
                stream.close()


class Background:
    """A warm Great Expectations process and a warm Frictionless process; use as a context manager."""

    def __init__(self) -> None:
        self._suites = OneJob("great_expectations")
        self._frictionless = OneJob("frictionless", nice=10)

    def run_suites(self, tables: dict, cache_dir: Path | None) -> OneJob:
        """Start pipeline.validate.expectations.run_suites in the Great Expectations process; ``.result()`` waits."""
        from pipeline.validate.expectations import run_suites

        self._suites.submit(run_suites, tables, cache_dir=cache_dir)
        return self._suites

    def validate_package(self, descriptor: Path) -> OneJob:
        """Start pipeline.validate.schemas.validate_package in the Frictionless process; ``.result()`` waits."""
        from pipeline.validate.schemas import validate_package

        self._frictionless.submit(validate_package, descriptor)
        return self._frictionless

    def stop_suites(self) -> None:
        """Stop the Great Expectations process (when there is nothing for it to do)."""
        self._suites.close()

    def close(self) -> None:
        self._suites.close()
        self._frictionless.close()

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_sized(stream: BinaryIO) -> bytes | None:
    """One sized message (8-byte length, then the bytes) from `stream`; None if it ends before a whole one."""
    size = stream.read(8)
    if len(size) != 8:
        return None
    n = int.from_bytes(size, "big")
    data = stream.read(n)
    return data if n and len(data) == n else None


def _sized(data: bytes) -> bytes:
    return len(data).to_bytes(8, "big") + data


def _read_job(into: list[bytes]) -> None:
    """Read the one sized job from stdin into `into`; nothing if stdin is closed before."""
    data = _read_sized(sys.stdin.buffer)
    if data is not None:
        into.append(data)


def _serve(module: str, nice: int = 0) -> None:
    """The child: import ``module``, run the one call read from stdin, write its pickled outcome."""
    if nice:
        os.nice(nice)
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever the libraries print goes to stderr, not into the result
    job: list[bytes] = []
    reader = threading.Thread(target=_read_job, args=(job,), daemon=True)
    reader.start()  # take the job off the pipe while importing: the build never waits to hand it over
    importlib.import_module(module)
    reader.join()
    if not job:  # closed without a job
        return
    fn, args, kwargs = pickle.loads(job[0])
    try:
        outcome = (True, fn(*args, **kwargs))
    except BaseException as e:  # noqa: BLE001 - handed to the parent, which raises it
        outcome = (False, e)
    try:
        data = pickle.dumps(outcome)
    except Exception:  # an exception (or result) that cannot be pickled
        data = pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))
    channel.write(_sized(data))
    channel.flush()
    sys.stderr.flush()
    os._exit(0)  # the result is handed over: tearing down the imported modules (seconds for GX) helps no one


if __name__ == "__main__":
    _serve(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
