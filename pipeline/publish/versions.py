"""Versions of the tools that built the package (for the codebook and the landing page)."""
from __future__ import annotations

import platform
from importlib import metadata

TOOLS = ("london-policing-open-data", "pdfplumber", "pypdfium2", "camelot-py", "pandas", "great-expectations",
         "frictionless", "rapidfuzz", "jinja2")


def tool_versions() -> dict[str, str]:
    """Python and each tool's installed version (`not installed` when missing), in a fixed order."""
    out = {"python": platform.python_version()}
    for name in TOOLS:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out
