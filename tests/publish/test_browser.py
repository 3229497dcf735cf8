"""index.html opened from disk in headless Chromium with every request off the disk refused, at 1366 px and
390 px: it loads cleanly, passes axe-core, never scrolls sideways, puts its summary in the first screen, works by
keyboard, and its pictures show the published values (read here from the package's data files)."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers.tools import require

from tests.publish.conftest import load_tables

pytestmark = [pytest.mark.build, pytest.mark.needs("chromium")]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP, PHONE = (1366, 768), (390, 844)
BARNET, HAVERING = "E09000003", "E09000016"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A Chromium context that refuses every request not for a file; yields a function opening index.html at a
    viewport, with the page's requests, failed requests and console errors recorded."""
    from playwright import sync_api

    chromium = require("chromium")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=chromium, headless=True, args=FLAGS,
            offline=True, viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
        pages = []

        def open_page(package: Path, size: tuple[int, int] = DESKTOP):
            page = context.new_page()
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.events = {"requests": [], "failed": [], "errors": []}
            page.on("request", lambda r: page.events["requests"].append(r.url))
            page.on("requestfailed", lambda r: page.events["failed"].append(f"{r.url}: {r.failure}"))
            page.on("console", lambda m: page.events["errors"].append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: page.events["errors"].append(str(e)))
            page.goto((package / "index.html").as_uri())
            page.wait_for_load_state("load")
            pages.append(page)
            return page

        yield open_page
        context.close()


@pytest.fixture(scope="module")
def browser_page(browser, built):
    """The page at 1366 x 768, shared by the tests that only read it or open and close things."""
    return browser(built, DESKTOP)


def _open_everything(page) -> None:
    """Every <details> open and the technical columns shown."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.wait_for_function("[...document.querySelectorAll('details.rows-view .rows')].every(r => r.firstChild)")
    if not page.locator("#show-technical").is_checked():
        page.locator("#show-technical").check()


def _axe(page, context: str | None = None) -> list[str]:
    """axe-core's violations on the page (or the part `context` selects), one line each."""
    from axe_playwright_python.sync_playwright import Axe  # the dev extra's; bundles axe-core, fetches nothing

    result = Axe().run(page, context=context)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
            for v in result.response["violations"]]


def test_loads_offline_without_failed_requests_or_console_errors(browser_page):
    events = browser_page.events
    assert events["failed"] == [] and events["errors"] == []
    assert events["requests"] and all(url.startswith("file:") for url in events["requests"])


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1366", "390"])
def test_axe_finds_no_violation_loaded_and_with_every_section_open(browser, built, size):
    page = browser(built, size)
    assert _axe(page) == []
    _open_everything(page)
    assert _axe(page) == []
    page.locator("#resource-borough_performance .rows tbody tr").first.click()
    assert page.locator("#provenance").evaluate("d => d.open")
    assert _axe(page, "#provenance") == []
    page.keyboard.press("Escape")
    assert page.events["failed"] == [] and page.events["errors"] == []
    assert all(url.startswith("file:") for url in page.events["requests"])


def test_no_horizontal_page_scroll_at_390_px(browser, built):
    page = browser(built, PHONE)
    width = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    scroll, client = page.evaluate(width)
    assert client == PHONE[0] and scroll <= client
    _open_everything(page)
    scroll, client = page.evaluate(width)
    assert scroll <= client
    # wide tables scroll inside their own focusable region instead
    regions = page.locator(".table-scroll")
    assert regions.count() > 10
    assert all(r.get_attribute("tabindex") == "0" and r.get_attribute("role") == "region" for r in regions.all())


def test_summary_is_in_the_first_screen_at_1366_by_768(browser_page, built):
    box = browser_page.locator("#summary").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= DESKTOP[1]
    tables = load_tables(built)
    covers = browser_page.locator("#covers").inner_text()
    for period in {r["period"] for r in tables["borough_performance"] + tables["borough_priorities"]}:
        assert period in covers
    for year in {r["year"] for r in tables["officer_allocations"]}:
        assert str(year) in covers
    assert browser_page.locator("#download-all").is_visible()


def test_a_rows_provenance_opens_and_closes_by_keyboard_alone(browser, built):
    page = browser(built, DESKTOP)
    target = "#resource-borough_performance .rows tbody tr"
    for _ in range(1500):  # Tab from the top until a row of borough_performance has the focus
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({target!r})"):
            break
    else:
        pytest.fail("no row of borough_performance is reachable by Tab")
    row_text = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(f"document.activeElement.matches({target!r})")
    row_text = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    dialog = page.locator("#provenance")
    assert dialog.evaluate("d => d.open") and dialog.get_attribute("aria-modal") == "true"
    assert page.evaluate("document.activeElement.closest('#provenance') !== null")
    assert dialog.locator(".values td.printed").count() > 0
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate(f"document.activeElement.matches({target!r})")
    assert page.evaluate("document.activeElement.textContent") == row_text


def test_sort_headers_are_buttons_a_keyboard_presses(browser_page):
    article = browser_page.locator("#resource-officer_allocations")
    if not article.locator("details.rows-view").evaluate("d => d.open"):
        article.locator("summary", has_text="Rows").click()
    button = article.locator("thead button[data-column='officers']")
    assert button.count() == 1
    button.focus()
    browser_page.keyboard.press("Enter")
    header = browser_page.locator("#resource-officer_allocations thead th", has=browser_page.locator(
        "button[data-column='officers']"))
    assert header.get_attribute("aria-sort") == "ascending"
    browser_page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"


def _officers(tables: dict, gss: str, team: str = "borough_total") -> dict[int, int]:
    return {r["year"]: r["officers"] for r in tables["officer_allocations"]
            if r["gss_code"] == gss and r["team"] == team}


@pytest.mark.parametrize("gss", [BARNET, HAVERING])
def test_tile_map_shows_the_published_value_of_a_borough(browser, built, gss):
    browser_page = browser(built, DESKTOP)
    tables = load_tables(built)
    name = next(b["borough"] for b in tables["boroughs"] if b["gss_code"] == gss)
    officers = _officers(tables, gss)
    latest = max(officers)
    tile = browser_page.locator(f"#tilemap a.tile[data-gss='{gss}']")
    assert browser_page.locator("#tilemap a.tile").count() == 33
    label = tile.get_attribute("aria-label")
    assert label == tile.locator("title").text_content()
    assert label.startswith(f"{name}: {officers[latest]:,} officers")
    assert f"Borough total, {latest}" in browser_page.locator("#tilemap-choice option:checked").inner_text()
    # the residential burglary change each borough's own summary printed
    perf = next(r for r in tables["borough_performance"] if r["gss_code"] == gss
                and r["crime_type_id"] == "burglary_residential")
    choice = browser_page.locator("#tilemap-choice option", has_text="borough performance").filter(
        has_text="Residential burglary")
    browser_page.select_option("#tilemap-choice", value=choice.get_attribute("value"))
    assert tile.get_attribute("aria-label") == f"{name}: {perf['percent_change']:g} % change in offences"


@pytest.mark.parametrize("gss", [BARNET, HAVERING])
def test_change_chart_shows_each_boroughs_officers_in_both_years(browser_page, built, gss):
    tables = load_tables(built)
    name = next(b["borough"] for b in tables["boroughs"] if b["gss_code"] == gss)
    officers = _officers(tables, gss)
    first, last = min(officers), max(officers)
    change = officers[last] - officers[first]
    row = browser_page.locator(f"#change-chart g.row[data-gss='{gss}']")
    sign = "+" if change > 0 else "\u2212" if change < 0 else ""
    assert row.get_attribute("aria-label") == (f"{name}: {officers[first]:,} in {first}, {officers[last]:,} in "
                                               f"{last} ({sign}{abs(change):,})")
    assert f"{sign}{abs(change):,}" in row.text_content()


def test_one_boroughs_view_gathers_every_value_published_for_it(browser_page, built):
    tables = load_tables(built)
    browser_page.select_option("#borough-choice", value=HAVERING)
    view = browser_page.locator("#borough-view")
    for name in ("officer_allocations", "borough_priorities", "borough_performance", "borough_targets",
                 "reported_figures"):
        rows = [r for r in tables[name] if HAVERING in (r.get("gss_code"), r.get("document_gss_code"))]
        region = view.locator(f".table-scroll[aria-label='{name} of Havering']")
        assert region.locator("tbody tr").count() == len(rows), name
    view.locator(".table-scroll[aria-label='borough_performance of Havering'] tbody tr").first.click()
    dialog = browser_page.locator("#provenance")
    assert dialog.evaluate("d => d.open")
    assert "mpa-local-policing-summary-havering" in dialog.locator(".where").inner_text()
    browser_page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")


def test_shows_every_resource_its_row_count_and_the_errata(browser_page, built):
    tables = load_tables(built)
    for name, rows in tables.items():
        assert browser_page.locator(f"td[data-rows='{name}']").inner_text() == str(len(rows))
        assert browser_page.locator(f"#resource-{name} h3").inner_text().startswith(name)
    errata = browser_page.locator("#errata tbody tr")
    assert errata.count() == len(tables["errata"]) > 0
    first = tables["errata"][0]
    assert str(first["printed"]) in errata.first.inner_text() and str(first["computed"]) in errata.first.inner_text()


def test_an_errata_row_shows_the_printed_figure_outlined_on_its_page(browser_page, built):
    tables = load_tables(built)
    erratum = tables["errata"][0]
    boxes = [c for c in tables["cells"] if c["resource"] == "errata" and c["row_key"] == erratum["discrepancy_id"]]
    assert {c["column"] for c in boxes} == {"printed", "row"}
    browser_page.locator(f"#errata tbody tr[data-key='{erratum['discrepancy_id']}']").click()
    dialog = browser_page.locator("#provenance")
    assert dialog.evaluate("d => d.open")
    assert dialog.locator(".box").count() == len(boxes)
    printed = dialog.locator(".values tr[data-column='printed'] td.printed").inner_text()
    assert printed == next(c["text"] for c in boxes if c["column"] == "printed")
    browser_page.keyboard.press("Escape")


def test_searching_a_borough_filters_the_rows(browser_page, built):
    rows = load_tables(built)["officer_allocations"]
    article = browser_page.locator("#resource-officer_allocations")
    if not article.locator("details.rows-view").evaluate("d => d.open"):
        article.locator("summary", has_text="Rows").click()
    article.locator("input.search").fill("Havering")
    expected = [r for r in rows if any("havering" in str(v).lower() for v in r.values())]
    assert 0 < len(expected) < len(rows)
    assert article.locator(".rows tbody tr").count() == len(expected)
    assert all("Havering" in t for t in article.locator(".rows tbody tr").all_inner_texts())
    article.locator("input.search").fill("")
    assert f"{len(rows)} of {len(rows)} rows" in article.locator(".count").inner_text()
    drawn = article.locator(".rows tbody tr")
    while article.locator("button.more").count():  # rows are drawn a page at a time
        before = drawn.count()
        article.locator("button.more").click()
        assert drawn.count() > before
    assert drawn.count() == len(rows)


def test_provenance_of_a_row_shows_its_page_printed_text_and_the_originals_page(browser_page, built):
    tables = load_tables(built)
    row = next(r for r in tables["borough_performance"] if r["crime_type_id"] == "burglary_residential"
               and r["gss_code"] == BARNET)
    article = browser_page.locator("#resource-borough_performance")
    article.locator("input.search").fill("Residential burglary")
    article.locator(".rows tbody tr", has_text=BARNET).first.click()
    panel = browser_page.locator("#provenance")
    assert panel.is_visible()
    image = panel.locator(".page img")
    browser_page.wait_for_function("document.querySelector('#provenance .page img').complete")
    assert image.evaluate("i => i.naturalWidth") > 0
    assert f"page {row['page']}" in panel.locator(".where").inner_text()
    cells = [c for c in tables["cells"] if c["resource"] == "borough_performance"
             and c["row_key"] == f"{row['period']} | {row['gss_code']} | {row['crime_type_id']}"]
    assert cells  # the printed text beside each published value, and its box outlined on the page
    printed = panel.locator(".values td.printed").all_inner_texts()
    assert sorted(printed) == sorted(c["text"].removeprefix("'") for c in cells)
    assert "432" in printed and "+16.6%" in printed  # as printed in raw/lps_barnet_2009-10.pdf
    assert panel.locator(".box").count() == len({(c["x0"], c["top"], c["x1"], c["bottom"]) for c in cells})
    browser_page.keyboard.press("Escape")
    assert not panel.is_visible()
    article.locator("input.search").fill("")


def test_provenance_links_the_original_at_its_page(browser_page, built):
    tables = load_tables(built)
    urls = {s["source_id"]: s["url"] for s in tables["sources"] if s.get("url")}
    row = next(r for r in tables["officer_allocations"] if r["source_id"] in urls)
    browser_page.select_option("#borough-choice", value=row["gss_code"])
    browser_page.locator("#borough-view .table-scroll[aria-label^='officer_allocations'] tbody tr").first.click()
    links = browser_page.locator("#provenance .links a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    assert f"{urls[row['source_id']]}#page={row['page']}" in links
    browser_page.keyboard.press("Escape")
