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
def test_page_states_the_package_licence_citation_build_date_and_tools(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    dp = json.loads((built / "datapackage.json").read_text())
    assert dp["title"] in html and f'<span id="version">{dp["version"]}</span>' in html
    assert dp["licenses"][0]["title"] in html and "Open Government Licence v3.0" in html
    assert 'id="attribution">Contains public sector information licensed under the Open Government Licence' in html
    assert f'<dd id="build-date">{dp["created"][:10]}</dd>' in html
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
def test_codebook_has_citation_attribution_build_date_tools_and_the_landing_page(built):
    readme = (built / "README.md").read_text(encoding="utf-8")
    dp = json.loads((built / "datapackage.json").read_text())
    assert "## How to cite" in readme and f"version {dp['version']}" in readme
    assert "Contains public sector information licensed under the Open Government Licence v3.0" in readme
    assert f"Build date: {dp['created'][:10]}" in readme
    assert f"- great-expectations {metadata.version('great-expectations')}" in readme
    assert "(index.html)" in readme and Path(built / "index.html").is_file()
