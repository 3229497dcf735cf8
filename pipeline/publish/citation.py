"""How to cite the package and the OGL attribution statement, from the descriptor and the sources."""
from __future__ import annotations

ATTRIBUTION = ("Contains public sector information licensed under the Open Government Licence v3.0 "
               "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).")


def build_date(descriptor: dict) -> str:
    """The package's `created` date (YYYY-MM-DD), or `unknown` when the descriptor has none."""
    created = descriptor.get("created")
    return str(created)[:10] if created else "unknown"


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


def citation(descriptor: dict, sources: list[dict]) -> str:
    """A one-line citation: publishers, year, title, version, package name, build date, licence."""
    date = build_date(descriptor)
    year = date[:4] if date != "unknown" else "n.d."
    who = "; ".join(publishers(sources)) or "Unknown publisher"
    return (f"{who} ({year}). {descriptor['title']}, version {descriptor['version']} [data package "
            f"{descriptor['name']}, built {date}]. Open Government Licence v3.0.")
