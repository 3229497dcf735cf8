"""Validation's two slow checkers in background processes, started before they are needed.

Importing Great Expectations takes seconds; a build starts its process before
extracting, so the import overlaps extraction and normalisation. Frictionless then
checks the written package in its own process while the suites run. Each is a
one-job process started with "spawn" (it inherits nothing from the build, and the
build keeps no extra threads, so the per-PDF workers it forks stay safe), and is
terminated when the build ends, failed or not: a build that stops early does not
wait for an import.
"""
from __future__ import annotations

import importlib
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any


def _serve(conn: Connection, module: str) -> None:
    """In the child: import ``module``, then run the one job sent and send back its result or error."""
    importlib.import_module(module)
    try:
        fn, args, kwargs = conn.recv()
    except EOFError:
        return
    try:
        conn.send((True, fn(*args, **kwargs)))
    except BaseException as e:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            conn.send((False, e))
        except Exception:  # an exception that cannot be pickled
            conn.send((False, RuntimeError(f"{type(e).__name__}: {e}")))


class OneJob:
    """A spawned process that imports a module at once and later runs one function call."""

    def __init__(self, module: str) -> None:
        spawn = multiprocessing.get_context("spawn")
        self._conn, child = spawn.Pipe()
        self._process = spawn.Process(target=_serve, args=(child, module), daemon=True,
                                      name=f"pipeline-{module}")
        self._process.start()
        child.close()
        self._module = module

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        try:
            self._conn.send((fn, args, kwargs))
        except OSError:  # a broken pipe: the process is gone
            raise self._ended() from None

    def result(self) -> Any:
        """The submitted call's return value; its exception is raised here."""
        try:
            ok, value = self._conn.recv()
        except (EOFError, OSError):
            raise self._ended() from None
        if not ok:
            raise value
        return value

    def _ended(self) -> RuntimeError:
        self._process.join(timeout=5)
        return RuntimeError(f"the background {self._module} process ended without a result "
                            f"(exit code {self._process.exitcode})")

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._conn.close()


class Background:
    """A warm Great Expectations process and a warm Frictionless process; use as a context manager."""

    def __init__(self) -> None:
        self._suites = OneJob("great_expectations")
        self._frictionless = OneJob("frictionless")

    def run_suites(self, tables: dict, data_docs_dir: Path | None, cache_dir: Path | None) -> list[dict]:
        """pipeline.validate.expectations.run_suites, in the Great Expectations process."""
        from pipeline.validate.expectations import run_suites

        self._suites.submit(run_suites, tables, data_docs_dir, cache_dir=cache_dir)
        return self._suites.result()

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
