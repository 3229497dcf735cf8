"""Extract documents on an existing Dask cluster: each task runs the same bounded child process as isolate.py.

A task gets the PDF's bytes (workers need no shared folder), writes them under their
own name in a private temporary folder and runs `run_isolated` on that one file, so
the time and memory limits hold on the cluster too. Workers must run the same code:
each task returns the worker's extractor fingerprint and a mismatch stops the run.
"""
from __future__ import annotations

import multiprocessing as mp
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from pipeline.errors import BadInput
from pipeline.extract.cache import code_fingerprint
from pipeline.extract.isolate import run_isolated
from pipeline.settings import ExtractSettings

CONNECT_TIMEOUT = "10s"


class SchedulerError(Exception):
    """The Dask cluster cannot be used; `str()` is one line saying why."""


def _allow_children() -> None:
    """Dask worker processes are daemonic, and multiprocessing refuses daemonic processes children."""
    mp.current_process()._config["daemon"] = False  # type: ignore[attr-defined]  # noqa: SLF001


def extract_task(name: str, data: bytes, meta: dict, settings: ExtractSettings) -> tuple[str, dict, str]:
    """On a worker: ("ok"|"bad", document or error, the worker's code fingerprint) for one PDF."""
    _allow_children()
    with tempfile.TemporaryDirectory(prefix="pipeline-extract-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        # fork, as locally: "forkserver" re-imports the worker's __main__ in every child (~1 s a PDF)
        [(_, status, payload)] = run_isolated([(path, meta)], replace(settings, workers=1))
    return status, payload, code_fingerprint()


def _connect(address: str):
    try:
        from distributed import Client
    except ImportError:  # Dask is an optional extra
        raise SchedulerError(f"--scheduler {address}: Dask is not installed (pip install "
                             "'london-policing-open-data[dask]')") from None

    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise SchedulerError(f"--scheduler {address}: cannot connect to the Dask scheduler ({e})") from None


def _failed(path: Path, error: BaseException) -> dict:
    detail = f"{type(error).__name__}: {str(error)[:120]}".replace("\n", " ")
    return BadInput(path.name, f"extraction failed on the Dask cluster ({detail})",
                    "check the workers' logs or run without --scheduler", "crash").as_dict()


def run_on_dask(jobs: list[tuple[Path, dict]], settings: ExtractSettings, address: str,
                on_done: Callable[[], None] | None = None) -> Iterator[tuple[Path, str, dict]]:
    """(path, "ok"|"bad", document or error) for each job, as run_isolated, on the cluster at `address`."""
    if not jobs:
        return
    client = _connect(address)
    from distributed import as_completed

    try:
        fingerprint = code_fingerprint()
        window = max(2, 2 * sum(client.nthreads().values()))  # PDFs in flight: bounded client memory
        pending, running = list(jobs), {}
        done = as_completed(loop=client.loop)

        def submit() -> None:
            path, meta = pending.pop(0)
            future = client.submit(extract_task, path.name, path.read_bytes(), meta, settings, pure=False,
                                   key=f"extract-{uuid.uuid4().hex}")
            running[future] = path
            done.add(future)

        while pending and len(running) < window:
            submit()
        for future in done:
            path = running.pop(future)
            try:
                status, payload, theirs = future.result()
            except Exception as e:  # noqa: BLE001  (a lost worker or a task error: this PDF failed, not the run)
                status, payload, theirs = "bad", _failed(path, e), fingerprint
            future.release()
            if theirs != fingerprint:
                raise SchedulerError(f"--scheduler {address}: the workers run other extractor code "
                                     f"(fingerprint {theirs}, here {fingerprint}); install this version on them")
            if pending:
                submit()
            if on_done:
                on_done()
            yield path, status, payload
    finally:
        client.close()
