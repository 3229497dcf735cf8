"""One download of everything: the package folder as one zip, listed in the descriptor as `download`.

Deterministic: members in sorted order, each with a fixed timestamp and mode, so the same package gives the
same bytes. It holds every file of the package but itself and hidden files (the publisher's marker); the
descriptor inside it lists the zip without a size or hash, which the zip cannot state about itself.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can state
MODE = 0o100644 << 16  # a regular file, rw-r--r--


def bundle_entry(descriptor: dict) -> dict:
    """The descriptor's `download`: where the zip of the whole package is."""
    return {"path": f"{descriptor['name']}-{descriptor['version']}.zip", "format": "zip",
            "mediatype": "application/zip",
            "description": "Every file of this package (data in every format, descriptor, codebook, reports, "
                           "landing page and page images) in one zip file, under one folder."}


def write_bundle(folder: Path, descriptor: dict) -> Path:
    """Zip every file under `folder` (but the zip and hidden files) into the path `download` names."""
    target = folder / descriptor["download"]["path"]
    top = Path(target.name).stem
    files = sorted((p for p in folder.rglob("*") if p.is_file() and p != target
                    and not any(part.startswith(".") for part in p.relative_to(folder).parts)),
                   key=lambda p: p.relative_to(folder).as_posix())
    with zipfile.ZipFile(target, "w") as z:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=FIXED_TIME)
            info.external_attr, info.create_system = MODE, 3
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes(), compresslevel=6)
    return target
