"""Journeys through finding and comparing charters, in Chromium: filtering the list by keyboard with the
count announced, a shared filter address, comparing two charters, the matrix at 320 px; axe-core on each."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import axe_check, close_context, format_violations, new_context
from tests.conftest import (
    SEED_SITE_URL,
    generated_charters,
    ignore_missing_easy_read,
    make_project,
    run_build,
)

pytestmark = pytest.mark.browser

SEEDS = ("changing-futures-bristol", "gloucestershire-collaborative-partnership-board")


@pytest.fixture(scope="module")
def find_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped charters and 120 generated ones, PDFs off, built for the sub-path the tests serve."""
    project = make_project(
        tmp_path_factory.mktemp("find-browser"),
        generated_charters(120),
        copy_charters=True,
        config=ignore_missing_easy_read,
    )
    result = run_build(project, env={"CHARTERKIT_SITE_URL": SEED_SITE_URL})
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="module")
def base(find_site: Path, serve_site: Callable[..., str]) -> str:
    return serve_site(find_site)


@pytest.fixture
def page(browser: Any, base: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    width, scheme = getattr(request, "param", (1280, "light"))
    context, log = new_context(browser, base, scheme, width)
    tab = context.new_page()
    yield tab
    assert not log.foreign, log.foreign
    assert not log.failed, log.failed
    close_context(context)


def _catalogue(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "charters" / "catalogue.json").read_text(encoding="utf-8"))
    return data


def _no_violations(page: Any, where: str) -> None:
    violations = axe_check(page)
    assert not violations, format_violations(violations, f"{where}: ")


def _tab_to(page: Any, element_id: str, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} was not reached with the Tab key")


def test_filter_the_list_by_keyboard_and_hear_the_count(page: Any, base: str, find_site: Path) -> None:
    cat = _catalogue(find_site)
    page.goto(base + "charters/")
    page.wait_for_selector("form[data-ck-filter]:not([hidden])")
    status = page.locator("[data-ck-count]")
    assert status.get_attribute("role") == "status"

    _tab_to(page, "ck-filter-sector")
    page.keyboard.press("ArrowDown")  # the first sector
    sector = page.eval_on_selector("#ck-filter-sector", "s => s.value")
    assert sector
    expected = [c for c in cat["charters"] if c["filters"]["sector"] == sector]
    page.wait_for_function("() => document.querySelector('[data-ck-count]').textContent.includes('match')")
    assert status.inner_text().startswith(f"{len(expected)} charter")
    assert "your choices" in status.inner_text()
    assert f"?sector={sector}" in page.url

    _tab_to(page, "ck-filter-easy-read")
    page.keyboard.press("Space")
    expected = [c for c in expected if c["filters"]["easy-read"]]
    page.wait_for_function(
        f"() => document.querySelector('[data-ck-count]').textContent.startsWith('{len(expected)} ')"
    )
    shown = page.locator("[data-ck-results] .ck-charter-card__title a").all_inner_texts()
    assert shown == [c["title"] for c in expected][:50]
    assert "easy-read=1" in page.url
    _no_violations(page, "filtered list")

    page.keyboard.press("Shift+Tab")  # back to the sector choice, then clear it from the keyboard
    _tab_to(page, "ck-filter-sector")
    page.keyboard.press("Home")
    page.wait_for_function("() => !location.search.includes('sector=')")


def test_a_shared_filter_address_opens_filtered(page: Any, base: str, find_site: Path) -> None:
    cat = _catalogue(find_site)
    page.goto(base + "charters/?theme=payment&year=2020")
    page.wait_for_function("() => document.querySelector('[data-ck-count]').textContent.length > 0")
    expected = [
        c["title"]
        for c in cat["charters"]
        if "payment" in c["filters"]["theme"] and c["filters"]["year"] == "2020"
    ]
    assert page.eval_on_selector("#ck-filter-theme", "s => s.value") == "payment"
    assert page.locator("[data-ck-results] .ck-charter-card__title a").all_inner_texts() == expected[:50]
    assert page.locator("[data-ck-count]").inner_text().startswith(f"{len(expected)} charter")


@pytest.mark.parametrize(
    "page", [(1280, "light"), (320, "dark")], indirect=True, ids=["1280px-light", "320px-dark"]
)
def test_compare_two_charters(page: Any, base: str, find_site: Path) -> None:
    records = [
        json.loads((find_site / "data" / "charters" / f"{slug}.json").read_text(encoding="utf-8"))
        for slug in SEEDS
    ]
    page.goto(base + "charters/compare/")
    page.wait_for_selector("form[data-ck-compare]:not([hidden])")
    assert page.locator("[data-ck-nojs]").is_hidden()
    page.select_option("#ck-compare-a", SEEDS[0])
    page.select_option("#ck-compare-b", SEEDS[1])
    page.focus("#ck-compare-c")
    page.keyboard.press("Tab")  # to the Compare button
    assert page.evaluate("document.activeElement.textContent") == "Compare"
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-ck-compare-result] h2#comparison")
    assert f"?a={SEEDS[0]}&b={SEEDS[1]}" in page.url
    assert page.locator("[data-ck-count]").inner_text().startswith("Comparing 2 charters across")

    cat = _catalogue(find_site)
    labels = {t["value"]: t["label"] for t in cat["facets"]["theme"]}
    rows = page.locator(".ck-compare__row")
    row_titles = rows.locator("h3").all_inner_texts()
    expected_rows = [labels[t] for t in labels if any(t in r["themes"] for r in records)]
    assert row_titles[: len(expected_rows)] == expected_rows
    for i, title in enumerate(expected_rows):
        tid = next(t for t, label in labels.items() if label == title)
        cols = rows.nth(i).locator(".ck-compare__col")
        assert cols.count() == 2
        for col_index, record in enumerate(records):
            col = cols.nth(col_index)
            assert col.locator(".ck-compare__charter").inner_text() == record["title"]
            principles = [
                p["title"] for s in _flat(record["sections"]) for p in s["principles"] if tid in p["themes"]
            ]
            assert col.locator("h4").all_inner_texts() == principles
    # Side by side when wide; one column, in reading order, when narrow.
    first = rows.nth(0).locator(".ck-compare__col")
    a, b = first.nth(0).bounding_box(), first.nth(1).bounding_box()
    if page.viewport_size["width"] >= 1000:
        assert abs(a["y"] - b["y"]) < 2 and b["x"] > a["x"]
    else:
        assert b["y"] > a["y"]
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    _no_violations(page, "compare")

    # The address can be shared: opening it shows the same comparison.
    page.goto(page.url)
    page.wait_for_selector("[data-ck-compare-result] h2#comparison")
    assert page.locator(".ck-compare__row h3").all_inner_texts() == row_titles


def _flat(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for s in sections:
        out.append(s)
        out.extend(_flat(s["sections"]))
    return out


@pytest.mark.parametrize(
    "page",
    [(1280, "light"), (1280, "dark"), (320, "light"), (320, "dark")],
    indirect=True,
    ids=["1280px-light", "1280px-dark", "320px-light", "320px-dark"],
)
def test_find_pages_pass_axe_and_fit_the_screen(page: Any, base: str) -> None:
    for path in (
        "charters/",
        "charters/?sector=adult-social-care&easy-read=1",
        "charters/matrix/",
        "charters/matrix/page-2/",
        "charters/themes/payment/",
        "charters/themes/",
        "charters/by-area/",
        "charters/sector/adult-social-care/",
        "charters/compare/",
        "opendata/",
        "finding/",
        "charters/changing-futures-bristol/",
    ):
        page.goto(base + path)
        page.wait_for_load_state("load")
        if "?" in path or "compare" in path:  # the filter and compare forms, shown by the script
            page.wait_for_selector("form:not([hidden])[data-ck-filter], form:not([hidden])[data-ck-compare]")
        _no_violations(page, path)
        if page.viewport_size["width"] == 320:
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at 320 px"


@pytest.mark.parametrize("page", [(1280, "light"), (320, "dark")], indirect=True, ids=["1280px", "320px"])
def test_a_long_report_is_paged_with_a_few_links_to_tab_through(page: Any, base: str) -> None:
    # 125 charters, 10 a page: 13 pages. Each page links its neighbours and both ends, not all 13.
    page.goto(base + "readability/page-7/")
    page.wait_for_load_state("load")
    pager = page.locator("nav.ck-pager").first
    assert "on 13 pages" in pager.inner_text() and "This is page 7" in pager.inner_text()
    assert pager.locator("a").all_inner_texts() == ["Previous page", "1", "6", "7", "8", "13", "Next page"]
    assert pager.locator("a[aria-current=page]").inner_text() == "7"
    assert pager.locator(".ck-pager__gap").count() == 2  # the pages left out: text, never a stop
    _no_violations(page, "readability/page-7/")
    pager.get_by_role("link", name="Next page").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/readability/page-8/")
    assert page.locator("nav.ck-pager a[aria-current=page]").first.inner_text() == "8"
    page.locator("nav.ck-pager").first.get_by_role("link", name="13", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/readability/page-13/")
    last = page.locator("nav.ck-pager").first
    assert last.locator("a").all_inner_texts() == ["Previous page", "1", "12", "13"]  # no next page
