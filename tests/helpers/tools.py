"""The outside programs (and fonts) some tests drive: Debian packages that pip cannot install.

A test declares what it drives with `@pytest.mark.needs("gs")` (tests/conftest.py checks the mark before any
fixture runs); a fixture that drives a program gets its path from `require("gs")`. When it is missing the test is
skipped with a reason naming the program and the command that installs it; under CI (`CI=true`, where .ci/run
has installed everything) a missing program fails the test instead, so that nothing is silently left untested.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Tool:
    """One outside requirement: the programs (any one will do) or the files it is, and its Debian package."""

    what: str
    package: str
    programs: tuple[str, ...] = ()
    files: tuple[str, ...] = ()


TOOLS = {
    "gs": Tool("Ghostscript (gs)", "ghostscript", programs=("gs",)),
    "soffice": Tool("LibreOffice Writer (soffice)", "libreoffice-writer", programs=("soffice", "libreoffice")),
    "chromium": Tool("Chromium (chromium)", "chromium", programs=("chromium",)),
    "pdflatex": Tool("TeX (pdflatex)", "texlive-latex-base", programs=("pdflatex",)),
    "groff": Tool("groff (groff)", "groff", programs=("groff",)),
    "dejavu": Tool("DejaVu fonts", "fonts-dejavu-core",
                   files=tuple(f"/usr/share/fonts/truetype/dejavu/{n}.ttf"
                               for n in ("DejaVuSans", "DejaVuSerif", "DejaVuSansMono"))),
    "liberation": Tool("Liberation fonts", "fonts-liberation",
                       files=tuple(f"/usr/share/fonts/truetype/liberation/Liberation{n}-Regular.ttf"
                                   for n in ("Sans", "Serif", "Mono"))),
}
# the layout sweep's and the renderings' engines (tools/layouts, tools/renderings): what each one drives
ENGINES = {"reportlab": ("dejavu",), "fpdf2": ("dejavu",), "postscript": ("gs", "dejavu"),
           "chromium": ("chromium", "dejavu"), "libreoffice": ("soffice", "dejavu")}


def under_ci() -> bool:
    """Whether this run is CI's (CI=true), where every tool must be installed."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing_reason(name: str) -> str:
    """The skip reason for a missing tool: what it is and the command that installs it."""
    tool = TOOLS[name]
    return f"{tool.what} is not installed: apt-get install {tool.package} (.ci/run installs it)"


def find(name: str) -> str | None:
    """Where the tool is (a program on PATH, or its first file), or None."""
    tool = TOOLS[name]
    if tool.programs:
        path = next((p for p in map(shutil.which, tool.programs) if p), None)
        if path and name == "soffice" and not _writes_pdf(path):
            return None  # LibreOffice without Writer (libreoffice-core alone) converts nothing
        return path
    return tool.files[0] if all(Path(f).is_file() for f in tool.files) else None


@cache
def _writes_pdf(soffice: str) -> bool:
    """Whether this LibreOffice turns a text document into a PDF (its Writer module is installed)."""
    with tempfile.TemporaryDirectory(prefix="soffice-probe-") as tmp:
        src = Path(tmp) / "probe.txt"
        src.write_text("probe\n", encoding="utf-8")
        profile = (Path(tmp) / "profile").as_uri()
        try:
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", tmp, str(src)], capture_output=True, timeout=120, check=False,
                           env={**os.environ, "HOME": tmp})
        except (OSError, subprocess.TimeoutExpired):
            return False
        return (Path(tmp) / "probe.pdf").is_file()


def require(*names: str) -> str:
    """The path of the first tool named (each must be there): skip the test naming what is missing, or under CI
    fail it."""
    found = [find(n) for n in names]
    missing = [n for n, path in zip(names, found) if path is None]
    if missing:
        reason = "; ".join(missing_reason(n) for n in missing)
        if under_ci():
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    return found[0]


def require_engine(engine: str) -> None:
    """Every tool a sweep or rendering engine (reportlab, fpdf2, postscript, chromium, libreoffice) drives."""
    require(*ENGINES[engine])


# --- the hook that applies the `needs` marks (imported by tests/conftest.py) -----------------------------------

@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture of the test runs: every tool its `needs` marks name is there (else skip, or fail on CI)."""
    for mark in item.iter_markers("needs"):
        require(*mark.args)
