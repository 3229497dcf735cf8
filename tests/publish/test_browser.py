"""index.html opened from disk in headless Chromium with the network off: it loads cleanly, shows the
resources, row counts and errata, filters rows by a borough, and shows a row's source page and printed text."""
from __future__ import annotations

import pytest
from helpers.tools import require

from tests.publish.conftest import load_tables

pytestmark = [pytest.mark.build, pytest.mark.needs("chromium")]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser_page(built, tmp_path_factory):
    """A Chromium page on the package's index.html, with every request, failure and console error recorded."""
    from playwright import sync_api

    chromium = require("chromium")
    events: dict[str, list] = {"requests": [], "failed": [], "errors": []}
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=chromium, headless=True, args=FLAGS,
            offline=True, viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
        page = context.new_page()
        page.on("request", lambda r: events["requests"].append(r.url))
        page.on("requestfailed", lambda r: events["failed"].append(f"{r.url}: {r.failure}"))
        page.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: events["errors"].append(str(e)))
        page.goto((built / "index.html").as_uri())
        page.wait_for_load_state("load")
        yield page, events
        context.close()


def test_loads_offline_without_failed_requests_or_console_errors(browser_page):
    page, events = browser_page
    assert events["failed"] == [] and events["errors"] == []
    assert all(url.startswith("file:") for url in events["requests"])


def test_shows_every_resource_its_row_count_and_the_errata(browser_page, built):
    page, _ = browser_page
    tables = load_tables(built)
    for name, rows in tables.items():
        assert page.locator(f"td[data-rows='{name}']").inner_text() == str(len(rows))
        assert page.locator(f"#resource-{name} h3").inner_text().startswith(name)
    errata = page.locator("#errata tbody tr")
    assert errata.count() == len(tables["errata"]) > 0
    first = tables["errata"][0]
    assert str(first["printed"]) in errata.first.inner_text() and str(first["computed"]) in errata.first.inner_text()


def test_searching_a_borough_filters_the_rows(browser_page, built):
    page, _ = browser_page
    rows = load_tables(built)["officer_allocations"]
    article = page.locator("#resource-officer_allocations")
    article.locator("summary", has_text="Rows").click()
    article.locator("input.search").fill("Havering")
    expected = [r for r in rows if any("havering" in str(v).lower() for v in r.values())]
    assert 0 < len(expected) < len(rows)
    assert article.locator(".rows tbody tr").count() == len(expected)
    assert all("Havering" in t for t in article.locator(".rows tbody tr").all_inner_texts())
    article.locator("input.search").fill("")
    assert article.locator(".rows tbody tr").count() == len(rows)


def test_provenance_of_a_row_shows_its_page_and_printed_text(browser_page, built):
    page, _ = browser_page
    tables = load_tables(built)
    row = next(r for r in tables["borough_performance"] if r["crime_type_id"] == "burglary_residential"
               and r["gss_code"] == "E09000003")
    article = page.locator("#resource-borough_performance")
    article.locator("input.search").fill("Residential burglary")
    article.locator(".rows tbody tr", has_text="E09000003").first.click()
    panel = page.locator("#provenance")
    assert panel.is_visible()
    image = panel.locator(".page img")
    page.wait_for_function("document.querySelector('#provenance .page img').complete")
    assert image.evaluate("i => i.naturalWidth") > 0
    assert f"page {row['page']}" in panel.locator(".where").inner_text()
    cells = [c for c in tables["cells"] if c["resource"] == "borough_performance"
             and c["row_key"] == f"{row['period']} | {row['gss_code']} | {row['crime_type_id']}"]
    assert cells  # the printed text beside each published value, and its box outlined on the page
    printed = panel.locator(".values td.printed").all_inner_texts()
    assert sorted(printed) == sorted(c["text"].removeprefix("'") for c in cells)
    assert "432" in printed and "+16.6%" in printed  # as printed in raw/lps_barnet_2009-10.pdf
    assert panel.locator(".box").count() == len({(c["x0"], c["top"], c["x1"], c["bottom"]) for c in cells})
    page.keyboard.press("Escape")
    assert not panel.is_visible()

