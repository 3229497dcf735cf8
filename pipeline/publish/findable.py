"""What makes the package findable and citable: the descriptor's id, homepage, contributors, keywords and
temporal and spatial coverage (read from the published rows), and the schema.org `Dataset` of the landing page."""
from __future__ import annotations

import uuid

from pipeline.publish.citation import authors, citation, released
from pipeline.publish.version import data_date

KEYWORDS = ("policing", "crime", "London", "boroughs", "Metropolitan Police", "MOPAC", "police officers",
            "local policing priorities", "open data", "Frictionless data package")
# data tables a period or a year is read from (the code lists and the provenance carry none)
DATA_TABLES = ("borough_priorities", "officer_allocations", "borough_performance", "borough_targets")
SPATIAL_NAME = "London, United Kingdom"


def package_id(name: str) -> str:
    """A stable identifier of the dataset, the same for every version (`version` names the release)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:london-policing-open-data:' + name)}"


def temporal_coverage(tables: dict[str, list[dict]]) -> dict:
    """The first and last day the data tables' periods (1 April to 31 March) and years cover, and each of them."""
    periods = sorted({r["period"] for t in DATA_TABLES for r in tables.get(t, []) if r.get("period")})
    years = sorted({int(r["year"]) for t in DATA_TABLES for r in tables.get(t, []) if r.get("year")})
    starts = [str(r["period_start"]) for t in DATA_TABLES for r in tables.get(t, []) if r.get("period_start")]
    ends = [str(r["period_end"]) for t in DATA_TABLES for r in tables.get(t, []) if r.get("period_end")]
    starts += [f"{y}-01-01" for y in years]
    ends += [f"{y}-12-31" for y in years]
    out: dict = {"periods": periods, "years": years}
    if starts and ends:
        out = {"start": min(starts), "end": max(ends), **out}
    return out


def spatial_coverage(tables: dict[str, list[dict]]) -> dict:
    """London, and the GSS codes of the boroughs the data tables have rows for."""
    codes = sorted({r["gss_code"] for t in DATA_TABLES for r in tables.get(t, []) if r.get("gss_code")})
    return {"name": SPATIAL_NAME, "gss_codes": codes}


def descriptor_metadata(name: str, homepage: str, tables: dict[str, list[dict]]) -> dict:
    """The descriptor's id, homepage, contributors, keywords, temporal and spatial coverage."""
    return {"id": package_id(name), "homepage": homepage,
            "contributors": [{"title": a, "roles": ["author", "publisher"]} for a in authors()],
            "keywords": list(KEYWORDS), "temporal": temporal_coverage(tables), "spatial": spatial_coverage(tables)}


def distribution(descriptor: dict) -> list[dict]:
    """Every file a researcher downloads: the whole package's zip, each resource's files, the SQLite database."""
    out = []
    bundle = descriptor.get("download")
    if bundle:
        out.append({"@type": "DataDownload", "name": "Everything in one zip file", "contentUrl": bundle["path"],
                    "encodingFormat": bundle["mediatype"]})
    for r in descriptor["resources"]:
        for meta in (r, r.get("json"), r.get("parquet")):
            if meta and meta.get("path"):
                out.append({"@type": "DataDownload", "name": f"{r['name']} ({meta['path'].rsplit('.', 1)[-1]})",
                            "contentUrl": meta["path"], "encodingFormat": meta["mediatype"]})
    if descriptor.get("sqlite"):
        out.append({"@type": "DataDownload", "name": "Every resource in one SQLite database",
                    "contentUrl": descriptor["sqlite"]["path"], "encodingFormat": descriptor["sqlite"]["mediatype"]})
    return out


def json_ld(descriptor: dict, sources: list[dict]) -> dict:
    """The schema.org `Dataset` the landing page embeds (JSON-LD), from the descriptor and the sources."""
    who = [{"@type": "Organization", "name": a} for a in authors()]
    temporal = descriptor.get("temporal") or {}
    out = {"@context": "https://schema.org", "@type": "Dataset", "name": descriptor["title"],
           "description": descriptor["description"], "version": descriptor["version"],
           "identifier": descriptor.get("id"), "url": descriptor.get("homepage"),
           "license": descriptor["licenses"][0]["path"], "keywords": descriptor.get("keywords", []),
           "creator": who, "publisher": who, "citation": citation(descriptor, sources),
           "isAccessibleForFree": True}
    if descriptor.get("created"):
        out["dateCreated"] = data_date(descriptor)
    if released(descriptor):
        out["datePublished"] = released(descriptor)
    if temporal.get("start"):
        out["temporalCoverage"] = f"{temporal['start']}/{temporal['end']}"
    if descriptor.get("spatial"):
        out["spatialCoverage"] = {"@type": "Place", "name": descriptor["spatial"]["name"]}
    out["isBasedOn"] = [{"@type": "CreativeWork", "name": s["title"],
                         **({"url": s["url"]} if s.get("url") else {}),
                         "publisher": {"@type": "Organization", "name": s.get("publisher") or "Unknown"}}
                        for s in sorted(sources, key=lambda s: s["source_id"])]
    out["distribution"] = distribution(descriptor)
    return {k: v for k, v in out.items() if v not in (None, "", [])}
