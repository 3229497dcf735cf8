"""One citation of the package, the same on the landing page, in the codebook, the descriptor and the package's
CITATION.cff: the project's contributors publish it (as the repository's CITATION.cff names them); the bodies
whose PDFs it reads (MOPAC, the MPA, the Mayor of London) are credited as its sources, not as its authors."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path

import yaml

from pipeline.errors import UsageError, shown
from pipeline.paths import CITATION_FILE
from pipeline.publish.version import data_date
from pipeline.safe_yaml import load as load_yaml

ATTRIBUTION = ("Contains public sector information licensed under the Open Government Licence v3.0 "
               "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).")
CFF_MESSAGE = "If you use this data package, please cite it as below."


def released(descriptor: dict) -> str | None:
    """The release's date (the descriptor's `released`), or None for a build that is not a release."""
    return str(descriptor["released"])[:10] if descriptor.get("released") else None


def authors(path: Path = CITATION_FILE) -> list[str]:
    """Who publishes the package: the authors the repository's CITATION.cff names, in its order; installed from a
    wheel (no repository), the authors of the installed distribution (pyproject.toml's, kept equal by a test)."""
    if not path.is_file():
        return _distribution_authors(path)
    data, _ = load_yaml(path)
    names = []
    for a in (data or {}).get("authors") or []:
        name = a.get("name") or " ".join(p for p in (a.get("given-names"), a.get("family-names")) if p)
        if name:
            names.append(str(name))
    if not names:
        raise UsageError(f"{shown(path)}: names no authors")
    return names


def _distribution_authors(looked: Path) -> list[str]:
    try:
        field = metadata("london-policing-open-data").get("Author") or ""
    except PackageNotFoundError:
        field = ""
    names = [n.strip() for n in field.split(",") if n.strip()]
    if not names:
        raise UsageError(f"{shown(looked)}: not found, and the installed package names no authors")
    return names


def publishers(sources: list[dict]) -> list[str]:
    """The sources' publishers, each once, in order of first appearance by source_id."""
    seen: list[str] = []
    for s in sorted(sources, key=lambda s: s["source_id"]):
        p = s.get("publisher")
        if p and p not in seen:
            seen.append(p)
    return seen


def attribution(sources: list[dict]) -> str:
    """The OGL v3.0 attribution statement naming the sources' publishers."""
    names = publishers(sources)
    return ATTRIBUTION + (f" Source: {'; '.join(names)}." if names else "")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def citation(descriptor: dict, sources: list[dict]) -> str:
    """The one-line citation: authors (year). Title, version [Data set]. Sources. Licence."""
    date = released(descriptor) or data_date(descriptor)
    year = date[:4] if date != "unknown" else "n.d."
    names = publishers(sources)
    credit = f" Source documents: {_and(names)}." if names else ""
    return (f"{'; '.join(authors())} ({year}). {descriptor['title']}, version {descriptor['version']} "
            f"[Data set, data package {descriptor['name']}].{credit} {descriptor['licenses'][0]['title']}.")


def citation_cff(descriptor: dict, sources: list[dict]) -> str:
    """The package's own CITATION.cff (Citation File Format 1.2.0): this release, its authors, and each source
    document as a reference published by its own body."""
    refs = []
    for s in sorted(sources, key=lambda s: s["source_id"]):
        ref = {"type": "report", "title": s["title"], "authors": [{"name": s.get("publisher") or "Unknown"}]}
        if s.get("url"):
            ref["url"] = s["url"]
        if str(s.get("published") or "")[:4].isdigit():
            ref["year"] = int(str(s["published"])[:4])
        ref["notes"] = f"source_id {s['source_id']}, sha256 {s['sha256']}"
        refs.append(ref)
    cff = {"cff-version": "1.2.0", "message": CFF_MESSAGE, "type": "dataset", "title": descriptor["title"],
           "version": descriptor["version"], "abstract": descriptor["description"],
           "authors": [{"name": name} for name in authors()], "license": descriptor["licenses"][0]["name"]}
    if released(descriptor):  # a build that is not a release states no release date
        cff["date-released"] = released(descriptor)
    if descriptor.get("id"):
        cff["identifiers"] = [{"type": "other", "value": descriptor["id"],
                               "description": "The package's id (datapackage.json)"}]
    if str(descriptor.get("homepage", "")).startswith(("https://", "http://")):
        cff["url"] = descriptor["homepage"]
    if descriptor.get("keywords"):
        cff["keywords"] = list(descriptor["keywords"])
    cff["references"] = refs
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=100)
