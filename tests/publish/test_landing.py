"""The package's landing page and codebook: what they show comes from the package's own files, and the
page references nothing on the web."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

import pytest

from tests.publish.conftest import load_tables

# a stylesheet, script, font or image fetched from the web: <link href>, <script src>, <img src>, url(), @import
REMOTE = re.compile(r"""(?:<link\b[^>]*\bhref|<script\b[^>]*\bsrc|<img\b[^>]*\bsrc|<source\b[^>]*\bsrc|"""
                    r"""<iframe\b[^>]*\bsrc|\bsrcset)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|"""
                    r"""@import\s+["']?(?:url\()?\s*["']?(?:https?:)?//|\bfetch\(|XMLHttpRequest""", re.I)


class _Tags(HTMLParser):
    """Every start tag's name and attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.build
def test_no_web_reference_in_any_html_css_or_js_of_the_package(built):
    files = [p for p in built.rglob("*") if p.suffix.lower() in (".html", ".htm", ".css", ".js")]
    assert built / "index.html" in files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not REMOTE.search(text), f"{path.relative_to(built)}: {REMOTE.search(text).group(0)}"


def test_the_pattern_catches_web_references():
    for bad in ('<link rel="stylesheet" href="https://cdn.example/x.css">', "<script src='//cdn.example/x.js'>",
                '<img src="http://example.org/a.png">', "body { background: url(https://example.org/a.gif) }",
                '@import "https://fonts.example/css";', "fetch('data.json')"):
        assert REMOTE.search(bad), bad
    assert not REMOTE.search('<a href="https://www.nationalarchives.gov.uk/">licence</a>')


@pytest.mark.build
def test_every_local_reference_of_the_page_exists(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    for tag, attrs in _tags(html):
        ref = attrs.get("href") or attrs.get("src")
        if ref and not re.match(r"^(https?:|#|mailto:)", ref):
            assert (built / ref).is_file(), f"<{tag}> {ref}"


@pytest.mark.build
def test_page_states_the_package_licence_citation_data_date_and_tools(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    dp = json.loads((built / "datapackage.json").read_text())
    assert dp["title"] in html and f'<span id="version">{dp["version"]}</span>' in html
    assert dp["licenses"][0]["title"] in html and "Open Government Licence v3.0" in html
    assert 'id="attribution">Contains public sector information licensed under the Open Government Licence' in html
    # the data's date (`created`: the newest source's) apart from the release's (none: a build made without one)
    assert f'Data as of <span id="data-date">{dp["created"][:10]}</span>' in html and "released" not in dp
    assert '<span id="released">not released (built without a release date)</span>' in html
    assert f"pdfplumber {metadata.version('pdfplumber')}" in html
    for s in load_tables(built)["sources"]:
        assert s["sha256"] in html and s["source_id"] in html
        assert (s.get("url") or "") in html and (s.get("publisher") or "") in html


@pytest.mark.build
def test_each_resource_links_every_file_the_descriptor_lists(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    links = {attrs["href"] for tag, attrs in _tags(html) if tag == "a" and "download" in attrs}
    dp = json.loads((built / "datapackage.json").read_text())
    for r in dp["resources"]:
        listed = {r["path"]} | {v["path"] for v in r.values() if isinstance(v, dict) and "path" in v}
        assert listed <= links, r["name"]


@pytest.mark.build
def test_every_check_of_the_validation_report_is_listed_once(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    report = json.loads((built / "reports" / "validation.json").read_text())
    body = html[html.index('<table id="checks">'):]
    body = body[:body.index("</table>")]
    assert body.count("<tr class=") == len(report["checks"]) == report["summary"]["checks"]
    assert body.count('<tr class="fail">') == report["summary"]["failed"]


@pytest.mark.build
def test_one_small_png_per_page_a_row_came_from(built):
    tables = load_tables(built)
    used = {(r["source_id"], r["page"]) for name, rows in tables.items() if name not in ("sources",)
            for r in rows if r.get("source_id") and r.get("page")}
    images = sorted((built / "pages").glob("*.png"))
    assert sorted(p.name for p in images) == sorted(f"{s}-p{n}.png" for s, n in used)
    for p in images:
        data = p.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 100_000, p.name


@pytest.mark.build
def test_codebook_has_citation_attribution_data_date_tools_and_the_landing_page(built):
    readme = (built / "README.md").read_text(encoding="utf-8")
    dp = json.loads((built / "datapackage.json").read_text())
    assert "## How to cite" in readme and f"version {dp['version']}" in readme
    assert "Contains public sector information licensed under the Open Government Licence v3.0" in readme
    assert f"- Data as of: {dp['created'][:10]} (the descriptor's `created`" in readme
    assert "- Released: not released (built without a release date)" in readme
    assert f"- great-expectations {metadata.version('great-expectations')}" in readme
    assert "(index.html)" in readme and Path(built / "index.html").is_file() and "`CITATION.cff`" in readme


def _text(html: str, element_id: str) -> str:
    """The text of the element with this id (tags dropped, entities decoded, white space collapsed)."""
    from html import unescape

    start = html.index(f'id="{element_id}"')
    body = html[html.index(">", start) + 1:]
    tag = re.search(r"<(\w+)", html[html.rindex("<", 0, start):]).group(1)
    body = body[:body.index(f"</{tag}>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", "", body)).split())


def test_summary_states_coverage_verdict_this_release_and_the_facsimile_warning(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    tables = load_tables(built)
    report = json.loads((built / "reports" / "validation.json").read_text())
    summary = html[html.index('<section id="summary"'):html.index("</section>")]
    covers = _text(summary, "covers")
    assert f"{len(tables['sources'])} documents" in covers
    assert f"{len({r['gss_code'] for r in tables['officer_allocations']})} of the 32 MPS boroughs" in covers
    for period in {r["period"] for r in tables["borough_priorities"] + tables["borough_performance"]}:
        assert period in covers
    checks, failed = report["summary"]["checks"], report["summary"]["failed"]
    verdict = _text(summary, "verdict")
    assert f"{checks - failed} of {checks} checks passed, {failed} failed" in verdict
    assert f"{len(tables['errata'])} errata" in verdict
    section = (built / "CHANGELOG.md").read_text(encoding="utf-8").split("\n## ")[1].splitlines()
    release = _text(summary, "release")
    assert release.startswith(section[0]) and section[2].removeprefix("- ") in release
    facsimiles = sum(1 for s in tables["sources"] if s["facsimile"])
    assert facsimiles and f"{facsimiles} of {len(tables['sources'])} source documents are facsimiles" in summary
    dp = json.loads((built / "datapackage.json").read_text())
    assert f'<a class="button" id="download-all" href="{dp["download"]["path"]}" download>' in summary


def test_no_facsimile_warning_when_no_source_is_one(built):
    from pipeline.publish.landing import landing_context, render_landing

    dp = json.loads((built / "datapackage.json").read_text())
    tables = load_tables(built)
    tables["sources"] = [{**s, "facsimile": False} for s in tables["sources"]]
    html = render_landing(landing_context(dp, tables, {}, {}, {}, "# Changelog\n\n## 9.9.9 (2020-01-01)\n\n- `x` y\n"))
    assert "facsimile-warning" not in html and "9.9.9 (2020-01-01): <code>x</code> y" in html


def test_technical_columns_are_marked_to_hide_and_the_page_data_names_them(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    data = json.loads(html.split('<script type="application/json" id="package-data">', 1)[1].split("</script>")[0])
    assert {"source_id", "page"} <= set(data["technical"]["officer_allocations"])
    assert "source_id" not in data["technical"]["sources"] and "sha256" in data["technical"]["sources"]
    assert data["technical"]["cells"] == []
    assert '<th scope="col" class="tech">sha256</th>' in html
