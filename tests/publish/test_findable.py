"""Findable and citable: the descriptor's id, homepage, contributors, keywords and coverage, the page's schema.org
Dataset and meta description, CITATION.cff inside the package, and one citation everywhere (the project's
contributors publish the package; MOPAC, the MPA and the Mayor of London are credited as its sources)."""
from __future__ import annotations

import json
import re
from html import unescape

import yaml

from pipeline.paths import CITATION_FILE
from pipeline.publish.findable import spatial_coverage, temporal_coverage
from tests.publish.conftest import load_tables

PROJECT = [a["name"] for a in yaml.safe_load(CITATION_FILE.read_text(encoding="utf-8"))["authors"]]


def _json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_descriptor_has_id_homepage_contributors_keywords_and_coverage(built):
    dp = json.loads((built / "datapackage.json").read_text())
    tables = load_tables(built)
    assert dp["id"].startswith("urn:uuid:") and dp["homepage"] == "index.html"
    assert [c["title"] for c in dp["contributors"]] == PROJECT
    assert all("publisher" in c["roles"] for c in dp["contributors"])
    assert {"policing", "London"} <= set(dp["keywords"])
    data = [r for name in ("borough_priorities", "officer_allocations", "borough_performance", "borough_targets")
            for r in tables[name]]
    starts = [r["period_start"] for r in data if r.get("period_start")] + [f"{r['year']}-01-01" for r in data
                                                                          if r.get("year")]
    ends = [r["period_end"] for r in data if r.get("period_end")] + [f"{r['year']}-12-31" for r in data
                                                                     if r.get("year")]
    assert (dp["temporal"]["start"], dp["temporal"]["end"]) == (min(starts), max(ends)) == ("2009-04-01",
                                                                                             "2018-03-31")
    assert dp["spatial"]["gss_codes"] == sorted({r["gss_code"] for r in data})


def test_coverage_of_tables_without_periods_or_years_states_none():
    assert temporal_coverage({}) == {"periods": [], "years": []}
    assert spatial_coverage({"officer_allocations": [{"gss_code": "E09000003"}]})["gss_codes"] == ["E09000003"]


def test_the_page_embeds_a_schema_org_dataset_naming_licence_coverage_and_files(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    dp = json.loads((built / "datapackage.json").read_text())
    ld = _json_ld(html)
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "Dataset"
    assert ld["name"] == dp["title"] and ld["version"] == dp["version"] and ld["identifier"] == dp["id"]
    assert ld["license"] == dp["licenses"][0]["path"]
    assert ld["temporalCoverage"] == f"{dp['temporal']['start']}/{dp['temporal']['end']}"
    urls = {d["contentUrl"] for d in ld["distribution"]}
    assert dp["download"]["path"] in urls and dp["sqlite"]["path"] in urls
    for r in dp["resources"]:
        assert {r["path"], r["json"]["path"], r["parquet"]["path"]} <= urls
    assert all((built / u).is_file() for u in urls)
    assert [c["name"] for c in ld["creator"]] == PROJECT
    assert {b["publisher"]["name"] for b in ld["isBasedOn"]} == {s["publisher"] for s in load_tables(built)["sources"]}
    meta = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert meta and "London" in unescape(meta.group(1))


def test_citation_cff_travels_inside_the_package(built):
    cff = yaml.safe_load((built / "CITATION.cff").read_text(encoding="utf-8"))
    dp = json.loads((built / "datapackage.json").read_text())
    sources = load_tables(built)["sources"]
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset" and cff["message"]
    assert cff["title"] == dp["title"] and cff["version"] == dp["version"] and cff["license"] == "OGL-UK-3.0"
    assert [a["name"] for a in cff["authors"]] == PROJECT
    assert cff.get("date-released") == dp.get("released")  # none for a build that is not a release
    refs = {r["title"]: r for r in cff["references"]}
    assert set(refs) == {s["title"] for s in sources}
    for s in sources:
        assert refs[s["title"]]["authors"] == [{"name": s["publisher"]}]
        assert refs[s["title"]].get("url") == s.get("url")
    assert not {s["publisher"] for s in sources} & set(PROJECT)  # the bodies are sources, not authors


def test_one_citation_on_the_page_in_the_codebook_and_the_json_ld(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    readme = (built / "README.md").read_text(encoding="utf-8")
    dp = json.loads((built / "datapackage.json").read_text())
    on_page = unescape(re.search(r'<p id="citation">(.*?)</p>', html, re.S).group(1))
    in_codebook = re.sub(r"\\(.)", r"\1", readme.split("## How to cite\n\n", 1)[1].split("\n", 1)[0])  # Markdown
    assert on_page == in_codebook == _json_ld(html)["citation"]
    assert on_page.startswith(f"{PROJECT[0]} ({dp['created'][:4]}). {dp['title']}, version {dp['version']}")
    publishers = sorted({s["publisher"] for s in load_tables(built)["sources"]})
    credit = on_page.split("Source documents: ", 1)[1]
    assert all(p in credit for p in publishers)


def test_each_figure_carries_its_documents_area_and_period_beside_its_own(built):
    tables = load_tables(built)
    sources = {s["source_id"]: s for s in tables["sources"]}
    figures = tables["reported_figures"]
    barnet = [f for f in figures if sources[f["source_id"]]["file"] == "lps_barnet_2009-10.pdf"]
    plan = [f for f in figures if sources[f["source_id"]]["file"] == "draft_police_and_crime_plan_2013.pdf"]
    assert barnet and plan
    assert {(f["document_gss_code"], f["document_area"], f["document_period"]) for f in barnet} == {
        ("E09000003", "Barnet", "2009-10")}
    assert {(f["document_gss_code"], f["document_area"], f["document_period"]) for f in plan} == {
        (None, "London", None)}
    # the figure's own area stays what its clause says: empty where it names none
    assert any(f["area"] is None for f in barnet) and any(f["area"] == "Barnet" for f in barnet)
    assert all(f["document_area"] for f in figures)
