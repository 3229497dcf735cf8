"""Run each document's extraction in its own process, bounded in time and memory."""
from __future__ import annotations

import multiprocessing as mp
import resource
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.errors import BadInput
from pipeline.extract.document import extract_document
from pipeline.settings import ExtractSettings


def _limit_memory(mb: int) -> None:
    limit = mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(path: str, meta: dict, settings: ExtractSettings, conn) -> None:
    try:
        _limit_memory(settings.memory_mb)
        conn.send(("ok", extract_document(Path(path), meta, settings)))
    except BadInput as e:
        conn.send(("bad", e.as_dict()))
    except MemoryError:
        conn.send(("bad", BadInput(Path(path).name, f"over the memory limit ({settings.memory_mb} MB)",
                                   "raise extract.memory_mb in params.yaml", "too_large").as_dict()))
    except Exception as e:  # noqa: BLE001  (a hostile PDF may raise anything inside the parsers)
        detail = f"{type(e).__name__}: {str(e)[:120]}".replace("\n", " ")
        conn.send(("bad", BadInput(Path(path).name, f"cannot be parsed ({detail})", "check the file or report it",
                                   "unreadable").as_dict() | {"trace": traceback.format_exc(limit=3)}))
    finally:
        conn.close()


def run_isolated(jobs: list[tuple[Path, dict]], settings: ExtractSettings,
                 on_done: Callable[[], None] | None = None) -> Iterator[tuple[Path, str, dict]]:
    """(path, "ok"|"bad", document or error) for each job, at most `workers` processes at once."""
    ctx = mp.get_context("fork")
    pending = list(jobs)
    running: list[tuple[Path, mp.Process, object, float]] = []
    while pending or running:
        while pending and len(running) < settings.workers:
            path, meta = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(str(path), meta, settings, child), daemon=True)
            proc.start()
            child.close()
            running.append((path, proc, parent, time.monotonic()))
        still = []
        for path, proc, conn, started in running:
            result = None
            if conn.poll(0.02):
                try:
                    result = conn.recv()
                except EOFError:
                    result = ("bad", BadInput(path.name, "extraction crashed (process died)",
                                              "check the file or raise extract.memory_mb", "crash").as_dict())
            elif not proc.is_alive():
                result = ("bad", BadInput(path.name, f"extraction crashed (exit code {proc.exitcode})",
                                          "check the file or raise extract.memory_mb", "crash").as_dict())
            elif time.monotonic() - started > settings.timeout_seconds:
                proc.kill()
                result = ("bad", BadInput(path.name, f"over the time limit ({settings.timeout_seconds:g} s)",
                                          "split the PDF or raise extract.timeout_seconds", "timeout").as_dict())
            if result is None:
                still.append((path, proc, conn, started))
                continue
            proc.join(1)
            if proc.is_alive():
                proc.kill()
            conn.close()
            if on_done:
                on_done()
            yield path, result[0], result[1]
        running = still
