"""Issue 23: text from any input is text in every output. Payloads (markup that closes or opens a script, HTML
with handlers, Markdown links and images, a NUL, escape sequences, CR, U+2028) go into every input a package's
text comes from: PDF text (every text cell of every table), labels (the quarantine list), file names, skip
reasons and sources.yaml (titles, publishers). Every output is then read as its reader reads it: index.html in
headless Chromium, README.md through a CommonMark renderer that passes raw HTML (markdown-it-py), CSV, JSON
and SQLite."""
from __future__ import annotations

import csv
import html.parser
import io
import json
import sqlite3
import unicodedata

import pytest

from pipeline.publish.codebook import descriptor_to_codebook
from pipeline.publish.exports.sqlite import write_sqlite
from pipeline.publish.landing import _data_json, landing_context, render_landing
from pipeline.publish.package import rows_to_csv, typed_rows
from tests.publish.conftest import load_tables
from helpers.tools import require
from tests.publish.test_browser import FLAGS

PAYLOAD = ("x<!--<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"
           "[a](javascript:window.__pwned=3)![i](x)<b>b</b>&amp;\x00\x1b[2J\r\n\u2028\u202e`|*_")
TAGS = {"h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code", "a", "em", "strong"}


def _poisoned(value):
    return PAYLOAD + value if isinstance(value, str) and not value.startswith(("'", "20")) else value


def _keys(descriptor: dict) -> set[str]:
    """Every field that is a primary key, a foreign key or referred to by one (kept as they are: the rows must
    still join)."""
    out = set()
    for r in descriptor["resources"]:
        out |= set(r["schema"].get("primaryKey", []))
        for fk in r["schema"].get("foreignKeys", []):
            out |= set(fk["fields"]) | set(fk["reference"]["fields"])
    return out


def test_embedded_json_cannot_end_or_reopen_the_script_element():
    text = _data_json({"s": "In all <!--<script> and </script> & \u2028\u2029 >"})
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert json.loads(text) == {"s": "In all <!--<script> and </script> & \u2028\u2029 >"}


@pytest.fixture(scope="module")
def poisoned(built, tmp_path_factory) -> dict:
    """The package from raw/ with the payload before every text value (except keys and dates), in the sources'
    titles, publishers and file names, and in a skipped file, a skip reason and a quarantined label."""
    descriptor = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    keys = _keys(descriptor)
    tables = {name: [{k: v if k in keys else _poisoned(v) for k, v in row.items()} for row in rows]
              for name, rows in load_tables(built).items()}
    build = {"skipped": [{"file": PAYLOAD + ".pdf", "reason": PAYLOAD}],
             "quarantine": [{"file": PAYLOAD + ".pdf", "page": 1, "field": "crime_type", "label": PAYLOAD,
                             "resource": "borough_performance", "candidates": []}]}
    descriptor["title"] = PAYLOAD
    return {"descriptor": descriptor, "tables": tables, "build": build, "folder": tmp_path_factory.mktemp("poison")}


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.tags.append((tag, attrs))

    def handle_data(self, data):  # noqa: ANN001
        self.text.append(data)


@pytest.mark.build
def test_readme_renders_every_payload_as_text(poisoned):
    from markdown_it import MarkdownIt

    text = descriptor_to_codebook(poisoned["descriptor"], poisoned["tables"], poisoned["build"])
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    parser = _Tags()
    parser.feed(rendered)
    assert {t for t, _ in parser.tags} <= TAGS, {t for t, _ in parser.tags} - TAGS
    assert all(not v.startswith("javascript:") for t, attrs in parser.tags for k, v in attrs if k == "href")
    shown = "".join(parser.text)
    assert "<script>window.__pwned=1</script>" in shown and "<img src=x" in shown  # as text, to be read
    assert "\x00" not in text and "\x1b" not in text and "\r" not in text and "\u202e" not in text


@pytest.mark.build
def test_csv_json_and_sqlite_hold_the_payload_as_text_without_control_characters(poisoned, tmp_path):
    from pipeline.publish.cells import clean_text
    from pipeline.publish.package import load_schema

    descriptor, tables = poisoned["descriptor"], poisoned["tables"]
    schema = load_schema("reported_figures")
    rows = typed_rows(tables["reported_figures"], schema)
    expected = clean_text(PAYLOAD)
    assert rows and all(r["sentence"].startswith(expected) for r in rows)
    text = rows_to_csv(rows, schema).decode("utf-8")
    assert not [c for c in text if unicodedata.category(c) == "Cc" and c != "\n"]
    back = list(csv.DictReader(io.StringIO(text)))
    assert len(back) == len(rows) and all(r["sentence"].startswith(expected) for r in back)
    assert json.loads(json.dumps(rows))[0]["sentence"].startswith(expected)
    typed = {r["name"]: typed_rows(tables.get(r["name"], []), r["schema"]) for r in descriptor["resources"]}
    write_sqlite(tmp_path / "p.sqlite", descriptor, typed)
    with sqlite3.connect(tmp_path / "p.sqlite") as conn:
        sentences = [s for (s,) in conn.execute("select sentence from reported_figures")]
    assert sentences and all(s.startswith(expected) for s in sentences)


@pytest.mark.build
@pytest.mark.needs("chromium")
def test_index_html_in_chromium_shows_every_payload_as_text_and_runs_only_its_own_script(poisoned, built):
    from playwright import sync_api

    chromium = require("chromium")
    folder = poisoned["folder"]
    validation = json.loads((built / "reports" / "validation.json").read_text(encoding="utf-8"))
    page_html = render_landing(landing_context(poisoned["descriptor"], poisoned["tables"], poisoned["build"],
                                               validation, {}))
    (folder / "index.html").write_text(page_html, encoding="utf-8")
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(folder / "profile"), executable_path=chromium,
                                                       headless=True, args=FLAGS, offline=True)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((folder / "index.html").as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("img[src='x']").count() == 0 and page.locator("b", has_text="b").count() == 0
        article = page.locator("#resource-reported_figures")
        article.locator("summary", has_text="Rows").click()
        first = article.locator(".rows tbody tr").first.inner_text()
        assert "<script>window.__pwned=1</script>" in first  # the landing page's own script drew the rows
        while article.locator("button.more").count():  # the rows are drawn a page at a time
            article.locator("button.more").click()
        assert article.locator(".rows tbody tr").count() == len(poisoned["tables"]["reported_figures"])
        assert page.evaluate("window.__pwned") is None
        context.close()
    assert errors == []
