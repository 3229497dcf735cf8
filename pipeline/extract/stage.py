"""Extract stage: every PDF in raw/ -> build/extracted/<source_id>.json and an index of skipped files."""
from __future__ import annotations

import hashlib
import os
import pickle
import shlex
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from pipeline import cache_store
from pipeline.interim import fresh_folder
from pipeline.errors import BadInput, shown
from pipeline.extract.cache import cache_key, code_fingerprint
from pipeline.extract.dask_runner import run_on_dask
from pipeline.extract.families import load_families
from pipeline.extract.isolate import run_isolated
from pipeline.extract.manifest import assign_source_ids, load_manifest
from pipeline.extract.prose import exclusion_rules
from pipeline.safe_files import UnsafeFile, copy_hashed
from pipeline.jsonio import write_json
from pipeline.normalise.vocab import load_vocabulary
from pipeline.settings import ExtractSettings


class Documents(Sequence[dict]):
    """Extracted documents, each pickled into an unnamed temporary file as it arrives and read back one at a
    time, so the extracting process's memory does not grow with the number of PDFs (the workers it forks do
    not carry them either). Only this process's own documents are unpickled."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self._spans: list[tuple[int, int]] = []  # (offset, size) of each document in the file

    def append(self, doc: dict) -> None:
        data = pickle.dumps(doc, pickle.HIGHEST_PROTOCOL)
        start = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._spans.append((start, len(data)))

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, i):  # noqa: ANN001, ANN204 - an index or a slice, as for a list
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        start, size = self._spans[i]
        self._file.seek(start)
        return pickle.loads(self._file.read(size))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]


@dataclass
class ExtractResult:
    documents: Documents = field(default_factory=Documents)
    bad: list[dict] = field(default_factory=list)
    cached: int = 0
    notes: list[str] = field(default_factory=list)


def list_pdfs(raw_dir: Path) -> list[Path]:
    """Entries of raw/ named *.pdf (any case) that are not folders, sorted by name; nothing else is read.
    Whether each is a regular file is checked when it is read (snapshot_pdfs)."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such folder")
    return sorted(p for p in raw_dir.iterdir() if p.suffix.lower() == ".pdf" and not p.is_dir())


def _unsafe_line(p: Path, e: UnsafeFile, settings: ExtractSettings) -> dict:
    """A PDF that is not read (not a regular file, too large, unreadable) as a skipped file."""
    if e.kind == "too_large":
        return BadInput(shown(p.name), f"file too large (more than {settings.max_bytes} bytes)",
                        "split it or raise extract.max_bytes in params.yaml", "too_large").as_dict()
    reason = str(e).removeprefix(f"{shown(p)}: ")
    return BadInput(shown(p.name), reason, "put the PDF itself in raw/ (a regular file)", "io").as_dict()


def _named_in_raw(bad: dict, read: Path, raw: Path) -> dict:
    """A worker's line names the copy of the PDF it read; the command it suggests names the PDF in raw/."""
    hint = bad.get("hint") or ""
    return {**bad, "hint": hint.replace(shlex.quote(str(read)), shlex.quote(str(raw)))}


def snapshot_pdfs(pdfs: list[Path], folder: Path, settings: ExtractSettings, bad: list[dict]) -> dict[str, str]:
    """Copy each PDF (a regular file of at most max_bytes, checked before a byte is read) into `folder` under its
    own name, hashing the bytes copied; file name -> sha256. Extraction and page images then read the copy, so
    a file replaced in raw/ during a build cannot mix two versions. Files that cannot be read go to `bad`."""
    sha = {}
    for p in pdfs:
        try:
            sha[p.name], _size = copy_hashed(p, folder / p.name, settings.max_bytes)
        except UnsafeFile as e:
            (folder / p.name).unlink(missing_ok=True)
            bad.append(_unsafe_line(p, e, settings))
    return sha


def check_specs() -> None:
    """Load (and so check) the specs and vocabularies the workers read, here first: a mistake in one is one line
    and exit 2 before any PDF is read, and the forked workers find them loaded."""
    load_families()
    load_vocabulary()
    exclusion_rules()


def extract_all(raw_dir: Path, settings: ExtractSettings, cache_dir: Path | None = None,
                progress: bool = False, scheduler: str | None = None, snapshot: Path | None = None) -> ExtractResult:
    """Extract every PDF (cached ones are not extracted again); bad inputs are collected, not raised.

    `scheduler`: address of a Dask scheduler to extract on instead of local processes.
    `snapshot`: an empty folder that receives the copies of the PDFs that are read (a temporary one if None).
    """
    if snapshot is None:
        with tempfile.TemporaryDirectory(prefix="pdfs-") as tmp:
            return extract_all(raw_dir, settings, cache_dir, progress, scheduler, Path(tmp))
    pdfs = list_pdfs(raw_dir)
    check_specs()
    result = ExtractResult()
    manifest = load_manifest(raw_dir, result.notes)
    sha = snapshot_pdfs(pdfs, snapshot, settings, result.bad)
    pdfs = [snapshot / p.name for p in pdfs]
    fingerprint = code_fingerprint()
    jobs, keys, found = [], {}, Documents()
    same = same_content(pdfs, sha, set(manifest))
    for p in pdfs:
        if p.name not in sha:
            continue
        if p.name in same:
            result.bad.append(BadInput(shown(p.name), f"the same content as {shown(same[p.name])} (sha256 "
                                       f"{sha[p.name][:12]}\u2026)", "remove one of the two files",
                                       "duplicate").as_dict())
            continue
        meta = manifest.get(p.name, {})
        # the name is part of the key: byte-identical copies under two names are two documents
        keys[p.name] = cache_key(sha[p.name], {"file": shown(p.name), **meta}, fingerprint)
        hit = cache_store.get(cache_dir, keys[p.name])
        if hit is not None:
            found.append(hit)
            result.cached += 1
        else:
            jobs.append((p, meta))
    # shown on a terminal once a run has taken 2 s (short runs print nothing)
    bar = tqdm(total=len(jobs), desc="extract", unit="pdf", disable=not progress or not jobs, leave=False, delay=2)
    if scheduler:
        results = run_on_dask(jobs, settings, scheduler, on_done=lambda: bar.update(1))
    else:
        results = run_isolated(jobs, settings, on_done=lambda: bar.update(1))
    for path, status, payload in results:
        payload["file"] = shown(path.name)  # names are published and written as UTF-8: odd bytes escaped
        if status == "ok":
            cache_store.put(cache_dir, keys[path.name], payload)
            found.append(payload)
        else:
            result.bad.append(_named_in_raw(payload, path, raw_dir / path.name))
    bar.close()
    _identify(found, manifest, {shown(n): n for n in sha}, result)
    result.bad.sort(key=lambda b: b["file"])
    return result


def _identify(found: Documents, manifest: dict[str, dict], raw_name: dict[str, str], result: ExtractResult) -> None:
    """The documents in file-name order into result.documents, each with its source_id and its manifest entry; a
    second copy of a document (the same derived source_id) into result.bad."""
    heads = [{k: doc.get(k) for k in ("file", "identity", "family", "sha256")} | {"at": i}
             for i, doc in enumerate(found)]
    ids, copies = assign_source_ids(heads, {shown(k): v for k, v in manifest.items()})
    for name, first in copies.items():
        result.bad.append(BadInput(name, f"derives the same source_id ({ids[name]}) as {first}: the same document "
                                   "twice", "remove one of the two files, or give one its own source_id in "
                                   "raw/sources.yaml", "duplicate").as_dict())
    for head in sorted(heads, key=lambda h: h["file"]):
        if head["file"] in copies:
            continue
        doc = found[head["at"]]
        doc["source_id"] = ids[doc["file"]]
        doc["manifest"] = manifest.get(raw_name[doc["file"]], {})
        result.documents.append(doc)


def same_content(pdfs: list[Path], sha: dict[str, str], described: set[str]) -> dict[str, str]:
    """Each PDF whose bytes another one has, with that one's name: the one raw/sources.yaml describes (`described`)
    is kept, else the first in file-name order."""
    first: dict[str, str] = {}
    copies = {}
    for p in sorted(pdfs, key=lambda p: (p.name not in described, p.name)):
        if p.name in sha:
            copies.update({p.name: first[sha[p.name]]} if sha[p.name] in first else {})
            first.setdefault(sha[p.name], p.name)
    return copies


def interim_name(source_id: str) -> str:
    """The interim file of a document: `<source_id>.json` for a short plain id, else named by its hash."""
    if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,99}", source_id):
        return f"{source_id}.json"
    return f"doc-{hashlib.sha256(source_id.encode('utf-8', 'surrogateescape')).hexdigest()[:32]}.json"


def write_extracted(result: ExtractResult, out_dir: Path) -> None:
    """build/extracted/: one JSON per document and index.json (documents and skipped files)."""
    fresh_folder(out_dir)
    for doc in result.documents:
        write_json(out_dir / interim_name(doc["source_id"]), doc)
    write_json(out_dir / "index.json", {"documents": [{"file": d["file"], "source_id": d["source_id"],
                                                        "family": d["family"], "path": interim_name(d["source_id"])}
                                                       for d in result.documents],
                                        "skipped": [{k: v for k, v in b.items() if k != "trace"}
                                                    for b in result.bad]})
